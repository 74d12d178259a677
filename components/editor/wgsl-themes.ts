import type * as Monaco from "monaco-editor";

/**
 * Editor themes whose every token colour passes WCAG AA (4.5:1) on its background, light and dark (Monaco's
 * own "vs" theme draws attributes such as @group in #808080, 3.94:1 on white: an axe serious violation on every
 * page with the editor). Ratios on #ffffff / #1e1e1e, checked when chosen: comments 6.4 / 8.2, keywords 8.6 / 7.4,
 * types 5.7 / 8.2, attributes 7.0 / 8.0, built-ins 6.1 / 11.8, numbers 6.3 / 9.8, line numbers 5.8 / 6.5.
 * Both the WGSL editor and the Python/TypeScript editor use them (editor-theme.ts), so they follow the page's theme.
 */
export const WGSL_LIGHT = "loopbench-light";
export const WGSL_DARK = "loopbench-dark";

export const wgslThemes: Record<string, Monaco.editor.IStandaloneThemeData> = {
  [WGSL_LIGHT]: {
    base: "vs",
    inherit: true,
    rules: [
      { token: "comment", foreground: "2e6b30" },
      { token: "keyword", foreground: "0000ff" },
      { token: "keyword.directive", foreground: "8b008b", fontStyle: "bold" },
      { token: "type", foreground: "1f6f86" },
      { token: "annotation", foreground: "6a3fb5" },
      { token: "predefined", foreground: "795e26" },
      { token: "number", foreground: "0a6e4a" },
      { token: "number.hex", foreground: "0a6e4a" },
      { token: "number.float", foreground: "0a6e4a" },
      { token: "string", foreground: "a31515" },
      { token: "identifier", foreground: "1f1f1f" },
      { token: "delimiter", foreground: "1f1f1f" },
      { token: "operator", foreground: "1f1f1f" },
      { token: "variable.predefined", foreground: "1f6f86" },
      { token: "keyword.control", foreground: "0000ff" },
    ],
    colors: {
      "editor.background": "#ffffff",
      "editor.foreground": "#1f1f1f",
      "editorLineNumber.foreground": "#5c6773",
      "editorLineNumber.activeForeground": "#1f1f1f",
      "editorLineNumber.dimmedForeground": "#5c6773",
      // Bracket-pair colours: Monaco's second level is #319331, 3.93:1 on white (axe serious). 7.4 / 6.6 / 8.7.
      "editorBracketHighlight.foreground1": "#0431fa",
      "editorBracketHighlight.foreground2": "#1e6b1e",
      "editorBracketHighlight.foreground3": "#7b3814",
    },
  },
  [WGSL_DARK]: {
    base: "vs-dark",
    inherit: true,
    rules: [
      { token: "comment", foreground: "8cc47a" },
      { token: "keyword", foreground: "6cb3f0" },
      { token: "keyword.directive", foreground: "e08ae6", fontStyle: "bold" },
      { token: "type", foreground: "4ec9b0" },
      { token: "annotation", foreground: "c5a3ff" },
      { token: "predefined", foreground: "dcdcaa" },
      { token: "number", foreground: "b5cea8" },
      { token: "number.hex", foreground: "b5cea8" },
      { token: "number.float", foreground: "b5cea8" },
      { token: "string", foreground: "e8b08c" },
      { token: "identifier", foreground: "d4d4d4" },
      { token: "delimiter", foreground: "d4d4d4" },
      { token: "operator", foreground: "d4d4d4" },
      { token: "variable.predefined", foreground: "4ec9b0" },
      { token: "keyword.control", foreground: "6cb3f0" },
    ],
    colors: {
      "editor.background": "#1e1e1e",
      "editor.foreground": "#d4d4d4",
      "editorLineNumber.foreground": "#9aa3ad",
      "editorLineNumber.activeForeground": "#e8e8e8",
      "editorLineNumber.dimmedForeground": "#9aa3ad",
      // Monaco's dark bracket-pair colours, stated so they stay: 11.9 / 5.8 / 5.9 on #1e1e1e.
      "editorBracketHighlight.foreground1": "#ffd700",
      "editorBracketHighlight.foreground2": "#da70d6",
      "editorBracketHighlight.foreground3": "#179fff",
    },
  },
};

/** The page's effective scheme: the theme picker's choice (data-theme on <html>), else the system's. */
export function pageIsDark(): boolean {
  if (typeof document === "undefined") return false;
  const t = document.documentElement.dataset.theme;
  if (t === "dark") return true;
  if (t === "light") return false;
  return typeof matchMedia !== "undefined" && matchMedia("(prefers-color-scheme: dark)").matches;
}

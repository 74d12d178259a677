"use client";
import { useEffect, useState } from "react";
import { monaco } from "./monaco-setup";
import { pageIsDark, WGSL_DARK, WGSL_LIGHT, wgslThemes } from "./wgsl-themes";

// The themes are defined once, when the editor's code loads.
for (const [name, data] of Object.entries(wgslThemes)) monaco.editor.defineTheme(name, data);

/**
 * The Monaco theme for the page's scheme (the theme menu, else the system's), following it as it changes:
 * the accessible light and dark themes of wgsl-themes.ts, whose every token colour passes 4.5:1.
 */
export function useEditorTheme(): string {
  const [dark, setDark] = useState(pageIsDark);
  useEffect(() => {
    const update = () => setDark(pageIsDark());
    const mo = new MutationObserver(update);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    const mq = matchMedia("(prefers-color-scheme: dark)");
    mq.addEventListener("change", update);
    return () => {
      mo.disconnect();
      mq.removeEventListener("change", update);
    };
  }, []);
  return dark ? WGSL_DARK : WGSL_LIGHT;
}

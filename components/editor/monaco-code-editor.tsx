"use client";
import Editor, { loader, type OnMount } from "@monaco-editor/react";
import { monaco } from "./monaco-setup";
import { useEffect, useRef, useState } from "react";
import type { CodeEditorProps } from "./code-editor";
import { pageIsDark, WGSL_DARK, WGSL_LIGHT, wgslThemes } from "./wgsl-themes";

// The contrast-checked themes of the WGSL editor colour the generic Monarch tokens (comment, keyword,
// string, number, type) that Python and TypeScript use too.
for (const [name, data] of Object.entries(wgslThemes)) monaco.editor.defineTheme(name, data);

/** Follows the page: the theme picker (data-theme on <html>) and the system's colour scheme. */
function usePageDark(): boolean {
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
  return dark;
}

const languageIds: Record<CodeEditorProps["language"], string> = { python: "python", typescript: "typescript" };

/** Loaded only in the browser (next/dynamic, ssr: false) by code-editor.tsx. */
export default function MonacoCodeEditor({ value, onChange, language, readOnly, onRun, height = 380, label = "Code", onFail, markers = [] }: CodeEditorProps & { onFail: () => void }) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const runRef = useRef(onRun);
  runRef.current = onRun;
  const [ready, setReady] = useState(false);
  const dark = usePageDark();

  useEffect(() => {
    // If Monaco cannot start, the wrapper falls back to a textarea.
    loader.init().catch(() => onFail());
  }, [onFail]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current?.());
    setReady(true);
  };

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      "loopbench-runner",
      markers
        .filter((m) => m.line >= 1 && m.line <= model.getLineCount())
        .map((m) => ({
          startLineNumber: m.line,
          startColumn: 1,
          endLineNumber: m.line,
          endColumn: model.getLineMaxColumn(m.line),
          message: m.message,
          severity: monaco.MarkerSeverity.Error,
        })),
    );
  }, [markers, ready]);

  return (
    <div data-editor="monaco" data-ready={ready ? "true" : "false"} style={{ border: "1px solid var(--border, #ccc)", borderRadius: 6, overflow: "hidden" }}>
      <Editor
        height={height}
        language={languageIds[language]}
        value={value}
        onChange={(v) => onChange(v ?? "")}
        onMount={onMount}
        theme={dark ? WGSL_DARK : WGSL_LIGHT}
        loading={<span className="muted small">Loading the editor…</span>}
        options={{
          ariaLabel: label,
          readOnly,
          minimap: { enabled: false },
          fontSize: 13,
          scrollBeyondLastLine: false,
          tabSize: language === "python" ? 4 : 2,
          insertSpaces: true,
          automaticLayout: true,
          // No language workers, so no semantic validation: the runner reports errors with their line.
          quickSuggestions: false,
          wordBasedSuggestions: "off",
        }}
      />
    </div>
  );
}

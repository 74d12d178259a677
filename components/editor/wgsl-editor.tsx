"use client";
import Editor, { type OnMount } from "@monaco-editor/react";
import { monaco } from "./monaco-setup";
import { useEffect, useRef, useState } from "react";
import { WGSL_LANGUAGE_ID, wgslMonarch } from "./wgsl-language";
import { useEditorTheme } from "./editor-theme";

// Monaco ships a basic "wgsl" language of its own; ours replaces its tokenizer (the dispatch directive, the
// token names the themes below colour).
if (!monaco.languages.getLanguages().some((l) => l.id === WGSL_LANGUAGE_ID)) monaco.languages.register({ id: WGSL_LANGUAGE_ID, extensions: [".wgsl"] });
monaco.languages.setMonarchTokensProvider(WGSL_LANGUAGE_ID, wgslMonarch);
export type EditorMarker = { line: number; column: number; message: string; severity: "error" | "warning" | "info" };

export type WgslEditorProps = {
  value: string;
  onChange: (value: string) => void;
  markers?: EditorMarker[];
  readOnly?: boolean;
  height?: number | string;
  /** Ctrl/Cmd+Enter in the editor. */
  onRun?: () => void;
};

/** The WGSL editor: load it with next/dynamic and ssr: false (Monaco needs a browser). */
export default function WgslEditor({ value, onChange, markers = [], readOnly, height = 480, onRun }: WgslEditorProps) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const runRef = useRef(onRun);
  runRef.current = onRun;
  const theme = useEditorTheme();
  const [ready, setReady] = useState(false);
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
      "loopbench-harness",
      markers.map((m) => ({
        startLineNumber: m.line,
        startColumn: m.column,
        endLineNumber: m.line,
        endColumn: model.getLineMaxColumn(Math.min(m.line, model.getLineCount())),
        message: m.message,
        severity: m.severity === "error" ? monaco.MarkerSeverity.Error : m.severity === "warning" ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
      })),
    );
  }, [markers]);
  return (
    <div data-editor="wgsl" data-ready={ready ? "true" : "false"} style={{ border: "1px solid var(--border)", borderRadius: 6, overflow: "hidden" }}>
    <Editor
      height={height}
      language={WGSL_LANGUAGE_ID}
      value={value}
      onChange={(v) => onChange(v ?? "")}
      onMount={onMount}
      theme={theme}
      loading={<span className="muted small">Loading the editor…</span>}
      options={{ ariaLabel: "WGSL kernel source", renderFinalNewline: "on", readOnly, minimap: { enabled: false }, fontSize: 13, scrollBeyondLastLine: false, tabSize: 2, automaticLayout: true }}
    />
    </div>
  );
}

"use client";
import dynamic from "next/dynamic";
import { Component, useCallback, useId, useState, type ReactNode } from "react";

export type CodeLanguage = "python" | "typescript";

export type CodeEditorProps = {
  value: string;
  onChange: (value: string) => void;
  language: CodeLanguage;
  readOnly?: boolean;
  /** Ctrl/Cmd+Enter. */
  onRun?: () => void;
  height?: number;
  /** The accessible name of the editor. */
  label?: string;
  /** Error lines to underline. */
  markers?: { line: number; message: string }[];
};

/** The plain fallback: same label, same keys. Shown while Monaco loads and if it fails to load. */
export function TextareaEditor({ value, onChange, readOnly, onRun, height = 380, label = "Code" }: CodeEditorProps) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="sr-only" style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)" }}>
        {label}
      </label>
      <textarea
        id={id}
        className="mono"
        spellCheck={false}
        style={{ minHeight: height, width: "100%", tabSize: 4 }}
        value={value}
        readOnly={readOnly}
        data-editor="textarea"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
            e.preventDefault();
            onRun?.();
          }
        }}
      />
    </>
  );
}

const Monaco = dynamic(
  () =>
    import("./monaco-code-editor").catch(() => {
      // The chunk failed to load (offline, blocked): the textarea is the editor.
      return { default: ({ onFail: _f, ...p }: CodeEditorProps & { onFail: () => void }) => <TextareaEditor {...p} /> };
    }),
  { ssr: false, loading: () => <p className="muted small">Loading the editor…</p> },
);

class Boundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * The code editor: Monaco from the local monaco-editor package (client-only), falling back to a
 * plain textarea with the same label when Monaco cannot load.
 */
export function CodeEditor(props: CodeEditorProps) {
  const [failed, setFailed] = useState(false);
  const onFail = useCallback(() => setFailed(true), []);
  if (failed) return <TextareaEditor {...props} />;
  return (
    <Boundary fallback={<TextareaEditor {...props} />}>
      <Monaco {...props} onFail={onFail} />
    </Boundary>
  );
}

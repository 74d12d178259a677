"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { CodeEditor } from "@/components/editor/code-editor";
import type { ScratchpadOutput } from "@/lib/grading/answers";
import { onRuntimeState, runtimeState, type RuntimeState } from "@/lib/runner/browser";
import { runScratchpad, warmRuntime } from "@/lib/scratchpad/browser";
import { codeHash, SCRATCHPAD_LIMITS } from "@/lib/scratchpad/program";
import styles from "./modeling.module.css";
import { ScratchpadOutputView } from "./scratchpad-output";

export const DEFAULT_SCRATCHPAD = `# Scratchpad: Python with the standard library (random, math, statistics, heapq...).
# Numbers and lists of numbers left at the top level appear under Values and Series;
# lists are plotted. Comments here count as stated assumptions.
import random
import statistics

random.seed(1)
`;

function usePythonRuntime(): RuntimeState {
  const [s, setS] = useState<RuntimeState>(() => runtimeState("python"));
  useEffect(() => onRuntimeState((l, next) => l === "python" && setS(next)), []);
  return s;
}

/**
 * The modeling round's Python scratchpad: Monaco, Run (Ctrl/Cmd+Enter) in the page's Pyodide worker
 * with a time limit, and the output (printed text, values, plots). Code and last output are part of
 * the answer, so they autosave with it.
 */
export function Scratchpad({ code, output, disabled, onCode, onOutput }: { code: string; output: ScratchpadOutput | null; disabled: boolean; onCode: (code: string) => void; onOutput: (o: ScratchpadOutput, code: string) => void }) {
  const runtime = usePythonRuntime();
  const [running, setRunning] = useState(false);
  const codeRef = useRef(code);
  codeRef.current = code;

  // Start Python as the round opens: the first run should not pay the download.
  useEffect(() => {
    if (!disabled) void warmRuntime("python").catch(() => undefined);
  }, [disabled]);

  const run = useCallback(async () => {
    if (running || disabled) return;
    const ran = codeRef.current;
    setRunning(true);
    try {
      onOutput(await runScratchpad(ran), ran);
    } finally {
      setRunning(false);
    }
  }, [running, disabled, onOutput]);

  const stale = !!output && output.codeHash !== codeHash(code);
  const markers = output?.error?.line && !stale ? [{ line: output.error.line, message: `${output.error.type}: ${output.error.message}` }] : [];
  const limitS = SCRATCHPAD_LIMITS.timeMs / 1000;

  return (
    <section className="card stack" aria-labelledby="scratchpad-heading" data-testid="scratchpad">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="scratchpad-heading" style={{ margin: 0, fontSize: 18 }}>Scratchpad (Python)</h2>
        <details className="small">
          <summary>How it works</summary>
          <div className="muted" style={{ maxWidth: 560 }}>
            <p>Your script runs top to bottom in this page (Pyodide, the standard library; no numpy), for at most {limitS} s; the page stays responsive.</p>
            <p>Printed output is shown. Numbers left at the top level (<code>mean_ms = 146.2</code>) appear under <strong>Values</strong>; lists of numbers (<code>samples = [...]</code>) and <code>{`{"x": [...], "y": [...]}`}</code> dicts appear under <strong>Series</strong> and are plotted, one level into dicts. Names starting with <code>_</code> are skipped.</p>
            <p>Each answer below can take a value or a range from a run (<strong>Use this value</strong>); a name ending in a unit (<code>_ms</code>, <code>_s</code>, <code>_usd</code>) picks that unit. Your <code>#</code> comments count as stated assumptions. Code and output are saved with your answer.</p>
          </div>
        </details>
      </div>
      <div className={styles.editor}>
        <CodeEditor label="Scratchpad code (Python)" language="python" value={code} readOnly={disabled} onChange={onCode} onRun={() => void run()} height={300} markers={markers} />
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={() => void run()} disabled={disabled || running || runtime.phase === "error"}>
          {running ? "Running…" : "Run"}
        </button>
        <span className="muted small">
          <kbd>Ctrl</kbd>/<kbd>⌘</kbd>+<kbd>Enter</kbd> runs it · stops after {limitS} s
        </span>
        <PythonStatus state={runtime} running={running} />
      </div>
      {output ? <ScratchpadOutputView output={output} stale={stale} /> : null}
    </section>
  );
}

function PythonStatus({ state, running }: { state: RuntimeState; running: boolean }) {
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const text =
    state.phase === "ready"
      ? running
        ? "Running…"
        : "Python ready."
      : state.phase === "error"
        ? `Python failed to start: ${state.message}`
        : state.phase === "loading"
          ? `${state.message}${state.loaded !== undefined ? ` (${mb(state.loaded)}${state.total ? ` of ${mb(state.total)}` : ""} MB)` : ""}…`
          : "";
  return (
    <span className="small muted" role="status" aria-live="polite" data-runtime={state.phase}>
      {state.phase === "loading" && state.total ? <progress max={state.total} value={state.loaded ?? 0} style={{ marginRight: 8, verticalAlign: "middle" }} aria-label="Python download" /> : null}
      {text}
    </span>
  );
}

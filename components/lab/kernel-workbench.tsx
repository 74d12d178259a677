"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import type { EditorMarker } from "@/components/editor/wgsl-editor";
import type { KernelResult } from "@/lib/gpu/result";
import { runInBrowser } from "./browser-harness";
import { ResultsTable } from "./results-table";
import { RooflineChart } from "./roofline-chart";

const WgslEditor = dynamic(() => import("@/components/editor/wgsl-editor"), { ssr: false, loading: () => <p className="muted">Loading editor…</p> });

export type KernelWorkbenchProps = {
  problemId: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  /** The naive reference, for the speedup figure of a benchmark (the lab passes it; a round may not). */
  naiveSource?: string;
  onResult?: (result: KernelResult, source: string) => void;
};

/** Editor plus Check and Benchmark on this browser's GPU (or the CPU fallback); embeddable in a round page. */
export function KernelWorkbench({ problemId, value, onChange, disabled, naiveSource, onResult }: KernelWorkbenchProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<KernelResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const markers: EditorMarker[] = (result?.diagnostics ?? []).map((d) => ({ line: d.line, column: d.column, message: d.message, severity: d.type }));
  const go = async (bench: boolean) => {
    setBusy("starting");
    setError(null);
    try {
      const r = await runInBrowser(problemId, value, { timing: bench, naiveSource: bench ? naiveSource : undefined, onProgress: (m) => setBusy(m) });
      setResult(r);
      onResult?.(r, value);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="stack">
      <WgslEditor value={value} onChange={onChange} markers={markers} readOnly={disabled} />
      <div className="row">
        <button type="button" disabled={disabled || Boolean(busy)} onClick={() => go(false)}>Check</button>
        <button type="button" disabled={disabled || Boolean(busy)} onClick={() => go(true)}>Benchmark</button>
        {busy && <span className="muted small" role="status">{busy}…</span>}
      </div>
      {error && <p role="alert">Harness error: {error}</p>}
      {result && (
        <>
          <ResultsTable result={result} />
          <RooflineChart result={result} />
        </>
      )}
    </div>
  );
}

"use client";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import type { EditorMarker } from "@/components/editor/wgsl-editor";
import type { AdapterInfo, KernelResult } from "@/lib/gpu/result";
import { probeWebGpu, runInBrowser, type LabBackend } from "./browser-harness";
import { ResultsTable } from "./results-table";
import { RooflineChart } from "./roofline-chart";

const WgslEditor = dynamic(() => import("@/components/editor/wgsl-editor"), { ssr: false, loading: () => <p className="muted">Loading editor…</p> });

export type KernelWorkbenchProps = {
  problemId: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  /** The naive reference, for the speed-up figure of a benchmark (timed in interleaved rounds against it). */
  naiveSource?: string;
  onResult?: (result: KernelResult, source: string) => void;
};

/** Editor plus Check and Benchmark on this browser's GPU or the CPU fallback (the reader picks); embeddable in a round page. */
export function KernelWorkbench({ problemId, value, onChange, disabled, naiveSource, onResult }: KernelWorkbenchProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<KernelResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [gpu, setGpu] = useState<{ adapter: AdapterInfo | null; reason: string | null } | null>(null);
  const [backend, setBackend] = useState<LabBackend>("webgpu");
  useEffect(() => {
    let live = true;
    void probeWebGpu().then((p) => {
      if (!live) return;
      setGpu(p);
      if (!p.adapter) setBackend("cpu");
    });
    return () => {
      live = false;
    };
  }, []);
  const markers: EditorMarker[] = (result?.diagnostics ?? []).map((d) => ({ line: d.line, column: d.column, message: d.message, severity: d.type }));
  const go = async (bench: boolean) => {
    if (busy || disabled) return;
    setBusy("starting");
    setError(null);
    try {
      const r = await runInBrowser(problemId, value, { timing: bench, naiveSource: bench ? naiveSource : undefined, onProgress: (m) => setBusy(m) }, backend);
      setResult(r);
      onResult?.(r, value);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const gpuLabel = gpu?.adapter
    ? `${gpu.adapter.label}${gpu.adapter.isFallbackAdapter && !/not a GPU/.test(gpu.adapter.label) ? " (a software renderer, not a GPU)" : ""}`
    : gpu
      ? `unavailable: ${gpu.reason}`
      : "looking for an adapter…";
  return (
    <div className="stack">
      <WgslEditor value={value} onChange={onChange} markers={markers} readOnly={disabled} onRun={() => void go(false)} />
      <fieldset className="row small" style={{ border: "1px solid var(--border)", borderRadius: 6, padding: "6px 10px" }} disabled={Boolean(busy) || disabled}>
        <legend>Run on</legend>
        <label className="row" style={{ fontWeight: 400, gap: 6, margin: 0 }}>
          <input type="radio" name={`backend-${problemId}`} value="webgpu" checked={backend === "webgpu"} disabled={!gpu?.adapter} onChange={() => setBackend("webgpu")} />
          WebGPU: {gpuLabel}
        </label>
        <label className="row" style={{ fontWeight: 400, gap: 6, margin: 0 }}>
          <input type="radio" name={`backend-${problemId}`} value="cpu" checked={backend === "cpu"} onChange={() => setBackend("cpu")} />
          CPU fallback: your WGSL translated to JavaScript, small cases, not a GPU
        </label>
      </fieldset>
      <div className="row">
        <button type="button" className="primary" disabled={disabled || Boolean(busy)} onClick={() => go(false)} aria-keyshortcuts="Control+Enter Meta+Enter" title="Check (Ctrl+Enter in the editor)">
          Check
        </button>
        <button type="button" disabled={disabled || Boolean(busy)} onClick={() => go(true)}>Benchmark</button>
        <span className="muted small">Check: every case against the float64 reference. Benchmark: also times it{naiveSource ? ", against the naive reference in interleaved rounds" : ""}.</span>
      </div>
      <div role="status" aria-live="polite" className="muted small">{busy ? `${busy}…` : ""}</div>
      {error && <p role="alert" className="alert error">Harness error: {error}</p>}
      {result && (
        <>
          <ResultsTable result={result} />
          <RooflineChart result={result} />
        </>
      )}
    </div>
  );
}

import type { KernelResult } from "@/lib/gpu/result";
import { duration, shapeText, sig } from "./format";

function whereMeasured(r: KernelResult): { badge: string; tone: "ok" | "warn"; note: string | null } {
  const on = r.timing?.measuredOn ?? (r.backend === "cpu" ? "cpu" : r.adapter.isFallbackAdapter ? "software" : "gpu");
  if (on === "gpu") return { badge: `GPU: ${r.adapter.label}`, tone: "ok", note: null };
  if (on === "cpu")
    return {
      badge: "CPU fallback: not a GPU",
      tone: "warn",
      note: "Times on the CPU fallback (your WGSL translated to JavaScript) say nothing about how the kernel runs on a GPU. Correctness is checked exactly as on a GPU.",
    };
  return {
    badge: /not a GPU/.test(r.adapter.label) ? r.adapter.label : `${r.adapter.label}: not a GPU`,
    tone: "warn",
    note: `${r.adapter.label} is a software renderer: its times say nothing about how the kernel runs on a GPU, so speed is not measured on a GPU here. Correctness is checked exactly as on a GPU.`,
  };
}

export function ResultsTable({ result }: { result: KernelResult }) {
  const t = result.timing;
  const where = whereMeasured(result);
  return (
    <div className="stack">
      <p>
        {/* The text in the page's colour (the shared green is under 4.5:1 at badge size); the border carries the tone. */}
        <strong className={`badge ${result.verdict === "pass" ? "ok" : "bad"}`} style={{ color: "var(--fg)" }}>{result.verdict}</strong> on {result.backend === "cpu" ? "the CPU fallback" : "WebGPU"}{" "}
        <span className={`badge ${where.tone}`} style={{ color: "var(--fg)" }}>{where.badge}</span> · profile {result.profile}
      </p>
      <p>{result.message}</p>
      <table>
        <caption className="sr-only">Checks against the float64 reference, one row per case</caption>
        <thead>
          <tr><th scope="col">case</th><th scope="col">shape</th><th scope="col">max |err|</th><th scope="col">rel L2</th><th scope="col">ok</th></tr>
        </thead>
        <tbody>
          {result.cases.map((c, i) => (
            <tr key={i} title={c.detail}>
              <td>{c.name}{c.timed ? " (after timed runs)" : ""}</td>
              <td className="mono small">{shapeText(c.shape)}</td>
              <td>{sig(c.maxAbsError)}</td>
              <td>{sig(c.relL2)}</td>
              <td>
                {c.pass ? (
                  "yes"
                ) : c.detail ? (
                  <details>
                    <summary><strong>NO</strong></summary>
                    <span className="small">{c.detail}</span>
                  </details>
                ) : (
                  <strong>NO</strong>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {t && (
        <div className="stack">
          {where.note && <p className="alert small" role="note">{where.note}</p>}
          <dl className="small" style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "2px 14px", margin: 0 }}>
            <dt style={{ fontWeight: 600 }}>Median ({t.case})</dt>
            <dd>
              {duration(t.medianMs)}
              {t.ciLowMs !== undefined && t.ciHighMs !== undefined ? ` (${Math.round((t.ciLevel ?? 0.95) * 100)}% CI ${duration(t.ciLowMs)} to ${duration(t.ciHighMs)})` : ""}
            </dd>
            <dt style={{ fontWeight: 600 }}>Spread</dt>
            <dd>p10 {duration(t.p10Ms)}, p90 {duration(t.p90Ms)}, cv {sig(t.cv, 2)}; {t.samples} samples of {t.runsPerSample} run{t.runsPerSample === 1 ? "" : "s"} ({t.method})</dd>
            <dt style={{ fontWeight: 600 }}>Throughput</dt>
            <dd>
              {sig(t.gflops)} GFLOP/s, {sig(t.gbps)} GB/s
              {t.rooflineFraction !== null ? `, ${(t.rooflineFraction * 100).toFixed(1)}% of this device's measured roofline` : ""}
              {t.impossible ? " (faster than this device's roofline allows: flagged, not ranked)" : ""}
            </dd>
            {t.speedupOverNaive !== null && (
              <>
                <dt style={{ fontWeight: 600 }}>Against the naive reference</dt>
                <dd>
                  {sig(t.speedupOverNaive)}x
                  {t.speedupCi ? ` (${Math.round(t.speedupCi.level * 100)}% CI ${sig(t.speedupCi.lo)}x to ${sig(t.speedupCi.hi)}x` : ""}
                  {t.speedupCi && t.rounds ? `, ${t.rounds} interleaved rounds)` : t.speedupCi ? ")" : ""}
                  {t.naiveMedianMs != null ? `; naive median ${duration(t.naiveMedianMs)}` : ""}
                  {where.tone === "warn" ? " — on this device, not a GPU: not a speed score" : ""}
                </dd>
              </>
            )}
          </dl>
        </div>
      )}
      {result.projections && result.projections.length > 0 && (
        <p className="small muted">
          Roofline bound of this case&apos;s work (f32 FMA peak, no tensor cores; datasheet bandwidth; every byte moved once; no launch overhead: a lower bound no kernel
          beats, not a prediction): {result.projections.map((p) => `${p.gpu} ${duration(p.boundMs)} (${p.limiter}-bound)`).join(", ")}.
        </p>
      )}
      {result.projectionNote && <p className="small muted">{result.projectionNote}</p>}
      {result.cpuReference && <p className="small muted">The float64 reference runs at {sig(result.cpuReference.gflops)} GFLOP/s on this CPU.</p>}
    </div>
  );
}

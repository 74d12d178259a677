import type { KernelResult } from "@/lib/gpu/result";

const f = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toPrecision(3));

export function ResultsTable({ result }: { result: KernelResult }) {
  const t = result.timing;
  return (
    <div className="stack">
      <p>
        <strong>{result.verdict}</strong> on {result.backend} ({result.adapter.label}
        {result.adapter.isFallbackAdapter ? ", fallback adapter: not a GPU" : ""}): {result.message}
      </p>
      <table>
        <thead>
          <tr><th>case</th><th>shape</th><th>max |err|</th><th>rel L2</th><th>ok</th></tr>
        </thead>
        <tbody>
          {result.cases.map((c, i) => (
            <tr key={i} title={c.detail}>
              <td>{c.name}{c.timed ? " (after timed runs)" : ""}</td>
              <td className="mono small">{Object.entries(c.shape).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.length}]` : v}`).join(" ")}</td>
              <td>{f(c.maxAbsError)}</td>
              <td>{f(c.relL2)}</td>
              <td>{c.pass ? "yes" : "NO"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {t && (
        <p className="small">
          {t.case}: median {f(t.medianMs)} ms (p10 {f(t.p10Ms)}, p90 {f(t.p90Ms)}, cv {f(t.cv)}; {t.samples}x{t.runsPerSample} runs, {t.method}) — {f(t.gflops)} GFLOP/s, {f(t.gbps)} GB/s
          {t.rooflineFraction !== null ? `, ${(t.rooflineFraction * 100).toFixed(1)}% of this device's roofline` : ""}
          {t.speedupOverNaive !== null ? `, ${f(t.speedupOverNaive)}x the naive reference` : ""}
          {t.impossible ? " — faster than the device allows: flagged, not ranked" : ""}
        </p>
      )}
      {result.projections && (
        <p className="small muted">
          Projected (roofline-bound) on: {result.projections.map((p) => `${p.gpu} ${f(p.boundMs)} ms (${p.limiter})`).join(", ")}
          {result.cpuReference ? `; CPU float64 reference ${f(result.cpuReference.gflops)} GFLOP/s` : ""}
        </p>
      )}
    </div>
  );
}

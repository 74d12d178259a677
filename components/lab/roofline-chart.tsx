import type { KernelResult } from "@/lib/gpu/result";
import { decadeTicks, sig } from "./format";

/**
 * Log-log roofline of this device (measured by the harness's micro-benchmarks) with the attempt's point:
 * decade ticks on both axes, their values, the ridge point. A kernel with no FLOPs (a cache append) has no
 * place on it: it gets a bandwidth bar instead. SVG, no chart library.
 */
export function RooflineChart({ result }: { result: KernelResult }) {
  const r = result.roofline;
  const t = result.timing;
  if (!r || !t) return <p className="muted small">The roofline appears after a passing benchmark on WebGPU (it is measured on the device the kernel ran on).</p>;
  const device = result.adapter.label;
  if (t.arithmeticIntensity === null) {
    const share = t.gbps / r.gbps;
    return (
      <figure className="stack" style={{ margin: 0 }}>
        <figcaption className="small">
          Bandwidth on {device}: {sig(t.gbps)} GB/s of {sig(r.gbps)} GB/s measured ({(share * 100).toFixed(1)}%). No FLOPs: this kernel is judged by bytes moved.
        </figcaption>
        <svg viewBox="0 0 420 36" width="100%" role="img" aria-label={`Bandwidth: ${sig(t.gbps)} of ${sig(r.gbps)} GB/s measured on ${device}`}>
          <rect x={0} y={8} width={420} height={20} fill="none" stroke="currentColor" opacity={0.5} />
          <rect x={0} y={8} width={Math.min(1, share) * 420} height={20} fill="var(--accent)" />
        </svg>
      </figure>
    );
  }
  const W = 480;
  const H = 280;
  const left = 64;
  const right = 16;
  const top = 16;
  const bottom = 46;
  const ridge = r.gflops / r.gbps;
  const ai = t.arithmeticIntensity;
  const xMin = 10 ** Math.floor(Math.log10(Math.min(ai, ridge) / 10));
  const xMax = 10 ** Math.ceil(Math.log10(Math.max(ai, ridge) * 10));
  const yMax = 10 ** Math.ceil(Math.log10(r.gflops * 2));
  const yMin = 10 ** Math.floor(Math.log10(Math.min(r.gbps * xMin, t.gflops || r.gflops) / 2));
  const lx = (v: number) => (Math.log10(v) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin));
  const ly = (v: number) => (Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin));
  const x = (v: number) => left + lx(v) * (W - left - right);
  const y = (v: number) => H - bottom - ly(v) * (H - top - bottom);
  const attainable = Math.min(r.gflops, ai * r.gbps);
  const label = `Roofline of ${device}: ${sig(r.gbps)} GB/s and ${sig(r.gflops)} GFLOP/s measured, ridge at ${sig(ridge)} FLOP/byte; this kernel ${sig(t.gflops)} GFLOP/s at ${sig(ai)} FLOP/byte, ${(t.rooflineFraction ?? 0) * 100 > 0 ? `${((t.rooflineFraction ?? 0) * 100).toFixed(1)}% of the ${sig(attainable)} GFLOP/s attainable there` : ""}`;
  const xt = decadeTicks(xMin, xMax);
  const yt = decadeTicks(yMin, yMax);
  return (
    <figure className="stack" style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: 640 }} role="img" aria-label={label}>
        <title>{label}</title>
        {xt.map((k) => (
          <g key={`x${k.value}`}>
            <line x1={x(k.value)} y1={top} x2={x(k.value)} y2={H - bottom} stroke="currentColor" opacity={0.12} />
            <text x={x(k.value)} y={H - bottom + 14} fontSize={11} textAnchor="middle" fill="currentColor">{k.label}</text>
          </g>
        ))}
        {yt.map((k) => (
          <g key={`y${k.value}`}>
            <line x1={left} y1={y(k.value)} x2={W - right} y2={y(k.value)} stroke="currentColor" opacity={0.12} />
            <text x={left - 6} y={y(k.value) + 4} fontSize={11} textAnchor="end" fill="currentColor">{k.label}</text>
          </g>
        ))}
        <line x1={left} y1={H - bottom} x2={W - right} y2={H - bottom} stroke="currentColor" opacity={0.6} />
        <line x1={left} y1={top} x2={left} y2={H - bottom} stroke="currentColor" opacity={0.6} />
        <polyline fill="none" stroke="var(--accent)" strokeWidth={2} points={`${x(xMin)},${y(r.gbps * xMin)} ${x(ridge)},${y(r.gflops)} ${x(xMax)},${y(r.gflops)}`} />
        <line x1={x(ridge)} y1={y(r.gflops)} x2={x(ridge)} y2={H - bottom} stroke="var(--accent)" strokeDasharray="3 3" opacity={0.7} />
        <line x1={x(ai)} y1={y(t.gflops)} x2={x(ai)} y2={y(attainable)} stroke="var(--warn)" strokeDasharray="2 2" />
        <circle cx={x(ai)} cy={y(t.gflops)} r={5} fill={t.impossible ? "var(--danger)" : "var(--warn)"} />
        <text x={W / 2 + left / 2} y={H - 8} textAnchor="middle" fontSize={12} fill="currentColor">arithmetic intensity (FLOP per byte, log scale)</text>
        <text x={14} y={(H - bottom + top) / 2} fontSize={12} fill="currentColor" transform={`rotate(-90 14 ${(H - bottom + top) / 2})`} textAnchor="middle">GFLOP/s (log scale)</text>
      </svg>
      <figcaption className="small muted">
        {device}: bandwidth roof {sig(r.gbps)} GB/s, compute roof {sig(r.gflops)} GFLOP/s ({r.method}); ridge {sig(ridge)} FLOP/byte. This kernel:{" "}
        {sig(t.gflops)} GFLOP/s at {sig(ai)} FLOP/byte, {t.rooflineFraction !== null ? `${(t.rooflineFraction * 100).toFixed(1)}%` : "-"} of the roof there.
      </figcaption>
    </figure>
  );
}

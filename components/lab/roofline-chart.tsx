import type { KernelResult } from "@/lib/gpu/result";

/** Log-log roofline of this device (measured) with the attempt's point; SVG, no chart library needed. */
export function RooflineChart({ result }: { result: KernelResult }) {
  const r = result.roofline;
  const t = result.timing;
  if (!r || !t) return <p className="muted small">The roofline appears after a passing benchmark on WebGPU.</p>;
  const W = 420;
  const H = 240;
  const pad = 40;
  const xMin = 0.01;
  const xMax = 1000;
  const ridge = r.gflops / r.gbps;
  const yMax = r.gflops * 4;
  const yMin = Math.min(r.gbps * xMin, t.gflops || r.gflops) / 4;
  const x = (ai: number) => pad + ((Math.log10(ai) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * (W - 2 * pad);
  const y = (g: number) => H - pad - ((Math.log10(Math.max(g, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * (H - 2 * pad);
  const ai = t.arithmeticIntensity;
  // kv-cache-append has no FLOPs: its point sits on the bandwidth axis as a fraction of bandwidth.
  const pointX = ai ?? ridge / 100;
  const pointY = ai ? t.gflops : (t.gbps / r.gbps) * r.gbps * pointX;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label="Roofline chart">
      <line x1={pad} y1={H - pad} x2={W - pad} y2={H - pad} stroke="currentColor" opacity={0.4} />
      <line x1={pad} y1={pad / 2} x2={pad} y2={H - pad} stroke="currentColor" opacity={0.4} />
      <polyline fill="none" stroke="var(--accent, #3b82f6)" strokeWidth={2} points={`${x(xMin)},${y(r.gbps * xMin)} ${x(ridge)},${y(r.gflops)} ${x(xMax)},${y(r.gflops)}`} />
      <circle cx={x(pointX)} cy={y(pointY)} r={5} fill={t.impossible ? "red" : "orange"} />
      <text x={W / 2} y={H - 8} textAnchor="middle" fontSize={11} fill="currentColor">arithmetic intensity (FLOP/byte, log)</text>
      <text x={12} y={H / 2} fontSize={11} fill="currentColor" transform={`rotate(-90 12 ${H / 2})`} textAnchor="middle">GFLOP/s (log)</text>
      <text x={x(ridge)} y={y(r.gflops) - 6} fontSize={10} fill="currentColor">{`${r.gflops.toPrecision(3)} GFLOP/s, ${r.gbps.toPrecision(3)} GB/s`}</text>
    </svg>
  );
}

import { fmtFlops, trim } from "@/lib/model/explain";
import styles from "./model.module.css";

const W = 420;
const H = 260;
const M = { l: 58, r: 12, t: 12, b: 36 };

const log = Math.log10;

function ticks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(log(lo)); e <= Math.floor(log(hi)); e++) out.push(10 ** e);
  return out;
}

/** Log-log roofline: attainable FLOP/s = min(peak, intensity * bandwidth), with the prefill and decode operating points. */
export function RooflineChart(props: { peak: number; bandwidth: number; points: { label: string; intensity: number; flops: number; kind: "prefill" | "decode" }[] }) {
  const { peak, bandwidth, points } = props;
  const xLo = 0.1, xHi = 1e5;
  const yLo = peak / 1e5, yHi = peak * 2;
  const x = (v: number) => M.l + ((log(v) - log(xLo)) / (log(xHi) - log(xLo))) * (W - M.l - M.r);
  const y = (v: number) => H - M.b - ((log(Math.max(v, yLo)) - log(yLo)) / (log(yHi) - log(yLo))) * (H - M.t - M.b);
  const ridge = peak / bandwidth;
  const roof = `M ${x(xLo)} ${y(xLo * bandwidth)} L ${x(ridge)} ${y(peak)} L ${x(xHi)} ${y(peak)}`;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className={styles.chart} role="img" aria-label={`Roofline: peak ${fmtFlops(peak)}/s, ridge at ${trim(ridge)} FLOP/B; ${points.map((p) => `${p.label} at ${trim(p.intensity)} FLOP/B, ${fmtFlops(p.flops)}/s`).join("; ")}`}>
      {ticks(xLo, xHi).map((t) => (
        <g key={`x${t}`}>
          <line x1={x(t)} x2={x(t)} y1={M.t} y2={H - M.b} className={styles.axis} strokeDasharray="2 3" />
          <text x={x(t)} y={H - M.b + 14} textAnchor={t >= xHi ? "end" : "middle"}>{t >= 1000 ? `${t / 1000}k` : t >= 1 ? trim(t) : t}</text>
        </g>
      ))}
      {ticks(yLo, yHi).map((t) => (
        <g key={`y${t}`}>
          <line x1={M.l} x2={W - M.r} y1={y(t)} y2={y(t)} className={styles.axis} strokeDasharray="2 3" />
          <text x={M.l - 4} y={y(t) + 3} textAnchor="end">{fmtFlops(t).replace("FLOP", "")}</text>
        </g>
      ))}
      <path d={roof} className={styles.roof} />
      <text x={x(ridge)} y={y(peak) - 4} textAnchor="middle">ridge {trim(ridge)} FLOP/B</text>
      {points.map((p) => (
        <g key={p.label}>
          <circle cx={x(p.intensity)} cy={y(p.flops)} r={5} className={p.kind === "prefill" ? styles.ptPrefill : styles.ptDecode} />
          <text x={x(p.intensity) + 7} y={y(p.flops) + 4}>{p.label}</text>
        </g>
      ))}
      <text x={(M.l + W - M.r) / 2} y={H - 4} textAnchor="middle">arithmetic intensity (FLOP per byte of HBM traffic)</text>
      <text transform={`translate(12 ${(M.t + H - M.b) / 2}) rotate(-90)`} textAnchor="middle">FLOP/s per GPU</text>
    </svg>
  );
}

/** A log-x line chart of one series, points that do not fit drawn hollow. */
export function LineChart(props: { title: string; xs: number[]; ys: number[]; fits: boolean[]; unit: string; cls: "line1" | "line2"; logY?: boolean }) {
  const { xs, ys, fits, unit, cls, title } = props;
  if (xs.length === 0) return null;
  const xLo = xs[0], xHi = xs[xs.length - 1];
  const yMin = props.logY ? Math.min(...ys) / 1.5 : 0;
  const linTicks = niceTicks(0, Math.max(...ys) * 1.05);
  const yMax = props.logY ? Math.max(...ys) * 1.1 : Math.max(linTicks[linTicks.length - 1], Math.max(...ys) * 1.05);
  const x = (v: number) => M.l + (xHi === xLo ? 0 : ((log(v) - log(xLo)) / (log(xHi) - log(xLo))) * (W - M.l - M.r));
  const y = (v: number) => (props.logY ? H - M.b - ((log(v) - log(yMin)) / (log(yMax) - log(yMin))) * (H - M.t - M.b) : H - M.b - (v / yMax) * (H - M.t - M.b));
  const yt = props.logY ? ticks(yMin, yMax) : linTicks;
  const d = xs.map((v, i) => `${i ? "L" : "M"} ${x(v)} ${y(ys[i])}`).join(" ");
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className={styles.chart} role="img" aria-label={`${title}: ${xs.map((v, i) => `batch ${v}: ${trim(ys[i])} ${unit}${fits[i] ? "" : " (does not fit)"}`).join("; ")}`}>
      {xs.map((t) => (
        <text key={`x${t}`} x={x(t)} y={H - M.b + 14} textAnchor="middle">{t}</text>
      ))}
      {yt.map((t) => (
        <g key={`y${t}`}>
          <line x1={M.l} x2={W - M.r} y1={y(t)} y2={y(t)} className={styles.axis} strokeDasharray="2 3" />
          <text x={M.l - 4} y={y(t) + 3} textAnchor="end">{trim(t)}</text>
        </g>
      ))}
      <path d={d} className={styles[cls]} />
      {xs.map((v, i) => (
        <circle key={v} cx={x(v)} cy={y(ys[i])} r={3.5} className={styles[cls]} style={{ fill: fits[i] ? "currentColor" : "none" }} />
      ))}
      <text x={(M.l + W - M.r) / 2} y={H - 4} textAnchor="middle">batch size (log)</text>
      <text transform={`translate(12 ${(M.t + H - M.b) / 2}) rotate(-90)`} textAnchor="middle">{unit}</text>
    </svg>
  );
}

function niceTicks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const step0 = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? step0;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(+v.toPrecision(12));
  return out;
}

export interface Series {
  label: string;
  ys: (number | null)[];
  cls: "line1" | "line2" | "line3" | "line4";
  dashed?: boolean;
  /** A reference line (e.g. y = x): drawn without point markers. */
  noDots?: boolean;
}

/** Line chart of several series over a shared linear x axis, linear y from 0, with ticks and axis labels. */
export function XYChart(props: { title: string; xs: number[]; series: Series[]; xLabel: string; yLabel: string; hline?: { y: number; label: string } }) {
  const { xs, series, xLabel, yLabel, title, hline } = props;
  if (xs.length === 0) return null;
  const W2 = 460;
  const xLo = Math.min(...xs), xHi = Math.max(...xs);
  const all = series.flatMap((s) => s.ys.filter((v): v is number => v != null && Number.isFinite(v)));
  const dataMax = Math.max(1e-9, ...all);
  // An SLO far above every point would flatten the curves against the axis: leave it off the scale and say where it is.
  const hlineShown = hline != null && hline.y <= 3 * dataMax;
  const yTop = hlineShown ? Math.max(dataMax, hline.y) : dataMax;
  const yTicksAll = niceTicks(0, yTop * 1.05);
  const yHi = Math.max(yTicksAll[yTicksAll.length - 1], yTop * 1.05);
  const x = (v: number) => M.l + (xHi === xLo ? (W2 - M.l - M.r) / 2 : ((v - xLo) / (xHi - xLo)) * (W2 - M.l - M.r));
  const y = (v: number) => H - M.b - (Math.min(v, yHi) / yHi) * (H - M.t - M.b);
  const xt = niceTicks(xLo, xHi);
  const yt = yTicksAll;
  return (
    <svg viewBox={`0 0 ${W2} ${H}`} className={styles.chart} role="img" aria-label={`${title}. ${series.map((s) => `${s.label}: ${xs.map((v, i) => `${trim(v)} -> ${s.ys[i] == null ? "n/a" : trim(s.ys[i] as number)}`).join(", ")}`).join(". ")}`}>
      {xt.map((t) => (
        <g key={`x${t}`}>
          <line x1={x(t)} x2={x(t)} y1={M.t} y2={H - M.b} className={styles.axis} strokeDasharray="2 3" />
          <text x={x(t)} y={H - M.b + 14} textAnchor="middle">{trim(t)}</text>
        </g>
      ))}
      {yt.map((t) => (
        <g key={`y${t}`}>
          <line x1={M.l} x2={W2 - M.r} y1={y(t)} y2={y(t)} className={styles.axis} strokeDasharray="2 3" />
          <text x={M.l - 4} y={y(t) + 3} textAnchor="end">{trim(t)}</text>
        </g>
      ))}
      {hline && hlineShown ? (
        <g>
          <line x1={M.l} x2={W2 - M.r} y1={y(hline.y)} y2={y(hline.y)} className={styles.slo} />
          <text x={W2 - M.r - 2} y={y(hline.y) - 4} textAnchor="end">{hline.label}</text>
        </g>
      ) : hline ? (
        <text x={W2 - M.r - 2} y={M.t + 8} textAnchor="end">{hline.label} {trim(hline.y)}: above the chart ↑</text>
      ) : null}
      {series.map((s) => {
        const pts = xs.map((v, i) => [v, s.ys[i]] as const).filter((p): p is readonly [number, number] => p[1] != null && Number.isFinite(p[1]));
        return (
          <g key={s.label}>
            <path d={pts.map(([a, b], i) => `${i ? "L" : "M"} ${x(a)} ${y(b)}`).join(" ")} className={styles[s.cls]} strokeDasharray={s.dashed ? "5 4" : undefined} />
            {s.noDots ? null : pts.map(([a, b]) => <circle key={a} cx={x(a)} cy={y(b)} r={3} className={styles[s.cls]} style={{ fill: "currentColor" }} />)}
          </g>
        );
      })}
      <text x={(M.l + W2 - M.r) / 2} y={H - 4} textAnchor="middle">{xLabel}</text>
      <text transform={`translate(12 ${(M.t + H - M.b) / 2}) rotate(-90)`} textAnchor="middle">{yLabel}</text>
    </svg>
  );
}

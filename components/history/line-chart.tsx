import type { Series } from "@/lib/history/progress";
import styles from "./history.module.css";

const palette = ["#3b5bdb", "#2b8a3e", "#c92a2a", "#b35c00", "#862e9c", "#0b7285", "#5c940d", "#a61e4d", "#495057", "#e67700"];

/**
 * A hand-written SVG line chart: x is the period (weeks, in order), y 0..100. Each series is a
 * polyline with a dot per point; the data table below is the accessible reading of the same numbers.
 */
export function LineChart({ series, title, yLabel }: { series: Series[]; title: string; yLabel: string }) {
  const periods = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const W = 760, H = 260, L = 40, R = 12, T = 12, B = 34;
  const x = (period: string) => (periods.length <= 1 ? L + (W - L - R) / 2 : L + ((W - L - R) * periods.indexOf(period)) / (periods.length - 1));
  const y = (v: number) => T + (H - T - B) * (1 - Math.max(0, Math.min(100, v)) / 100);
  const tickEvery = Math.max(1, Math.ceil(periods.length / 8));
  return (
    <figure style={{ margin: 0 }}>
      <svg className={styles.chart} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${series.length} series over ${periods.length} weeks`}>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line className={styles.axis} x1={L} x2={W - R} y1={y(v)} y2={y(v)} strokeWidth={v === 0 ? 1 : 0.5} />
            <text x={L - 6} y={y(v) + 4} textAnchor="end">{v}</text>
          </g>
        ))}
        {periods.map((p, i) => (i % tickEvery === 0 ? <text key={p} x={x(p)} y={H - 12} textAnchor="middle">{p.slice(5)}</text> : null))}
        <text x={4} y={T + 2} transform={`rotate(-90 4 ${T + 2})`} textAnchor="end">{yLabel}</text>
        {series.map((s, i) => {
          const color = palette[i % palette.length];
          return (
            <g key={s.key}>
              <polyline fill="none" stroke={color} strokeWidth={2} points={s.points.map((p) => `${x(p.period)},${y(p.value)}`).join(" ")} />
              {s.points.map((p) => (
                <circle key={p.period} cx={x(p.period)} cy={y(p.value)} r={3} fill={color}>
                  <title>{`${s.label}, week of ${p.period}: ${p.value} (${p.n} round${p.n === 1 ? "" : "s"})`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <ul className={styles.legend}>
        {series.map((s, i) => (
          <li key={s.key}><span style={{ background: palette[i % palette.length] }} />{s.label}</li>
        ))}
      </ul>
      <details>
        <summary className="small">The numbers</summary>
        <table>
          <thead><tr><th scope="col">Series</th>{periods.map((p) => <th key={p} scope="col">{p}</th>)}</tr></thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.key}><th scope="row">{s.label}</th>{periods.map((p) => <td key={p}>{s.points.find((x) => x.period === p)?.value ?? "—"}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

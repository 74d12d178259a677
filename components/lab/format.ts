/** Number and shape formatting for the lab's results (three significant digits, readable shapes). */
export const sig = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toPrecision(digits));

/** A time in the unit that reads best: ms, us or s. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "-";
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  return `${ms.toPrecision(3)} ms`;
}

/** A case's shape with its values: `positions=[0, 17, 63]`; long lists shortened with their length. */
export function shapeText(shape: Record<string, number | number[]>): string {
  return Object.entries(shape)
    .map(([k, v]) => {
      if (!Array.isArray(v)) return `${k}=${v}`;
      if (v.length <= 8) return `${k}=[${v.join(", ")}]`;
      return `${k}=[${v.slice(0, 6).join(", ")}, … ${v.length} values, ${Math.min(...v)}..${Math.max(...v)}]`;
    })
    .join(" ");
}

/** Decade ticks covering [lo, hi] on a log axis, with short labels (0.01, 1, 1k, 10k, 1M). */
export function decadeTicks(lo: number, hi: number): { value: number; label: string }[] {
  const out: { value: number; label: string }[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) {
    const value = 10 ** e;
    const label = e >= 6 ? `${10 ** (e - 6)}M` : e >= 3 ? `${10 ** (e - 3)}k` : e >= 0 ? String(value) : value.toFixed(-e);
    out.push({ value, label });
  }
  return out;
}

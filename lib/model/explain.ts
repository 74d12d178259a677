/** Which resource sets the time of an estimate. */
export type Bound = "compute" | "memory" | "communication" | "overhead";

/** Units every engine quantity is reported in (base units; the UI and the loop convert). */
export type Unit = "B" | "s" | "ms" | "tokens/s" | "FLOP" | "FLOP/s" | "USD" | "fraction" | "count" | "W" | "J" | "B/s";

/** A number that can explain itself: formula, the same formula with numbers in, and what bounds it. */
export interface Estimate {
  value: number;
  unit: Unit;
  formula: string;
  substituted: string;
  bound?: Bound;
  notes?: string[];
}

export function est(value: number, unit: Unit, formula: string, substituted: string, extra: Partial<Pick<Estimate, "bound" | "notes">> = {}): Estimate {
  return { value, unit, formula, substituted: `${substituted} = ${fmt(value, unit)}`, ...extra };
}

const si = (v: number, units: [number, string][]): string => {
  for (const [f, s] of units) if (Math.abs(v) >= f) return `${trim(v / f)} ${s}`;
  const last = units[units.length - 1];
  return `${trim(v / last[0])} ${last[1]}`;
};

export function trim(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString("en-US");
  if (a >= 100) return v.toFixed(1).replace(/\.0$/, "");
  if (a >= 1) return v.toFixed(2).replace(/\.?0+$/, "");
  return v.toPrecision(3);
}

export function fmtBytes(b: number): string {
  return si(b, [
    [1024 ** 4, "TiB"],
    [1024 ** 3, "GiB"],
    [1024 ** 2, "MiB"],
    [1024, "KiB"],
    [1, "B"],
  ]);
}

export function fmtSeconds(s: number): string {
  if (Math.abs(s) >= 86400 * 2) return `${trim(s / 86400)} days`;
  if (Math.abs(s) >= 3600 * 2) return `${trim(s / 3600)} h`;
  if (Math.abs(s) >= 1) return `${trim(s)} s`;
  if (Math.abs(s) >= 1e-3) return `${trim(s * 1e3)} ms`;
  return `${trim(s * 1e6)} µs`;
}

export function fmtCount(n: number): string {
  return si(n, [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "K"],
    [1, ""],
  ]).trim();
}

export function fmtFlops(f: number): string {
  if (Math.abs(f) >= 1e21) return `${f.toExponential(2)} FLOP`;
  return si(f, [
    [1e18, "EFLOP"],
    [1e15, "PFLOP"],
    [1e12, "TFLOP"],
    [1e9, "GFLOP"],
    [1e6, "MFLOP"],
    [1, "FLOP"],
  ]);
}

export function fmt(v: number, unit: Unit): string {
  switch (unit) {
    case "B":
      return fmtBytes(v);
    case "B/s":
      return `${fmtBytes(v)}/s`;
    case "s":
      return fmtSeconds(v);
    case "ms":
      return `${trim(v)} ms`;
    case "FLOP":
      return fmtFlops(v);
    case "FLOP/s":
      return `${fmtFlops(v)}/s`;
    case "USD":
      return `$${trim(v)}`;
    case "fraction":
      return `${trim(v * 100)}%`;
    case "count":
      return fmtCount(v);
    default:
      return `${trim(v)} ${unit}`;
  }
}

/**
 * Units for the modeling rounds. Every quantity is compared in its base unit; a candidate may
 * answer in any unit of the same dimension (128 KiB and 131072 B are the same answer).
 */
export const baseUnits = ["B", "s", "ms", "tokens/s", "FLOP", "FLOP/s", "B/s", "USD", "fraction", "count", "W", "J"] as const;
export type BaseUnit = (typeof baseUnits)[number];

type UnitDef = { symbol: string; factor: number };

const unitTable: Record<BaseUnit, UnitDef[]> = {
  B: [
    { symbol: "B", factor: 1 },
    { symbol: "KB", factor: 1e3 },
    { symbol: "KiB", factor: 1024 },
    { symbol: "MB", factor: 1e6 },
    { symbol: "MiB", factor: 1024 ** 2 },
    { symbol: "GB", factor: 1e9 },
    { symbol: "GiB", factor: 1024 ** 3 },
    { symbol: "TB", factor: 1e12 },
    { symbol: "TiB", factor: 1024 ** 4 },
  ],
  s: [
    { symbol: "ms", factor: 1e-3 },
    { symbol: "s", factor: 1 },
    { symbol: "min", factor: 60 },
    { symbol: "h", factor: 3600 },
    { symbol: "days", factor: 86400 },
  ],
  ms: [
    { symbol: "us", factor: 1e-3 },
    { symbol: "ms", factor: 1 },
    { symbol: "s", factor: 1e3 },
  ],
  "tokens/s": [
    { symbol: "tokens/s", factor: 1 },
    { symbol: "K tokens/s", factor: 1e3 },
    { symbol: "M tokens/s", factor: 1e6 },
  ],
  FLOP: [
    { symbol: "GFLOP", factor: 1e9 },
    { symbol: "TFLOP", factor: 1e12 },
    { symbol: "PFLOP", factor: 1e15 },
    { symbol: "EFLOP", factor: 1e18 },
    { symbol: "ZFLOP", factor: 1e21 },
    { symbol: "FLOP", factor: 1 },
  ],
  "FLOP/s": [
    { symbol: "GFLOP/s", factor: 1e9 },
    { symbol: "TFLOP/s", factor: 1e12 },
    { symbol: "PFLOP/s", factor: 1e15 },
    { symbol: "FLOP/s", factor: 1 },
  ],
  "B/s": [
    { symbol: "GB/s", factor: 1e9 },
    { symbol: "TB/s", factor: 1e12 },
    { symbol: "MB/s", factor: 1e6 },
    { symbol: "Gbit/s", factor: 1e9 / 8 },
    { symbol: "B/s", factor: 1 },
  ],
  USD: [
    { symbol: "USD", factor: 1 },
    { symbol: "cents", factor: 0.01 },
    { symbol: "K USD", factor: 1e3 },
    { symbol: "M USD", factor: 1e6 },
  ],
  fraction: [
    { symbol: "%", factor: 0.01 },
    { symbol: "fraction", factor: 1 },
  ],
  count: [
    { symbol: "", factor: 1 },
    { symbol: "K", factor: 1e3 },
    { symbol: "M", factor: 1e6 },
    { symbol: "B (billion)", factor: 1e9 },
  ],
  W: [
    { symbol: "W", factor: 1 },
    { symbol: "kW", factor: 1e3 },
    { symbol: "MW", factor: 1e6 },
  ],
  J: [
    { symbol: "mJ", factor: 1e-3 },
    { symbol: "J", factor: 1 },
    { symbol: "kJ", factor: 1e3 },
    { symbol: "kWh", factor: 3.6e6 },
  ],
};

/** The units a candidate may choose for a quantity whose base unit is `base`. */
export function unitsFor(base: BaseUnit): string[] {
  return unitTable[base].map((u) => u.symbol);
}

/** Converts `value` given in `unit` to the base unit; null when the unit does not belong to that dimension. */
export function toBase(value: number, unit: string, base: BaseUnit): number | null {
  const def = unitTable[base].find((u) => u.symbol === unit);
  return def ? value * def.factor : null;
}

/** Shows a base value in the largest unit that keeps it at or above 1 (decimal units for bytes). */
export function formatQuantity(value: number, base: BaseUnit): string {
  if (!Number.isFinite(value)) return String(value);
  const candidates = unitTable[base]
    .filter((u) => u.symbol !== "B (billion)" && !u.symbol.endsWith("iB"))
    .sort((a, b) => a.factor - b.factor);
  let best = candidates[0];
  for (const u of candidates) if (Math.abs(value) / u.factor >= 1) best = u;
  const shown = value / best.factor;
  const digits = Math.abs(shown) >= 100 ? 0 : Math.abs(shown) >= 10 ? 1 : Math.abs(shown) >= 1 ? 2 : 4;
  return `${shown.toLocaleString("en-US", { maximumFractionDigits: digits })}${best.symbol ? " " + best.symbol : ""}`;
}

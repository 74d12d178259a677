/**
 * The figures worth reading from a kernel attempt's result JSON (lib/gpu's KernelResult), flattened
 * into labelled rows so two attempts line up in a table. Read defensively: the result is stored
 * JSON, possibly from an older harness, so a missing field is a missing row, never an error.
 */
export type KernelMetric = { key: string; label: string; value: string };

type Loose = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Loose | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Loose) : null);

export function deviceLabel(adapter: unknown, backend: string): string {
  const a = obj(adapter);
  const label = a && typeof a.label === "string" ? a.label : a && typeof a.description === "string" ? a.description : null;
  const fallback = a && a.isFallbackAdapter === true ? " (fallback adapter)" : "";
  return `${label ?? backend}${fallback}`;
}

export function kernelMetrics(result: unknown): KernelMetric[] {
  const r = obj(result);
  if (!r) return [];
  const out: KernelMetric[] = [];
  const push = (key: string, label: string, value: string | null) => value !== null && out.push({ key, label, value });
  const cases = Array.isArray(r.cases) ? (r.cases as Loose[]) : [];
  if (cases.length) push("cases", "Cases passed", `${cases.filter((c) => c.pass === true).length} / ${cases.length}`);
  const worst = cases.map((c) => num(c.maxAbsError)).filter((x): x is number => x !== null);
  if (worst.length) push("maxAbsError", "Worst max abs error", Math.max(...worst).toExponential(2));
  const t = obj(r.timing);
  if (t) {
    push("case", "Timed case", typeof t.case === "string" ? t.case : null);
    const f = (k: string, label: string, digits: number, unit = "") => {
      const v = num(t[k]);
      push(k, label, v === null ? null : `${v.toFixed(digits)}${unit}`);
    };
    f("medianMs", "Median time", 3, " ms");
    f("p10Ms", "p10", 3, " ms");
    f("p90Ms", "p90", 3, " ms");
    f("gbps", "Bandwidth", 1, " GB/s");
    f("gflops", "Throughput", 1, " GFLOP/s");
    f("arithmeticIntensity", "Arithmetic intensity", 2, " FLOP/B");
    const rf = num(t.rooflineFraction);
    push("rooflineFraction", "Share of measured roofline", rf === null ? null : `${(rf * 100).toFixed(0)}%`);
    f("speedupOverNaive", "Speed-up over naive", 2, "×");
    push("method", "Timing method", typeof t.method === "string" ? t.method : null);
    if (t.impossible === true) push("impossible", "Flag", "above the measured roofline: not believed");
  }
  push("profile", "Profile", typeof r.profile === "string" ? r.profile : null);
  push("message", "Message", typeof r.message === "string" ? r.message : null);
  return out;
}

import type { ScratchpadOutput } from "@/lib/grading/answers";

/** One way to fill an answer from a scratchpad result ("use this value"). */
export type UseOption = { key: string; label: string; from: string } & ({ mode: "value"; value: number } | { mode: "range"; low: number; high: number });

const n = (x: number) => x.toLocaleString("en-US", { maximumSignificantDigits: 4 });
const sig = (x: number) => Number(x.toPrecision(6));

/**
 * What a run offers to an answer: each top-level number as a value; each series' mean and median as
 * values, and as ranges its 95% confidence interval of the mean (the uncertainty of a Monte Carlo
 * estimate) and its 5th-95th percentiles (the spread of the quantity itself).
 */
export function scratchpadOptions(out: ScratchpadOutput | null): UseOption[] {
  if (!out) return [];
  const opts: UseOption[] = out.values.map((v) => ({ key: `v:${v.name}`, label: `${v.name} = ${n(v.value)}`, from: v.name, mode: "value" as const, value: v.value }));
  for (const s of out.series) {
    const st = s.stats;
    opts.push(
      { key: `m:${s.name}`, label: `${s.name}: mean ${n(st.mean)}`, from: `mean of ${s.name}`, mode: "value", value: st.mean },
      { key: `md:${s.name}`, label: `${s.name}: median ${n(st.p50)}`, from: `median of ${s.name}`, mode: "value", value: st.p50 },
      {
        key: `ci:${s.name}`,
        label: `${s.name}: 95% CI of the mean ${n(st.mean - 2 * st.sem)}–${n(st.mean + 2 * st.sem)}`,
        from: `95% CI of the mean of ${s.name} (mean ± 2 SE, n = ${s.n})`,
        mode: "range",
        low: sig(st.mean - 2 * st.sem),
        high: sig(st.mean + 2 * st.sem),
      },
      { key: `pr:${s.name}`, label: `${s.name}: 5th–95th percentile ${n(st.p5)}–${n(st.p95)}`, from: `5th-95th percentile of ${s.name}`, mode: "range", low: st.p5, high: st.p95 },
    );
  }
  return opts;
}

const aliases: Record<string, string> = { pct: "%", percent: "%", usd: "USD", dollars: "USD", sec: "s", secs: "s", seconds: "s", hours: "h", hrs: "h", hr: "h", day: "days", mins: "min", minutes: "min", bytes: "B" };

/** The unit a name ends in (mean_delay_ms -> ms), when the question accepts it; else null. */
export function unitFromName(name: string, units: readonly string[]): string | null {
  const m = /(?:^|[_\s(\[.'"])([A-Za-z%]+)['"\])]*$/.exec(name.replace(/^(mean|median|95% CI of the mean|5th-95th percentile) of /, "").replace(/ \(.*\)$/, ""));
  if (!m) return null;
  const token = m[1];
  const want = aliases[token.toLowerCase()] ?? token;
  return units.find((u) => u === want) ?? units.find((u) => u.toLowerCase() === want.toLowerCase()) ?? null;
}

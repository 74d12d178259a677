/**
 * Evidence for the modeling engine: predicted vs published measurements, by engine preset, metric and
 * GPU, for the fit part and the held-out part separately, against a naive roofline (peak rates, no
 * overheads, every byte usable) computed in the same run; then leave-one-source-out: each source's
 * points predicted by the preset refitted without that source.
 *   npm run bench:model                 tables + leave-one-source-out
 *   npm run bench:model -- --points     every point
 *   npm run bench:model -- --fit        refit every preset on its fit part and print the knob values
 *   npm run bench:model -- --json       machine-readable
 * Exit 1 when a configuration that ran in a published benchmark is reported "does not fit".
 */
import {
  measurements, measurementSources, measurementsFor, predictPoint, predictNaive, summarize, presets, presetKnobs, sourceOf,
  type Measurement, type PointResult, type EnginePresetId, type ErrorSummary,
} from "../model";
import { fitKnobs } from "../model/fit";

const args = new Set(process.argv.slice(2));
const json = args.has("--json");
const t0 = performance.now();

const fmtS = (s: ErrorSummary) => (s.n ? `${s.medianAbsPct.toFixed(1).padStart(5)}% ${s.maxAbsPct.toFixed(1).padStart(6)}%${s.doesNotFit ? ` (${s.doesNotFit} "does not fit")` : ""}` : "     -       -");
const metricName = (m: Measurement) => (m.metric === "timeToFirstTokenMs" ? "TTFT" : m.metric === "batchLatencyS" ? "batch latency" : m.mode === "max-throughput" ? "tok/s (IFB max)" : "tok/s (static)");

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

interface Row { preset: string; split: string; metric: string; gpu: string; engine: ErrorSummary; naive: ErrorSummary }
const rows: Row[] = [];
const overall: Record<string, { fit: { engine: ErrorSummary; naive: ErrorSummary }; holdout: { engine: ErrorSummary; naive: ErrorSummary } }> = {};
const allResults: { preset: string; engine: PointResult; naive: PointResult }[] = [];

for (const p of presets) {
  const pts = measurementsFor(p.id);
  if (!pts.length) {
    if (!json) console.log(`\n== ${p.name} [${p.id}]: no published measurement found for this engine; knobs are engine defaults (see docs/modeling.md)`);
    continue;
  }
  const eng = pts.map((m) => predictPoint(m));
  const nv = pts.map((m) => predictNaive(m));
  pts.forEach((_, i) => allResults.push({ preset: p.id, engine: eng[i], naive: nv[i] }));
  overall[p.id] = { fit: { engine: summarize([]), naive: summarize([]) }, holdout: { engine: summarize([]), naive: summarize([]) } };
  if (!json) console.log(`\n== ${p.name} [${p.id}]: ${pts.length} points from ${[...new Set(pts.map((m) => m.source))].join(", ")}`);
  for (const split of ["fit", "holdout"] as const) {
    const idx = pts.map((m, i) => (m.split === split ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) continue;
    const e = summarize(idx.map((i) => eng[i]));
    const n = summarize(idx.map((i) => nv[i]));
    overall[p.id][split] = { engine: e, naive: n };
    if (!json) {
      console.log(`  ${split === "fit" ? "fit part (knobs fitted here)" : "held-out part (never fitted)"}: ${e.n} points`);
      console.log(`    ${"metric".padEnd(16)} ${"GPU".padEnd(15)} ${"n".padStart(4)}   engine median   max   naive roofline median   max`);
    }
    const g = groupBy(idx, (i) => `${metricName(pts[i])}|${pts[i].gpu}`);
    for (const [k, is] of [...g.entries()].sort()) {
      const [metric, gpu] = k.split("|");
      const es = summarize(is.map((i) => eng[i]));
      const ns = summarize(is.map((i) => nv[i]));
      rows.push({ preset: p.id, split, metric, gpu, engine: es, naive: ns });
      if (!json) console.log(`    ${metric.padEnd(16)} ${gpu.padEnd(15)} ${String(es.n).padStart(4)}   ${fmtS(es)}          ${fmtS(ns)}`);
    }
    if (!json) console.log(`    ${"all".padEnd(16)} ${"".padEnd(15)} ${String(e.n).padStart(4)}   ${fmtS(e)}          ${fmtS(n)}`);
  }
}

const excluded = measurements.filter((m) => m.excluded);
if (!json && excluded.length) {
  console.log(`\nShown, not scored (${excluded.length}):`);
  for (const m of excluded) console.log(`  ${m.id}: measured ${m.measured}, engine ${predictPoint(m).predicted.toFixed(1)}; ${m.excluded}`);
}

// Leave one source out: refit the preset's fitted knobs without the source, predict the source's points.
const loso: { preset: string; source: string; n: number; engine: ErrorSummary; inSample: ErrorSummary }[] = [];
for (const p of presets) {
  const pts = measurementsFor(p.id);
  const sources = [...new Set(pts.map((m) => m.source))];
  if (sources.length < 2 || p.fitted.length === 0) continue;
  for (const s of sources) {
    const train = pts.filter((m) => m.source !== s && m.split === "fit");
    const test = pts.filter((m) => m.source === s);
    const f = fitKnobs(train, presetKnobs(p.id), p.fitted);
    const over = Object.fromEntries(p.fitted.map((k) => [k, f.knobs[k]]));
    loso.push({ preset: p.id, source: s, n: test.length, engine: summarize(test.map((m) => predictPoint(m, over))), inSample: summarize(test.map((m) => predictPoint(m))) });
  }
}
if (!json) {
  console.log("\nLeave-one-source-out (preset refitted without the source, then scored on all of that source's points):");
  console.log(`  ${"preset".padEnd(11)} ${"left-out source".padEnd(16)} ${"n".padStart(4)}   refitted median   max     with all sources median   max`);
  for (const l of loso) console.log(`  ${l.preset.padEnd(11)} ${l.source.padEnd(16)} ${String(l.n).padStart(4)}   ${fmtS(l.engine)}           ${fmtS(l.inSample)}`);
}

let fits: Record<string, Record<string, number>> | undefined;
if (args.has("--fit")) {
  fits = {};
  for (const p of presets) {
    const train = measurementsFor(p.id).filter((m) => m.split === "fit");
    if (!train.length || !p.fitted.length) continue;
    const f = fitKnobs(train, presetKnobs(p.id), p.fitted);
    fits[p.id] = Object.fromEntries(p.fitted.map((k) => [k, f.knobs[k]]));
    if (!json) console.log(`\nfit ${p.id} (loss ${f.loss.toFixed(4)}, ${f.rounds} rounds): ${JSON.stringify(fits[p.id])}`);
  }
}

if (!json && args.has("--points")) {
  console.log("\nEvery point:");
  for (const r of allResults) {
    const m = r.engine.point;
    console.log(`  ${m.split.padEnd(7)} ${m.id.padEnd(92)} ${String(m.measured).padStart(10)} ${r.engine.predicted.toFixed(1).padStart(10)} ${(r.engine.error * 100).toFixed(1).padStart(7)}%  naive ${(r.naive.error * 100).toFixed(1).padStart(7)}%`);
  }
}

const dnf = allResults.filter((r) => r.engine.doesNotFit);
const ms = performance.now() - t0;
if (json) {
  console.log(JSON.stringify({ sources: measurementSources, overall, rows, loso, fits, excluded: excluded.map((m) => ({ id: m.id, reason: m.excluded })), doesNotFit: dnf.map((r) => r.engine.point.id), points: allResults.map((r) => ({ preset: r.preset, id: r.engine.point.id, split: r.engine.point.split, source: sourceOf(r.engine.point).id, measured: r.engine.point.measured, predicted: r.engine.predicted, errorPct: r.engine.error * 100, naiveErrorPct: r.naive.error * 100 })), elapsedMs: ms }, null, 2));
} else {
  console.log(`\nTargets on held-out points (median <= 10%, max <= 25%, no measured configuration "does not fit"):`);
  for (const [id, o] of Object.entries(overall)) {
    const h = o.holdout.engine;
    if (!h.n) console.log(`  ${id}: no held-out points`);
    else console.log(`  ${id}: median ${h.medianAbsPct.toFixed(1)}% ${h.medianAbsPct <= 10 ? "met" : "MISSED"}, max ${h.maxAbsPct.toFixed(1)}% ${h.maxAbsPct <= 25 ? "met" : "MISSED"}, "does not fit" ${h.doesNotFit}`);
  }
  console.log(`${allResults.length * 2} predictions and ${loso.length} refits in ${(ms / 1000).toFixed(1)} s`);
}
process.exit(dnf.length ? 1 : 0);

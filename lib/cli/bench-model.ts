/**
 * Evidence for the modeling engine: predicted vs measured for every calibration point (the
 * TensorRT-LLM A100 points the default knobs are fitted to), then the held-out H100 FP8 and L40S
 * FP8 points from the same public document, which were never used in the fit.
 *   npm run bench:model            table
 *   npm run bench:model -- --json  machine-readable
 * Target on the calibration points: median |error| <= 15%, max <= 35%. Exits 1 when missed.
 */
import { calibrationPoints, holdoutPoints, predictPoint, summarize, defaultKnobs, type PointResult } from "../model";

const json = process.argv.includes("--json");

function section(title: string, rs: PointResult[]) {
  const s = summarize(rs);
  if (!json) {
    console.log(`\n${title}`);
    console.log(`${"point".padEnd(28)} ${"metric".padEnd(10)} ${"measured".padStart(9)} ${"predicted".padStart(10)} ${"error".padStart(8)}  weight`);
    for (const r of rs) {
      const metric = r.point.metric === "timeToFirstTokenMs" ? "TTFT ms" : "tok/s/GPU";
      console.log(`${r.point.id.padEnd(28)} ${metric.padEnd(10)} ${String(r.point.measured).padStart(9)} ${r.predicted.toFixed(1).padStart(10)} ${`${(r.error * 100).toFixed(1)}%`.padStart(8)}  ${r.point.weight}`);
    }
    console.log(`median |error| ${s.medianAbsPct.toFixed(1)}%   max |error| ${s.maxAbsPct.toFixed(1)}%`);
  }
  return { ...s, points: rs.map((r) => ({ id: r.point.id, metric: r.point.metric, measured: r.point.measured, predicted: r.predicted, errorPct: r.error * 100, source: r.point.source })) };
}

const t0 = performance.now();
const cal = section("Calibration points (TensorRT-LLM A100 FP16; knobs fitted to these)", calibrationPoints.map((p) => predictPoint(p)));
const hold = section("Held-out points (H100 FP8 v0.6.1, L40S FP8 v0.5; not used in the fit)", holdoutPoints.map((p) => predictPoint(p)));
const ms = performance.now() - t0;
const pass = cal.medianAbsPct <= 15 && cal.maxAbsPct <= 35;
if (json) console.log(JSON.stringify({ knobs: defaultKnobs, calibration: cal, holdout: hold, pass, elapsedMs: ms }, null, 2));
else {
  console.log(`\nknobs: ${JSON.stringify(defaultKnobs)}`);
  console.log(`calibration target (median <= 15%, max <= 35%): ${pass ? "met" : "MISSED"}; ${(calibrationPoints.length + holdoutPoints.length)} predictions in ${ms.toFixed(0)} ms`);
}
process.exit(pass ? 0 : 1);

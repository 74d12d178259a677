import { gpus, models, precisions, getGpu, getModel, paramBreakdown, effectivePeak, mathRateFor, trainingFlops, trainingTime, mfu, pipelineBubbleFraction, gradientAccumulationSteps, fmtCount, fmtFlops, fmtSeconds, trim, type Precision } from "@/lib/model";
import { Derivation } from "./derivation";
import type { FormOptions } from "./sandbox-fields";
import { TRAINING_DEFAULTS, TRAINING_FIELDS as F } from "./training-fields";
import { TrainingForm } from "./training-form";
import { Recomputing } from "./url-state";
import styles from "./model.module.css";

/** The training tab, computed on the server from the URL; the form (client) edits the URL. */
export function TrainingPanel({ q, options }: { q: URLSearchParams; options: FormOptions }) {
  const val = (k: string) => q.get(k) ?? F[k]?.def ?? "";
  const errors: string[] = [];
  const bad = new Set<string>();
  const num = (k: string): number => {
    const s = val(k);
    const v = Number(s);
    const f = F[k];
    if (s.trim() === "" || !Number.isFinite(v) || v < f.min || v > f.max || (f.int && !Number.isInteger(v))) {
      errors.push(`${f.label}: must be ${f.int ? "a whole number" : "a number"} from ${f.min} to ${f.max} (got "${s}")`);
      bad.add(k);
      return NaN;
    }
    return v;
  };
  const modelId = q.get("t.model") ?? TRAINING_DEFAULTS.model;
  const gpuId = q.get("t.gpu") ?? TRAINING_DEFAULTS.gpu;
  const prec = (q.get("t.prec") ?? TRAINING_DEFAULTS.prec) as Precision;
  if (!models.some((m) => m.id === modelId)) errors.push(`Model: "${modelId}" is not a catalog model`);
  if (!gpus.some((g) => g.id === gpuId)) errors.push(`GPU: "${gpuId}" is not a catalog GPU`);
  if (!precisions.includes(prec)) errors.push(`Precision: "${prec}" is not one of ${precisions.join(", ")}`);
  const tokens = num("t.tokens") * 1e9;
  const n = num("t.gpus");
  const m = num("t.mfu");
  const tps = val("t.tps").trim() === "" ? undefined : num("t.tps");
  const tp = num("t.tp");
  const pp = num("t.pp");
  if (Number.isInteger(n) && Number.isInteger(tp) && Number.isInteger(pp) && n % (tp * pp) !== 0) {
    errors.push(`GPUs: ${n} is not a multiple of tensor parallel x pipeline stages (${tp} x ${pp} = ${tp * pp}); the rest of the cluster forms the data-parallel replicas`);
    bad.add("t.gpus");
  }
  const mb = num("t.mb");
  const gb = num("t.gb");
  const micro = num("t.micro");
  const recompute = q.get("t.rc") === "1";

  let results: React.ReactNode = null;
  if (!errors.length) {
    const model = getModel(modelId);
    const gpu = getGpu(gpuId);
    const params = paramBreakdown(model).active;
    const peak = effectivePeak(gpu, mathRateFor(prec)).flops;
    const flops = trainingFlops(params, tokens, recompute);
    const time = trainingTime(flops.value, n, peak, m);
    const dp = Math.max(1, Math.floor(n / (tp * pp)));
    const bubble = pipelineBubbleFraction(pp, mb);
    const accum = gradientAccumulationSteps(gb, micro, dp);
    const measured = tps != null ? mfu(params, tps, n, peak) : null;
    const days = time.value / 86400;
    results = (
      <div className={styles.metrics}>
        <Derivation label="Training FLOPs" value={fmtFlops(flops.value)} estimate={flops} />
        <Derivation label="Wall-clock time at the assumed MFU" value={days >= 2 ? `${trim(days)} days` : fmtSeconds(time.value)} estimate={time} />
        <Derivation label="GPU-hours" value={fmtCount((time.value * n) / 3600)} estimate={{ ...time, bound: undefined, value: (time.value * n) / 3600, unit: "count", formula: "time * GPUs / 3600", substituted: `${fmtSeconds(time.value)} * ${n} / 3600 = ${fmtCount((time.value * n) / 3600)}` }} />
        {measured ? <Derivation label="MFU from the measured tokens/s" value={`${trim(measured.value * 100)}%`} estimate={measured} /> : null}
        <Derivation label={`Pipeline bubble (${pp} stages, ${mb} micro-batches)`} value={`${trim(bubble.value * 100)}%`} estimate={bubble} />
        <Derivation label={`Gradient accumulation (DP ${dp} = ${n} / (${tp} x ${pp}))`} value={trim(accum.value)} estimate={accum} />
      </div>
    );
  }
  return (
    <div className={styles.layout}>
      <TrainingForm options={options} invalid={[...bad]} />
      <Recomputing>
        {errors.length ? <div className={styles.errors} role="alert"><ul>{errors.map((e) => <li key={e}>{e}</li>)}</ul></div> : results}
        <p className="muted small">Training compute is 6 x active parameters x tokens (8x with full recompute); time = FLOPs / (GPUs x dense peak x MFU). MFU counts model FLOPs only, so recompute lowers it. The data-parallel degree is GPUs / (tensor parallel x pipeline stages).</p>
      </Recomputing>
    </div>
  );
}

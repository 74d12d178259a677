"use client";

import { gpus, models, precisions, getGpu, getModel, paramBreakdown, effectivePeak, mathRateFor, trainingFlops, trainingTime, mfu, pipelineBubbleFraction, gradientAccumulationSteps, fmtCount, fmtFlops, fmtSeconds, trim, type Precision } from "@/lib/model";
import { Derivation } from "./derivation";
import styles from "./model.module.css";

type Setter = (patch: Record<string, string | undefined>) => void;

const F: Record<string, { label: string; def: string; min: number; max: number; int?: boolean }> = {
  "t.tokens": { label: "Training tokens (billions)", def: "1000", min: 0.001, max: 1e6 },
  "t.gpus": { label: "GPUs", def: "512", min: 1, max: 1e6, int: true },
  "t.mfu": { label: "Assumed MFU (0-1)", def: "0.4", min: 0.01, max: 1 },
  "t.tps": { label: "Measured tokens/s of the cluster (optional, gives MFU)", def: "", min: 1, max: 1e12 },
  "t.tp": { label: "Tensor parallel", def: "1", min: 1, max: 1024, int: true },
  "t.pp": { label: "Pipeline stages", def: "4", min: 1, max: 1024, int: true },
  "t.mb": { label: "Micro-batches per step", def: "16", min: 1, max: 1e6, int: true },
  "t.gb": { label: "Global batch (sequences)", def: "1024", min: 1, max: 1e8, int: true },
  "t.micro": { label: "Micro-batch size", def: "1", min: 1, max: 1e6, int: true },
};

export function TrainingPanel({ q, set }: { q: URLSearchParams; set: Setter }) {
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
  const modelId = q.get("t.model") ?? "llama-3.1-8b";
  const gpuId = q.get("t.gpu") ?? "h100-sxm";
  const prec = (q.get("t.prec") ?? "bf16") as Precision;
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

  const field = (k: string) => (
    <div className={styles.field} key={k}>
      <label htmlFor={`tr-${k}`}>{F[k].label}</label>
      <input id={`tr-${k}`} type="number" min={F[k].min} max={F[k].max} step={F[k].int ? 1 : "any"} value={val(k)} aria-invalid={bad.has(k)} onChange={(e) => set({ [k]: e.target.value })} />
    </div>
  );

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
      <form className={`${styles.panel} ${styles.form}`} aria-label="Training run" onSubmit={(e) => e.preventDefault()}>
        <div className={styles.field}>
          <label htmlFor="tr-model">Model</label>
          <select id="tr-model" value={modelId} onChange={(e) => set({ "t.model": e.target.value })}>{models.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}</select>
        </div>
        <div className={styles.field}>
          <label htmlFor="tr-gpu">GPU</label>
          <select id="tr-gpu" value={gpuId} onChange={(e) => set({ "t.gpu": e.target.value })}>{gpus.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}</select>
        </div>
        <div className={styles.field}>
          <label htmlFor="tr-prec">Math precision</label>
          <select id="tr-prec" value={prec} onChange={(e) => set({ "t.prec": e.target.value })}>{precisions.map((p) => <option key={p} value={p}>{p}</option>)}</select>
        </div>
        {Object.keys(F).map(field)}
        <label className={styles.check}><input type="checkbox" checked={recompute} onChange={(e) => set({ "t.rc": e.target.checked ? "1" : undefined })} />Full activation recompute (8ND instead of 6ND)</label>
      </form>
      <div>
        {errors.length ? <div className={styles.errors} role="alert"><ul>{errors.map((e) => <li key={e}>{e}</li>)}</ul></div> : results}
        <p className="muted small">Training compute is 6 x active parameters x tokens (8x with full recompute); time = FLOPs / (GPUs x dense peak x MFU). MFU counts model FLOPs only, so recompute lowers it. The data-parallel degree is GPUs / (tensor parallel x pipeline stages).</p>
      </div>
    </div>
  );
}

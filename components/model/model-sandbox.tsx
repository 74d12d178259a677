"use client";

import { useEffect, useMemo, useRef, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { z } from "zod";
import {
  GpuIdSchema, ModelIdSchema, PrecisionSchema, gpus, models, precisions, resolveDeployment, runInference, costPerMillionTokens,
  energyPerToken, defaultDollarsPerGpuHour, effectivePeak, mathRateFor, fmtBytes, fmt, trim, paramBreakdown, kvBytesPerToken, type Estimate, type Gpu,
} from "@/lib/model";
import { Derivation } from "./derivation";
import { MemoryBar } from "./memory-bar";
import { LineChart, RooflineChart } from "./charts";
import styles from "./model.module.css";

const int = (def: number, max: number) => z.coerce.number().int().min(1).max(max).catch(def);

/** The sandbox configuration, parsed from the URL query string (bad values fall back to defaults). */
const ConfigSchema = z.object({
  gpu: GpuIdSchema.catch("h100-sxm"),
  model: ModelIdSchema.catch("llama-3-8b"),
  precision: PrecisionSchema.catch("bf16"),
  kv: PrecisionSchema.optional().catch(undefined),
  tp: int(1, 64),
  pp: int(1, 64),
  batch: int(16, 4096),
  input: int(1024, 1_000_000),
  output: int(256, 1_000_000),
  price: z.coerce.number().positive().max(1000).optional().catch(undefined),
});
type Config = z.infer<typeof ConfigSchema>;

function Field(props: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className={styles.field}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
    </div>
  );
}

export function ModelSandbox() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [, startTransition] = useTransition();
  const cfg = useMemo(() => ConfigSchema.parse(Object.fromEntries(params.entries())), [params]);

  // The URL updates in a transition, so two quick edits would both start from the old query and the
  // second would undo the first: build each change on the latest query instead.
  const latest = useRef(params.toString());
  useEffect(() => {
    latest.current = params.toString();
  }, [params]);
  const set = (patch: Partial<Record<keyof Config, string>>) => {
    const next = new URLSearchParams(latest.current);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, v);
    }
    latest.current = next.toString();
    startTransition(() => router.replace(`${pathname}?${next.toString()}`, { scroll: false }));
  };

  const result = useMemo(() => {
    try {
      const d = resolveDeployment({ gpu: cfg.gpu, model: cfg.model, precision: cfg.precision, kvPrecision: cfg.kv, tp: cfg.tp, pp: cfg.pp });
      const run = runInference(d, { batch: cfg.batch, input: cfg.input, output: cfg.output });
      const batches: number[] = [];
      for (let b = 1; b <= Math.max(256, cfg.batch * 2) && batches.length < 12; b *= 2) batches.push(b);
      const sweep = batches.map((b) => runInference(d, { batch: b, input: cfg.input, output: Math.min(cfg.output, 512) }));
      return { d, run, batches, sweep, error: null as string | null };
    } catch (e) {
      return { error: (e as Error).message } as const;
    }
  }, [cfg]);

  const price = cfg.price ?? defaultDollarsPerGpuHour[cfg.gpu] ?? 2;
  const gpu: Gpu = gpus.find((g) => g.id === cfg.gpu)!;
  const model = models.find((m) => m.id === cfg.model)!;

  return (
    <div className={styles.layout}>
      <form className={`${styles.panel} ${styles.form}`} aria-label="Deployment" onSubmit={(e) => e.preventDefault()}>
        <Field id="m-gpu" label="GPU">
          <select id="m-gpu" value={cfg.gpu} onChange={(e) => set({ gpu: e.target.value })}>
            {gpus.map((g) => (
              <option key={g.id} value={g.id}>{g.name}{g.unverified.length ? " (some figures unverified)" : ""}</option>
            ))}
          </select>
        </Field>
        <Field id="m-model" label="Model">
          <select id="m-model" value={cfg.model} onChange={(e) => set({ model: e.target.value })}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>{m.name}</option>
            ))}
          </select>
        </Field>
        <div className={styles.row}>
          <Field id="m-prec" label="Weight precision">
            <select id="m-prec" value={cfg.precision} onChange={(e) => set({ precision: e.target.value })}>
              {precisions.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </Field>
          <Field id="m-kv" label="KV cache precision">
            <select id="m-kv" value={cfg.kv ?? ""} onChange={(e) => set({ kv: e.target.value })}>
              <option value="">same as weights</option>
              {precisions.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </Field>
        </div>
        <div className={styles.row}>
          <Field id="m-tp" label="Tensor parallel (GPUs)">
            <input id="m-tp" type="number" min={1} max={64} value={cfg.tp} onChange={(e) => set({ tp: e.target.value })} />
          </Field>
          <Field id="m-pp" label="Pipeline stages">
            <input id="m-pp" type="number" min={1} max={64} value={cfg.pp} onChange={(e) => set({ pp: e.target.value })} />
          </Field>
        </div>
        <Field id="m-batch" label="Batch (concurrent sequences)">
          <input id="m-batch" type="number" min={1} max={4096} value={cfg.batch} onChange={(e) => set({ batch: e.target.value })} />
        </Field>
        <div className={styles.row}>
          <Field id="m-in" label="Input tokens">
            <input id="m-in" type="number" min={1} value={cfg.input} onChange={(e) => set({ input: e.target.value })} />
          </Field>
          <Field id="m-out" label="Output tokens">
            <input id="m-out" type="number" min={1} value={cfg.output} onChange={(e) => set({ output: e.target.value })} />
          </Field>
        </div>
        <Field id="m-price" label="$ per GPU-hour">
          <input id="m-price" type="number" min={0.01} step={0.1} value={price} onChange={(e) => set({ price: e.target.value })} />
        </Field>
        <p className="muted small" style={{ margin: 0 }}>
          {cfg.tp * cfg.pp} GPU(s). The URL holds this configuration: copy it to share.
        </p>
      </form>

      <div>
        {"error" in result && result.error ? (
          <div className={styles.warn} role="alert">{result.error}</div>
        ) : result.run ? (
          <Results run={result.run} d={result.d} batches={result.batches} sweep={result.sweep} price={price} />
        ) : null}
        {gpu.unverified.length > 0 ? (
          <div className={styles.note} role="note">
            Unverified figures for {gpu.name}: {gpu.unverified.join(", ")}. {gpu.notes} They are defaults taken from public, unconfirmed sources; treat results that depend on them with care.
          </div>
        ) : null}
        <section className={styles.section}>
          <h2>Reading a roofline</h2>
          <div className={styles.prose}>
            <p>
              Every kernel does some arithmetic (FLOP) and moves some bytes to and from GPU memory. Its <em>arithmetic intensity</em> is
              FLOP per byte. A GPU can deliver at most its peak FLOP/s, and at most <em>intensity x bandwidth</em> when it is waiting on memory:
              the roof is the lower of the two. Where they meet, at peak / bandwidth (the <em>ridge point</em>, {trim(effectivePeak(gpu, mathRateFor(cfg.precision)).flops / gpu.memoryBandwidth)} FLOP/B for
              the {gpu.name} at {cfg.precision}), a kernel switches from memory-bound to compute-bound.
            </p>
            <p>
              Decode reads every weight (and the whole KV cache) to produce one token per sequence, about 2 x batch FLOP per weight read:
              far left of the ridge, so it is memory-bound, and batching raises throughput almost for free until it nears the ridge.
              Prefill multiplies every weight by thousands of prompt tokens at once, so it sits right of the ridge and is compute-bound.
              Quantizing the weights moves decode to the right (fewer bytes for the same FLOP); a longer context moves it left (more KV bytes).
            </p>
            <p className="muted small">
              {model.name}: {trim(paramBreakdown(model).total / 1e9)}B parameters ({trim(paramBreakdown(model).active / 1e9)}B active), KV{" "}
              {fmtBytes(kvBytesPerToken(model, cfg.kv ?? cfg.precision).value)} per token{model.slidingWindow ? `, sliding window ${model.slidingWindow}` : ""}.
              Source: {model.source}. Efficiencies (fraction of peak bandwidth and FLOP/s, overheads) are named knobs fitted to public TensorRT-LLM measurements; see <code>npm run bench:model</code>.
            </p>
          </div>
        </section>
      </div>
    </div>
  );
}

function Results(props: { run: ReturnType<typeof runInference>; d: ReturnType<typeof resolveDeployment>; batches: number[]; sweep: ReturnType<typeof runInference>[]; price: number }) {
  const { run, d, batches, sweep, price } = props;
  const cost = costPerMillionTokens(run.outputTokensPerSecond.value, run.gpus, price);
  const energy = energyPerToken(run.outputTokensPerSecond.value, run.gpus, d.gpu.tdpWatts, d.knobs.powerFractionOfTdp);
  const peak = effectivePeak(d.gpu, mathRateFor(d.weights));
  const memEst: Estimate = run.memory.totalPerGpu;
  const pt = (p: typeof run.prefill, label: string) => ({ label, intensity: p.flopsPerGpu / Math.max(1, p.bytesPerGpu), flops: p.flopsPerGpu / p.timeS, kind: p.kind });
  return (
    <>
      {!run.memory.fits ? (
        <div className={styles.warn} role="alert">
          Does not fit: {fmtBytes(run.memory.totalPerGpu.value)} per GPU needed, {fmtBytes(run.memory.capacityPerGpu)} available (over by {fmtBytes(run.memory.overBy)}).
          Largest batch that fits at this context: {run.memory.maxBatch}. Add GPUs, lower the batch, or quantize.
        </div>
      ) : null}
      {peak.fellBack ? <div className={styles.note}>{d.gpu.name} has no native {mathRateFor(d.weights)} math: matmuls run at the {peak.rate} rate (weights are still stored in {d.weights}).</div> : null}
      <div className={styles.metrics}>
        <Derivation label="Output tokens/s (all GPUs)" value={trim(run.outputTokensPerSecond.value)} estimate={run.outputTokensPerSecond} />
        <Derivation label="Per GPU" value={`${trim(run.outputTokensPerSecondPerGpu.value)} tok/s`} estimate={run.outputTokensPerSecondPerGpu} />
        <Derivation label="Time to first token (batch prefill)" value={`${trim(run.timeToFirstToken.value)} ms`} estimate={run.timeToFirstToken} />
        <Derivation label="Time per output token" value={`${trim(run.timePerOutputToken.value)} ms`} estimate={run.timePerOutputToken} />
        <Derivation label="First decode step" value={`${trim(run.firstDecode.timeS * 1e3)} ms`} estimate={run.firstDecode.explanation} />
        <Derivation label="Last decode step (context grew)" value={`${trim(run.lastDecode.timeS * 1e3)} ms`} estimate={run.lastDecode.explanation} />
        <Derivation label="Memory per GPU" value={fmt(memEst.value, "B")} estimate={memEst} />
        <Derivation label="$ per 1M output tokens" value={`$${trim(cost.value)}`} estimate={cost} />
        <Derivation label="Energy per output token" value={`${trim(energy.value)} J`} estimate={energy} />
      </div>

      <section className={styles.section}>
        <h2>Memory per GPU</h2>
        <MemoryBar plan={run.memory} />
        <details className="small" style={{ marginTop: 6 }}>
          <summary>Derivation</summary>
          <pre>{[run.memory.weightsPerGpu, run.memory.kvCachePerGpu, run.memory.activationsPerGpu, run.memory.runtimeOverheadPerGpu].map((e) => `${e.formula}\n  ${e.substituted}`).join("\n")}</pre>
        </details>
      </section>

      <section className={styles.section}>
        <h2>Where the time goes</h2>
        <div className={styles.charts}>
          <div className={styles.panel}>
            <RooflineChart peak={peak.flops} bandwidth={d.gpu.memoryBandwidth} points={[pt(run.prefill, "prefill"), pt(run.firstDecode, "decode")]} />
            <div className={styles.legend}>
              <span><span className={`${styles.swatch} ${styles.ptPrefill}`} />prefill ({run.prefill.bound}-bound)</span>
              <span><span className={`${styles.swatch} ${styles.ptDecode}`} />decode ({run.firstDecode.bound}-bound)</span>
              <span>roof: {peak.rate} peak per GPU</span>
            </div>
          </div>
          <div className={styles.panel}>
            <LineChart title="Output tokens/s against batch" xs={batches} ys={sweep.map((r) => r.outputTokensPerSecond.value)} fits={sweep.map((r) => r.memory.fits)} unit="output tokens/s" cls="line1" />
            <div className={styles.legend}><span>throughput (all GPUs); hollow = does not fit in memory</span></div>
          </div>
          <div className={styles.panel}>
            <LineChart title="Time per output token against batch" xs={batches} ys={sweep.map((r) => r.timePerOutputToken.value)} fits={sweep.map((r) => r.memory.fits)} unit="ms per output token" cls="line2" />
            <div className={styles.legend}><span>latency per token; hollow = does not fit{batches.length ? ` (sweep caps output at ${Math.min(run.output, 512)})` : ""}</span></div>
          </div>
        </div>
      </section>
    </>
  );
}

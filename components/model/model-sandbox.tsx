"use client";

import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import {
  gpus, models, precisions, presets, resolveDeployment, runInference, maxThroughput, steadyThroughput, memoryPlan, costPerMillionTokens, energyPerToken, defaultDollarsPerGpuHour,
  effectivePeak, mathRateFor, fmtBytes, fmtCount, fmt, trim, paramBreakdown, kvBytesPerToken, knobRanges, knobDescriptions, presetKnobs, getPreset,
  type Deployment, type Estimate, type Knobs, type DeploymentInput,
} from "@/lib/model";
import { Derivation } from "./derivation";
import { MemoryBar } from "./memory-bar";
import { LineChart, RooflineChart } from "./charts";
import { parseSandbox, raw, LABELS, CUSTOM, type FieldError, type SandboxConfig } from "./sandbox-config";
import { SimulatorPanel } from "./simulator-panel";
import { TrainingPanel } from "./training-panel";
import styles from "./model.module.css";

type Setter = (patch: Record<string, string | undefined>) => void;

function Field(props: { id: string; label: string; error?: string; children: React.ReactNode; hint?: string }) {
  return (
    <div className={styles.field}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? <span className="muted small">{props.hint}</span> : null}
      {props.error ? <span className={styles.fieldError} id={`${props.id}-err`}>{props.error}</span> : null}
    </div>
  );
}

/** The URL is the state: every change rewrites the query (built on the latest one, so quick edits never undo each other). */
function useUrlState(): [URLSearchParams, Setter] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [, startTransition] = useTransition();
  const latest = useRef(params.toString());
  useEffect(() => {
    latest.current = params.toString();
  }, [params]);
  const set: Setter = (patch) => {
    const next = new URLSearchParams(latest.current);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, v);
    }
    latest.current = next.toString();
    startTransition(() => router.replace(`${pathname}?${next.toString()}`, { scroll: false }));
  };
  return [new URLSearchParams(params.toString()), set];
}

export function ModelSandbox() {
  const [q, set] = useUrlState();
  const qs = q.toString();
  const { cfg, errors } = useMemo(() => parseSandbox(new URLSearchParams(qs)), [qs]);
  const errOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const tabs = [["inference", "Inference"], ["simulator", "Serving simulator"], ["training", "Training"]] as const;
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const onTabKey = (e: React.KeyboardEvent, i: number) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const j = (i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length;
    set({ tab: tabs[j][0] });
    tabRefs.current[j]?.focus();
  };

  return (
    <>
      <div className={styles.tabs} role="tablist" aria-label="Sandbox views">
        {tabs.map(([id, label], i) => (
          <button
            key={id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            role="tab"
            id={`tab-${id}`}
            aria-selected={cfg.tab === id}
            aria-controls={`panel-${id}`}
            tabIndex={cfg.tab === id ? 0 : -1}
            onClick={() => set({ tab: id })}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {label}
          </button>
        ))}
      </div>
      {cfg.tab === "training" ? (
        <div role="tabpanel" id="panel-training" aria-labelledby="tab-training">
          <TrainingPanel q={q} set={set} />
        </div>
      ) : (
        <div className={styles.layout}>
          <DeploymentForm q={q} set={set} cfg={cfg} errOf={errOf} />
          <div role="tabpanel" id={`panel-${cfg.tab}`} aria-labelledby={`tab-${cfg.tab}`}>
            <ValidationNote presetId={cfg.preset} />
            {errors.length ? (
              <div className={styles.errors} role="alert">
                <strong>Fix {errors.length === 1 ? "this field" : `these ${errors.length} fields`} to see results:</strong>
                <ul>{errors.map((e) => <li key={e.field + e.message}>{e.message}</li>)}</ul>
              </div>
            ) : cfg.tab === "simulator" ? (
              <SimulatorPanel cfg={cfg} q={q} set={set} deployment={deploymentInput(cfg)} />
            ) : (
              <InferenceResults cfg={cfg} />
            )}
            <Explainer cfg={cfg} />
          </div>
        </div>
      )}
    </>
  );
}

/** Says, above any figure, when the chosen preset is not (or only partly) checked against its engine's measurements. */
function ValidationNote({ presetId }: { presetId: string }) {
  const preset = getPreset(presetId);
  if (preset.validation.status === "validated") return null;
  return (
    <div className={styles.note} role="note">
      <strong>{preset.name}: {preset.validation.status}.</strong> {preset.validation.note}. {preset.validation.status === "not validated" ? "Its figures are estimates from engine defaults, not checked against that engine." : "Its figures rest on few measurements: treat them with care."}
    </div>
  );
}

export function deploymentInput(cfg: SandboxConfig): DeploymentInput {
  return {
    gpu: (cfg.gpuId === CUSTOM ? cfg.gpu : cfg.gpuId) as never,
    model: cfg.modelId === CUSTOM ? cfg.model : (cfg.modelId as never),
    precision: cfg.precision,
    kvPrecision: cfg.kv,
    tp: cfg.tp,
    pp: cfg.pp,
    ep: cfg.ep,
    replicateKvHeads: cfg.replicateKv,
    preset: cfg.preset,
    knobs: cfg.knobs,
  };
}

/** The knobs by what they model, so a long list reads as a few short ones. */
const KNOB_GROUPS: [string, (keyof Knobs)[]][] = [
  ["Efficiency", ["bandwidthEfficiency", "computeEfficiency", "computeEfficiency8bit", "overlapExponent"]],
  ["Fixed overheads", ["layerOverheadS", "stepOverheadS"]],
  ["Communication", ["commEfficiency", "pcieCommEfficiency", "collectiveLatencyS", "interNodeBandwidth", "interNodeLatencyS", "gpusPerNode", "expertImbalance"]],
  ["Attention", ["gqaKvSharing", "gqaKvSharingWindowed"]],
  ["Scheduler and memory", ["prefillChunkTokens", "maxBatchSize", "kvCacheMemoryFraction", "kvReserveOutputFraction", "activationMemoryFactor", "runtimeOverheadBytes", "int4GroupSize"]],
  ["Energy", ["powerFractionOfTdp"]],
];

/** A knob in SI units, read the way people say it: 4e-5 s is 40 µs, 1073741824 B is 1 GiB. */
function readableKnob(k: keyof Knobs, v: number): string {
  if (!Number.isFinite(v)) return "";
  const unit = knobRanges[k].unit;
  if (unit === "s") return v === 0 ? "" : v < 1e-3 ? `= ${trim(v * 1e6)} µs` : `= ${trim(v * 1e3)} ms`;
  if (unit === "B") return `= ${fmtBytes(v)}`;
  if (unit === "B/s") return `= ${trim(v / 1e9)} GB/s`;
  return "";
}

function errorsInKnobs(errOf: (f: string) => string | undefined): boolean {
  return Object.keys(knobRanges).some((k) => errOf(`k.${k}`) != null);
}

function DeploymentForm({ q, set, cfg, errOf }: { q: URLSearchParams; set: Setter; cfg: SandboxConfig; errOf: (f: string) => string | undefined }) {
  const num = (key: string, min: number, max: number, step = 1) => (
    <Field id={`m-${key}`} label={LABELS[key]} error={errOf(key)}>
      <input id={`m-${key}`} type="number" min={min} max={max} step={step} value={raw(q, key)} aria-invalid={!!errOf(key)} aria-describedby={errOf(key) ? `m-${key}-err` : undefined} onChange={(e) => set({ [key]: e.target.value })} />
    </Field>
  );
  const base = presetKnobs(cfg.preset);
  const price = raw(q, "price") || String(defaultDollarsPerGpuHour[cfg.gpuId] ?? 2);
  return (
    <form className={`${styles.panel} ${styles.form}`} aria-label="Deployment" onSubmit={(e) => e.preventDefault()}>
      <Field id="m-preset" label={LABELS.preset} error={errOf("preset")} hint={`${getPreset(cfg.preset).description} Status: ${getPreset(cfg.preset).validation.status}.`}>
        <select id="m-preset" value={raw(q, "preset")} onChange={(e) => set({ preset: e.target.value })}>
          {presets.map((p) => <option key={p.id} value={p.id}>{p.name}{p.validation.status === "validated" ? "" : ` (${p.validation.status})`}</option>)}
        </select>
      </Field>
      <Field id="m-gpu" label={LABELS.gpu} error={errOf("gpu")}>
        <select id="m-gpu" value={raw(q, "gpu")} onChange={(e) => set({ gpu: e.target.value })}>
          {gpus.map((g) => <option key={g.id} value={g.id}>{g.name}{g.unverified.length ? " (some figures unverified)" : ""}</option>)}
          <option value={CUSTOM}>Custom GPU…</option>
        </select>
      </Field>
      {cfg.gpuId === CUSTOM ? (
        <fieldset className={styles.form} style={{ border: "none", padding: 0, margin: 0 }}>
          <legend className="small muted">Custom GPU (dense peaks)</legend>
          <Field id="m-g.name" label={LABELS["g.name"]}><input id="m-g.name" value={q.get("g.name") ?? ""} onChange={(e) => set({ "g.name": e.target.value })} /></Field>
          <div className={styles.row}>{num("g.bf16", 1, 100000, 1)}{num("g.fp8", 1, 200000, 1)}</div>
          <div className={styles.row}>{num("g.mem", 1, 10000, 1)}{num("g.bw", 1, 100000, 1)}</div>
          {num("g.link", 1, 100000, 1)}
        </fieldset>
      ) : null}
      <Field id="m-model" label={LABELS.model} error={errOf("model")}>
        <select id="m-model" value={raw(q, "model")} onChange={(e) => set({ model: e.target.value })}>
          {models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          <option value={CUSTOM}>Custom (paste config.json)…</option>
        </select>
      </Field>
      {cfg.modelId === CUSTOM ? (
        <Field id="m-cfg" label="Hugging Face config.json" error={errOf("cfg")}>
          <textarea id="m-cfg" value={q.get("cfg") ?? ""} aria-invalid={!!errOf("cfg")} placeholder='{"num_hidden_layers": 32, "hidden_size": 4096, ...}' onChange={(e) => set({ cfg: e.target.value })} />
        </Field>
      ) : null}
      <div className={styles.row}>
        <Field id="m-prec" label={LABELS.precision} error={errOf("precision")}>
          <select id="m-prec" value={raw(q, "precision")} onChange={(e) => set({ precision: e.target.value })}>
            {precisions.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </Field>
        <Field id="m-kv" label={LABELS.kv} error={errOf("kv")}>
          <select id="m-kv" value={q.get("kv") ?? ""} onChange={(e) => set({ kv: e.target.value })}>
            <option value="">same as weights</option>
            {precisions.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </Field>
      </div>
      <div className={styles.row}>{num("tp", 1, 64)}{num("pp", 1, 64)}</div>
      <div className={styles.row}>{num("ep", 1, 64)}</div>
      <label className={styles.check}>
        <input type="checkbox" checked={cfg.replicateKv} onChange={(e) => set({ rkv: e.target.checked ? "1" : undefined })} />
        Replicate KV heads when TP exceeds them
      </label>
      {cfg.tab === "inference" ? (
        <Field id="m-mode" label={LABELS.mode} error={errOf("mode")}>
          <select id="m-mode" value={raw(q, "mode")} onChange={(e) => set({ mode: e.target.value })}>
            <option value="static">Static batch (fixed batch size)</option>
            <option value="max-throughput">In-flight batching (max throughput)</option>
          </select>
        </Field>
      ) : null}
      {cfg.tab === "inference" && cfg.mode === "static" ? num("batch", 1, 4096) : null}
      <div className={styles.row}>{num("input", 1, 1_000_000)}{num("output", 1, 1_000_000)}</div>
      <Field id="m-price" label={LABELS.price} error={errOf("price")}>
        <input id="m-price" type="number" min={0.01} max={1000} step={0.1} value={price} aria-invalid={!!errOf("price")} onChange={(e) => set({ price: e.target.value })} />
      </Field>
      <details open={Object.keys(cfg.knobs).length > 0 || errorsInKnobs(errOf) ? true : undefined}>
        <summary className="small">Engine knobs ({Object.keys(cfg.knobs).length} changed from the preset)</summary>
        {KNOB_GROUPS.map(([legend, keys]) => (
          <fieldset key={legend} className={styles.knobGroup}>
            <legend>{legend}</legend>
            <div className={styles.knobs}>
              {keys.map((k) => {
                const r = knobRanges[k];
                const id = `m-k-${k}`;
                const v = q.get(`k.${k}`) ?? String(base[k]);
                const err = errOf(`k.${k}`);
                const changed = k in cfg.knobs;
                const readable = readableKnob(k, Number(v));
                return (
                  <Field key={k} id={id} label={`${k}${r.unit && r.unit !== "fraction" ? ` (${r.unit})` : ""}`} error={err} hint={`${knobDescriptions[k]}${readable ? ` (${readable})` : ""}${changed ? `; preset: ${base[k]}` : ""}`}>
                    <input id={id} className={changed ? styles.changed : undefined} type="number" min={r.min} max={r.max} step={r.step} value={v} aria-invalid={!!err} onChange={(e) => set({ [`k.${k}`]: e.target.value === String(base[k]) ? undefined : e.target.value })} />
                  </Field>
                );
              })}
            </div>
          </fieldset>
        ))}
        <button type="button" className="small" style={{ marginTop: 8 }} onClick={() => set(Object.fromEntries(Object.keys(knobRanges).map((k) => [`k.${k}`, undefined])))}>Reset knobs to the preset</button>
      </details>
      <p className="muted small" style={{ margin: 0 }}>
        {Number.isFinite(cfg.tp * cfg.pp) ? cfg.tp * cfg.pp : "?"} GPU(s). The URL holds this configuration: copy it to share.
      </p>
    </form>
  );
}

function InferenceResults({ cfg }: { cfg: SandboxConfig }) {
  const result = useMemo(() => {
    try {
      const d = resolveDeployment(deploymentInput(cfg));
      if (cfg.mode === "max-throughput") {
        const mt = maxThroughput(d, cfg.input, cfg.output);
        // Throughput against the batch in flight, past the engine's limit (hollow points do not fit or are not allowed).
        // Powers of two below the engine's batch, the batch itself, then twice it (beyond the limit).
        const batches: number[] = [];
        for (let b = 1; b < mt.batch && batches.length < 12; b *= 2) batches.push(b);
        if (mt.fits) batches.push(mt.batch, mt.batch * 2);
        const sweep = batches.map((b) => steadyThroughput(d, b, cfg.input, cfg.output));
        return { d, mt, batches, sweep, error: null };
      }
      const run = runInference(d, { batch: cfg.batch, input: cfg.input, output: cfg.output });
      const batches: number[] = [];
      for (let b = 1; b <= Math.max(256, cfg.batch * 2) && batches.length < 12; b *= 2) batches.push(b);
      const sweep = batches.map((b) => runInference(d, { batch: b, input: cfg.input, output: Math.min(cfg.output, 512) }));
      return { d, run, batches, sweep, error: null };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [cfg]);
  if (result.error || !("d" in result) || !result.d) return <div className={styles.warn} role="alert">{result.error}</div>;
  const d = result.d;
  const price = cfg.price ?? defaultDollarsPerGpuHour[cfg.gpuId] ?? 2;
  const gpusN = d.tp * d.pp;
  if ("mt" in result && result.mt) {
    const mt = result.mt;
    if (!mt.fits) {
      return (
        <>
          <div className={styles.warn} role="alert">Does not fit: {mt.reason}.{fitHint(cfg, d)} No performance figures are shown for a configuration that cannot run.</div>
          <section className={styles.section}><h2>Memory per GPU</h2><MemoryBar plan={mt.memory} /></section>
        </>
      );
    }
    const mtBatches = (result as { batches: number[] }).batches;
    const mtSweep = (result as { sweep: number[] }).sweep;
    const cost = costPerMillionTokens(mt.outputTokensPerSecond.value, gpusN, price);
    return (
      <>
        <div className={styles.metrics}>
          <Derivation label="Output tokens/s (all GPUs)" value={trim(mt.outputTokensPerSecond.value)} estimate={mt.outputTokensPerSecond} />
          <Derivation label="Per GPU" value={`${trim(mt.outputTokensPerSecondPerGpu.value)} tok/s`} estimate={mt.outputTokensPerSecondPerGpu} />
          <Derivation label={`Batch in flight (limited by ${mt.limitedBy})`} value={String(mt.batch)} estimate={{ value: mt.batch, unit: "count", formula: "min(KV budget / tokens per sequence, max batch size, token budget / (1 + input/output))", substituted: `min(${mt.limits["kv-cache"]}, ${mt.limits["max-batch-size"]}, ${mt.limits["max-num-tokens"]}) = ${mt.batch}` }} />
          <Derivation label="Inter-token latency at load" value={`${trim(mt.interTokenS * 1e3)} ms`} estimate={mt.step!.explanation} />
          <Derivation label="$ per 1M output tokens" value={`$${trim(cost.value)}`} estimate={cost} />
        </div>
        <section className={styles.section}>
          <h2>What limits the batch</h2>
          <ul className={styles.limits}>
            <li>KV cache: {fmtCount(mt.memory.kvCapacityTokens)} tokens per GPU / {mt.kvTokensPerSequence.toLocaleString("en-US")} reserved per sequence = <strong>{mt.limits["kv-cache"].toLocaleString("en-US")}</strong> sequences{mt.limitedBy === "kv-cache" ? " (the limit)" : ""}</li>
            <li>Max batch size knob: <strong>{mt.limits["max-batch-size"].toLocaleString("en-US")}</strong>{mt.limitedBy === "max-batch-size" ? " (the limit)" : ""}</li>
            <li>Token budget per pass: {d.knobs.prefillChunkTokens.toLocaleString("en-US")} / (1 + {cfg.input} / {cfg.output}) = <strong>{mt.limits["max-num-tokens"].toLocaleString("en-US")}</strong>{mt.limitedBy === "max-num-tokens" ? " (the limit)" : ""}</li>
          </ul>
        </section>
        <section className={styles.section}><h2>Memory per GPU (at the in-flight batch)</h2><MemoryBar plan={mt.memory} /></section>
        <section className={styles.section}>
          <h2>Throughput against the batch in flight</h2>
          <div className={styles.charts}>
            <div className={styles.panel}>
              <LineChart title="Steady-state output tokens/s against batch in flight" xs={mtBatches} ys={mtSweep} fits={mtBatches.map((b) => b <= mt.batch)} unit="output tokens/s" cls="line1" />
              <div className={styles.legend}><span>in-flight batching at {cfg.input} in / {cfg.output} out; hollow = beyond the engine's limit of {mt.batch} ({mt.limitedBy})</span></div>
            </div>
          </div>
          <p className="muted small">Latency under a given request rate, not just at full load: the <strong>Serving simulator</strong> tab.</p>
        </section>
      </>
    );
  }
  const { run, batches, sweep } = result as { run: ReturnType<typeof runInference>; batches: number[]; sweep: ReturnType<typeof runInference>[] };
  return <StaticResults run={run} d={d} batches={batches} sweep={sweep} price={price} cfg={cfg} />;
}

/** The fewest tensor-parallel GPUs (a divisor of the heads) on which one sequence of this length fits, as a next step to try. */
function fitHint(cfg: SandboxConfig, d: Deployment): string {
  const heads = d.model.queryHeads;
  for (let tp = d.tp + 1; tp <= 64; tp++) {
    if (heads % tp !== 0) continue;
    try {
      const t = resolveDeployment({ ...deploymentInput(cfg), tp, replicateKvHeads: true });
      if (memoryPlan(t, 1, cfg.input + cfg.output, cfg.input).fits) return ` The same at tp=${tp} (${tp * d.pp} GPUs) fits one sequence.`;
    } catch {
      continue;
    }
  }
  return "";
}

function StaticResults(props: { run: ReturnType<typeof runInference>; d: Deployment; batches: number[]; sweep: ReturnType<typeof runInference>[]; price: number; cfg: SandboxConfig }) {
  const { run, d, batches, sweep, price, cfg } = props;
  if (!run.memory.fits) {
    return (
      <>
        <div className={styles.warn} role="alert">
          Does not fit: {fmtBytes(run.memory.totalPerGpu.value)} per GPU needed, {fmtBytes(run.memory.capacityPerGpu)} available (over by {fmtBytes(run.memory.overBy)}).
          {run.memory.maxBatch > 0 ? ` Largest batch that fits at this context: ${run.memory.maxBatch}.` : " Not even one sequence fits."}{fitHint(cfg, d)} No performance figures are shown for a configuration that cannot run.
        </div>
        <section className={styles.section}><h2>Memory per GPU</h2><MemoryBar plan={run.memory} /></section>
      </>
    );
  }
  const cost = costPerMillionTokens(run.outputTokensPerSecond.value, run.gpus, price);
  const energy = energyPerToken(run.outputTokensPerSecond.value, run.gpus, d.gpu.tdpWatts, d.knobs.powerFractionOfTdp);
  const peak = effectivePeak(d.gpu, mathRateFor(d.weights));
  const memEst: Estimate = run.memory.totalPerGpu;
  const pt = (p: typeof run.prefill, label: string) => ({ label, intensity: p.flopsPerGpu / Math.max(1, p.bytesPerGpu), flops: p.flopsPerGpu / p.timeS, kind: p.kind === "prefill" ? ("prefill" as const) : ("decode" as const) });
  return (
    <>
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
            <div className={styles.legend}><span>throughput (all GPUs) against batch; hollow = does not fit in memory</span></div>
          </div>
          <div className={styles.panel}>
            <LineChart title="Time per output token against batch" xs={batches} ys={sweep.map((r) => r.timePerOutputToken.value)} fits={sweep.map((r) => r.memory.fits)} unit="ms per output token" cls="line2" />
            <div className={styles.legend}><span>latency per token; hollow = does not fit (sweep caps output at {Math.min(run.output, 512)})</span></div>
          </div>
        </div>
      </section>
    </>
  );
}

function Explainer({ cfg }: { cfg: SandboxConfig }) {
  const gpu = cfg.gpu;
  const model = cfg.model;
  const preset = getPreset(cfg.preset);
  return (
    <>

      {gpu.unverified.length > 0 ? (
        <div className={styles.note} role="note">
          Unverified figures for {gpu.name}: {gpu.unverified.join(", ")}. {gpu.notes} Treat results that depend on them with care.
        </div>
      ) : null}
      <section className={styles.section}>
        <h2>Reading a roofline</h2>
        <div className={styles.prose}>
          <p>
            Every kernel does some arithmetic (FLOP) and moves some bytes to and from GPU memory. Its <em>arithmetic intensity</em> is FLOP per byte. A GPU delivers at most its peak FLOP/s, and at most <em>intensity x bandwidth</em> when it waits on memory. Where they meet, at peak / bandwidth (the <em>ridge point</em>, {trim(effectivePeak(gpu, mathRateFor(cfg.precision)).flops / gpu.memoryBandwidth)} FLOP/B for the {gpu.name} at {cfg.precision}), a kernel switches from memory-bound to compute-bound.
          </p>
          <p>
            Decode reads every weight and the whole KV cache to produce one token per sequence: memory-bound, so batching raises throughput almost for free until it nears the ridge. Prefill multiplies every weight by thousands of prompt tokens at once: compute-bound. In-flight batching mixes both in every step.
          </p>
          <p className="muted small">
            {model.name}: {trim(paramBreakdown(model).total / 1e9)}B parameters ({trim(paramBreakdown(model).active / 1e9)}B active), KV {fmtBytes(kvBytesPerToken(model, cfg.kv ?? cfg.precision).value)} per token{model.slidingWindow ? `, sliding window ${model.slidingWindow}` : ""}, context {model.maxContext.toLocaleString("en-US")}. Source: {model.source}. Knobs come from the {preset.name} preset{preset.fitted.length ? `, ${preset.fitted.length} of them fitted to published measurements` : ", engine defaults (none fitted)"}; see <code>npm run bench:model</code> and docs/modeling.md.
          </p>
        </div>
      </section>
    </>
  );
}

export type { FieldError };

import {
  models, resolveDeployment, runInference, maxThroughput, steadyThroughput, memoryPlan, costPerMillionTokens, energyPerToken, defaultDollarsPerGpuHour,
  effectivePeak, mathRateFor, fmtBytes, fmtCount, fmt, trim, paramBreakdown, kvBytesPerToken, getPreset,
  type Deployment, type Estimate, type DeploymentInput,
} from "@/lib/model";
import { Derivation } from "./derivation";
import { DeploymentForm, SandboxTabs } from "./deployment-form";
import { formOptions } from "./form-options";
import { MemoryBar } from "./memory-bar";
import { LineChart, RooflineChart } from "./charts";
import { parseSandbox, CUSTOM, type FieldError, type SandboxConfig } from "./sandbox-config";
import { SimulatorPanel, type SimulatorProps } from "./simulator-panel";
import { TrainingPanel } from "./training-panel";
import { Recomputing } from "./url-state";
import styles from "./model.module.css";

/**
 * The model sandbox, rendered on the server from the URL's query: the engine (and its zod schemas)
 * never ships to the browser. The form, the tabs and the simulator are client components that edit
 * the URL (url-state.tsx); each edit re-renders this on the server.
 */
export function ModelSandbox({ query }: { query: string }) {
  const { cfg, errors } = parseSandbox(new URLSearchParams(query));
  const options = formOptions();
  return (
    <>
      <SandboxTabs />
      {cfg.tab === "training" ? (
        <div role="tabpanel" id="panel-training" aria-labelledby="tab-training">
          <TrainingPanel q={new URLSearchParams(query)} options={options} />
        </div>
      ) : (
        <div className={styles.layout}>
          <DeploymentForm options={options} errors={errors} />
          <div role="tabpanel" id={`panel-${cfg.tab}`} aria-labelledby={`tab-${cfg.tab}`}>
            <Recomputing>
              <ValidationNote presetId={cfg.preset} />
              {errors.length ? (
                <div className={styles.errors} role="alert">
                  <strong>Fix {errors.length === 1 ? "this field" : `these ${errors.length} fields`} to see results:</strong>
                  <ul>{errors.map((e) => <li key={e.field + e.message}>{e.message}</li>)}</ul>
                </div>
              ) : cfg.tab === "simulator" ? (
                <SimulatorPanel {...simulatorProps(cfg)} />
              ) : (
                <InferenceResults cfg={cfg} />
              )}
              <Explainer cfg={cfg} />
            </Recomputing>
          </div>
        </div>
      )}
    </>
  );
}

function simulatorProps(cfg: SandboxConfig): SimulatorProps {
  const deployment = deploymentInput(cfg);
  let capacity: number | null = null;
  try {
    const mt = maxThroughput(resolveDeployment(deployment), cfg.input, cfg.output);
    capacity = mt.fits ? mt.outputTokensPerSecond.value / cfg.output : null;
  } catch {
    capacity = null;
  }
  return { input: cfg.input, output: cfg.output, preset: cfg.preset, maxContext: cfg.model.maxContext, capacity, deployment, draftModels: models.map((m) => ({ id: m.id, name: m.name })) };
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

function InferenceResults({ cfg }: { cfg: SandboxConfig }) {
  const result = (() => {
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
  })();
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

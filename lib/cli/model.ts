/**
 * Command line for the modeling engine (a stable contract; tests and users script it).
 *   npm run --silent model -- throughput --gpu h100-sxm --model llama-3-8b --precision bf16 --tp 1 --batch 32 --input 512 --output 256 --json
 *   npm run --silent model -- memory --model llama-3-70b --precision fp8 --batch 8 --context 8192 --json
 *   npm run --silent model -- throughput --preset vllm --mode max-throughput --gpu h100-sxm --model llama-3.1-8b --precision fp8 --input 1000 --output 1000 --json
 *   npm run --silent model -- simulate --gpu h100-sxm --model mixtral-8x7b --tp 8 --rate 10 --requests 500 --input 1000 --output 250 --json
 *   npm run --silent model -- list
 * Exit codes: 0 ok, 1 bad arguments (unknown ids list the valid ones), 2 does not fit in memory.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { readFileSync } from "node:fs";
import {
  GpuIdSchema, ModelIdSchema, PrecisionSchema, PresetIdSchema, gpus, models, presets, resolveDeployment, runInference, memoryPlan, maxThroughput,
  kvBytesPerToken, kvCacheBytes, weightsBytes, paramBreakdown, getModel, getGpu, fmtBytes, fmtSeconds, trim, modelFromHfConfig,
  defaultKnobs, knobDescriptions, KnobsOverrideSchema, DeploymentError, HfConfigError, type Model, type DeploymentInput,
} from "../model";
import { simulate, simulateSteady } from "../model/simulator";

const int = (name: string) => z.coerce.number({ error: `--${name} must be a number` }).int(`--${name} must be an integer`).positive(`--${name} must be positive`);

const ThroughputFlags = z.object({
  gpu: GpuIdSchema,
  model: ModelIdSchema.optional(),
  config: z.string().optional(),
  preset: PresetIdSchema.optional(),
  mode: z.enum(["static", "max-throughput"]).default("static"),
  ep: int("ep").default(1),
  "replicate-kv-heads": z.boolean().default(false),
  precision: PrecisionSchema.default("bf16"),
  "kv-precision": PrecisionSchema.optional(),
  tp: int("tp").default(1),
  pp: int("pp").default(1),
  batch: int("batch").optional(),
  input: int("input"),
  output: int("output"),
  knobs: z.string().optional(),
  json: z.boolean().default(false),
}).refine((f) => f.mode === "max-throughput" || f.batch != null, { message: "--batch is required in static mode (or use --mode max-throughput)", path: ["batch"] })
  .refine((f) => f.model != null || f.config != null, { message: "give --model <id> or --config <path to a Hugging Face config.json>", path: ["model"] });

const SimulateFlags = z.object({
  gpu: GpuIdSchema,
  model: ModelIdSchema.optional(),
  config: z.string().optional(),
  preset: PresetIdSchema.optional(),
  precision: PrecisionSchema.default("bf16"),
  "kv-precision": PrecisionSchema.optional(),
  tp: int("tp").default(1),
  pp: int("pp").default(1),
  ep: int("ep").default(1),
  "replicate-kv-heads": z.boolean().default(false),
  rate: z.coerce.number({ error: "--rate must be a number (requests/s)" }).positive("--rate must be positive"),
  requests: int("requests").default(500),
  steady: z.boolean().default(false),
  input: int("input"),
  output: int("output"),
  seed: z.coerce.number().int().default(1),
  "prefix-hit": z.coerce.number().min(0).max(1).default(0),
  "ttft-slo-ms": z.coerce.number().positive().default(2000),
  "itl-slo-ms": z.coerce.number().positive().default(100),
  knobs: z.string().optional(),
  json: z.boolean().default(false),
}).refine((f) => f.model != null || f.config != null, { message: "give --model <id> or --config <path to a Hugging Face config.json>", path: ["model"] });

const MemoryFlags = z.object({
  model: ModelIdSchema,
  gpu: GpuIdSchema.optional(),
  precision: PrecisionSchema.default("bf16"),
  "kv-precision": PrecisionSchema.optional(),
  tp: int("tp").default(1),
  pp: int("pp").default(1),
  batch: int("batch").default(1),
  context: int("context"),
  json: z.boolean().default(false),
});

const options = {
  gpu: { type: "string" }, model: { type: "string" }, precision: { type: "string" }, "kv-precision": { type: "string" },
  tp: { type: "string" }, pp: { type: "string" }, batch: { type: "string" }, input: { type: "string" }, output: { type: "string" },
  context: { type: "string" }, knobs: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" },
  preset: { type: "string" }, mode: { type: "string" }, ep: { type: "string" }, "replicate-kv-heads": { type: "boolean" }, config: { type: "string" },
  rate: { type: "string" }, requests: { type: "string" }, seed: { type: "string" }, "prefix-hit": { type: "string" }, "ttft-slo-ms": { type: "string" }, "itl-slo-ms": { type: "string" }, steady: { type: "boolean" },
} as const;

const USAGE = `usage:
  model throughput --gpu <id> (--model <id> | --config config.json) [--preset trtllm|trtllm-0.6|vllm|sglang] [--mode static|max-throughput]
                   [--precision <p>] [--kv-precision <p>] [--tp n] [--pp n] [--ep n] [--replicate-kv-heads] [--batch n] --input n --output n [--knobs '{"bandwidthEfficiency":0.7}'] [--json]
  model simulate --gpu <id> (--model <id> | --config config.json) [--preset p] [--tp n] [--ep n] --rate req/s [--requests n] --input n --output n
                   [--seed n] [--prefix-hit 0..1] [--ttft-slo-ms n] [--itl-slo-ms n] [--steady] [--json]
                   (--steady: add requests until the arrivals span five median end-to-end latencies, as /model does)
  model memory --model <id> [--gpu <id>] [--precision <p>] [--kv-precision <p>] [--tp n] [--pp n] [--batch n] --context n [--json]
  model list [--json]
precisions: fp32 bf16 fp16 fp8 int8 int4`;

class UsageError extends Error {}

function fail(msg: string, code: number): never {
  process.stderr.write(`${msg}\n`);
  process.exit(code);
}

function parseFlags<S extends z.ZodType>(schema: S, values: Record<string, unknown>): z.output<S> {
  const r = schema.safeParse(values);
  if (!r.success) {
    const msg = r.error.issues
      .map((i) => {
        const flag = `--${i.path.join(".")}`;
        return i.code === "invalid_type" && i.input === undefined ? `${flag} is required` : `${flag}: ${i.message}`;
      })
      .join("\n");
    throw new UsageError(msg);
  }
  return r.data;
}

function table(rows: [string, string][]): string {
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join("\n");
}

function parseKnobs(text: string | undefined) {
  if (!text) return {};
  try {
    return KnobsOverrideSchema.parse(JSON.parse(text));
  } catch (e) {
    throw new UsageError(`--knobs must be JSON with known knob names (${Object.keys(defaultKnobs).join(", ")}): ${(e as Error).message}`);
  }
}

function modelArg(f: { model?: string; config?: string }): DeploymentInput["model"] {
  if (f.config) {
    let text: string;
    try {
      text = readFileSync(f.config, "utf8");
    } catch (e) {
      throw new UsageError(`--config: cannot read ${f.config}: ${(e as Error).message}`);
    }
    return modelFromHfConfig(text, f.config.replace(/^.*[\\/]/, "").replace(/\.json$/, ""));
  }
  return f.model as DeploymentInput["model"];
}

function checkContext(model: Model, tokens: number) {
  if (tokens > model.maxContext) throw new UsageError(`--input + --output = ${tokens} tokens exceeds ${model.name}'s context of ${model.maxContext}; shorten them`);
}

function throughput(values: Record<string, unknown>) {
  const f = parseFlags(ThroughputFlags, values);
  const knobs = parseKnobs(f.knobs);
  const d = resolveDeployment({ gpu: f.gpu, model: modelArg(f), precision: f.precision, kvPrecision: f["kv-precision"], tp: f.tp, pp: f.pp, ep: f.ep, replicateKvHeads: f["replicate-kv-heads"], preset: f.preset, knobs });
  checkContext(d.model, f.input + f.output);
  const base = { gpu: d.gpu.id, model: d.model.id, preset: d.preset, mode: f.mode, precision: d.weights, kvPrecision: d.kv, tp: d.tp, pp: d.pp, ep: d.ep, gpus: d.tp * d.pp, input: f.input, output: f.output };
  if (f.mode === "max-throughput") {
    const r = maxThroughput(d, f.input, f.output);
    const out = {
      ...base, batch: r.batch, batchLimitedBy: r.limitedBy, batchLimits: r.limits, fits: r.fits, reason: r.reason,
      outputTokensPerSecond: r.fits ? r.outputTokensPerSecond.value : null,
      outputTokensPerSecondPerGpu: r.fits ? r.outputTokensPerSecondPerGpu.value : null,
      interTokenLatencyMs: r.fits ? r.interTokenS * 1e3 : null,
      kvCapacityTokensPerGpu: r.memory.kvCapacityTokens,
      memoryPerGpuBytes: r.memory.totalPerGpu.value, memoryCapacityPerGpuBytes: r.memory.capacityPerGpu,
      bound: r.step?.bound ?? null, unverified: d.gpu.unverified,
    };
    if (f.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    else if (r.fits) {
      process.stdout.write(`${table([
        ["deployment", `${d.model.name} on ${d.tp * d.pp} x ${d.gpu.name} (tp ${d.tp}, pp ${d.pp}, ep ${d.ep}), ${d.weights}/${d.kv}, preset ${d.preset}`],
        ["mode", `in-flight batching at maximum load, input ${f.input}, output ${f.output}`],
        ["batch in flight", `${r.batch} (limited by ${r.limitedBy}; KV ${r.limits["kv-cache"]}, max batch ${r.limits["max-batch-size"]}, token budget ${r.limits["max-num-tokens"]})`],
        ["output tokens/s", `${trim(r.outputTokensPerSecond.value)} total, ${trim(r.outputTokensPerSecondPerGpu.value)} per GPU`],
        ["inter-token latency", `${trim(r.interTokenS * 1e3)} ms (${r.step?.bound}-bound)`],
      ])}\n`);
    }
    if (!r.fits) fail(`does not fit: ${r.reason}`, 2);
    return;
  }
  const r = runInference(d, { batch: f.batch!, input: f.input, output: f.output });
  const mem = r.memory;
  const out = {
    ...base, batch: f.batch,
    outputTokensPerSecond: r.outputTokensPerSecond.value,
    outputTokensPerSecondPerGpu: r.outputTokensPerSecondPerGpu.value,
    timeToFirstTokenMs: r.timeToFirstToken.value,
    timePerOutputTokenMs: r.timePerOutputToken.value,
    firstDecodeStepMs: r.firstDecode.timeS * 1e3,
    lastDecodeStepMs: r.lastDecode.timeS * 1e3,
    totalTimeS: r.totalS,
    memoryPerGpuBytes: mem.totalPerGpu.value,
    memoryCapacityPerGpuBytes: mem.capacityPerGpu,
    fits: mem.fits,
    bound: r.bound,
    prefillBound: r.prefill.bound,
    decodeBound: r.firstDecode.bound,
    unverified: d.gpu.unverified,
  };
  if (f.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else {
    process.stdout.write(
      `${table([
        ["deployment", `${d.model.name} on ${r.gpus} x ${d.gpu.name} (tp ${d.tp}, pp ${d.pp}), weights ${d.weights}, KV ${d.kv}, preset ${d.preset}`],
        ["run", `static batch ${f.batch}, input ${f.input}, output ${f.output}`],
        ["output tokens/s", `${trim(out.outputTokensPerSecond)} total, ${trim(out.outputTokensPerSecondPerGpu)} per GPU`],
        ["time to first token", `${trim(out.timeToFirstTokenMs)} ms (${r.prefill.bound}-bound)`],
        ["time per output token", `${trim(out.timePerOutputTokenMs)} ms (step ${trim(out.firstDecodeStepMs)} -> ${trim(out.lastDecodeStepMs)} ms as context grows; ${r.firstDecode.bound}-bound)`],
        ["total time", fmtSeconds(r.totalS)],
        ["memory per GPU", `${fmtBytes(mem.totalPerGpu.value)} of ${fmtBytes(mem.capacityPerGpu)} (weights ${fmtBytes(mem.weightsPerGpu.value)}, KV ${fmtBytes(mem.kvCachePerGpu.value)}, activations ${fmtBytes(mem.activationsPerGpu.value)}, runtime ${fmtBytes(mem.runtimeOverheadPerGpu.value)})`],
        ["bound", r.bound],
        ...(d.gpu.unverified.length ? [["unverified figures", d.gpu.unverified.join(", ")] as [string, string]] : []),
      ])}\n`,
    );
  }
  if (!mem.fits) fail(`does not fit: needs ${fmtBytes(mem.totalPerGpu.value)} per GPU but ${d.gpu.name} has ${fmtBytes(mem.capacityPerGpu)}; over by ${fmtBytes(mem.overBy)} (${Math.round(mem.overBy)} B). Try more GPUs (--tp), a smaller --batch or a lower --precision / --kv-precision; largest batch that fits here: ${mem.maxBatch}.`, 2);
}

function simulateCmd(values: Record<string, unknown>) {
  const f = parseFlags(SimulateFlags, values);
  const d = resolveDeployment({ gpu: f.gpu, model: modelArg(f), precision: f.precision, kvPrecision: f["kv-precision"], tp: f.tp, pp: f.pp, ep: f.ep, replicateKvHeads: f["replicate-kv-heads"], preset: f.preset, knobs: parseKnobs(f.knobs) });
  checkContext(d.model, f.input + f.output);
  const t0 = performance.now();
  const base = { requests: f.requests, input: { kind: "fixed" as const, value: f.input }, output: { kind: "fixed" as const, value: f.output }, seed: f.seed, prefixCacheHitRate: f["prefix-hit"], slo: { ttftMs: f["ttft-slo-ms"], itlMs: f["itl-slo-ms"] } };
  const r = f.steady ? simulateSteady(d, base, f.rate) : simulate(d, { ...base, arrivals: { kind: "poisson", rate: f.rate } });
  const out = { gpu: d.gpu.id, model: d.model.id, preset: d.preset, tp: d.tp, pp: d.pp, ep: d.ep, rate: f.rate, ...r, elapsedMs: performance.now() - t0 };
  if (f.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else
    process.stdout.write(`${table([
      ["deployment", `${d.model.name} on ${d.tp * d.pp} x ${d.gpu.name}, preset ${d.preset}`],
      ["load", `Poisson ${f.rate} req/s (${trim(r.offeredRate)} drawn), ${r.requestsTotal} requests of ${f.input} + ${f.output} tokens, seed ${f.seed}`],
      ["TTFT", `p50 ${trim(r.ttftMs.p50)} ms, p99 ${trim(r.ttftMs.p99)} ms`],
      ["inter-token latency", `p50 ${trim(r.itlMs.p50)} ms, p99 ${trim(r.itlMs.p99)} ms`],
      ["end-to-end", `p50 ${trim(r.e2eMs.p50 / 1e3)} s, p99 ${trim(r.e2eMs.p99 / 1e3)} s`],
      ["throughput", `${trim(r.outputTokensPerSecond)} output tok/s, ${trim(r.requestsPerSecond)} req/s`],
      ["goodput", `${trim(r.goodput)} req/s meet TTFT <= ${f["ttft-slo-ms"]} ms and ITL <= ${f["itl-slo-ms"]} ms (${trim(r.sloAttainment * 100)}%)`],
      ["sustained", r.sustained ? "yes: completions keep up with the arrivals" : "no: the queue grows for as long as the load lasts (the rate is above what the deployment sustains)"],
      ...(!r.steady ? [["note", "the arrivals span under five median end-to-end latencies: not yet steady state; add --steady or raise --requests"] as [string, string]] : []),
      ...(r.warning ? [["warning", r.warning] as [string, string]] : []),
    ])}\n`);
}

function memory(values: Record<string, unknown>) {
  const f = parseFlags(MemoryFlags, values);
  const m = getModel(f.model);
  const kvp = f["kv-precision"] ?? (f.precision === "int4" ? "fp16" : f.precision);
  const p = paramBreakdown(m);
  const out: Record<string, unknown> = {
    model: m.id, precision: f.precision, kvPrecision: kvp, batch: f.batch, context: f.context,
    totalParams: p.total, activeParams: p.active,
    weightsBytes: weightsBytes(m, f.precision).value,
    kvBytesPerToken: kvBytesPerToken(m, kvp).value,
    kvCacheBytes: kvCacheBytes(m, kvp, f.batch, f.context).value,
    slidingWindow: m.slidingWindow,
  };
  let plan = null;
  if (f.gpu) {
    const d = resolveDeployment({ gpu: f.gpu, model: f.model, precision: f.precision, kvPrecision: kvp, tp: f.tp, pp: f.pp });
    plan = memoryPlan(d, f.batch, f.context);
    Object.assign(out, {
      gpu: f.gpu, tp: f.tp, pp: f.pp,
      weightsPerGpuBytes: plan.weightsPerGpu.value, kvCachePerGpuBytes: plan.kvCachePerGpu.value,
      activationsPerGpuBytes: plan.activationsPerGpu.value, runtimeOverheadPerGpuBytes: plan.runtimeOverheadPerGpu.value,
      memoryPerGpuBytes: plan.totalPerGpu.value, memoryCapacityPerGpuBytes: plan.capacityPerGpu,
      fits: plan.fits, overByBytes: plan.overBy, maxBatch: plan.maxBatch, maxContext: plan.maxContext,
      unverified: getGpu(f.gpu).unverified,
    });
  }
  if (f.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else {
    const rows: [string, string][] = [
      ["model", `${m.name} (weights ${f.precision}, KV ${kvp})`],
      ["parameters", `${trim(p.total / 1e9)}B total, ${trim(p.active / 1e9)}B active`],
      ["weights", fmtBytes(out.weightsBytes as number)],
      ["KV per token", fmtBytes(out.kvBytesPerToken as number)],
      ["KV cache", `${fmtBytes(out.kvCacheBytes as number)} (batch ${f.batch} x ${m.slidingWindow && f.context > m.slidingWindow ? `window ${m.slidingWindow}` : `context ${f.context}`})`],
    ];
    if (plan) rows.push(["per GPU", `${fmtBytes(plan.totalPerGpu.value)} of ${fmtBytes(plan.capacityPerGpu)}; max batch ${plan.maxBatch}, max context ${plan.maxContext}`]);
    process.stdout.write(`${table(rows)}\n`);
  }
  if (plan && !plan.fits) fail(`does not fit: needs ${fmtBytes(plan.totalPerGpu.value)} per GPU, capacity ${fmtBytes(plan.capacityPerGpu)}; over by ${fmtBytes(plan.overBy)} (${Math.round(plan.overBy)} B).`, 2);
}

function list(values: Record<string, unknown>) {
  const out = {
    gpus: gpus.map((g) => ({ id: g.id, name: g.name, memoryBytes: g.memoryBytes, bandwidth: g.memoryBandwidth, unverified: g.unverified })),
    models: models.map((m) => ({ id: m.id, name: m.name, params: paramBreakdown(m).total })),
    knobs: Object.fromEntries(Object.entries(defaultKnobs).map(([k, v]) => [k, { default: v, description: knobDescriptions[k as keyof typeof knobDescriptions] }])),
    presets: presets.map((p) => ({ id: p.id, name: p.name, knobs: p.knobs, fitted: p.fitted, validation: p.validation })),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else {
    process.stdout.write(`GPUs:\n${gpus.map((g) => `  ${g.id.padEnd(16)} ${g.name}${g.unverified.length ? `  (unverified: ${g.unverified.join(", ")})` : ""}`).join("\n")}\n`);
    process.stdout.write(`models:\n${models.map((m) => `  ${m.id.padEnd(18)} ${m.name}`).join("\n")}\n`);
    process.stdout.write(`presets:\n${presets.map((p) => `  ${p.id.padEnd(11)} ${p.name}: ${p.validation.status} (${p.validation.note})`).join("\n")}\n`);
    process.stdout.write(`knobs:\n${Object.entries(out.knobs).map(([k, v]) => `  ${k.padEnd(22)} ${String(v.default).padEnd(12)} ${v.description}`).join("\n")}\n`);
  }
}

function main(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`, 1);
  }
  const [cmd] = parsed.positionals;
  if (parsed.values.help || !cmd) fail(USAGE, cmd ? 0 : 1);
  try {
    if (cmd === "throughput") throughput(parsed.values);
    else if (cmd === "memory") memory(parsed.values);
    else if (cmd === "simulate") simulateCmd(parsed.values);
    else if (cmd === "list") list(parsed.values);
    else throw new UsageError(`unknown command "${cmd}"; use throughput, simulate, memory or list`);
  } catch (e) {
    if (e instanceof UsageError || e instanceof z.ZodError) fail(`${e.message}\n${USAGE}`, 1);
    if (e instanceof DeploymentError) fail(`--${e.field}: ${e.message}`, 1);
    if (e instanceof HfConfigError) fail(e.message, 1);
    if (e instanceof Error && /unknown (GPU|model)|exceeds/.test(e.message)) fail(e.message, 1);
    throw e;
  }
}

main(process.argv.slice(2));

import type { Deployment } from "./deployment";
import { effectivePeak, isPcieLink } from "./gpus";
import { isQuantized, mathRateFor, vocabBytesPerParam, weightBytesPerParam } from "./precision";
import { matmulParamsPerToken, weightsTouched } from "./params";
import { kvBytesPerTokenPerGpu, memoryPlan, type MemoryPlan } from "./memory";
import { est, fmtBytes, fmtFlops, fmtSeconds, trim, type Bound, type Estimate } from "./explain";

/** Activations and all-reduce payloads are 16-bit in every engine we model. */
const ACT_BYTES = 2;

/** The cost of one forward pass (all pipeline stages), split by resource. */
export interface PassCost {
  kind: "prefill" | "decode" | "mixed";
  /** Sequences in the pass, tokens each adds, tokens each attends to at the end of the pass. */
  seqs: number;
  newTokens: number;
  context: number;
  gemmFlops: number;
  attentionFlops: number;
  weightBytes: number;
  kvBytes: number;
  commBytes: number;
  computeS: number;
  memoryS: number;
  commS: number;
  overheadS: number;
  timeS: number;
  bound: Bound;
  /** Per-GPU FLOP and bytes of the whole pass (all pipeline stages' share), for the roofline plot. */
  flopsPerGpu: number;
  bytesPerGpu: number;
  explanation: Estimate;
}

/**
 * What one forward pass computes: `decodeSeqs` sequences each add one token after `decodeContext`
 * cached ones, and `prefillSeqs` sequences each add `prefillTokens` prompt tokens after `prefillCached`
 * (a chunk of a longer prompt when chunked). Counts may be fractional: a steady state averages them.
 */
export interface StepShape {
  decodeSeqs: number;
  decodeContext: number;
  prefillSeqs: number;
  prefillTokens: number;
  prefillCached: number;
}

/** (c^n + m^n)^(1/n): the roofline max softened by imperfect overlap of compute and memory. */
export function softMax(c: number, m: number, n: number): number {
  if (n >= 64) return Math.max(c, m);
  const hi = Math.max(c, m);
  if (hi === 0) return 0;
  return hi * Math.pow(Math.pow(c / hi, n) + Math.pow(m / hi, n), 1 / n);
}

/** Tokens attended in total by `n` new tokens after `c` cached ones, with an optional sliding window. */
export function attendedTokens(n: number, c: number, window: number | null): number {
  // Sum over i = 1..n of min(c + i, W): closed form of an arithmetic series clipped at W.
  if (n <= 0) return 0;
  const W = window ?? Number.POSITIVE_INFINITY;
  const a = c + 1;
  const b = c + n;
  if (b <= W) return ((a + b) * n) / 2;
  if (a > W) return W * n;
  const k = W - a + 1; // terms below the window
  return ((a + W) * k) / 2 + W * (n - k);
}

function cached(d: Deployment, tokens: number): number {
  return d.model.slidingWindow == null ? tokens : Math.min(tokens, d.model.slidingWindow);
}

export function linkOf(d: Deployment, group: number): { bw: number; latency: number; name: string } {
  const k = d.knobs;
  if (group > k.gpusPerNode) return { bw: k.interNodeBandwidth * k.commEfficiency, latency: k.interNodeLatencyS, name: `InfiniBand (${trim(k.interNodeBandwidth / 1e9)} GB/s per GPU)` };
  const eff = isPcieLink(d.gpu) ? k.pcieCommEfficiency : k.commEfficiency;
  return { bw: d.gpu.interconnectBandwidthPerDirection * eff, latency: k.collectiveLatencyS, name: d.gpu.interconnect };
}

/** One ring all-reduce of `bytes` over `n` GPUs: each moves 2(n-1)/n of the data, plus a fixed latency. */
export function allReduceTime(d: Deployment, bytes: number, n: number): number {
  if (n <= 1) return 0;
  const l = linkOf(d, n);
  return ((2 * (n - 1)) / n) * (bytes / l.bw) + l.latency;
}

/** One all-to-all over `n` GPUs where each sends `bytesPerGpu` in total, (n-1)/n of it to other GPUs. */
export function allToAllTime(d: Deployment, bytesPerGpu: number, n: number): number {
  if (n <= 1) return 0;
  const l = linkOf(d, n);
  return (((n - 1) / n) * bytesPerGpu) / l.bw + l.latency;
}

/**
 * One pipeline stage's share of a forward pass over one micro-batch. Kernels run one after another, so
 * the GEMM phase (weights, compute-bound at large token counts) and the attention phase (KV cache,
 * memory-bound in decode) each take their own overlap(compute, memory) and their times add.
 */
function stagePass(d: Deployment, s: StepShape) {
  const m = d.model;
  const k = d.knobs;
  const stageLayers = Math.ceil(m.layers / d.pp);
  const layerShare = stageLayers / m.layers;
  const tokens = s.decodeSeqs + s.prefillSeqs * s.prefillTokens;
  const shards = d.tp * d.pp;

  const gemmFlops = (2 * matmulParamsPerToken(m) * tokens) / shards;
  const attended = s.decodeSeqs * attendedTokens(1, s.decodeContext, m.slidingWindow) + s.prefillSeqs * attendedTokens(s.prefillTokens, s.prefillCached, m.slidingWindow);
  const attentionFlops = (4 * stageLayers * m.queryHeads * m.headDim * attended) / d.tp;

  const wt = weightsTouched(m, tokens);
  // The output head stays 16-bit in quantized checkpoints: its bytes and its FLOPs run at 16 bit.
  const weightBytes = ((wt.params - wt.headParams) * weightBytesPerParam(d.weights, k.int4GroupSize) + wt.headParams * vocabBytesPerParam(d.weights, k.int4GroupSize)) / shards;
  const headFlops = isQuantized(d.weights) ? (2 * wt.headParams * tokens) / shards : 0;
  const kvPerTok = kvBytesPerTokenPerGpu(d); // this stage's layers and this rank's KV heads
  // Decode reads each sequence's whole cache (times the GQA re-read factor); chunked prefill re-reads
  // the chunks already cached; every new token's K and V are written once.
  const group = m.queryHeads / m.kvHeads;
  const gqaFactor = 1 + (group - 1) * (1 - (m.slidingWindow != null ? k.gqaKvSharingWindowed : k.gqaKvSharing));
  const kvRead = s.decodeSeqs * cached(d, s.decodeContext + 1) * kvPerTok * gqaFactor + s.prefillSeqs * cached(d, s.prefillCached) * kvPerTok;
  const kvBytes = kvRead + tokens * kvPerTok;

  const math = effectivePeak(d.gpu, mathRateFor(d.weights));
  const mathEff = math.rate === "fp8" || math.rate === "int8" ? k.computeEfficiency8bit : k.computeEfficiency;
  const attnPeak = effectivePeak(d.gpu, d.weights === "fp32" ? "tf32" : "bf16").flops;
  const bw = d.gpu.memoryBandwidth * k.bandwidthEfficiency;
  // MoE with expert parallelism: the busiest rank sets the pace of the expert GEMMs.
  const expertShare = m.experts > 1 ? (m.layers * 3 * m.hidden * m.ffn * m.topK) / matmulParamsPerToken(m) : 0;
  const imbalance = d.ep > 1 ? 1 + (k.expertImbalance - 1) * expertShare : 1;
  const bf16 = effectivePeak(d.gpu, "bf16").flops * k.computeEfficiency;
  const gemmComputeS = ((gemmFlops - headFlops) * imbalance) / (math.flops * mathEff) + headFlops / bf16;
  const gemmMemoryS = weightBytes / bw;
  const attnComputeS = attentionFlops / (attnPeak * k.computeEfficiency);
  const attnMemoryS = kvBytes / bw;
  const computeS = gemmComputeS + attnComputeS;
  const memoryS = gemmMemoryS + attnMemoryS;
  const core = softMax(gemmComputeS, gemmMemoryS, k.overlapExponent) + softMax(attnComputeS, attnMemoryS, k.overlapExponent);

  // Tensor parallel: two all-reduces per layer (after attention and after the FFN) of tokens * h * 2 B.
  // With expert parallelism the FFN's all-reduce becomes an all-to-all dispatch and combine of the
  // tokens routed to other ranks' experts (each token to top-k experts).
  const arBytes = tokens * m.hidden * ACT_BYTES;
  let commS = 0;
  let commBytes = 0;
  if (d.tp > 1) {
    const ringShare = (2 * (d.tp - 1)) / d.tp;
    if (d.ep > 1 && m.experts > 1) {
      const a2aBytes = ((tokens / d.ep) * m.topK * m.hidden * ACT_BYTES);
      commS = stageLayers * (allReduceTime(d, arBytes, d.tp) + 2 * allToAllTime(d, a2aBytes, d.ep));
      commBytes = stageLayers * (ringShare * arBytes + 2 * ((d.ep - 1) / d.ep) * a2aBytes);
    } else {
      commS = 2 * stageLayers * allReduceTime(d, arBytes, d.tp);
      commBytes = 2 * stageLayers * ringShare * arBytes;
    }
  }
  const overheadS = stageLayers * k.layerOverheadS;
  return {
    tokens, gemmFlops, attentionFlops, weightBytes, kvBytes, commBytes, computeS, memoryS, commS, overheadS,
    time: core + commS + overheadS, math, mathEff, gqaFactor, imbalance, expertsTouched: wt.expertsTouched, stageLayers, layerShare,
  };
}

function boundOf(c: number, m: number, comm: number, ov: number): Bound {
  const pairs: [Bound, number][] = [["compute", c], ["memory", m], ["communication", comm], ["overhead", ov]];
  return pairs.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/**
 * A forward pass of a step through all pipeline stages. With pp > 1 the step is split into
 * micro-batches: `pipeline: "steady"` keeps pp micro-batches in flight (in-flight batching, and
 * decode of a static batch), so all sequences advance after pp stage-times; `pipeline: "gpipe"`
 * pushes one micro-batch per sequence through an idle pipeline (a static prefill), m + pp - 1 stage-times.
 */
export function stepCost(d: Deployment, shape: StepShape, pipeline: "steady" | "gpipe" = "steady", kind: PassCost["kind"] = "mixed"): PassCost {
  const seqs = shape.decodeSeqs + shape.prefillSeqs;
  const mb = d.pp === 1 ? 1 : pipeline === "steady" ? Math.max(1, Math.min(seqs, d.pp)) : Math.max(1, seqs);
  const per: StepShape = { ...shape, decodeSeqs: shape.decodeSeqs / mb, prefillSeqs: shape.prefillSeqs / mb };
  const s = stagePass(d, per);
  const stageTimes = d.pp === 1 ? 1 : pipeline === "steady" ? d.pp : mb + d.pp - 1;
  const k = d.knobs;
  const ppLink = linkOf(d, d.tp * d.pp);
  const p2p = d.pp > 1 ? (d.pp - 1) * ((s.tokens * d.model.hidden * ACT_BYTES) / ppLink.bw + ppLink.latency) : 0;
  const computeS = s.computeS * stageTimes;
  const memoryS = s.memoryS * stageTimes;
  const commS = s.commS * stageTimes + p2p;
  const overheadS = s.overheadS * stageTimes + k.stepOverheadS;
  const timeS = s.time * stageTimes + p2p + k.stepOverheadS;
  const bound = boundOf(computeS, memoryS, commS, overheadS);
  const tokens = s.tokens * mb;
  // The derivation text is built only when someone reads it: fits and sweeps evaluate thousands of passes.
  const explain = (): Estimate => {
    const lines = [
      `tokens in the pass = ${trim(shape.decodeSeqs)} decoding + ${trim(shape.prefillSeqs)} x ${trim(shape.prefillTokens)} prompt = ${trim(tokens)}`,
      `GEMM FLOP/GPU = 2 * ${trim(matmulParamsPerToken(d.model) / 1e9)}B matmul params * ${trim(tokens)} tokens / ${d.tp * d.pp} GPUs = ${fmtFlops(s.gemmFlops * mb)}`,
      `attention FLOP/GPU = 4 * layers * n_q * d_h * attended / tp = ${fmtFlops(s.attentionFlops * mb)}`,
      `compute = ${fmtFlops(s.gemmFlops * mb)} / (${fmtFlops(s.math.flops)}/s ${s.math.rate}${s.math.fellBack ? " (fallback)" : ""} * ${s.mathEff})${s.imbalance > 1 ? ` * expert imbalance ${trim(s.imbalance)}` : ""}${isQuantized(d.weights) ? " (the 16-bit output head at the bf16 rate)" : ""} + attention = ${fmtSeconds(computeS)}`,
      `memory = (weights ${fmtBytes(s.weightBytes * mb)}${d.model.experts > 1 ? ` (${s.expertsTouched}/${d.model.experts} experts)` : ""} + KV ${fmtBytes(s.kvBytes * mb)}${shape.decodeSeqs > 0 && s.gqaFactor > 1 ? ` incl. GQA re-read x${trim(s.gqaFactor)}` : ""}) / (${trim(d.gpu.memoryBandwidth / 1e9)} GB/s * ${k.bandwidthEfficiency}) = ${fmtSeconds(memoryS)}`,
      `GEMMs then attention, each overlap(c, m) = (c^${k.overlapExponent} + m^${k.overlapExponent})^(1/${k.overlapExponent})`,
      d.tp > 1 ? `TP comm = ${d.ep > 1 && d.model.experts > 1 ? `1 all-reduce + 2 all-to-alls (EP ${d.ep})` : "2 all-reduces"} * ${s.stageLayers} layers of ${fmtBytes((s.tokens * d.model.hidden * ACT_BYTES))}, over ${linkOf(d, d.tp).name} + ${fmtSeconds(linkOf(d, d.tp).latency)} each = ${fmtSeconds(commS)}` : "",
      d.pp > 1 ? `PP: ${trim(mb)} micro-batch(es), ${trim(stageTimes)} stage-times on the critical path (bubble ${trim(((stageTimes - mb) / stageTimes) * 100)}%), p2p ${fmtSeconds(p2p)}` : "",
      `overhead = ${d.model.layers} layers * ${fmtSeconds(k.layerOverheadS)} + ${fmtSeconds(k.stepOverheadS)} = ${fmtSeconds(overheadS)}`,
    ].filter(Boolean);
    return est(timeS, "s", `${kind} time = sum over phases of overlap(compute, memory) + communication + overhead`, lines.join("\n"), { bound });
  };
  const newTokens = seqs > 0 ? tokens / seqs : 0;
  const context = shape.prefillSeqs > 0 && shape.decodeSeqs === 0 ? shape.prefillCached + shape.prefillTokens : shape.decodeContext + 1;
  const cost = {
    kind, seqs, newTokens, context,
    gemmFlops: s.gemmFlops * mb, attentionFlops: s.attentionFlops * mb, weightBytes: s.weightBytes * mb, kvBytes: s.kvBytes * mb, commBytes: s.commBytes * mb,
    computeS, memoryS, commS, overheadS, timeS, bound,
    flopsPerGpu: (s.gemmFlops + s.attentionFlops) * mb, bytesPerGpu: (s.weightBytes + s.kvBytes) * mb,
  } as PassCost;
  let cachedExplanation: Estimate | null = null;
  Object.defineProperty(cost, "explanation", { enumerable: true, get: () => (cachedExplanation ??= explain()) });
  return cost;
}

/** Kept for callers of the v1 engine: a pure prefill or a pure decode pass. */
export function forwardPass(d: Deployment, kind: "prefill" | "decode", seqs: number, n: number, c: number): PassCost {
  return kind === "prefill"
    ? stepCost(d, { decodeSeqs: 0, decodeContext: 0, prefillSeqs: seqs, prefillTokens: n, prefillCached: c }, "gpipe", "prefill")
    : stepCost(d, { decodeSeqs: seqs, decodeContext: c, prefillSeqs: 0, prefillTokens: 0, prefillCached: 0 }, "steady", "decode");
}

export function prefill(d: Deployment, batch: number, input: number): PassCost {
  return forwardPass(d, "prefill", batch, input, 0);
}

/** One decode step when every sequence already holds `context` tokens (the new token attends to context + 1). */
export function decodeStep(d: Deployment, batch: number, context: number): PassCost {
  return forwardPass(d, "decode", batch, 1, context);
}

export interface RunInput {
  batch: number;
  input: number;
  output: number;
}

export interface RunEstimate {
  batch: number;
  input: number;
  output: number;
  gpus: number;
  prefill: PassCost;
  firstDecode: PassCost;
  lastDecode: PassCost;
  decodeTotalS: number;
  totalS: number;
  timeToFirstToken: Estimate;
  timePerOutputToken: Estimate;
  outputTokensPerSecond: Estimate;
  outputTokensPerSecondPerGpu: Estimate;
  /** Which resource most of the run's time is spent waiting on. */
  bound: Bound;
  timeByBound: Record<Bound, number>;
  memory: MemoryPlan;
}

/**
 * A static batch: prefill all prompts, then (output - 1) decode steps over a growing KV cache
 * (the first output token comes out of prefill, as TensorRT-LLM counts it). The decode sum is exact
 * for up to 32 steps and otherwise a midpoint rule over 32 segments: a step's time is linear in the
 * context (piecewise, at a sliding window), where the midpoint rule is exact.
 */
export function runInference(d: Deployment, r: RunInput): RunEstimate {
  const { batch, input, output } = r;
  const gpus = d.tp * d.pp;
  const pre = prefill(d, batch, input);
  const steps = Math.max(0, output - 1);
  const timeByBound: Record<Bound, number> = { compute: 0, memory: 0, communication: 0, overhead: 0 };
  const addBound = (p: PassCost, w: number) => (timeByBound[p.bound] += p.timeS * w);
  addBound(pre, 1);
  let decodeTotalS = 0;
  const segs = Math.min(steps, 32);
  for (let i = 0; i < segs; i++) {
    const from = Math.floor((i * steps) / segs);
    const to = Math.floor(((i + 1) * steps) / segs);
    const w = to - from;
    if (w <= 0) continue;
    // Step j (0-based) runs with input + j tokens cached.
    const mid = input + (from + to - 1) / 2;
    const p = decodeStep(d, batch, mid);
    decodeTotalS += p.timeS * w;
    addBound(p, w);
  }
  const firstDecode = decodeStep(d, batch, input);
  const lastDecode = decodeStep(d, batch, input + Math.max(0, output - 2));
  const totalS = pre.timeS + decodeTotalS;
  const outTokens = batch * output;
  const tps = outTokens / totalS;
  const bound = (Object.entries(timeByBound) as [Bound, number][]).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const tpot = steps > 0 ? decodeTotalS / steps : firstDecode.timeS;
  return {
    batch, input, output, gpus,
    prefill: pre, firstDecode, lastDecode, decodeTotalS, totalS,
    timeToFirstToken: { ...pre.explanation, value: pre.timeS * 1e3, unit: "ms", formula: "TTFT = prefill time of the batch (static batching)", substituted: `${pre.explanation.substituted}` },
    timePerOutputToken: est(tpot * 1e3, "ms", "TPOT = sum of decode steps / (output - 1)", `${fmtSeconds(decodeTotalS)} / ${steps} steps; step grows from ${fmtSeconds(firstDecode.timeS)} at context ${input} to ${fmtSeconds(lastDecode.timeS)} at ${input + output - 1} (x 1e3 ms/s)`, { bound: firstDecode.bound }),
    outputTokensPerSecond: est(tps, "tokens/s", "batch * output / (prefill + sum of decode steps)", `${batch} * ${output} / (${fmtSeconds(pre.timeS)} + ${fmtSeconds(decodeTotalS)})`, { bound }),
    outputTokensPerSecondPerGpu: est(tps / gpus, "tokens/s", "output tokens/s / GPUs", `${trim(tps)} / ${gpus}`, { bound }),
    bound, timeByBound,
    memory: memoryPlan(d, batch, input + output, input),
  };
}

import type { Deployment } from "./deployment";
import { effectivePeak, interNodeBandwidthPerGpu } from "./gpus";
import { bytesPerElement, mathRateFor } from "./precision";
import { matmulParamsPerToken, weightsTouched } from "./params";
import { kvBytesPerTokenPerGpu, memoryPlan, type MemoryPlan } from "./memory";
import { est, fmtBytes, fmtFlops, fmtSeconds, trim, type Bound, type Estimate } from "./explain";

/** Activations and all-reduce payloads are 16-bit in every engine we model. */
const ACT_BYTES = 2;

/** The cost of one forward pass on one GPU (one pipeline stage), split by resource. */
export interface PassCost {
  kind: "prefill" | "decode";
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

/** (c^n + m^n)^(1/n): the roofline max softened by imperfect overlap of compute and memory. */
export function softMax(c: number, m: number, n: number): number {
  if (n >= 64) return Math.max(c, m);
  const hi = Math.max(c, m);
  if (hi === 0) return 0;
  return hi * Math.pow(Math.pow(c / hi, n) + Math.pow(m / hi, n), 1 / n);
}

/** Tokens attended in total by `n` new tokens after `c` cached ones, with an optional sliding window. */
function attendedTokens(n: number, c: number, window: number | null): number {
  // Sum over i = 1..n of min(c + i, W): closed form of an arithmetic series clipped at W.
  const W = window ?? Number.POSITIVE_INFINITY;
  const a = c + 1;
  const b = c + n;
  if (b <= W) return ((a + b) * n) / 2;
  if (a > W) return W * n;
  const k = W - a + 1; // terms below the window
  return ((a + W) * k) / 2 + W * (n - k);
}

function linkBandwidth(d: Deployment, group: number): { bw: number; name: string } {
  return group <= d.knobs.gpusPerNode
    ? { bw: d.gpu.interconnectBandwidthPerDirection, name: d.gpu.interconnect }
    : { bw: interNodeBandwidthPerGpu, name: "InfiniBand NDR (50 GB/s per GPU)" };
}

/** One ring all-reduce of `bytes` over `n` GPUs: each moves 2(n-1)/n of the data, plus a fixed latency. */
export function allReduceTime(d: Deployment, bytes: number, n: number): number {
  if (n <= 1) return 0;
  const { bw } = linkBandwidth(d, n);
  return ((2 * (n - 1)) / n) * (bytes / (bw * d.knobs.commEfficiency)) + d.knobs.collectiveLatencyS;
}

/**
 * One pipeline stage's forward pass over `seqs` sequences that each add `n` tokens after `c` cached
 * ones (prefill: n = input, c = 0; decode: n = 1, c = context so far).
 */
function stagePass(d: Deployment, seqs: number, n: number, c: number) {
  const m = d.model;
  const k = d.knobs;
  const stageLayers = Math.ceil(m.layers / d.pp);
  const tokens = seqs * n;
  const shards = d.tp * d.pp;

  const gemmFlops = (2 * matmulParamsPerToken(m) * tokens) / shards;
  const attentionFlops = (4 * stageLayers * m.queryHeads * m.headDim * seqs * attendedTokens(n, c, m.slidingWindow)) / d.tp;

  const wt = weightsTouched(m, tokens);
  const weightBytes = (wt.params * bytesPerElement[d.weights]) / shards;
  const kvPerTok = kvBytesPerTokenPerGpu(d); // already this stage's layers and this rank's KV heads
  const cachedAfter = m.slidingWindow == null ? c + n : Math.min(c + n, m.slidingWindow);
  // Decode reads the whole cache once per step (times the GQA re-read factor); prefill writes its new tokens.
  const group = m.queryHeads / m.kvHeads;
  const gqaFactor = 1 + (group - 1) * (1 - k.gqaKvSharing);
  const kvBytes = n === 1 ? seqs * cachedAfter * kvPerTok * gqaFactor : seqs * n * kvPerTok;

  const math = effectivePeak(d.gpu, mathRateFor(d.weights));
  const mathEff = math.rate === "fp8" || math.rate === "int8" ? k.computeEfficiency8bit : k.computeEfficiency;
  const attnPeak = effectivePeak(d.gpu, d.weights === "fp32" ? "tf32" : "bf16").flops;
  const computeS = gemmFlops / (math.flops * mathEff) + attentionFlops / (attnPeak * k.computeEfficiency);
  const memoryS = (weightBytes + kvBytes) / (d.gpu.memoryBandwidth * k.bandwidthEfficiency);

  // Tensor parallel: two all-reduces per layer (after attention and after the FFN) of tokens * h * 2 B.
  const arBytes = tokens * m.hidden * ACT_BYTES;
  const commS = d.tp > 1 ? 2 * stageLayers * allReduceTime(d, arBytes, d.tp) : 0;
  const commBytes = d.tp > 1 ? 2 * stageLayers * ((2 * (d.tp - 1)) / d.tp) * arBytes : 0;
  const overheadS = stageLayers * k.layerOverheadS;
  const core = softMax(computeS, memoryS, k.overlapExponent);
  return { gemmFlops, attentionFlops, weightBytes, kvBytes, commBytes, computeS, memoryS, commS, overheadS, time: core + commS + overheadS, math, mathEff, gqaFactor, expertsTouched: wt.expertsTouched, stageLayers };
}

function boundOf(c: number, m: number, comm: number, ov: number): Bound {
  const pairs: [Bound, number][] = [["compute", c], ["memory", m], ["communication", comm], ["overhead", ov]];
  return pairs.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/**
 * A full forward pass of the batch through all pipeline stages.
 * Decode with pp > 1: the batch is split into min(seqs, pp) micro-batches that keep every stage busy,
 * so a step takes pp stage-times. Prefill with pp > 1: one micro-batch per sequence, GPipe schedule,
 * (m + pp - 1) stage-times.
 */
export function forwardPass(d: Deployment, kind: "prefill" | "decode", seqs: number, n: number, c: number): PassCost {
  const mb = d.pp === 1 ? 1 : kind === "decode" ? Math.min(seqs, d.pp) : seqs;
  const s = stagePass(d, seqs / mb, n, c);
  const stageTimes = d.pp === 1 ? 1 : kind === "decode" ? d.pp : mb + d.pp - 1;
  const p2p = d.pp > 1 ? (d.pp - 1) * ((seqs * n * d.model.hidden * ACT_BYTES) / (linkBandwidth(d, d.tp * d.pp).bw * d.knobs.commEfficiency) + d.knobs.collectiveLatencyS) : 0;
  const k = d.knobs;
  const scale = stageTimes; // every per-stage resource time is spent stageTimes times on the critical path
  const computeS = s.computeS * scale;
  const memoryS = s.memoryS * scale;
  const commS = s.commS * scale + p2p;
  const overheadS = s.overheadS * scale + k.stepOverheadS;
  const timeS = s.time * scale + p2p + k.stepOverheadS;
  const bound = boundOf(computeS, memoryS, commS, overheadS);
  const flopsPerGpu = (s.gemmFlops + s.attentionFlops) * mb;
  const bytesPerGpu = (s.weightBytes * (kind === "decode" ? mb : mb) + s.kvBytes * mb);
  const tokens = seqs * n;
  const lines = [
    `GEMM FLOP/GPU = 2 * ${trim(matmulParamsPerToken(d.model) / 1e9)}B matmul params * ${tokens} tokens / ${d.tp * d.pp} GPUs = ${fmtFlops(s.gemmFlops * mb)}`,
    `attention FLOP/GPU = 4 * layers * n_q * d_h * attended / tp = ${fmtFlops(s.attentionFlops * mb)}`,
    `compute = ${fmtFlops(s.gemmFlops * mb)} / (${fmtFlops(s.math.flops)}/s ${s.math.rate}${s.math.fellBack ? " (fallback)" : ""} * ${s.mathEff}) + attention = ${fmtSeconds(computeS)}`,
    `memory = (weights ${fmtBytes(s.weightBytes * mb)}${d.model.experts > 1 ? ` (${s.expertsTouched}/${d.model.experts} experts)` : ""} + KV ${fmtBytes(s.kvBytes * mb)}${kind === "decode" && s.gqaFactor > 1 ? ` incl. GQA re-read x${trim(s.gqaFactor)}` : ""}) / (${trim(d.gpu.memoryBandwidth / 1e9)} GB/s * ${k.bandwidthEfficiency}) = ${fmtSeconds(memoryS)}`,
    `overlap: (c^${k.overlapExponent} + m^${k.overlapExponent})^(1/${k.overlapExponent})`,
    d.tp > 1 ? `TP comm = 2 all-reduces * ${s.stageLayers} layers of ${fmtBytes(tokens * d.model.hidden * ACT_BYTES / mb)}, ring 2(n-1)/n over ${linkBandwidth(d, d.tp).name} * ${k.commEfficiency} + ${fmtSeconds(k.collectiveLatencyS)} each = ${fmtSeconds(commS)}` : "",
    d.pp > 1 ? `PP: ${mb} micro-batch(es), ${stageTimes} stage-times on the critical path, p2p ${fmtSeconds(p2p)}` : "",
    `overhead = ${d.model.layers} layers * ${fmtSeconds(k.layerOverheadS)} + ${fmtSeconds(k.stepOverheadS)} = ${fmtSeconds(overheadS)}`,
  ].filter(Boolean);
  const explanation = est(
    timeS,
    "s",
    `${kind} time = overlap(compute, memory) + communication + overhead`,
    lines.join("\n"),
    { bound },
  );
  return {
    kind, seqs, newTokens: n, context: c + n,
    gemmFlops: s.gemmFlops * mb, attentionFlops: s.attentionFlops * mb, weightBytes: s.weightBytes * mb, kvBytes: s.kvBytes * mb, commBytes: s.commBytes * mb,
    computeS, memoryS, commS, overheadS, timeS, bound, flopsPerGpu, bytesPerGpu, explanation,
  };
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
 * for up to 128 steps and otherwise a midpoint rule over 128 segments (decode time is smooth in context).
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
  const segs = Math.min(steps, 128);
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

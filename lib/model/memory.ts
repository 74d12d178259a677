import type { Model } from "./models";
import { bytesPerElement, isQuantized, vocabBytesPerParam, weightBytesPerParam, type Precision } from "./precision";
import { paramBreakdown, vocabParams } from "./params";
import { est, fmtBytes, type Estimate } from "./explain";
import type { Deployment } from "./deployment";

/** KV bytes per token = 2 (K and V) * layers * kv_heads * head_dim * bytes_per_element. */
export function kvBytesPerToken(m: Model, kv: Precision): Estimate {
  const b = bytesPerElement[kv];
  return est(2 * m.layers * m.kvHeads * m.headDim * b, "B", "2 * layers * kv_heads * head_dim * bytes", `2 * ${m.layers} * ${m.kvHeads} * ${m.headDim} * ${b}`);
}

/** Tokens a sequence actually keeps in cache: min(context, sliding window). */
export function cachedTokens(m: Model, context: number): number {
  return m.slidingWindow == null ? context : Math.min(context, m.slidingWindow);
}

export function kvCacheBytes(m: Model, kv: Precision, batch: number, context: number): Estimate {
  const per = kvBytesPerToken(m, kv).value;
  const cached = cachedTokens(m, context);
  return est(
    batch * cached * per,
    "B",
    "batch * min(context, window) * kv_bytes_per_token",
    `${batch} * ${cached}${m.slidingWindow != null && context > m.slidingWindow ? ` (window ${m.slidingWindow})` : ""} * ${per}`,
  );
}

export function weightsBytes(m: Model, p: Precision): Estimate {
  const n = paramBreakdown(m).total;
  const b = bytesPerElement[p];
  return est(n * b, "B", "total_params * bytes_per_weight", `${n} * ${b}`, p === "int4" ? { notes: ["int4 counted at 0.5 B/weight; group scales add ~3%"] } : {});
}

/** KV heads one GPU holds: heads split across TP ranks, replicated when TP > kv_heads. */
export function kvHeadsPerGpu(m: Model, tp: number): number {
  return Math.ceil(m.kvHeads / tp);
}

export function kvBytesPerTokenPerGpu(d: Deployment): number {
  return (2 * Math.ceil(d.model.layers / d.pp) * kvHeadsPerGpu(d.model, d.tp) * d.model.headDim * bytesPerElement[d.kv]);
}

export interface MemoryPlan {
  weightsPerGpu: Estimate;
  kvCachePerGpu: Estimate;
  activationsPerGpu: Estimate;
  runtimeOverheadPerGpu: Estimate;
  totalPerGpu: Estimate;
  capacityPerGpu: number;
  fits: boolean;
  /** Bytes over capacity (positive) or headroom left (negative). */
  overBy: number;
  /** Largest batch that fits at this context. */
  maxBatch: number;
  /** Largest context (tokens per sequence) that fits at this batch, capped at the model's max context. */
  maxContext: number;
  /** Tokens of KV cache an in-flight-batching engine gets per GPU: kvCacheMemoryFraction of what weights, runtime and activations leave. */
  kvCapacityTokens: number;
}

/** Live activation bytes per token on one GPU: residual + normed input, QKV, and the FFN's gate/up outputs (16-bit). */
function activationBytesPerToken(d: Deployment): number {
  const m = d.model;
  const qkv = ((m.queryHeads + 2 * m.kvHeads) * m.headDim) / d.tp;
  return 2 * (2 * m.hidden + qkv + (2 * m.ffn) / d.tp);
}

export function memoryPlan(d: Deployment, batch: number, context: number, inputTokens = context): MemoryPlan {
  const m = d.model;
  const shards = d.tp * d.pp;
  const bpw = weightBytesPerParam(d.weights, d.knobs.int4GroupSize);
  const vocab = vocabParams(m);
  const wTotal = (paramBreakdown(m).total - vocab) * bpw + vocab * vocabBytesPerParam(d.weights, d.knobs.int4GroupSize);
  const weightsPerGpu = est(
    wTotal / shards,
    "B",
    (d.weights === "int4" && d.knobs.int4GroupSize > 0 ? "(total_params - vocab) * (0.5 B + 2.5 B scale+zero per group)" : "(total_params - vocab) * bytes_per_weight") +
      (isQuantized(d.weights) ? " + vocab_params (embedding, head) * 2 B (left 16-bit by the quantizer)" : " + vocab_params * bytes_per_weight") + " / (tp * pp)",
    `${fmtBytes(wTotal)} / (${d.tp} * ${d.pp})`,
  );
  const perTok = kvBytesPerTokenPerGpu(d);
  const cached = cachedTokens(m, context);
  const kvCachePerGpu = est(
    batch * cached * perTok,
    "B",
    "batch * min(context, window) * 2 * (layers/pp) * ceil(kv_heads/tp) * head_dim * bytes",
    `${batch} * ${cached} * 2 * ${Math.ceil(m.layers / d.pp)} * ${kvHeadsPerGpu(m, d.tp)} * ${m.headDim} * ${bytesPerElement[d.kv]}`,
  );
  const chunk = Math.min(batch * inputTokens, d.knobs.prefillChunkTokens) * d.knobs.activationMemoryFactor;
  const actTok = activationBytesPerToken(d);
  const logits = batch * m.vocab * 4;
  const activationsPerGpu = est(
    chunk * actTok + logits,
    "B",
    "min(batch*input, chunk) * activation copies * 2B * (2h + (n_q+2n_kv)*d_h/tp + 2*FFN/tp) + batch * vocab * 4B (fp32 logits)",
    `${chunk} * ${actTok} + ${batch} * ${m.vocab} * 4`,
  );
  const ov = d.knobs.runtimeOverheadBytes;
  const runtimeOverheadPerGpu = est(ov, "B", "runtimeOverheadBytes knob", `${ov}`);
  const total = weightsPerGpu.value + kvCachePerGpu.value + activationsPerGpu.value + ov;
  const totalPerGpu = est(total, "B", "weights + kv_cache + activations + runtime", `${fmtBytes(weightsPerGpu.value)} + ${fmtBytes(kvCachePerGpu.value)} + ${fmtBytes(activationsPerGpu.value)} + ${fmtBytes(ov)}`);
  const cap = d.gpu.usableMemoryBytes;
  const fixed = weightsPerGpu.value + ov;
  const free = cap - fixed;
  // Largest batch at this context (activations assumed at a full prefill chunk), and the largest
  // context at this batch, capped at the model's trained context.
  const perSeq = cached * perTok + m.vocab * 4;
  const maxBatch = Math.max(0, Math.floor((free - d.knobs.prefillChunkTokens * d.knobs.activationMemoryFactor * actTok) / perSeq));
  const freeForKv = free - activationsPerGpu.value;
  let maxContext = freeForKv <= 0 ? 0 : Math.floor(freeForKv / (batch * perTok));
  if (m.slidingWindow != null && maxContext >= m.slidingWindow) maxContext = m.maxContext;
  maxContext = Math.min(maxContext, m.maxContext);
  const kvCapacityTokens = Math.max(0, Math.floor(((cap - fixed - d.knobs.prefillChunkTokens * d.knobs.activationMemoryFactor * actTok) * d.knobs.kvCacheMemoryFraction) / perTok));
  return {
    kvCapacityTokens,
    weightsPerGpu,
    kvCachePerGpu,
    activationsPerGpu,
    runtimeOverheadPerGpu,
    totalPerGpu,
    capacityPerGpu: cap,
    fits: total <= cap,
    overBy: total - cap,
    maxBatch,
    maxContext,
  };
}

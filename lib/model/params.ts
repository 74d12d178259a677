import type { Model } from "./models";
import { est, type Estimate } from "./explain";

/**
 * Parameter count from the config, per the reference file:
 * per layer = h*d_h*(2*n_q + 2*n_kv) + 3*h*FFN*E + h*E (router, MoE only) + 2*h (two RMSNorms);
 * total adds V*h for embeddings (twice when the output head is untied) and h for the final norm.
 */
export interface ParamBreakdown {
  attentionPerLayer: number;
  expertPerLayer: number;
  routerPerLayer: number;
  normsPerLayer: number;
  embedding: number;
  head: number;
  finalNorm: number;
  total: number;
  /** Parameters touched per token: all non-expert weights plus top-k experts. */
  active: number;
}

const memo = new WeakMap<Model, ParamBreakdown>();

export function paramBreakdown(m: Model): ParamBreakdown {
  const hit = memo.get(m);
  if (hit) return hit;
  const out = computeBreakdown(m);
  memo.set(m, out);
  return out;
}

function computeBreakdown(m: Model): ParamBreakdown {
  const h = m.hidden;
  const attentionPerLayer = h * m.headDim * (2 * m.queryHeads + 2 * m.kvHeads);
  const expertPerLayer = 3 * h * m.ffn;
  const routerPerLayer = m.experts > 1 ? h * m.experts : 0;
  const normsPerLayer = 2 * h;
  const embedding = m.vocab * h;
  const head = m.tiedEmbeddings ? 0 : m.vocab * h;
  const finalNorm = h;
  const shared = m.layers * (attentionPerLayer + routerPerLayer + normsPerLayer) + embedding + head + finalNorm;
  const total = shared + m.layers * expertPerLayer * m.experts;
  const active = shared + m.layers * expertPerLayer * m.topK;
  return { attentionPerLayer, expertPerLayer, routerPerLayer, normsPerLayer, embedding, head, finalNorm, total, active };
}

export function totalParams(m: Model): Estimate {
  const p = paramBreakdown(m);
  const E = m.experts;
  return est(
    p.total,
    "count",
    "L*(h*d_h*(2n_q+2n_kv) + 3*h*FFN*E + h*E + 2h) + V*h*(tied ? 1 : 2) + h",
    `${m.layers}*(${m.hidden}*${m.headDim}*(2*${m.queryHeads}+2*${m.kvHeads}) + 3*${m.hidden}*${m.ffn}*${E}${E > 1 ? ` + ${m.hidden}*${E}` : ""} + 2*${m.hidden}) + ${m.vocab}*${m.hidden}*${m.tiedEmbeddings ? 1 : 2} + ${m.hidden}`,
  );
}

export function activeParams(m: Model): Estimate {
  const p = paramBreakdown(m);
  return est(
    p.active,
    "count",
    "total - L*3*h*FFN*(E - k)   (only top-k experts run per token)",
    `${p.total} - ${m.layers}*3*${m.hidden}*${m.ffn}*(${m.experts}-${m.topK})`,
  );
}

/** Weights a token's matmuls multiply by: active params minus the input embedding (a lookup, not a matmul). */
export function matmulParamsPerToken(m: Model): number {
  const p = paramBreakdown(m);
  return p.active - (m.tiedEmbeddings ? 0 : p.embedding);
}

/**
 * Weights read from memory by one forward pass over `tokens` tokens. MoE: about min(E, tokens*k)
 * experts are touched per layer (an upper bound on the expected distinct count E*(1-(1-k/E)^tokens)).
 */
export function weightsTouched(m: Model, tokens: number): { params: number; expertsTouched: number; headParams: number } {
  const p = paramBreakdown(m);
  const expertsTouched = Math.min(m.experts, Math.max(1, tokens) * m.topK);
  const params = p.total - (m.tiedEmbeddings ? 0 : p.embedding) - m.layers * p.expertPerLayer * (m.experts - expertsTouched);
  return { params, expertsTouched, headParams: outputHeadParams(m) };
}

/** The output head's parameters (vocab x hidden; the embedding matrix itself when tied). */
export function outputHeadParams(m: Model): number {
  const p = paramBreakdown(m);
  return m.tiedEmbeddings ? p.embedding : p.head;
}

/** Parameters stored in vocabulary matrices: the embedding, plus the head when untied. */
export function vocabParams(m: Model): number {
  const p = paramBreakdown(m);
  return p.embedding + p.head;
}

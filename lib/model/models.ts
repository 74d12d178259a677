import { z } from "zod";

/**
 * Model catalog. Every structural value is copied from the model's published config.json on the
 * Hugging Face Hub (as collected in /work/shared/reference/hardware-and-models.md), never derived:
 * head_dim in particular is not always hidden / heads (Mistral NeMo: 128, not 5120 / 32 = 160).
 * `referenceParams` are the published totals, kept only so tests can pin our count against them.
 */
export interface Model {
  id: string;
  name: string;
  layers: number;
  hidden: number;
  queryHeads: number;
  kvHeads: number;
  headDim: number;
  /** Intermediate size of one gated-SiLU FFN (three hidden x ffn matrices). */
  ffn: number;
  vocab: number;
  /** Number of experts (1 for dense models) and experts used per token. */
  experts: number;
  topK: number;
  /** Attention window in tokens, null when every token attends to the whole context. */
  slidingWindow: number | null;
  maxContext: number;
  tiedEmbeddings: boolean;
  referenceParams: { total: number; active: number };
  source: string;
  unverified: string[];
}

const B = 1e9;

export const models = [
  {
    id: "mistral-7b-v0.1",
    name: "Mistral 7B v0.1",
    layers: 32, hidden: 4096, queryHeads: 32, kvHeads: 8, headDim: 128, ffn: 14336, vocab: 32000,
    experts: 1, topK: 1, slidingWindow: 4096, maxContext: 32768, tiedEmbeddings: false,
    referenceParams: { total: 7.24 * B, active: 7.24 * B },
    source: "mistralai/Mistral-7B-v0.1 config.json (v0.2/v0.3 dropped the sliding window)",
    unverified: [],
  },
  {
    id: "mixtral-8x7b",
    name: "Mixtral 8x7B",
    layers: 32, hidden: 4096, queryHeads: 32, kvHeads: 8, headDim: 128, ffn: 14336, vocab: 32000,
    experts: 8, topK: 2, slidingWindow: null, maxContext: 32768, tiedEmbeddings: false,
    referenceParams: { total: 46.7 * B, active: 12.9 * B },
    source: "mistralai/Mixtral-8x7B-v0.1 config.json",
    unverified: [],
  },
  {
    id: "mixtral-8x22b",
    name: "Mixtral 8x22B",
    layers: 56, hidden: 6144, queryHeads: 48, kvHeads: 8, headDim: 128, ffn: 16384, vocab: 32768,
    experts: 8, topK: 2, slidingWindow: null, maxContext: 65536, tiedEmbeddings: false,
    referenceParams: { total: 140.6 * B, active: 39.2 * B },
    source: "mistralai/Mixtral-8x22B-v0.1 config.json",
    unverified: [],
  },
  {
    id: "mistral-large-2",
    name: "Mistral Large 2 (2407)",
    layers: 88, hidden: 12288, queryHeads: 96, kvHeads: 8, headDim: 128, ffn: 28672, vocab: 32768,
    experts: 1, topK: 1, slidingWindow: null, maxContext: 131072, tiedEmbeddings: false,
    referenceParams: { total: 122.6 * B, active: 122.6 * B },
    source: "mistralai/Mistral-Large-Instruct-2407 config.json",
    unverified: [],
  },
  {
    id: "codestral-22b",
    name: "Codestral 22B",
    layers: 56, hidden: 6144, queryHeads: 48, kvHeads: 8, headDim: 128, ffn: 16384, vocab: 32768,
    experts: 1, topK: 1, slidingWindow: null, maxContext: 32768, tiedEmbeddings: false,
    referenceParams: { total: 22.2 * B, active: 22.2 * B },
    source: "mistralai/Codestral-22B-v0.1 config.json",
    unverified: [],
  },
  {
    id: "mistral-nemo-12b",
    name: "Mistral NeMo 12B",
    layers: 40, hidden: 5120, queryHeads: 32, kvHeads: 8, headDim: 128, ffn: 14336, vocab: 131072,
    experts: 1, topK: 1, slidingWindow: null, maxContext: 128000, tiedEmbeddings: false,
    referenceParams: { total: 12.2 * B, active: 12.2 * B },
    source: "mistralai/Mistral-Nemo-Base-2407 config.json (head_dim 128, not 5120/32)",
    unverified: [],
  },
  {
    id: "llama-2-7b",
    name: "Llama 2 7B",
    layers: 32, hidden: 4096, queryHeads: 32, kvHeads: 32, headDim: 128, ffn: 11008, vocab: 32000,
    experts: 1, topK: 1, slidingWindow: null, maxContext: 4096, tiedEmbeddings: false,
    referenceParams: { total: 6.74 * B, active: 6.74 * B },
    source: "meta-llama/Llama-2-7b-hf config.json",
    unverified: [],
  },
  {
    id: "llama-2-13b",
    name: "Llama 2 13B",
    layers: 40, hidden: 5120, queryHeads: 40, kvHeads: 40, headDim: 128, ffn: 13824, vocab: 32000,
    experts: 1, topK: 1, slidingWindow: null, maxContext: 4096, tiedEmbeddings: false,
    referenceParams: { total: 13.0 * B, active: 13.0 * B },
    source: "meta-llama/Llama-2-13b-hf config.json",
    unverified: [],
  },
  {
    id: "llama-2-70b",
    name: "Llama 2 70B",
    layers: 80, hidden: 8192, queryHeads: 64, kvHeads: 8, headDim: 128, ffn: 28672, vocab: 32000,
    experts: 1, topK: 1, slidingWindow: null, maxContext: 4096, tiedEmbeddings: false,
    referenceParams: { total: 69.0 * B, active: 69.0 * B },
    source: "meta-llama/Llama-2-70b-hf config.json",
    unverified: [],
  },
  {
    id: "llama-3-8b",
    name: "Llama 3 8B",
    layers: 32, hidden: 4096, queryHeads: 32, kvHeads: 8, headDim: 128, ffn: 14336, vocab: 128256,
    experts: 1, topK: 1, slidingWindow: null, maxContext: 8192, tiedEmbeddings: false,
    referenceParams: { total: 8.03 * B, active: 8.03 * B },
    source: "meta-llama/Meta-Llama-3-8B config.json",
    unverified: [],
  },
  {
    id: "llama-3-70b",
    name: "Llama 3 70B",
    layers: 80, hidden: 8192, queryHeads: 64, kvHeads: 8, headDim: 128, ffn: 28672, vocab: 128256,
    experts: 1, topK: 1, slidingWindow: null, maxContext: 8192, tiedEmbeddings: false,
    referenceParams: { total: 70.6 * B, active: 70.6 * B },
    source: "meta-llama/Meta-Llama-3-70B config.json",
    unverified: [],
  },
  {
    id: "llama-3.1-8b",
    name: "Llama 3.1 8B",
    layers: 32, hidden: 4096, queryHeads: 32, kvHeads: 8, headDim: 128, ffn: 14336, vocab: 128256,
    experts: 1, topK: 1, slidingWindow: null, maxContext: 131072, tiedEmbeddings: false,
    referenceParams: { total: 8.03 * B, active: 8.03 * B },
    source: "meta-llama/Llama-3.1-8B config.json (Llama 3's shapes, 128k context by RoPE scaling)",
    unverified: [],
  },
  {
    id: "llama-3.1-70b",
    name: "Llama 3.1 / 3.3 70B",
    layers: 80, hidden: 8192, queryHeads: 64, kvHeads: 8, headDim: 128, ffn: 28672, vocab: 128256,
    experts: 1, topK: 1, slidingWindow: null, maxContext: 131072, tiedEmbeddings: false,
    referenceParams: { total: 70.6 * B, active: 70.6 * B },
    source: "meta-llama/Llama-3.1-70B and Llama-3.3-70B-Instruct config.json (same shapes)",
    unverified: [],
  },
] as const satisfies readonly Model[];

export type ModelId = (typeof models)[number]["id"];

const posInt = (field: string) => z.number({ error: `${field} must be a number` }).int(`${field} must be a whole number`).positive(`${field} must be at least 1`);

/** A model given as data (a custom model), checked field by field. */
export const ModelSchema = z
  .object({
    id: z.string().min(1).max(80),
    name: z.string().min(1).max(120),
    layers: posInt("layers").max(1000),
    hidden: posInt("hidden").max(1_000_000),
    queryHeads: posInt("queryHeads").max(10_000),
    kvHeads: posInt("kvHeads").max(10_000),
    headDim: posInt("headDim").max(100_000),
    ffn: posInt("ffn").max(10_000_000),
    vocab: posInt("vocab").max(10_000_000),
    experts: posInt("experts").max(100_000),
    topK: posInt("topK").max(100_000),
    slidingWindow: posInt("slidingWindow").nullable(),
    maxContext: posInt("maxContext").max(100_000_000),
    tiedEmbeddings: z.boolean(),
    referenceParams: z.object({ total: z.number(), active: z.number() }),
    source: z.string(),
    unverified: z.array(z.string()),
  })
  .refine((m) => m.queryHeads % m.kvHeads === 0, { message: "queryHeads must be a multiple of kvHeads (grouped-query attention shares each KV head among a whole number of query heads)", path: ["kvHeads"] })
  .refine((m) => m.topK <= m.experts, { message: "topK must be at most experts", path: ["topK"] });
export const modelIds = models.map((m) => m.id) as [ModelId, ...ModelId[]];
export const ModelIdSchema = z.enum(modelIds, {
  error: (iss) => `unknown model "${String(iss.input)}"; valid ids: ${modelIds.join(", ")}`,
});

export function getModel(id: string | Model): Model {
  if (typeof id !== "string") return id;
  const m = (models as readonly Model[]).find((x) => x.id === id);
  if (!m) throw new Error(`unknown model "${id}"; valid ids: ${modelIds.join(", ")}`);
  return m;
}

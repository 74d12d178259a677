import { z } from "zod";
import { ModelSchema, type Model } from "./models";
import { paramBreakdown } from "./params";

/**
 * A Hugging Face `config.json` (the decoder-only subset the engine needs). Field names are the Hub's;
 * defaults follow transformers' own (num_key_value_heads = num_attention_heads, head_dim =
 * hidden_size / num_attention_heads). Multimodal configs keep the language model under `text_config`.
 */
const int = z.number().int().positive();
const HfConfigSchema = z.object({
  model_type: z.string().optional(),
  num_hidden_layers: int,
  hidden_size: int,
  num_attention_heads: int,
  num_key_value_heads: int.optional(),
  head_dim: int.nullish(),
  intermediate_size: int,
  /** MoE configs: per-expert FFN width when it differs from intermediate_size (Qwen-MoE). */
  moe_intermediate_size: int.optional(),
  vocab_size: int,
  num_local_experts: int.optional(),
  num_experts: int.optional(),
  n_routed_experts: int.optional(),
  num_experts_per_tok: int.optional(),
  sliding_window: int.nullish(),
  use_sliding_window: z.boolean().optional(),
  max_position_embeddings: int,
  tie_word_embeddings: z.boolean().optional(),
});

export class HfConfigError extends Error {}

/** Parse pasted config.json text into a Model; errors name the field and what it must be. */
export function modelFromHfConfig(text: string, name = "Custom model"): Model {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new HfConfigError(`config.json is not valid JSON: ${(e as Error).message}`);
  }
  if (raw == null || typeof raw !== "object" || Array.isArray(raw)) throw new HfConfigError("config.json must be a JSON object (the file from the model's Hub page)");
  const obj = (raw as Record<string, unknown>).text_config && typeof (raw as Record<string, unknown>).text_config === "object" ? { ...(raw as object), ...((raw as Record<string, unknown>).text_config as object) } : raw;
  const r = HfConfigSchema.safeParse(obj);
  if (!r.success) {
    throw new HfConfigError(
      r.error.issues
        .map((i) => {
          const field = i.path.join(".") || "config";
          const got = i.path.reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k as string] : undefined), obj);
          return got === undefined ? `config.json: ${field} is missing; it must be a positive integer` : `config.json: ${field} must be a positive integer (got ${JSON.stringify(got)})`;
        })
        .join("; "),
    );
  }
  const c = r.data;
  const experts = c.num_local_experts ?? c.num_experts ?? c.n_routed_experts ?? 1;
  const topK = experts > 1 ? (c.num_experts_per_tok ?? 2) : 1;
  const window = c.use_sliding_window === false ? null : (c.sliding_window ?? null);
  const headDim = c.head_dim ?? c.hidden_size / c.num_attention_heads;
  if (!Number.isInteger(headDim)) throw new HfConfigError(`config.json: head_dim is missing and hidden_size / num_attention_heads = ${c.hidden_size} / ${c.num_attention_heads} is not a whole number; add head_dim`);
  const draft: Model = {
    id: "custom",
    name: name.slice(0, 120) || "Custom model",
    layers: c.num_hidden_layers,
    hidden: c.hidden_size,
    queryHeads: c.num_attention_heads,
    kvHeads: c.num_key_value_heads ?? c.num_attention_heads,
    headDim,
    ffn: experts > 1 ? (c.moe_intermediate_size ?? c.intermediate_size) : c.intermediate_size,
    vocab: c.vocab_size,
    experts,
    topK,
    slidingWindow: window,
    maxContext: c.max_position_embeddings,
    tiedEmbeddings: c.tie_word_embeddings ?? false,
    referenceParams: { total: 0, active: 0 },
    source: `pasted config.json${c.model_type ? ` (model_type ${c.model_type})` : ""}`,
    unverified: [],
  };
  const p = paramBreakdown(draft);
  draft.referenceParams = { total: p.total, active: p.active };
  const checked = ModelSchema.safeParse(draft);
  if (!checked.success) {
    const hf: Record<string, string> = { kvHeads: "num_key_value_heads", topK: "num_experts_per_tok", queryHeads: "num_attention_heads" };
    throw new HfConfigError(checked.error.issues.map((i) => `config.json: ${hf[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join("; "));
  }
  return draft;
}

/** The training tab's fields (no engine code, so the client form can import it). */
export const TRAINING_FIELDS: Record<string, { label: string; def: string; min: number; max: number; int?: boolean }> = {
  "t.tokens": { label: "Training tokens (billions)", def: "1000", min: 0.001, max: 1e6 },
  "t.gpus": { label: "GPUs", def: "512", min: 1, max: 1e6, int: true },
  "t.mfu": { label: "Assumed MFU (0-1)", def: "0.4", min: 0.01, max: 1 },
  "t.tps": { label: "Measured tokens/s of the cluster (optional, gives MFU)", def: "", min: 1, max: 1e12 },
  "t.tp": { label: "Tensor parallel", def: "1", min: 1, max: 1024, int: true },
  "t.pp": { label: "Pipeline stages", def: "4", min: 1, max: 1024, int: true },
  "t.mb": { label: "Micro-batches per step", def: "16", min: 1, max: 1e6, int: true },
  "t.gb": { label: "Global batch (sequences)", def: "1024", min: 1, max: 1e8, int: true },
  "t.micro": { label: "Micro-batch size", def: "1", min: 1, max: 1e6, int: true },
};

export const TRAINING_DEFAULTS = { model: "llama-3.1-8b", gpu: "h100-sxm", prec: "bf16" };

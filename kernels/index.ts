import { attentionPrefill } from "./attention-prefill/spec";
import { int8KvDecode } from "./int8-kv-decode/spec";
import { kvAppendRope } from "./kv-append-rope/spec";
import { kvCacheAppend } from "./kv-cache-append/spec";
import { pagedDecodeAttention } from "./paged-decode-attention/spec";
import { slidingWindowDecode } from "./sliding-window-decode/spec";
import type { KernelProblem } from "./types";

export type * from "./types";
export { CONTRACT_TOLERANCE } from "./types";

/** Every kernel problem, in the order the lab lists them. */
export const kernelProblems: readonly KernelProblem[] = [attentionPrefill, pagedDecodeAttention, kvCacheAppend, slidingWindowDecode, int8KvDecode, kvAppendRope];

export const kernelProblemIds = kernelProblems.map((p) => p.id);

export function getKernelProblem(id: string): KernelProblem | undefined {
  return kernelProblems.find((p) => p.id === id);
}

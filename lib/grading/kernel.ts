import type { KernelScenario } from "@/lib/scenarios/schema";
import type { KernelAnswer } from "./answers";
import type { Grade } from "./types";

/** Kernel rounds. The kernel harness (lib/gpu) replaces this with correctness first, then speed tiers. */
export async function gradeKernel(_scenario: KernelScenario, _answer: KernelAnswer | null): Promise<Grade> {
  return { kind: "kernel", score: null, decision: null, items: [], summary: "Kernel rounds are kept for review; automatic harness-based grading is not available yet." };
}

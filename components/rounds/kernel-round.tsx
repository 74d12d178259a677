"use client";
import { KernelWorkbench } from "@/components/lab/kernel-workbench";
import type { KernelAnswer } from "@/lib/grading/answers";
import type { RoundProps } from "./types";

/**
 * The kernel round: the lab's workbench (editor with WGSL diagnostics, Check, Benchmark on this
 * browser's GPU or the CPU fallback). Submitting grades the saved source on the server with the same
 * harness: correctness first, then speed tiers relative to the naive reference.
 */
export function KernelRound({ scenario, answer, onChange, disabled }: RoundProps<KernelAnswer>) {
  return (
    <div className="card stack">
      <p className="muted small">
        Problem <code>{scenario.problem}</code>. Check as often as you like; the score comes from the server&apos;s run of your last saved source at submission.
      </p>
      <KernelWorkbench problemId={scenario.problem ?? ""} value={answer.source} onChange={(source) => onChange({ ...answer, source })} disabled={disabled} />
    </div>
  );
}

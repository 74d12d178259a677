"use client";
import { useEffect, useRef, useState } from "react";
import { KernelWorkbench } from "@/components/lab/kernel-workbench";
import type { KernelAnswer } from "@/lib/grading/answers";
import { sourceHash } from "@/lib/gpu/source-hash";
import { markRoundActivity } from "@/lib/loop/round-activity";
import type { RoundProps } from "./types";

/**
 * The kernel round: the lab's workbench (editor with WGSL diagnostics, Check, Benchmark on this browser's GPU
 * or the CPU fallback). Submitting grades the saved source on the server with the same harness: correctness
 * first, then speed against the naive reference, only where it was measured on a GPU: the server's, or this
 * browser's Benchmark of the exact source submitted (saved with the answer, marked as reported by the browser).
 */
export function KernelRound({ scenario, answer, onChange, disabled, sessionId, position }: RoundProps<KernelAnswer>) {
  const problem = scenario.problem ?? "";
  const [naive, setNaive] = useState<string | undefined>(undefined);
  const answerRef = useRef(answer);
  answerRef.current = answer;
  useEffect(() => {
    let live = true;
    fetch(`/lab/reference-source?problem=${encodeURIComponent(problem)}`)
      .then((r) => (r.ok ? r.text() : undefined))
      .then((t) => live && setNaive(t))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [problem]);
  const saved = answer.result as { timing?: { measuredOn?: string } | null; adapter?: { label?: string } } | undefined;
  const savedForThis = answer.resultSourceHash && answer.resultSourceHash === sourceHash(answer.source);
  return (
    <div className="card stack">
      <p className="muted small">
        Problem <code>{problem}</code>. Check as often as you like; the score comes from the server&apos;s run of your last saved source at submission: correctness on
        every case first, then speed against the naive reference, but only where speed was measured on a GPU. If the server has no GPU, a Benchmark you run
        here on your browser&apos;s GPU, for the exact source you submit, is used instead and marked as reported by your browser. On a software renderer or the CPU
        fallback, speed is not scored and the round is graded on correctness alone.
      </p>
      {saved?.timing && (
        <p className="small" role="note">
          {savedForThis
            ? saved.timing.measuredOn === "gpu"
              ? `Your last Benchmark (on ${saved.adapter?.label ?? "your GPU"}) is saved with this source and can count for speed.`
              : `Your last Benchmark ran on ${saved.adapter?.label ?? "a device that is not a GPU"}: not a GPU, so it will not count for speed.`
            : "You changed the source since your last Benchmark: run it again for your browser's measurement to count."}
        </p>
      )}
      <KernelWorkbench
        problemId={problem}
        value={answer.source}
        onChange={(source) => onChange({ ...answerRef.current, source })}
        disabled={disabled}
        naiveSource={naive}
        onResult={(result, source) => {
          markRoundActivity(sessionId, position);
          if (result.timing) onChange({ ...answerRef.current, source, result, resultSourceHash: sourceHash(source) });
        }}
      />
    </div>
  );
}

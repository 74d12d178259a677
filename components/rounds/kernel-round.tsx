"use client";
import type { KernelAnswer } from "@/lib/grading/answers";
import type { RoundProps } from "./types";

/** The kernel round's slot: the WGSL source, autosaved; check it in the kernel lab. */
export function KernelRound({ scenario, answer, onChange, disabled }: RoundProps<KernelAnswer>) {
  return (
    <div className="card stack">
      <label htmlFor="wgsl">WGSL source ({scenario.problem})</label>
      <textarea id="wgsl" className="mono" spellCheck={false} style={{ minHeight: 360 }} value={answer.source} disabled={disabled} onChange={(e) => onChange({ ...answer, source: e.target.value })} />
      <p className="muted small">
        Your kernel is autosaved. Check and benchmark it in the <a href={`/lab?problem=${scenario.problem}`} target="_blank" rel="noreferrer">kernel lab</a>; this round does not vote in the decision yet.
      </p>
    </div>
  );
}

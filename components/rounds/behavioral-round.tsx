"use client";
import type { BehavioralAnswer } from "@/lib/grading/answers";
import type { RoundProps } from "./types";

const fields = [
  { id: "situation", label: "Situation", hint: "Where, when, what was at stake — with numbers." },
  { id: "task", label: "Task", hint: "What you personally owned." },
  { id: "action", label: "Action", hint: "What you did, in technical terms: the mechanism, the evidence, who disagreed." },
  { id: "result", label: "Result", hint: "What changed, measured (latency, cost, GPUs, hours), and what you would do differently." },
] as const;

/** STAR-structured answer: four labeled fields. */
export function BehavioralRound({ answer, onChange, disabled }: RoundProps<BehavioralAnswer>) {
  return (
    <div className="stack">
      {fields.map((f) => (
        <div key={f.id} className="card">
          <label htmlFor={`star-${f.id}`}>{f.label}</label>
          <p className="muted small" id={`star-${f.id}-hint`} style={{ marginTop: 0 }}>{f.hint}</p>
          <textarea
            id={`star-${f.id}`}
            aria-describedby={`star-${f.id}-hint`}
            value={answer[f.id] ?? ""}
            disabled={disabled}
            onChange={(e) => onChange({ ...answer, [f.id]: e.target.value })}
          />
        </div>
      ))}
    </div>
  );
}

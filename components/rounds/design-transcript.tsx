"use client";
import { useEffect, useRef, useState } from "react";
import type { Followup } from "@/lib/grading/answers";
import type { Interviewer } from "./types";

function minuteOf(ms: number): string {
  const m = Math.floor(ms / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${m}:${String(s).padStart(2, "0")}`;
}

/**
 * The interview as a dialogue: each question the interviewer asked (newest at the bottom) with its
 * own answer field, and a button to hear the next question early. A new question is announced and
 * a notice offers to jump to it, without taking the focus from what the candidate is typing.
 */
export function DesignTranscript({
  interviewer,
  answers,
  onAnswer,
  disabled,
}: {
  interviewer: Interviewer;
  answers: Record<string, string>;
  onAnswer: (id: string, text: string) => void;
  disabled: boolean;
}) {
  const { followups, left, asking } = interviewer;
  const seen = useRef(followups.length);
  const requested = useRef(false);
  const [fresh, setFresh] = useState<Followup | null>(null);
  useEffect(() => {
    if (followups.length > seen.current) {
      const newest = followups[followups.length - 1];
      // Asked for by the candidate: go straight to its answer field. Arrived on its own: offer to jump.
      if (requested.current) jump(newest);
      else setFresh(newest);
      requested.current = false;
    }
    seen.current = followups.length;
  }, [followups]);

  function jump(f: Followup) {
    setFresh(null);
    const el = document.getElementById(`followup-answer-${f.id}`);
    el?.scrollIntoView({ block: "center" });
    el?.focus();
  }

  return (
    <section className="card" aria-labelledby="interview-heading">
      <h2 id="interview-heading" className="section-title">Interview</h2>
      {followups.length === 0 ? (
        <p className="muted small">
          The interviewer reads your answer as last saved and asks {left ? `${left} question${left === 1 ? "" : "s"}` : "questions"} during the round.
          Each question appears here with its own answer field.
        </p>
      ) : (
        <ol className="transcript">
          {followups.map((f, i) => (
            <li key={f.id} className="transcript-turn">
              <div className="transcript-question">
                <span className="muted small">Interviewer · {minuteOf(f.askedAtMs)}</span>
                <p id={`followup-q-${f.id}`}>{f.question}</p>
              </div>
              <label htmlFor={`followup-answer-${f.id}`} className="small">Your answer to question {i + 1}</label>
              <textarea
                id={`followup-answer-${f.id}`}
                aria-describedby={`followup-q-${f.id}`}
                className="transcript-answer"
                value={answers[f.id] ?? f.answer}
                disabled={disabled}
                placeholder="Answer as you would out loud: the mechanism, the numbers, the trade-off."
                onChange={(e) => onAnswer(f.id, e.target.value)}
              />
            </li>
          ))}
        </ol>
      )}
      {left > 0 && (
        <div className="row">
          <button
            type="button"
            onClick={() => {
              requested.current = true;
              void interviewer.askNow();
            }}
            disabled={disabled || asking}
          >
            {asking ? "Asking…" : "I'm ready for a follow-up"}
          </button>
          <span className="muted small">
            {left} question{left === 1 ? "" : "s"} to come{interviewer.nextInMs !== null ? `; the next in about ${Math.max(1, Math.round(interviewer.nextInMs / 60_000))} min` : ""}.
          </span>
        </div>
      )}
      <div aria-live="polite" className="sr-only">{fresh ? `The interviewer asks: ${fresh.question}` : ""}</div>
      {fresh && (
        <div className="toast" data-testid="followup-toast">
          <strong>The interviewer asks:</strong> <span>{fresh.question}</span>
          <div className="row" style={{ marginTop: 6 }}>
            <button type="button" className="primary" onClick={() => jump(fresh)}>Answer it</button>
            <button type="button" onClick={() => setFresh(null)}>Later</button>
          </div>
        </div>
      )}
    </section>
  );
}

"use client";
import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { Whiteboard } from "@/components/whiteboard/whiteboard";
import type { DesignAnswer, Followup } from "@/lib/grading/answers";
import type { Diagram } from "@/lib/diagram/scene";
import { DesignTranscript } from "./design-transcript";
import type { RoundProps } from "./types";

// The Markdown renderer loads when a preview tab is first opened, not with the round.
const Markdown = dynamic(() => import("@/components/ui/markdown").then((m) => m.Markdown), { loading: () => <p className="muted small">Rendering…</p> });

/**
 * The design round: a whiteboard, one Markdown field per section of the scenario (each with a
 * preview tab), and the interview transcript with the interviewer's follow-up questions.
 */
export function DesignRound({ scenario, answer, onChange, disabled, position, sessionId, interviewer }: RoundProps<DesignAnswer>) {
  const [preview, setPreview] = useState<Record<string, boolean>>({});
  // Excalidraw and the transcript call back with the latest value; they must extend the latest answer.
  const latest = useRef(answer);
  latest.current = answer;
  const followups: Followup[] = interviewer?.followups ?? answer.followups ?? [];
  const typed = Object.fromEntries((answer.followups ?? []).map((f) => [f.id, f.answer]));

  const update = (next: DesignAnswer) => {
    latest.current = next;
    onChange(next);
  };
  const setDiagram = (diagram: Diagram | null) => update({ ...latest.current, diagram });
  const setFollowupAnswer = (id: string, text: string) => {
    const mine = new Map((latest.current.followups ?? []).map((f) => [f.id, f]));
    const list = followups.map((f) => ({ ...f, answer: id === f.id ? text : (mine.get(f.id)?.answer ?? f.answer) }));
    update({ ...latest.current, followups: list });
  };

  return (
    <div className="stack">
      <Whiteboard diagram={answer.diagram} onChange={setDiagram} disabled={disabled} storageKey={`loopbench-whiteboard-${sessionId}-${position}`} />
      {(scenario.sections ?? []).map((s) => {
        const value = answer.sections[s.id] ?? "";
        const inputId = `section-${s.id}`;
        return (
          <div key={s.id} className="card">
            <div className="row" style={{ justifyContent: "space-between" }}>
              <label htmlFor={inputId}>{s.title}</label>
              <div className="tabs" role="tablist" aria-label={`${s.title} view`}>
                <button type="button" role="tab" aria-selected={!preview[s.id]} onClick={() => setPreview({ ...preview, [s.id]: false })}>Write</button>
                <button type="button" role="tab" aria-selected={!!preview[s.id]} onClick={() => setPreview({ ...preview, [s.id]: true })}>Preview</button>
              </div>
            </div>
            <p className="muted small" id={`${inputId}-hint`} style={{ marginTop: 0 }}>{s.hint}</p>
            {preview[s.id] ? (
              <div className="preview" aria-label={`${s.title} preview`}>{value ? <Markdown>{value}</Markdown> : <span className="muted">Nothing written yet.</span>}</div>
            ) : (
              <textarea
                id={inputId}
                aria-describedby={`${inputId}-hint`}
                value={value}
                disabled={disabled}
                placeholder="Markdown: lists, **bold**, `code`, tables…"
                onChange={(e) => update({ ...latest.current, sections: { ...latest.current.sections, [s.id]: e.target.value } })}
              />
            )}
          </div>
        );
      })}
      {interviewer && <DesignTranscript interviewer={{ ...interviewer, followups }} answers={typed} onAnswer={setFollowupAnswer} disabled={disabled} />}
    </div>
  );
}

"use client";
import { useState } from "react";
import { Markdown } from "@/components/ui/markdown";
import type { DesignAnswer } from "@/lib/grading/answers";
import type { RoundProps } from "./types";

/** One Markdown field per section of the scenario, each with a preview tab. */
export function DesignRound({ scenario, answer, onChange, disabled }: RoundProps<DesignAnswer>) {
  const [preview, setPreview] = useState<Record<string, boolean>>({});
  return (
    <div className="stack">
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
                onChange={(e) => onChange({ sections: { ...answer.sections, [s.id]: e.target.value } })}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}

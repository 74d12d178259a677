import type { RubricItem } from "@/lib/grading/types";

type Turn = { id: string; question: string; source?: string; target?: string; askedAtMs?: number; answer?: string };

function at(ms: number | undefined): string {
  if (ms === undefined) return "";
  const m = Math.floor(ms / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return ` · ${m}:${String(s).padStart(2, "0")}`;
}

/**
 * The interview of a design round, read-only: each question and the candidate's answer, and, where
 * the grade judged it (a `followup:<id>` item), whether the answer closed the gap the question probed.
 */
export function TranscriptView({ followups, items = [] }: { followups: readonly Turn[]; items?: readonly RubricItem[] }) {
  if (!followups.length) return null;
  const verdict = new Map(items.filter((i) => i.id.startsWith("followup:")).map((i) => [i.id.slice("followup:".length), i]));
  return (
    <ol className="transcript" data-testid="transcript">
      {followups.map((f) => {
        const v = verdict.get(f.id);
        return (
          <li key={f.id} className="transcript-turn">
            <div className="transcript-question">
              <span className="muted small">
                Interviewer{f.source === "probe" ? " (probe)" : ""}
                {at(f.askedAtMs)}
              </span>
              <p>{f.question}</p>
            </div>
            <div className="transcript-reply">
              {f.answer?.trim() ? f.answer : <span className="muted">(no answer)</span>}
            </div>
            {v && (
              <p className="small" style={{ margin: "4px 0 0 18px" }}>
                <span className={`badge ${v.hit ? "ok" : "bad"}`}>{v.hit ? "closed the gap" : "gap still open"}</span>{" "}
                <span className="muted">{v.points} / {v.maxPoints}{v.note ? ` — ${v.note}` : ""}</span>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

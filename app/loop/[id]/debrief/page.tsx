import Link from "next/link";
import { AnswerView } from "@/components/loop/answer-view";
import { GradeDetails } from "@/components/loop/grade-details";
import { TranscriptView } from "@/components/whiteboard/transcript-view";
import { ModelingDebrief } from "@/components/rounds/modeling-debrief";
import { Markdown } from "@/components/ui/markdown";
import { committeeBar } from "@/lib/grading";
import { formatQuantity, type BaseUnit } from "@/lib/units";
import { RoundHeading } from "@/components/loop/round-heading";
import { getDb } from "@/db/client";
import { listPauseEventsBySessionId } from "@/db/queries/history";
import { formatTimeUsed, timeUsedMs } from "@/lib/history/replay";
import { loadSessionOr404 } from "../load-session";

export const dynamic = "force-dynamic";

const decisionClass: Record<string, string> = { "Strong Yes": "sy", Yes: "y", No: "n", "Strong No": "sn" };

export default async function DebriefPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const view = await loadSessionOr404(id);
  if (view.status !== "completed") {
    return (
      <div className="card">
        <h1>Debrief not ready</h1>
        <p>This loop still has rounds to finish.</p>
        <Link className="button primary" href={`/loop/${id}`}>Back to the loop</Link>
      </div>
    );
  }
  const d = view.debrief;
  // Time used counts as on the history page: start to submission, less the paused time.
  const pauses = await listPauseEventsBySessionId({ db: await getDb(), sessionId: id });
  return (
    <>
      <h1>Debrief — {view.templateTitle}</h1>
      <section className="card" aria-labelledby="decision-heading">
        <h2 id="decision-heading" style={{ marginTop: 0 }}>Hiring decision</h2>
        <p className={`decision ${decisionClass[view.decision ?? ""] ?? ""}`} data-testid="decision">{view.decision ?? "No decision"}</p>
        {view.overallScore !== null && <p>Mean score over graded rounds: <strong>{view.overallScore}/100</strong>. {d?.advances ? "The committee advances this loop." : "The committee does not advance this loop."}</p>}
        <ul>{d?.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
        <details>
          <summary>How the bar works</summary>
          <p>{d?.bar ?? committeeBar}</p>
        </details>
      </section>
      {view.rounds.map((r) => (
        <section key={r.position} className="card" aria-labelledby={`round-${r.position}`}>
          <RoundHeading id={`round-${r.position}`} title={`Round ${r.position + 1}: ${r.title}`} scenarioTitle={r.scenario.title} />
          <p className="muted small">
            {r.submitReason === "deadline" ? "Submitted automatically at the deadline" : "Submitted"} · time used{" "}
            {formatTimeUsed(timeUsedMs({ position: r.position, startedAt: r.startedAt, submittedAt: r.submittedAt }, pauses), r.durationMs)} · source: {r.scenario.source.seed}
          </p>
          {r.grade ? <GradeDetails grade={r.grade} /> : <p className="muted">Not graded.</p>}
          {r.followups.length > 0 && (
            <>
              <h3>The interview</h3>
              <TranscriptView followups={r.followups} items={r.grade?.items} />
            </>
          )}
          <details>
            <summary>Your answer</summary>
            <AnswerView kind={r.kind} scenario={r.scenario} answer={r.answer} />
          </details>
          {r.kind === "modeling" && <ModelingDebrief scenario={r.scenario} answer={r.answer} />}
          {r.kind !== "modeling" && r.scenario.questions?.some((q) => q.expected !== undefined) && (
            <details>
              <summary>Expected answers and derivations</summary>
              <ul>
                {r.scenario.questions.map((q) => (
                  <li key={q.id}>
                    <strong>{q.prompt}</strong>: {q.expected !== undefined ? formatQuantity(q.expected, q.unit as BaseUnit) : "?"} (± {Math.round((q.tolerance?.relative ?? 0) * 100)}%: {q.tolerance?.reason})
                    {q.derivation && <div className="small muted"><Markdown>{q.derivation}</Markdown></div>}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {r.scenario.modelAnswer && (
            <details>
              <summary>A strong answer</summary>
              <Markdown>{r.scenario.modelAnswer}</Markdown>
            </details>
          )}
        </section>
      ))}
      <div className="row">
        <Link className="button primary" href={`/history/${view.id}`}>Replay and export</Link>
        <Link className="button" href="/">Practice another loop</Link>
      </div>
    </>
  );
}

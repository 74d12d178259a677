import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getSessionDetailById, listSessionsByTemplate } from "@/db/queries/history";
import { AnswerView } from "@/components/history/answer-view";
import { DeleteSessionButton } from "@/components/history/delete-button";
import { KernelAttempts, type KernelAttemptView } from "@/components/history/kernel-attempts";
import { Replay } from "@/components/history/replay";
import styles from "@/components/history/history.module.css";
import { GradeDetails } from "@/components/loop/grade-details";
import { RoundHeading } from "@/components/loop/round-heading";
import { Markdown } from "@/components/ui/markdown";
import type { Grade } from "@/lib/grading";
import { followupsShown, formatTimeUsed, summarizeRun, timeUsedMs, toSessionExport, type LogEvent } from "@/lib/history";

export const dynamic = "force-dynamic";

export default async function SessionReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = await getDb();
  const detail = await getSessionDetailById({ db, id });
  if (!detail) notFound();
  const x = toSessionExport(detail);
  const s = x.session;
  const others = (await listSessionsByTemplate({ db, templateId: s.templateId, limit: 30 })).filter((o) => o.id !== id);
  const log: LogEvent[] = x.events.map((e) => ({ type: e.type, roundPosition: e.round, payload: e.payload, createdAt: e.createdAt }));
  const attemptsOf = (round: number | null): KernelAttemptView[] =>
    x.kernelAttempts
      .map((k, i) => ({ ...k, id: detail.kernelAttempts[i]?.id ?? String(i) }))
      .filter((k) => k.round === round);
  const exportHref = (format: "md" | "json", inline = false) => `/api/sessions/${id}/export?format=${format}${inline ? "&inline=1" : ""}`;

  return (
    <>
      <p className={`small ${styles.noPrint}`}><Link href="/history">← History</Link></p>
      <h1>{s.templateTitle}</h1>
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading" style={{ marginTop: 0 }}>Summary</h2>
        <p>
          Started {s.createdAt.slice(0, 16).replace("T", " ")} UTC · {s.mode} mode · seed {s.seed} ·{" "}
          {s.status === "completed" ? <>completed {s.completedAt?.slice(0, 16).replace("T", " ")} UTC</> : <span className="badge warn">in progress</span>}
        </p>
        {detail.session.importedAt && (
          <p data-testid="imported-marker">
            <span className="badge">imported</span> {detail.session.importedAt.toISOString().slice(0, 16).replace("T", " ")} UTC
            {detail.session.importedFromId ? <> from session <code>{detail.session.importedFromId}</code></> : " from an export that did not name its session"}
            {detail.session.importedFromCreatedAt && <>, which started {detail.session.importedFromCreatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</>}.
          </p>
        )}
        <p data-testid="decision">
          Decision: <strong>{s.decision ?? "none"}</strong>
          {s.overallScore !== null && <> · mean score <strong>{s.overallScore}/100</strong></>}
        </p>
        <div className={`row ${styles.noPrint}`}>
          <a className="button" href={exportHref("md")} download>Export Markdown</a>
          <a className="button" href={exportHref("md", true)} target="_blank" rel="noopener">View Markdown (print)</a>
          <a className="button" href={exportHref("json")} download>Export JSON</a>
          {s.status !== "completed" && <Link className="button primary" href={`/loop/${id}`}>Resume the loop</Link>}
          <DeleteSessionButton id={id} label={`${s.templateTitle}, ${s.createdAt.slice(0, 10)}`} />
        </div>
        {others.length > 0 && (
          <form method="get" action="/history/compare" className={`row ${styles.noPrint}`} style={{ marginTop: 10 }}>
            <input type="hidden" name="a" value={id} />
            <label htmlFor="compare-with" style={{ margin: 0 }}>Compare with</label>
            <select id="compare-with" name="b">
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.createdAt.toISOString().slice(0, 16).replace("T", " ")} — {o.decision ?? o.status} {o.overallScore !== null ? `(${o.overallScore})` : ""}
                </option>
              ))}
            </select>
            <button type="submit">Compare</button>
          </form>
        )}
      </section>

      <section className={`card ${styles.noPrint}`} aria-labelledby="replay-heading">
        <h2 id="replay-heading" style={{ marginTop: 0 }}>Replay</h2>
        <Replay events={log} rounds={x.rounds.map((r) => ({ position: r.position, kind: r.kind, title: r.title, scenario: r.scenario }))} />
      </section>

      {x.rounds.map((r) => {
        const used = timeUsedMs({ position: r.position, startedAt: r.startedAt, submittedAt: r.submittedAt }, log);
        const scenario = r.scenario as { title?: string; prompt?: string };
        // Rounds that store their interview show it with the answer; older ones list the questions shown.
        const hasTranscript = !!r.answer && typeof r.answer === "object" && Array.isArray((r.answer as { followups?: unknown }).followups);
        const followups = hasTranscript ? [] : followupsShown(r.scenario, used);
        const runs = x.events.filter((e) => e.round === r.position && e.type === "run");
        const kernels = attemptsOf(r.position);
        return (
          <section key={r.position} className="card" aria-labelledby={`round-${r.position}`}>
            <RoundHeading id={`round-${r.position}`} title={`Round ${r.position + 1}: ${r.title}`} scenarioTitle={scenario.title ?? r.scenarioId}>
              {" "}<span className="badge">{r.kind}</span>
            </RoundHeading>
            <p className="muted small">
              Time used {formatTimeUsed(used, r.durationMs)} ·{" "}
              {r.submitReason === "deadline" ? "submitted automatically at the deadline" : r.submitReason === "manual" ? "submitted" : r.status}
            </p>
            {scenario.prompt && (
              <details open>
                <summary>Prompt</summary>
                <Markdown>{scenario.prompt}</Markdown>
              </details>
            )}
            {followups.length > 0 && (
              <>
                <h3>Follow-ups that appeared</h3>
                {followups.map((f, i) => (
                  <div key={i} className="followup"><span className="muted small">minute {f.atMinute}</span> {f.question}</div>
                ))}
              </>
            )}
            <h3>Final answer</h3>
            <AnswerView kind={r.kind} answer={r.answer} scenario={r.scenario} gradeItems={(r.grade as Grade | null)?.items} />
            {runs.length > 0 && (
              <>
                <h3>Runs and tests</h3>
                <ol>
                  {runs.map((e, i) => {
                    const run = summarizeRun(e.payload);
                    return (
                      <li key={i}>
                        <span className="muted small">{e.createdAt.slice(11, 19)} UTC</span>{" "}
                        {run.total !== null ? <strong>{run.passed ?? 0}/{run.total} tests passed</strong> : "run"}
                        {run.tests.length > 0 && (
                          <ul>
                            {run.tests.map((t, j) => (
                              <li key={j}><span className={`badge ${t.pass ? "ok" : "bad"}`}>{t.pass ? "pass" : "fail"}</span> {t.name}{t.message ? <span className="muted small"> — {t.message}</span> : null}</li>
                            ))}
                          </ul>
                        )}
                        {run.output && <pre>{run.output}</pre>}
                      </li>
                    );
                  })}
                </ol>
              </>
            )}
            <h3>Grade</h3>
            {r.grade ? <GradeDetails grade={r.grade as Grade} /> : <p className="muted">Not graded{r.status !== "submitted" ? " (the round is not submitted)" : ""}.</p>}
            {kernels.length > 0 && (
              <>
                <h3>Kernel results</h3>
                <KernelAttempts attempts={kernels} />
              </>
            )}
          </section>
        );
      })}
      {attemptsOf(null).length > 0 && (
        <section className="card" aria-labelledby="kernels-heading">
          <h2 id="kernels-heading" style={{ marginTop: 0 }}>Kernel results</h2>
          <KernelAttempts attempts={attemptsOf(null)} />
        </section>
      )}
    </>
  );
}

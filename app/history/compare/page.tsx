import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getSessionDetailById } from "@/db/queries/history";
import { getKernelAttemptById } from "@/db/queries/kernel-attempts";
import { AnswerView } from "@/components/history/answer-view";
import styles from "@/components/history/history.module.css";
import { RoundHeading } from "@/components/loop/round-heading";
import { deviceLabel, formatTimeUsed, kernelMetrics, timeUsedMs, toSessionExport, type LogEvent, type SessionExport } from "@/lib/history";

export const dynamic = "force-dynamic";

const idSchema = z.string().min(1).max(100);
const querySchema = z.object({
  type: z.enum(["session", "kernel"]).catch("session").default("session"),
  a: idSchema.optional(),
  b: idSchema.optional(),
  pick: z.union([idSchema, z.array(idSchema)]).optional(),
});

/** Two sessions of one loop side by side (?a=&b=), or two kernel attempts (?type=kernel&a=&b=). Ticked rows arrive as ?pick=&pick=. */
export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = querySchema.safeParse(await searchParams);
  const q = parsed.success ? parsed.data : { type: "session" as const };
  const picks = q.pick === undefined ? [] : Array.isArray(q.pick) ? q.pick : [q.pick];
  const [a, b] = [q.a ?? picks[0], q.b ?? picks[q.a ? 0 : 1]];
  const back = <p className="small"><Link href={q.type === "kernel" ? "/history?view=kernels" : "/history"}>← History</Link></p>;
  if (!a || !b || a === b) {
    return (
      <>
        {back}
        <h1>Compare</h1>
        <p className="alert" role="alert">Pick two different {q.type === "kernel" ? "kernel attempts" : "sessions"} to compare (tick two rows in the history list).</p>
      </>
    );
  }
  return q.type === "kernel" ? <CompareKernels a={a} b={b} back={back} /> : <CompareSessions a={a} b={b} back={back} />;
}

async function CompareSessions({ a, b, back }: { a: string; b: string; back: React.ReactNode }) {
  const db = await getDb();
  const [da, db2] = await Promise.all([getSessionDetailById({ db, id: a }), getSessionDetailById({ db, id: b })]);
  // A missing (deleted, mistyped or malformed) id is a real 404, like /history/<id>.
  if (!da || !db2) notFound();
  const [xa, xb] = [toSessionExport(da), toSessionExport(db2)];
  if (xa.session.templateId !== xb.session.templateId) {
    return (
      <>
        {back}
        <h1>Compare</h1>
        <p className="alert error" role="alert">
          These sessions are of different loops ({xa.session.templateTitle} and {xb.session.templateTitle}); only sessions of the same loop compare round by round.
        </p>
      </>
    );
  }
  const logOf = (x: SessionExport): LogEvent[] => x.events.map((e) => ({ type: e.type, roundPosition: e.round, payload: e.payload, createdAt: e.createdAt }));
  const [la, lb] = [logOf(xa), logOf(xb)];
  const positions = [...new Set([...xa.rounds, ...xb.rounds].map((r) => r.position))].sort((m, n) => m - n);
  const head = (x: SessionExport, id: string) => (
    <div>
      <h2 style={{ marginTop: 0 }}><Link href={`/history/${id}`}>{x.session.createdAt.slice(0, 16).replace("T", " ")} UTC</Link></h2>
      <p>Decision: <strong>{x.session.decision ?? "none"}</strong>{x.session.overallScore !== null && <> · mean {x.session.overallScore}/100</>}</p>
    </div>
  );
  return (
    <>
      {back}
      <h1>Compare — {xa.session.templateTitle}</h1>
      <div className={`card ${styles.sideBySide}`}>{head(xa, a)}{head(xb, b)}</div>
      {positions.map((p) => {
        const [ra, rb] = [xa.rounds.find((r) => r.position === p), xb.rounds.find((r) => r.position === p)];
        const ids = [...new Set([...(ra?.grade?.items ?? []), ...(rb?.grade?.items ?? [])].map((i) => i.id))];
        const item = (r: typeof ra, id: string) => r?.grade?.items.find((i) => i.id === id);
        return (
          <section key={p} className="card" aria-labelledby={`cmp-${p}`}>
            <RoundHeading id={`cmp-${p}`} title={`Round ${p + 1}: ${ra?.title ?? rb?.title}`} scenarioTitle={sameScenario(ra, rb)} />
            <div className={styles.sideBySide}>
              {[{ r: ra, log: la, x: xa }, { r: rb, log: lb, x: xb }].map(({ r, log, x }, i) => (
                <div key={i}>
                  {/* Each side's own heading keeps the outline in order (h2 round, h3 side, h4 answer parts). */}
                  <h3 className="small" style={{ margin: "0 0 4px" }}>{i === 0 ? "A" : "B"} · {x.session.createdAt.slice(0, 16).replace("T", " ")} UTC</h3>
                  {r ? (
                    <>
                      <p className="muted small">
                        {(r.scenario as { title?: string }).title ?? r.scenarioId} · score {r.score ?? "—"} · time used{" "}
                        {formatTimeUsed(timeUsedMs({ position: r.position, startedAt: r.startedAt, submittedAt: r.submittedAt }, log), r.durationMs)}
                      </p>
                      <AnswerView kind={r.kind} answer={r.answer} scenario={r.scenario} />
                    </>
                  ) : <p className="muted">No such round.</p>}
                </div>
              ))}
            </div>
            {ids.length > 0 && (
              <table>
                <caption className="small muted" style={{ textAlign: "left" }}>Rubric, side by side (rows that differ are shaded)</caption>
                <thead><tr><th scope="col">Rubric item</th><th scope="col">A</th><th scope="col">B</th></tr></thead>
                <tbody>
                  {ids.map((id) => {
                    const [ia, ib] = [item(ra, id), item(rb, id)];
                    const cell = (x: typeof ia) => (x ? <><span className={`badge ${x.hit ? "ok" : "bad"}`}>{x.hit ? "hit" : "missed"}</span> {x.points}/{x.maxPoints}</> : "—");
                    return (
                      <tr key={id} className={ia?.hit !== ib?.hit ? styles.diffDifferent : undefined}>
                        <td>{ia?.label ?? ib?.label}</td>
                        <td>{cell(ia)}</td>
                        <td>{cell(ib)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </>
  );
}

/** The scenario title for the heading when both sessions drew the same one; otherwise each side names its own. */
function sameScenario(...rs: ({ scenarioId: string; scenario: unknown } | undefined)[]): string | null {
  const titles = [...new Set(rs.filter((r) => !!r).map((r) => (r!.scenario as { title?: string }).title ?? r!.scenarioId))];
  return titles.length === 1 ? titles[0] : null;
}

async function CompareKernels({ a, b, back }: { a: string; b: string; back: React.ReactNode }) {
  const db = await getDb();
  const [ka, kb] = await Promise.all([getKernelAttemptById({ db, id: a }), getKernelAttemptById({ db, id: b })]);
  if (!ka || !kb) notFound();
  const [ma, mb] = [kernelMetrics(ka.result), kernelMetrics(kb.result)];
  const keys = [...new Map([...ma, ...mb].map((m) => [m.key, m.label])).entries()];
  const rows: [string, string, string][] = [
    ["Problem", ka.problemId, kb.problemId],
    ["Verdict", ka.verdict, kb.verdict],
    ["Device", deviceLabel(ka.adapter, ka.backend), deviceLabel(kb.adapter, kb.backend)],
    ["Backend", ka.backend, kb.backend],
    ["When (UTC)", ka.createdAt.toISOString().slice(0, 19).replace("T", " "), kb.createdAt.toISOString().slice(0, 19).replace("T", " ")],
    ...keys.map(([key, label]): [string, string, string] => [label, ma.find((m) => m.key === key)?.value ?? "—", mb.find((m) => m.key === key)?.value ?? "—"]),
  ];
  return (
    <>
      {back}
      <h1>Compare kernel attempts</h1>
      {ka.problemId !== kb.problemId && <p className="alert">These attempts solve different problems; their timings do not measure the same work.</p>}
      <table>
        <thead><tr><th scope="col">Metric</th><th scope="col">A</th><th scope="col">B</th></tr></thead>
        <tbody>
          {rows.map(([label, va, vb]) => (
            <tr key={label} className={va !== vb ? styles.diffDifferent : undefined}><th scope="row">{label}</th><td>{va}</td><td>{vb}</td></tr>
          ))}
        </tbody>
      </table>
      <div className={styles.sideBySide}>
        <details><summary>Source A</summary><pre><code>{ka.source}</code></pre></details>
        <details><summary>Source B</summary><pre><code>{kb.source}</code></pre></details>
      </div>
    </>
  );
}

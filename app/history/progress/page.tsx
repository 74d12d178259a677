import Link from "next/link";
import { getDb } from "@/db/client";
import { listHistoryTemplates, listProgressByConcept, listProgressByKind } from "@/db/queries/history";
import { LineChart } from "@/components/history/line-chart";
import styles from "@/components/history/history.module.css";
import { parseHistoryQuery, scenariosForConcept, seriesByConcept, seriesByKind, toSessionFilter, weakestConcepts } from "@/lib/history";
import { getScenarioLibrary } from "@/lib/scenarios";

export const dynamic = "force-dynamic";

/** How the candidate is doing over time: per round kind, per rubric concept, and what to practice next. */
export default async function ProgressPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = parseHistoryQuery(await searchParams);
  const filter = toSessionFilter(q);
  const db = await getDb();
  const [kindRows, conceptRows, templates] = await Promise.all([listProgressByKind({ db, filter }), listProgressByConcept({ db, filter }), listHistoryTemplates({ db })]);
  const byKind = seriesByKind(kindRows);
  const weakest = weakestConcepts(conceptRows, { limit: 5 });
  const byConcept = seriesByConcept(conceptRows);
  const weakSeries = byConcept.filter((s) => weakest.some((w) => w.conceptId === s.key));
  const library = getScenarioLibrary();
  return (
    <>
      <p className="small"><Link href="/history">← History</Link></p>
      <h1>Progress</h1>
      <form className={`card ${styles.filters}`} method="get" action="/history/progress" aria-label="Filter progress">
        <div>
          <label htmlFor="p-template">Loop</label>
          <select id="p-template" name="template" defaultValue={q.template ?? ""}>
            <option value="">All loops</option>
            {templates.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="p-from">From</label>
          <input id="p-from" type="date" name="from" defaultValue={q.from ?? ""} />
        </div>
        <div>
          <label htmlFor="p-to">To</label>
          <input id="p-to" type="date" name="to" defaultValue={q.to ?? ""} />
        </div>
        <button type="submit" className="primary">Show</button>
      </form>
      {byKind.length === 0 ? (
        <p className="muted">No graded rounds yet. Finish a loop and its scores show up here week by week.</p>
      ) : (
        <>
          <section className="card" aria-labelledby="kind-heading">
            <h2 id="kind-heading" style={{ marginTop: 0 }}>Mean score per round kind, by week</h2>
            <LineChart series={byKind} title="Mean score per round kind" yLabel="score" />
          </section>
          <section className="card" aria-labelledby="weak-heading">
            <h2 id="weak-heading" style={{ marginTop: 0 }}>Weakest concepts</h2>
            {weakest.length === 0 ? (
              <p className="muted">Not enough graded concepts yet (each needs at least 3 attempts).</p>
            ) : (
              <>
                <table>
                  <thead><tr><th scope="col">Concept</th><th scope="col">Hit rate (last 4 weeks)</th><th scope="col">Hit rate (all)</th><th scope="col">Practice with</th></tr></thead>
                  <tbody>
                    {weakest.map((w) => {
                      const suggestions = scenariosForConcept(w.conceptId, library.scenarios);
                      return (
                        <tr key={w.conceptId}>
                          <td><strong>{w.label}</strong> <span className="muted small">({w.conceptId})</span></td>
                          <td>{w.recentRate !== null ? `${w.recentRate}%` : "—"}</td>
                          <td>{w.rate}% <span className="muted small">({w.hits}/{w.total})</span></td>
                          <td>
                            {suggestions.length === 0 ? <span className="muted">no scenario in the library covers it</span> : (
                              <ul style={{ margin: 0, paddingLeft: 18 }}>
                                {suggestions.map((s) => <li key={s.id}>{s.title} <span className="badge">{s.kind}</span> <span className="muted small">({s.id})</span></li>)}
                              </ul>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                <p className="muted small">Start a quick drill of that kind from <Link href="/">Loops</Link> to practice one of these scenarios.</p>
                <h3>Hit rate of the weakest concepts, by week</h3>
                <LineChart series={weakSeries} title="Hit rate of the weakest concepts" yLabel="% hit" />
              </>
            )}
          </section>
          <section className="card" aria-labelledby="concept-heading">
            <h2 id="concept-heading" style={{ marginTop: 0 }}>Every concept</h2>
            <table>
              <thead><tr><th scope="col">Concept</th><th scope="col">Weeks</th><th scope="col">Hit rate, oldest → newest week</th></tr></thead>
              <tbody>
                {byConcept.map((s) => (
                  <tr key={s.key}>
                    <td>{s.label}</td>
                    <td>{s.points.length}</td>
                    <td className="small">{s.points.map((p) => `${Math.round(p.value)}%`).join(" → ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}

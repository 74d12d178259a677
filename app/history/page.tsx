import Link from "next/link";
import { getDb } from "@/db/client";
import { listHistoryTemplates, listKernelAttempts, listKernelProblems, listSessionsByFilter } from "@/db/queries/history";
import { ImportForm } from "@/components/history/import-form";
import styles from "@/components/history/history.module.css";
import { decisions } from "@/lib/grading/types";
import { deviceLabel, historyHref, parseHistoryQuery, toSessionFilter, type HistoryQuery } from "@/lib/history";
import { roundKinds } from "@/lib/scenarios/schema";

export const dynamic = "force-dynamic";
const PAGE_SIZE = 25;

const utc = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
const decisionBadge: Record<string, string> = { "Strong Yes": "ok", Yes: "ok", No: "warn", "Strong No": "bad" };

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = parseHistoryQuery(await searchParams);
  const db = await getDb();
  return (
    <>
      <h1>History</h1>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <nav className={styles.tabs} aria-label="History views">
          <Link className="button" href={historyHref({}, {})} aria-current={q.view === "sessions" ? "page" : undefined}>Loops</Link>
          <Link className="button" href={historyHref({}, { view: "kernels" })} aria-current={q.view === "kernels" ? "page" : undefined}>Kernel attempts</Link>
          <Link className="button" href="/history/progress">Progress</Link>
        </nav>
        <ImportForm />
      </div>
      {q.view === "kernels" ? <KernelList q={q} db={db} /> : <SessionList q={q} db={db} />}
    </>
  );
}

type Db = Awaited<ReturnType<typeof getDb>>;

async function SessionList({ q, db }: { q: HistoryQuery; db: Db }) {
  const [{ rows, total }, templates] = await Promise.all([
    listSessionsByFilter({ db, filter: toSessionFilter(q), limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE }),
    listHistoryTemplates({ db }),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = !!(q.template || q.kind || q.decision || q.from || q.to);
  return (
    <>
      <form className={`card ${styles.filters}`} method="get" action="/history" aria-label="Filter sessions">
        <div>
          <label htmlFor="f-template">Loop</label>
          <select id="f-template" name="template" defaultValue={q.template ?? ""}>
            <option value="">All loops</option>
            {templates.map((t) => <option key={t.id} value={t.id}>{t.title} ({t.sessions})</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-kind">Round kind</label>
          <select id="f-kind" name="kind" defaultValue={q.kind ?? ""}>
            <option value="">Any kind</option>
            {roundKinds.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-decision">Decision</label>
          <select id="f-decision" name="decision" defaultValue={q.decision ?? ""}>
            <option value="">Any decision</option>
            {decisions.map((d) => <option key={d} value={d}>{d}</option>)}
            <option value="none">No decision</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-from">From</label>
          <input id="f-from" type="date" name="from" defaultValue={q.from ?? ""} />
        </div>
        <div>
          <label htmlFor="f-to">To</label>
          <input id="f-to" type="date" name="to" defaultValue={q.to ?? ""} />
        </div>
        <button type="submit" className="primary">Filter</button>
        {filtered && <Link href="/history">Clear</Link>}
      </form>

      {total === 0 ? (
        <p className="muted">
          {filtered ? "No session matches these filters." : <>No sessions yet. <Link href="/">Start a loop</Link>; every answer, score and decision is kept here.</>}
        </p>
      ) : (
        <>
          <form id="compare-form" method="get" action="/history/compare" className="row" style={{ margin: "8px 0" }}>
            <span className="muted small">Tick two sessions of the same loop to compare them side by side.</span>
            <button type="submit">Compare selected</button>
          </form>
          <table>
            <thead>
              <tr>
                <th scope="col"><span className="sr-only">Compare</span></th>
                <th scope="col">Started (UTC)</th>
                <th scope="col">Loop</th>
                <th scope="col">Rounds</th>
                <th scope="col">Mode</th>
                <th scope="col">Score</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td><input type="checkbox" name="pick" value={s.id} form="compare-form" aria-label={`Compare ${s.templateTitle} of ${utc(s.createdAt)}`} /></td>
                  <td className={styles.num}>{utc(s.createdAt)}</td>
                  <td>
                    <Link href={`/history/${s.id}`}>{s.templateTitle}</Link>
                    {s.status !== "completed" && <> <span className="badge warn">in progress</span> <Link className="small" href={`/loop/${s.id}`}>resume</Link></>}
                    {s.importedAt && (
                      <> <span className="badge" title={`Imported ${utc(s.importedAt)} UTC${s.importedFromId ? ` from session ${s.importedFromId}` : ""}`}>imported</span></>
                    )}
                  </td>
                  <td><span className={styles.kinds}>{s.kinds.map((k, i) => <span key={i} className="badge">{k}</span>)}</span></td>
                  <td>{s.mode}</td>
                  <td className={styles.num}>{s.overallScore ?? "—"}</td>
                  <td>{s.decision ? <span className={`badge ${decisionBadge[s.decision] ?? ""}`}>{s.decision}</span> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager q={q} page={q.page} pages={pages} total={total} noun="sessions" />
        </>
      )}
    </>
  );
}

async function KernelList({ q, db }: { q: HistoryQuery; db: Db }) {
  const [{ rows, total }, problems] = await Promise.all([
    listKernelAttempts({ db, problemId: q.problem, verdict: q.verdict, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE }),
    listKernelProblems({ db }),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <>
      <form className={`card ${styles.filters}`} method="get" action="/history" aria-label="Filter kernel attempts">
        <input type="hidden" name="view" value="kernels" />
        <div>
          <label htmlFor="f-problem">Problem</label>
          <select id="f-problem" name="problem" defaultValue={q.problem ?? ""}>
            <option value="">All problems</option>
            {problems.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-verdict">Verdict</label>
          <select id="f-verdict" name="verdict" defaultValue={q.verdict ?? ""}>
            <option value="">Any verdict</option>
            {["pass", "fail-wrong", "fail-timeout", "fail-compile", "fail-contract"].map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </div>
        <button type="submit" className="primary">Filter</button>
      </form>
      {total === 0 ? (
        <p className="muted">No kernel attempts yet. <Link href="/lab">Open the kernel lab</Link>.</p>
      ) : (
        <>
          <form id="compare-kernels" method="get" action="/history/compare" className="row" style={{ margin: "8px 0" }}>
            <input type="hidden" name="type" value="kernel" />
            <span className="muted small">Tick two attempts to compare their metrics.</span>
            <button type="submit">Compare selected</button>
          </form>
          <table>
            <thead>
              <tr><th scope="col"><span className="sr-only">Compare</span></th><th scope="col">When (UTC)</th><th scope="col">Problem</th><th scope="col">Verdict</th><th scope="col">Device</th><th scope="col">Median</th><th scope="col">Bandwidth</th><th scope="col">Session</th></tr>
            </thead>
            <tbody>
              {rows.map((k) => (
                <tr key={k.id}>
                  <td><input type="checkbox" name="pick" value={k.id} form="compare-kernels" aria-label={`Compare attempt ${k.problemId} of ${utc(k.createdAt)}`} /></td>
                  <td className={styles.num}>{utc(k.createdAt)}</td>
                  <td>{k.problemId}</td>
                  <td><span className={`badge ${k.verdict === "pass" ? "ok" : "bad"}`}>{k.verdict}</span></td>
                  <td className="small">{deviceLabel(k.adapter, k.backend)}</td>
                  <td className={styles.num}>{k.medianMs !== null ? `${k.medianMs.toFixed(3)} ms` : "—"}</td>
                  <td className={styles.num}>{k.gbps !== null ? `${k.gbps.toFixed(1)} GB/s` : "—"}</td>
                  <td>{k.sessionId ? <Link href={`/history/${k.sessionId}`}>session</Link> : <span className="muted">lab</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager q={q} page={q.page} pages={pages} total={total} noun="attempts" />
        </>
      )}
    </>
  );
}

function Pager({ q, page, pages, total, noun }: { q: HistoryQuery; page: number; pages: number; total: number; noun: string }) {
  return (
    <nav className="row" aria-label="Pages" style={{ marginTop: 12 }}>
      {page > 1 && <Link className="button" href={historyHref(q, { page: page - 1 })}>Previous</Link>}
      <span className="muted small">Page {page} of {pages} · {total.toLocaleString("en-US")} {noun}</span>
      {page < pages && <Link className="button" href={historyHref(q, { page: page + 1 })}>Next</Link>}
    </nav>
  );
}

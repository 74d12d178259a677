import Link from "next/link";
import { getDb } from "@/db/client";
import { countSessions, listSessions } from "@/db/queries/sessions";

export const dynamic = "force-dynamic";
const PAGE_SIZE = 25;

export default async function HistoryPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const page = Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1);
  const db = await getDb();
  const [rows, total] = await Promise.all([listSessions({ db, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), countSessions({ db })]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <>
      <h1>History</h1>
      {total === 0 ? (
        <p className="muted">No sessions yet. <Link href="/">Start a loop</Link>; every answer, score and decision is kept here.</p>
      ) : (
        <>
          <table>
            <thead>
              <tr><th>Started (UTC)</th><th>Loop</th><th>Mode</th><th>Status</th><th>Score</th><th>Decision</th></tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>{s.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                  <td><Link href={s.status === "completed" ? `/loop/${s.id}/debrief` : `/loop/${s.id}`}>{s.templateTitle}</Link></td>
                  <td>{s.mode}</td>
                  <td>{s.status === "completed" ? "completed" : "in progress"}</td>
                  <td>{s.overallScore ?? "—"}</td>
                  <td>{s.decision ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="row" aria-label="Pages" style={{ marginTop: 12 }}>
            {page > 1 && <Link className="button" href={`/history?page=${page - 1}`}>Previous</Link>}
            <span className="muted small">Page {page} of {pages} · {total} sessions</span>
            {page < pages && <Link className="button" href={`/history?page=${page + 1}`}>Next</Link>}
          </nav>
        </>
      )}
    </>
  );
}

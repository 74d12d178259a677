import Link from "next/link";

/** Every missing page or id answers HTTP 404 with this page (notFound() in the pages and the loop layout). */
export default function NotFound() {
  return (
    <div className="card notfound">
      <p className="code" aria-hidden="true">404</p>
      <h1>Not found</h1>
      <p>There is no such page or session. The link may be mistyped, or the session was deleted from History (deleted sessions are gone for good).</p>
      <div className="row">
        <Link className="button primary" href="/">Back to the loops</Link>
        <Link className="button" href="/history">Open History</Link>
      </div>
    </div>
  );
}

"use client";

/** Shown when a page fails on the server: says so plainly, keeps the way out, and never loses saved answers. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card" role="alert">
      <h1>Something went wrong</h1>
      <p>{error.message || "The server could not render this page."}</p>
      <p className="muted small">Answers already saved are safe in the database. The server log has the details{error.digest ? ` (digest ${error.digest})` : ""}.</p>
      <button type="button" className="primary" onClick={reset}>Try again</button>
    </div>
  );
}

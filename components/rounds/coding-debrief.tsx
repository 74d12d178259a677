import type { CodingGradeData } from "@/lib/grading/coding";

const secs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function isCodingData(d: unknown): d is CodingGradeData {
  return !!d && typeof d === "object" && "failedCategories" in d && "perf" in d;
}

/**
 * What a coding grade adds to the debrief: the categories of failed hidden tests (never their data),
 * each performance case's time against its limit, and the editorial (the reference solution in the
 * candidate's language with its complexity). Shown after submission only: the grade carries it.
 */
export function CodingDebrief({ data }: { data: unknown }) {
  if (!isCodingData(data)) return null;
  return (
    <div className="stack" data-testid="coding-debrief">
      {data.failedCategories.length > 0 && (
        <section aria-label="Failed test categories">
          <h4 style={{ margin: "8px 0 4px" }}>What the failing hidden tests cover</h4>
          <ul className="small">
            {data.failedCategories.map((c) => (
              <li key={c.category}>
                <strong>{c.category}</strong>: {c.failed} of {c.total} failed
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.perf.length > 0 && (
        <section aria-label="Performance cases">
          <h4 style={{ margin: "8px 0 4px" }}>Time against the performance limit</h4>
          <table className="small">
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Your time</th>
                <th scope="col">Limit</th>
                <th scope="col">Reference</th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {data.perf.map((p) => (
                <tr key={p.name}>
                  <td>{p.name}</td>
                  <td>{p.killed ? `> ${secs(p.ms)} (stopped)` : secs(p.ms)}</td>
                  <td>{secs(p.limitMs)}</td>
                  <td>{secs(p.referenceMs)}</td>
                  <td>{p.ok ? "within the limit" : `too slow (${p.killed ? "more than " : ""}${(p.ms / p.limitMs).toFixed(1)}x)`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {(data.editorial || data.reference) && (
        <details>
          <summary>Editorial: the reference solution{data.complexity ? `, ${data.complexity}` : ""}</summary>
          {data.editorial && <p className="small" style={{ whiteSpace: "pre-wrap" }}>{data.editorial}</p>}
          {data.reference && (
            <pre className="mono small" style={{ overflowX: "auto" }}>
              <code>{data.reference}</code>
            </pre>
          )}
        </details>
      )}
    </div>
  );
}

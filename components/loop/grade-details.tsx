import type { Grade } from "@/lib/grading/types";

/** A grade as a table: each rubric item, hit or missed, with the evidence quoted from the answer. */
export function GradeDetails({ grade, compact = false }: { grade: Grade; compact?: boolean }) {
  if (grade.score === null) return <p className="muted">{grade.summary}</p>;
  return (
    <div className={compact ? "card" : undefined}>
      <p>
        <strong>{grade.score}/100</strong> — {grade.decision}. <span className="muted">{grade.summary}</span>
      </p>
      <table>
        <thead>
          <tr><th scope="col">Rubric item</th><th scope="col">Points</th><th scope="col">Evidence from the answer</th></tr>
        </thead>
        <tbody>
          {grade.items.map((item) => (
            <tr key={item.id}>
              <td>
                <span className={`badge ${item.hit ? "ok" : "bad"}`} aria-label={item.hit ? "hit" : "missed"}>{item.hit ? "✓" : "✗"}</span> {item.label}
                <div className="muted small">{item.note}</div>
                {item.correction ? <div className="small"><strong>What is true instead:</strong> {item.correction}</div> : null}
                {item.derivation ? <div className="small"><strong>How it is derived:</strong> {item.derivation}</div> : null}
              </td>
              <td style={{ whiteSpace: "nowrap" }}>{item.points} / {item.maxPoints}</td>
              <td className="small">{item.question ? <div className="muted">Asked: {item.question}</div> : null}{item.evidence ? <q>{item.evidence}</q> : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

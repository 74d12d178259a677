import { CodingDebrief } from "@/components/rounds/coding-debrief";
import type { Grade, RubricItem } from "@/lib/grading/types";

/** What a status means, in a word or two, and how the badge looks. */
const statusBadge: Record<string, { text: string; tone: "ok" | "warn" | "bad" | "" }> = {
  mechanism: { text: "mechanism", tone: "ok" },
  named: { text: "named only", tone: "warn" },
  fragment: { text: "bare list", tone: "warn" },
  "someone-else": { text: "someone else", tone: "warn" },
  negated: { text: "negated", tone: "bad" },
  dismissed: { text: "dismissed", tone: "bad" },
  attributed: { text: "not yours", tone: "bad" },
  copied: { text: "copied", tone: "bad" },
  omitted: { text: "stated omission", tone: "ok" },
  related: { text: "related words", tone: "warn" },
  absent: { text: "absent", tone: "bad" },
  within: { text: "within tolerance", tone: "ok" },
  near: { text: "close", tone: "warn" },
  off: { text: "off", tone: "bad" },
  severe: { text: "severe", tone: "bad" },
  minor: { text: "minor", tone: "warn" },
  closed: { text: "gap closed", tone: "ok" },
  open: { text: "gap open", tone: "bad" },
};

function Badge({ item }: { item: RubricItem }) {
  const b = item.status ? statusBadge[item.status] : undefined;
  if (item.kind === "cap") return <span className="badge bad">cap</span>;
  if (item.kind === "misconception") return <span className="badge bad" aria-label={`wrong claim, ${item.status ?? ""}`}>✗ {b?.text ?? "wrong"}</span>;
  if (b) return <span className={`badge ${b.tone}`} aria-label={`${item.hit ? "hit" : "missed"}: ${b.text}`}>{item.hit ? "✓" : item.points > 0 ? "◐" : "✗"} {b.text}</span>;
  return (
    <span className={`badge ${item.hit ? "ok" : "bad"}`} aria-label={item.hit ? "hit" : "missed"}>
      {item.hit ? "✓" : "✗"}
    </span>
  );
}

/**
 * A grade as the committee would explain it: the wrong claims first (quote and correction), then each
 * rubric item with the quoted sentence and why it counted or not, estimates with the expected value and
 * its derivation, follow-ups with the question asked.
 */
export function GradeDetails({ grade, compact = false }: { grade: Grade; compact?: boolean }) {
  if (grade.score === null) return <p className="muted">{grade.summary}</p>;
  const wrong = grade.items.filter((i) => i.kind === "misconception");
  return (
    <div className={compact ? "card" : undefined}>
      <p>
        <strong>{grade.score}/100</strong> — {grade.decision}. <span className="muted">{grade.summary}</span>
      </p>
      {grade.kind === "coding" ? <CodingDebrief data={grade.data} /> : null}
      {wrong.length > 0 && (
        <div className="alert" role="note" aria-label="Wrong claims in your answer">
          <strong>Wrong claims in your answer</strong>
          <ul>
            {wrong.map((w) => (
              <li key={w.id}>
                <q>{w.evidence}</q>
                <div className="small">
                  <strong>What is true instead:</strong> {w.correction}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Rubric item</th>
            <th scope="col">Points</th>
            <th scope="col">Evidence from the answer</th>
          </tr>
        </thead>
        <tbody>
          {grade.items.map((item) => (
            <tr key={item.id}>
              <td>
                <Badge item={item} /> {item.label}
                <div className="muted small">{item.note}</div>
                {item.kind === "estimate" && item.derivation ? (
                  <div className="small">
                    <strong>How it is derived:</strong> {item.derivation}
                  </div>
                ) : null}
              </td>
              <td style={{ whiteSpace: "nowrap" }}>
                {item.points} / {item.maxPoints}
              </td>
              <td className="small">
                {item.question ? <div className="muted">Asked: {item.question}</div> : null}
                {item.evidence ? <q>{item.evidence}</q> : <span className="muted">—</span>}
                {item.kind === "misconception" && item.correction ? (
                  <div>
                    <strong>Correction:</strong> {item.correction}
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

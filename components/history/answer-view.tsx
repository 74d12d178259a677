import { answerParts } from "@/lib/history/answer-text";
import styles from "./history.module.css";

/** An answer as the candidate wrote it, part by part (design sections, STAR fields, values, code). */
export function AnswerView({ kind, answer, scenario, emptyText = "No answer was saved." }: { kind: string; answer: unknown; scenario: unknown; emptyText?: string }) {
  const parts = answerParts(kind, answer, scenario);
  if (!parts.length) return <p className="muted">{emptyText}</p>;
  return (
    <div>
      {parts.map((p, i) => (
        <div key={i} className={styles.answerPart}>
          <h4>{p.label}</h4>
          {p.code ? <pre><code>{p.text}</code></pre> : <p className={styles.answerText}>{p.text.trim() ? p.text : <span className="muted">(empty)</span>}</p>}
        </div>
      ))}
    </div>
  );
}

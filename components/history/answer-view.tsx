import { TranscriptView } from "@/components/whiteboard/transcript-view";
import { DiagramImage } from "@/components/whiteboard/diagram-image";
import { answerParts } from "@/lib/history/answer-parts";
import type { Diagram } from "@/lib/diagram/scene";
import type { RubricItem } from "@/lib/grading/types";
import styles from "./history.module.css";

type DesignLike = { diagram?: Diagram | null; followups?: { id: string; question: string; answer: string; askedAtMs?: number; source?: string }[] };

/**
 * An answer as the candidate wrote it, part by part (design sections, STAR fields, values, code).
 * A design answer also shows its drawing (as a picture) and its interview.
 */
export function AnswerView({ kind, answer, scenario, emptyText = "No answer was saved.", gradeItems }: { kind: string; answer: unknown; scenario: unknown; emptyText?: string; gradeItems?: RubricItem[] }) {
  const parts = answerParts(kind, answer, scenario);
  if (!parts.length) return <p className="muted">{emptyText}</p>;
  const design = kind === "design" && answer && typeof answer === "object" ? (answer as DesignLike) : null;
  return (
    <div>
      {design?.diagram && (
        <div className={styles.answerPart}>
          <h4>Diagram</h4>
          <DiagramImage diagram={design.diagram} />
        </div>
      )}
      {parts
        .filter((p) => !design || !p.role)
        .map((p, i) => (
          <div key={i} className={styles.answerPart}>
            <h4>{p.label}</h4>
            {p.code ? <pre><code>{p.text}</code></pre> : <p className={styles.answerText}>{p.text.trim() ? p.text : <span className="muted">(empty)</span>}</p>}
          </div>
        ))}
      {design?.followups && design.followups.length > 0 && (
        <div className={styles.answerPart}>
          <h4>Interview</h4>
          <TranscriptView followups={design.followups} items={gradeItems} />
        </div>
      )}
    </div>
  );
}

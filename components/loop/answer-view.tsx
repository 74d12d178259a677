import { Markdown } from "@/components/ui/markdown";
import { DiagramImage } from "@/components/whiteboard/diagram-image";
import type { Diagram } from "@/lib/diagram/scene";
import type { PublicScenario } from "@/lib/loop/public-scenario";

type AnyAnswer = {
  sections?: Record<string, string>;
  diagram?: Diagram | null;
  situation?: string;
  task?: string;
  action?: string;
  result?: string;
  values?: Record<string, { value: number | null; unit: string }>;
  assumptions?: string;
  language?: string;
  code?: string;
  source?: string;
};

/** A submitted answer, read-only, as the candidate wrote it (Markdown rendered safely). */
export function AnswerView({ kind, scenario, answer }: { kind: string; scenario: PublicScenario; answer: unknown }) {
  const a = (answer ?? {}) as AnyAnswer;
  if (answer === null || answer === undefined) return <p className="muted">No answer was saved for this round.</p>;
  switch (kind) {
    case "design":
      return (
        <div>
          {a.diagram && (
            <>
              <h4>Diagram</h4>
              <DiagramImage diagram={a.diagram} />
            </>
          )}
          {(scenario.sections ?? []).map((s) => (
            <div key={s.id}>
              <h4>{s.title}</h4>
              {a.sections?.[s.id]?.trim() ? <Markdown>{a.sections[s.id]}</Markdown> : <p className="muted">(empty)</p>}
            </div>
          ))}
        </div>
      );
    case "behavioral":
      return (
        <div>
          {(["situation", "task", "action", "result"] as const).map((k) => (
            <div key={k}>
              <h4 style={{ textTransform: "capitalize" }}>{k}</h4>
              {a[k]?.trim() ? <Markdown>{a[k]!}</Markdown> : <p className="muted">(empty)</p>}
            </div>
          ))}
        </div>
      );
    case "modeling":
      return (
        <div>
          <ul>
            {(scenario.questions ?? []).map((q) => {
              const v = a.values?.[q.id];
              return (
                <li key={q.id}>
                  {q.prompt}: <strong>{v && v.value !== null ? `${v.value} ${v.unit}` : "no answer"}</strong>
                </li>
              );
            })}
          </ul>
          <h4>Assumptions</h4>
          {a.assumptions?.trim() ? <Markdown>{a.assumptions}</Markdown> : <p className="muted">(none stated)</p>}
        </div>
      );
    case "coding":
      return (
        <div>
          <p className="small muted">{a.language}</p>
          <pre><code>{a.code}</code></pre>
        </div>
      );
    case "kernel":
      return <pre><code>{a.source}</code></pre>;
    default:
      return <pre><code>{JSON.stringify(answer, null, 2)}</code></pre>;
  }
}

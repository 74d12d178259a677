import { ScratchpadOutputView } from "@/components/rounds/scratchpad-output";
import { Markdown } from "@/components/ui/markdown";
import { DiagramImage } from "@/components/whiteboard/diagram-image";
import type { Diagram } from "@/lib/diagram/scene";
import { givenText } from "@/lib/grading/modeling-score";
import { scratchpadSchema, type ModelingValue } from "@/lib/grading/answers";
import { codeHash } from "@/lib/scratchpad/program";
import type { PublicScenario } from "@/lib/loop/public-scenario";

type AnyAnswer = {
  sections?: Record<string, string>;
  diagram?: Diagram | null;
  situation?: string;
  task?: string;
  action?: string;
  result?: string;
  values?: Record<string, ModelingValue>;
  assumptions?: string;
  scratchpad?: unknown;
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
    case "modeling": {
      const pad = scratchpadSchema.safeParse(a.scratchpad);
      return (
        <div>
          <ul>
            {(scenario.questions ?? []).map((q) => {
              const v = a.values?.[q.id];
              const text = givenText(v);
              return (
                <li key={q.id}>
                  {q.prompt}: <strong>{text ? `${text}${v?.mode === "range" ? " (range)" : ""}` : "no answer"}</strong>
                  {v?.from ? <span className="muted small"> (from the scratchpad: {v.from})</span> : null}
                </li>
              );
            })}
          </ul>
          <h4>Assumptions</h4>
          {a.assumptions?.trim() ? <Markdown>{a.assumptions}</Markdown> : <p className="muted">(none stated)</p>}
          {pad.success && (
            <>
              <h4>Scratchpad (Python)</h4>
              <pre><code>{pad.data.code}</code></pre>
              {pad.data.output ? <ScratchpadOutputView output={pad.data.output} stale={pad.data.output.codeHash !== codeHash(pad.data.code)} headingLevel={4} /> : <p className="muted small">Never run.</p>}
            </>
          )}
        </div>
      );
    }
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

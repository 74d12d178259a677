import { answerSchemas, type DesignAnswer, type ModelingAnswer } from "@/lib/grading/answers";
import { diagramLabels, type Diagram } from "@/lib/diagram/scene";
import { diagramToSvg, svgDataUrl } from "@/lib/diagram/to-svg";
import { modelingValueText, scratchpadOutputText } from "./answer-parts";
import type { RoundKind } from "@/lib/scenarios/schema";

export { answerParts, modelingValueText, scratchpadOutputText } from "./answer-parts";

type ScenarioLike = { sections?: { id: string; title: string }[]; questions?: { id: string; prompt: string; unit?: string }[] };

/** A readable block of one answer, by round kind, for exports and printouts. */
export function answerToMarkdown(kind: string, answer: unknown, scenario: unknown): string {
  if (answer === null || answer === undefined) return "_No answer was saved._";
  const schema = answerSchemas[kind as RoundKind];
  const parsed = schema?.safeParse(answer);
  if (!parsed?.success) return fence(JSON.stringify(answer, null, 2), "json");
  const s = (scenario ?? {}) as ScenarioLike;
  switch (kind) {
    case "design": {
      const a = parsed.data as DesignAnswer;
      const sections = a.sections;
      const titles = new Map((s.sections ?? []).map((x) => [x.id, x.title]));
      const order = [...(s.sections ?? []).map((x) => x.id), ...Object.keys(sections).filter((k) => !titles.has(k))];
      const blocks = order.filter((id) => sections[id]?.trim()).map((id) => `#### ${titles.get(id) ?? id}\n\n${sections[id].trim()}`);
      const diagram = diagramToMarkdown(a.diagram);
      if (diagram) blocks.unshift(diagram);
      if (a.followups?.length) blocks.push(transcriptToMarkdown(a.followups));
      return blocks.join("\n\n") || "_Empty answer._";
    }
    case "behavioral": {
      const a = parsed.data as Record<"situation" | "task" | "action" | "result", string>;
      return (["situation", "task", "action", "result"] as const).map((k) => `#### ${k[0].toUpperCase()}${k.slice(1)}\n\n${a[k]?.trim() || "_(empty)_"}`).join("\n\n");
    }
    case "modeling": {
      const a = parsed.data as ModelingAnswer;
      const prompts = new Map((s.questions ?? []).map((q) => [q.id, q.prompt]));
      const ids = [...(s.questions ?? []).map((q) => q.id), ...Object.keys(a.values).filter((k) => !prompts.has(k))];
      const rows = ids.map((id) => `| ${cell(prompts.get(id) ?? id)} | ${cell(modelingValueText(a.values[id]))} |`);
      let md = `| Question | Answer |\n| --- | --- |\n${rows.join("\n")}\n\n**Assumptions:** ${a.assumptions?.trim() || "_(none)_"}`;
      if (a.scratchpad) {
        md += `\n\n**Scratchpad (Python):**\n\n${fence(a.scratchpad.code, "python")}`;
        if (a.scratchpad.output) md += `\n\n**Scratchpad output:**\n\n${fence(scratchpadOutputText(a.scratchpad.output), "text")}`;
      }
      return md;
    }
    case "coding": {
      const a = parsed.data as { language: string; code: string };
      return fence(a.code, a.language === "typescript" ? "ts" : a.language);
    }
    case "kernel": {
      const a = parsed.data as { source: string };
      return fence(a.source, "wgsl");
    }
  }
  return fence(JSON.stringify(answer, null, 2), "json");
}

/**
 * The drawing in Markdown: the SVG as an embedded image (a data: URL, so the file stands alone and
 * points at no server), then its labels as text for readers that do not show images.
 */
export function diagramToMarkdown(diagram: Diagram | null | undefined): string | null {
  const svg = diagramToSvg(diagram);
  if (!svg) return null;
  const labels = diagramLabels(diagram).map((l) => l.text);
  const alt = labels.length ? `Diagram: ${labels.join(", ")}` : "Diagram";
  return `#### Diagram\n\n![${alt.replace(/[[\]\n]/g, " ")}](${svgDataUrl(svg)})${labels.length ? `\n\nLabels: ${labels.map((l) => `“${l}”`).join(", ")}` : ""}`;
}

/** The interviewer's questions and the candidate's answers, as a dialogue. */
export function transcriptToMarkdown(followups: readonly { question: string; answer: string; askedAtMs?: number; source?: string }[]): string {
  const turns = followups.map((f) => {
    const when = f.askedAtMs !== undefined ? ` (${Math.floor(f.askedAtMs / 60_000)}:${String(Math.floor((f.askedAtMs % 60_000) / 1000)).padStart(2, "0")})` : "";
    const reply = f.answer.trim() ? f.answer.trim().split("\n").map((l) => `> ${l}`).join("\n") : "> _(no answer)_";
    return `**Interviewer${f.source === "probe" ? " (probe)" : ""}${when}:** ${f.question}\n\n${reply}`;
  });
  return `#### Interview\n\n${turns.join("\n\n")}`;
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function fence(text: string, lang: string): string {
  const ticks = text.includes("```") ? "````" : "```";
  return `${ticks}${lang}\n${text}\n${ticks}`;
}

import { answerSchemas, type ModelingAnswer, type ScratchpadOutput } from "@/lib/grading/answers";
import { givenText } from "@/lib/grading/modeling-score";
import type { RoundKind } from "@/lib/scenarios/schema";

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
      const sections = (parsed.data as { sections: Record<string, string> }).sections;
      const titles = new Map((s.sections ?? []).map((x) => [x.id, x.title]));
      const order = [...(s.sections ?? []).map((x) => x.id), ...Object.keys(sections).filter((k) => !titles.has(k))];
      return order
        .filter((id) => sections[id]?.trim())
        .map((id) => `#### ${titles.get(id) ?? id}\n\n${sections[id].trim()}`)
        .join("\n\n") || "_Empty answer._";
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

/** A plain-text view of an answer for the replay and side-by-side views: one string per part. */
export function answerParts(kind: string, answer: unknown, scenario: unknown): { label: string; text: string; code?: boolean }[] {
  if (answer === null || answer === undefined) return [];
  const s = (scenario ?? {}) as ScenarioLike;
  const a = answer as Record<string, unknown>;
  switch (kind) {
    case "design": {
      const sections = (a.sections ?? {}) as Record<string, string>;
      const titles = new Map((s.sections ?? []).map((x) => [x.id, x.title]));
      const order = [...(s.sections ?? []).map((x) => x.id), ...Object.keys(sections).filter((k) => !titles.has(k))];
      return order.map((id) => ({ label: titles.get(id) ?? id, text: String(sections[id] ?? "") }));
    }
    case "behavioral":
      return ["situation", "task", "action", "result"].map((k) => ({ label: k[0].toUpperCase() + k.slice(1), text: String(a[k] ?? "") }));
    case "modeling": {
      const values = (a.values ?? {}) as ModelingAnswer["values"];
      const prompts = new Map((s.questions ?? []).map((q) => [q.id, q.prompt]));
      const parsed = answerSchemas.modeling.safeParse(answer);
      const pad = parsed.success ? (parsed.data as ModelingAnswer).scratchpad : undefined;
      return [
        ...Object.entries(values).map(([id, v]) => ({ label: prompts.get(id) ?? id, text: modelingValueText(v) })),
        { label: "Assumptions", text: String(a.assumptions ?? "") },
        ...(pad ? [{ label: "Scratchpad (Python)", text: pad.code, code: true }] : []),
        ...(pad?.output ? [{ label: "Scratchpad output", text: scratchpadOutputText(pad.output), code: true }] : []),
      ];
    }
    case "coding":
      return [{ label: `Code (${String(a.language ?? "?")})`, text: String(a.code ?? ""), code: true }];
    case "kernel":
      return [{ label: "WGSL", text: String(a.source ?? ""), code: true }];
  }
  return [{ label: "Answer", text: JSON.stringify(answer, null, 2), code: true }];
}

function modelingValueText(v: ModelingAnswer["values"][string] | undefined): string {
  const text = givenText(v);
  if (!text) return "—";
  return `${text}${v?.mode === "range" ? " (range)" : ""}${v?.from ? ` (from the scratchpad: ${v.from})` : ""}`;
}

const num = (x: number) => x.toLocaleString("en-US", { maximumSignificantDigits: 6 });

/** A scratchpad run as text: status, error, printed output, values, and each series' statistics. */
export function scratchpadOutputText(o: ScratchpadOutput): string {
  const lines = [`${o.status === "ok" ? "ran" : o.status} in ${(o.durationMs / 1000).toFixed(2)} s at ${o.ranAt}`];
  if (o.error) lines.push(`${o.error.type}${o.error.line ? ` at line ${o.error.line}` : ""}: ${o.error.message}`);
  if (o.stdout) lines.push("--- printed ---", o.stdout.replace(/\n$/, ""));
  if (o.values.length) lines.push("--- values ---", ...o.values.map((v) => `${v.name} = ${num(v.value)}`));
  if (o.series.length) {
    lines.push("--- series ---");
    for (const x of o.series) lines.push(`${x.name}: n = ${x.n}, mean ${num(x.stats.mean)} (95% CI ${num(x.stats.mean - 2 * x.stats.sem)}-${num(x.stats.mean + 2 * x.stats.sem)}), median ${num(x.stats.p50)}, 5th-95th ${num(x.stats.p5)}-${num(x.stats.p95)}, sd ${num(x.stats.sd)}`);
  }
  return lines.join("\n");
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function fence(text: string, lang: string): string {
  const ticks = text.includes("```") ? "````" : "```";
  return `${ticks}${lang}\n${text}\n${ticks}`;
}

import type { ModelingAnswer, ScratchpadOutput } from "@/lib/grading/answers";
import { givenText } from "@/lib/grading/modeling-score";
import { diagramLabels, type Diagram } from "@/lib/diagram/scene";

// Its own file, without zod: the replay and compare views run it in the browser.
type ScenarioLike = { sections?: { id: string; title: string }[]; questions?: { id: string; prompt: string; unit?: string }[] };

/** A plain-text view of an answer for the replay and side-by-side views: one string per part. */
export function answerParts(kind: string, answer: unknown, scenario: unknown): { label: string; text: string; code?: boolean; role?: "diagram" | "followup" }[] {
  if (answer === null || answer === undefined) return [];
  const s = (scenario ?? {}) as ScenarioLike;
  const a = answer as Record<string, unknown>;
  switch (kind) {
    case "design": {
      const sections = (a.sections ?? {}) as Record<string, string>;
      const titles = new Map((s.sections ?? []).map((x) => [x.id, x.title]));
      const order = [...(s.sections ?? []).map((x) => x.id), ...Object.keys(sections).filter((k) => !titles.has(k))];
      const parts: { label: string; text: string; role?: "diagram" | "followup" }[] = order.map((id) => ({ label: titles.get(id) ?? id, text: String(sections[id] ?? "") }));
      const labels = diagramLabels(a.diagram as Diagram | null).map((l) => l.text);
      if (labels.length) parts.unshift({ label: "Diagram labels", text: labels.join("\n"), role: "diagram" });
      const followups = Array.isArray(a.followups) ? (a.followups as { question?: unknown; answer?: unknown }[]) : [];
      followups.forEach((f, i) => parts.push({ label: `Follow-up ${i + 1}: ${String(f.question ?? "")}`, text: String(f.answer ?? ""), role: "followup" }));
      return parts;
    }
    case "behavioral":
      return ["situation", "task", "action", "result"].map((k) => ({ label: k[0].toUpperCase() + k.slice(1), text: String(a[k] ?? "") }));
    case "modeling": {
      const values = (a.values ?? {}) as ModelingAnswer["values"];
      const prompts = new Map((s.questions ?? []).map((q) => [q.id, q.prompt]));
      // Read without the zod schema: this runs in the browser (replay), where zod would add 32 kB.
      const raw = a.scratchpad as { code?: unknown; output?: ScratchpadOutput } | undefined;
      const pad = raw && typeof raw === "object" && typeof raw.code === "string" ? { code: raw.code, output: raw.output && typeof raw.output === "object" ? raw.output : undefined } : undefined;
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

export function modelingValueText(v: ModelingAnswer["values"][string] | undefined): string {
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

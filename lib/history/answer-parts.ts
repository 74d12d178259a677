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
      const values = (a.values ?? {}) as Record<string, { value: number | null; unit: string }>;
      const prompts = new Map((s.questions ?? []).map((q) => [q.id, q.prompt]));
      return [
        ...Object.entries(values).map(([id, v]) => ({ label: prompts.get(id) ?? id, text: v?.value === null || v?.value === undefined ? "—" : `${v.value} ${v.unit}` })),
        { label: "Assumptions", text: String(a.assumptions ?? "") },
      ];
    }
    case "coding":
      return [{ label: `Code (${String(a.language ?? "?")})`, text: String(a.code ?? ""), code: true }];
    case "kernel":
      return [{ label: "WGSL", text: String(a.source ?? ""), code: true }];
  }
  return [{ label: "Answer", text: JSON.stringify(answer, null, 2), code: true }];
}

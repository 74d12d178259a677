import type { TextPart } from "./sentences";

/**
 * The text of an Excalidraw diagram as evidence. Text elements (`type: "text"`) carry the words; a text
 * bound to a shape or an arrow has `containerId`. A box label is a name (a fragment: a third of a
 * concept's credit); a labelled arrow between two labelled boxes is a relation ("Router -> Scheduler:
 * admits by free KV blocks"), read as a sentence, so its label can carry a mechanism.
 */
type El = Record<string, unknown>;

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function bindingId(v: unknown): string {
  return v && typeof v === "object" ? str((v as Record<string, unknown>).elementId) : "";
}

export function diagramParts(elements: unknown): TextPart[] {
  if (!Array.isArray(elements)) return [];
  const els = (elements as unknown[]).filter((e): e is El => !!e && typeof e === "object" && !(e as El).isDeleted);
  const byId = new Map(els.map((e) => [str(e.id), e]));
  const labelOf = new Map<string, string>();
  const free: string[] = [];
  for (const e of els) {
    if (e.type !== "text") continue;
    const text = (str(e.originalText) || str(e.text)).replace(/\s+/g, " ").trim();
    if (!text) continue;
    const container = str(e.containerId);
    if (container && byId.has(container)) labelOf.set(container, text);
    else free.push(text);
  }
  const lines: string[] = [];
  const usedInRelation = new Set<string>();
  for (const e of els) {
    if (e.type !== "arrow" && e.type !== "line") continue;
    const from = labelOf.get(bindingId(e.startBinding));
    const to = labelOf.get(bindingId(e.endBinding));
    const label = labelOf.get(str(e.id));
    if (from && to) {
      lines.push(`${from} → ${to}${label ? `: ${label}` : ""}.`);
      usedInRelation.add(bindingId(e.startBinding));
      usedInRelation.add(bindingId(e.endBinding));
    } else if (label) {
      free.push(label);
    }
  }
  for (const [id, text] of labelOf) {
    const el = byId.get(id);
    if (el && el.type !== "arrow" && el.type !== "line" && !usedInRelation.has(id)) free.push(text);
  }
  const parts: TextPart[] = [];
  if (lines.length) parts.push({ id: "diagram-relation", text: lines.join("\n\n"), source: "diagram" });
  if (free.length) parts.push({ id: "diagram", text: free.map((t) => `- ${t}`).join("\n"), source: "diagram" });
  return parts;
}

/**
 * A whiteboard drawing as the design answer stores it: Excalidraw's elements as plain JSON plus a
 * small subset of its app state. What is stored is compact: deleted elements and images (whose
 * pixels would live in a separate `files` map) are dropped, coordinates are rounded to a tenth of a
 * pixel, and fields equal to Excalidraw's defaults are left out (Excalidraw's `restore` fills them
 * back in when the drawing is opened again, and `withDefaults` here does the same for rendering).
 */

/** At most this many elements; a dense interview diagram has 30 to 150. */
export const MAX_DIAGRAM_ELEMENTS = 2_000;
/**
 * At most this many bytes of JSON. 256 KiB holds about 1,500 labelled shapes or a few hundred
 * freehand strokes: far above an interview diagram, and small enough that the autosave body stays
 * within the answer route's 512 KiB limit with every section and follow-up answer full.
 */
export const MAX_DIAGRAM_BYTES = 256 * 1024;

/** The Excalidraw element types this app stores (images are refused: their pixels are not kept). */
export const diagramElementTypes = ["rectangle", "diamond", "ellipse", "arrow", "line", "freedraw", "text", "frame", "magicframe", "embeddable", "iframe"] as const;

/** One stored element: Excalidraw's JSON, of which this app reads these fields. */
export type DiagramElement = {
  id: string;
  type: (typeof diagramElementTypes)[number];
  x: number;
  y: number;
  width?: number;
  height?: number;
  angle?: number;
  text?: string;
  originalText?: string;
  containerId?: string | null;
  points?: [number, number][];
  fontSize?: number;
  strokeColor?: string;
  backgroundColor?: string;
  isDeleted?: false;
  [key: string]: unknown;
};
export type Diagram = { elements: DiagramElement[]; appState?: { viewBackgroundColor?: string; gridSize?: number | null } };

export function jsonBytes(v: unknown): number {
  return new TextEncoder().encode(JSON.stringify(v)).length;
}

/** Excalidraw's defaults for the fields `compactElement` leaves out (as of @excalidraw/excalidraw 0.18). */
const DEFAULTS: Record<string, unknown> = {
  angle: 0,
  strokeColor: "#1e1e1e",
  backgroundColor: "transparent",
  fillStyle: "solid",
  strokeWidth: 2,
  strokeStyle: "solid",
  roughness: 1,
  opacity: 100,
  groupIds: [],
  frameId: null,
  roundness: null,
  boundElements: null,
  link: null,
  locked: false,
};
/** Bookkeeping Excalidraw regenerates on load; storing it would only make every save differ. */
const DROPPED = new Set(["version", "versionNonce", "updated", "isDeleted"]);

const round1 = (n: number) => Math.round(n * 10) / 10;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** One element in its stored form (see the file comment). */
export function compactElement(el: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(el)) {
    if (DROPPED.has(k) || v === undefined) continue;
    if (k in DEFAULTS && sameJson(v, DEFAULTS[k])) continue;
    if (typeof v === "number" && (k === "x" || k === "y" || k === "width" || k === "height")) out[k] = round1(v);
    else if (k === "points" && Array.isArray(v)) out[k] = v.map((p) => (Array.isArray(p) ? p.map((n) => (typeof n === "number" ? round1(n) : n)) : p));
    else if (k === "pressures" && Array.isArray(v)) out[k] = v.map((n) => (typeof n === "number" ? Math.round(n * 100) / 100 : n));
    else out[k] = v;
  }
  return out;
}

/** An element with the defaults `compactElement` removed put back (for rendering). */
export function withDefaults(el: DiagramElement): DiagramElement & typeof DEFAULTS {
  return { ...DEFAULTS, ...el } as DiagramElement & typeof DEFAULTS;
}

/**
 * Excalidraw's live scene to the stored drawing: live elements only, images dropped, compacted.
 * Returns null for an empty board, so an untouched whiteboard adds nothing to the answer.
 */
export function toStoredDiagram(elements: readonly Record<string, unknown>[], appState?: { viewBackgroundColor?: string; gridSize?: number | null } | null): Diagram | null {
  const keep = elements.filter((e) => !e.isDeleted && (diagramElementTypes as readonly string[]).includes(String(e.type)));
  if (keep.length === 0) return null;
  const out: Diagram = { elements: keep.map((e) => compactElement(e) as DiagramElement) };
  const state: NonNullable<Diagram["appState"]> = {};
  if (appState?.viewBackgroundColor && appState.viewBackgroundColor !== "#ffffff") state.viewBackgroundColor = appState.viewBackgroundColor;
  if (appState?.gridSize) state.gridSize = appState.gridSize;
  if (Object.keys(state).length) out.appState = state;
  return out;
}

/** How many images a scene held that the stored drawing leaves out (to tell the candidate). */
export function droppedImageCount(elements: readonly Record<string, unknown>[]): number {
  return elements.filter((e) => !e.isDeleted && e.type === "image").length;
}

/**
 * The diagram's words: every text element's text (free labels, and labels bound to a box or an
 * arrow through `containerId`), in reading order (top to bottom, then left to right). This is the
 * grader's evidence from the drawing.
 */
export function diagramLabels(diagram: Pick<Diagram, "elements"> | null | undefined): { id: string; text: string; containerId: string | null }[] {
  if (!diagram) return [];
  return diagram.elements
    .filter((e) => e.type === "text" && typeof e.text === "string" && e.text.trim())
    .map((e) => ({ e, text: String(e.originalText ?? e.text).replace(/\s+/g, " ").trim() }))
    .sort((a, b) => a.e.y - b.e.y || a.e.x - b.e.x)
    .map(({ e, text }) => ({ id: e.id, text, containerId: (e.containerId as string | null | undefined) ?? null }));
}

/** The diagram's words as one block of text, a label per line. */
export function diagramText(diagram: Pick<Diagram, "elements"> | null | undefined): string {
  return diagramLabels(diagram)
    .map((l) => l.text)
    .join("\n");
}

/**
 * A stable fingerprint of the drawing's content, to tell whether it changed between two saves.
 * Keys are sorted: the database's jsonb hands objects back with their keys in its own order.
 */
export function diagramKey(diagram: Diagram | null | undefined): string {
  return diagram ? canonicalJson(diagram) : "";
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

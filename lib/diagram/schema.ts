import { z } from "zod";
import { MAX_DIAGRAM_BYTES, MAX_DIAGRAM_ELEMENTS, diagramElementTypes, jsonBytes, type Diagram } from "./scene";

/**
 * The stored drawing at the API boundary (a file of its own so the browser's bundle, which only
 * reads drawings, does not carry zod).
 */
const num = z.number().finite();
const point = z.tuple([num, num]);

/**
 * One element. The fields this app reads are checked; any other field Excalidraw writes passes
 * through (so a newer Excalidraw keeps its data), within the size limit of the whole drawing.
 */
export const diagramElementSchema = z.looseObject({
  id: z.string().min(1).max(64),
  type: z.enum(diagramElementTypes, { message: `element type must be one of ${diagramElementTypes.join(", ")} (images are not stored)` }),
  x: num,
  y: num,
  width: num.optional(),
  height: num.optional(),
  angle: num.optional(),
  text: z.string().max(20_000).optional(),
  originalText: z.string().max(20_000).optional(),
  containerId: z.string().max(64).nullable().optional(),
  points: z.array(point).max(20_000).optional(),
  fontSize: num.optional(),
  strokeColor: z.string().max(64).optional(),
  backgroundColor: z.string().max(64).optional(),
  isDeleted: z.literal(false).optional(),
});

export const diagramAppStateSchema = z.object({
  viewBackgroundColor: z.string().max(64).optional(),
  gridSize: z.number().int().min(0).max(200).nullable().optional(),
});

export const diagramSchema = z
  .object({
    elements: z.array(diagramElementSchema).max(MAX_DIAGRAM_ELEMENTS, `a drawing holds at most ${MAX_DIAGRAM_ELEMENTS.toLocaleString("en-US")} elements`),
    appState: diagramAppStateSchema.optional(),
  })
  .superRefine((d, ctx) => {
    const bytes = jsonBytes(d);
    if (bytes > MAX_DIAGRAM_BYTES) {
      ctx.addIssue({ code: "custom", message: `the drawing is ${Math.ceil(bytes / 1024)} KiB; the limit is ${MAX_DIAGRAM_BYTES / 1024} KiB (remove freehand strokes or split it)` });
    }
    const ids = new Set<string>();
    d.elements.forEach((e, i) => {
      if (ids.has(e.id)) ctx.addIssue({ code: "custom", path: ["elements", i, "id"], message: `duplicate element id "${e.id}"` });
      ids.add(e.id);
    });
  });



// The parsed shape and the hand-written type must stay the same.
export type ParsedDiagram = z.infer<typeof diagramSchema>;
const _sameShape: (d: ParsedDiagram) => Diagram = (d) => d;
void _sameShape;

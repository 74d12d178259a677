import { z } from "zod";
import { HttpError, handle } from "@/lib/http";
import { getScenarioLibrary } from "@/lib/scenarios";
import { publicCodingView } from "@/lib/scenarios/kinds/coding";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(100) });

/**
 * GET /api/scenarios/:id/visible-tests — what the coding round's page may know: visible tests,
 * signatures, starter code and limits. Never hidden tests or reference solutions.
 */
export const GET = handle(async (_req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const p = params.safeParse(await ctx.params);
  if (!p.success) throw new HttpError(404, "No such coding scenario.");
  const s = getScenarioLibrary().scenarios.find((x) => x.id === p.data.id);
  if (!s || s.kind !== "coding") throw new HttpError(404, `No coding scenario "${p.data.id}".`);
  return Response.json(publicCodingView(s));
});

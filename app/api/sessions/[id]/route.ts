import { getDb } from "@/db/client";
import { handle } from "@/lib/http";
import { getSessionView } from "@/lib/loop";

export const dynamic = "force-dynamic";

export const GET = handle(async (_req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  return Response.json(await getSessionView({ db: await getDb(), id }));
});

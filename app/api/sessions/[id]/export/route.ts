import { z } from "zod";
import { getDb } from "@/db/client";
import { getSessionDetailById } from "@/db/queries/history";
import { handle, HttpError } from "@/lib/http";
import { renderSessionMarkdown, toSessionExport } from "@/lib/history";

export const dynamic = "force-dynamic";

const query = z.object({
  format: z.enum(["md", "json"], { message: 'format must be "md" or "json"' }).default("json"),
  /** inline=1 shows the file in the browser (to read or print) instead of downloading it. */
  inline: z.enum(["0", "1"]).default("0"),
});

export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const q = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) throw new HttpError(400, q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const detail = await getSessionDetailById({ db: await getDb(), id });
  if (!detail) throw new HttpError(404, `No session "${id}".`);
  const data = toSessionExport(detail);
  const stem = `loopbench-${detail.session.templateId}-${detail.session.createdAt.toISOString().slice(0, 10)}-${id.slice(0, 8)}`;
  const disposition = `${q.data.inline === "1" ? "inline" : "attachment"}; filename="${stem}.${q.data.format}"`;
  if (q.data.format === "md") {
    return new Response(renderSessionMarkdown(data), { headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": disposition } });
  }
  return new Response(JSON.stringify(data, null, 2), { headers: { "content-type": "application/json; charset=utf-8", "content-disposition": disposition } });
});

import { z } from "zod";
import { getDb } from "@/db/client";
import { countSessions, listSessions } from "@/db/queries/sessions";
import { handle, parseJsonBody } from "@/lib/http";
import { startLoop } from "@/lib/loop";
import { getScenarioLibrary, roundKinds } from "@/lib/scenarios";

export const dynamic = "force-dynamic";

const startBody = z.object({
  templateId: z.string().min(1).max(100),
  mode: z.enum(["strict", "practice"]).default("strict"),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  kind: z.enum(roundKinds).optional(),
  scenarioIds: z.record(z.string().regex(/^\d+$/), z.string().max(100)).optional(),
});

export const POST = handle(async (req: Request) => {
  const body = await parseJsonBody(req, startBody);
  const scenarioIds = body.scenarioIds ? Object.fromEntries(Object.entries(body.scenarioIds).map(([k, v]) => [Number(k), v])) : undefined;
  const { id } = await startLoop({ db: await getDb(), library: getScenarioLibrary(), ...body, scenarioIds });
  return Response.json({ id, url: `/loop/${id}` }, { status: 201 });
});

const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const GET = handle(async (req: Request) => {
  const url = new URL(req.url);
  const q = listQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!q.success) return Response.json({ error: q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, { status: 400 });
  const db = await getDb();
  const [rows, total] = await Promise.all([listSessions({ db, limit: q.data.pageSize, offset: (q.data.page - 1) * q.data.pageSize }), countSessions({ db })]);
  return Response.json({ sessions: rows, page: q.data.page, pageSize: q.data.pageSize, total });
});

import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/** GET /lab/bench-source?name=bandwidth|fma: the roofline micro-benchmarks' WGSL, for the in-page harness. */
export async function GET(req: Request) {
  const q = z.object({ name: z.enum(["bandwidth", "fma"]) }).safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return Response.json({ error: "name must be bandwidth or fma" }, { status: 400 });
  const text = fs.readFileSync(path.join(process.cwd(), "lib", "gpu", "bench", `${q.data.name}.wgsl`), "utf8");
  return new Response(text, { headers: { "content-type": "text/plain; charset=utf-8" } });
}

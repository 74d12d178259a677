import { z } from "zod";
import { getKernelProblem, kernelProblemIds } from "@/kernels";
import { readKernelFile } from "@/kernels/files";

/**
 * GET /lab/reference-source?problem=<id>: the problem's naive reference WGSL, the baseline a Benchmark in a
 * kernel round is timed against (the lab page passes it down directly). Only the naive one: the fast reference
 * stays out of a round.
 */
export async function GET(req: Request) {
  const q = z.object({ problem: z.enum(kernelProblemIds as [string, ...string[]]) }).safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return Response.json({ error: `problem must be one of ${kernelProblemIds.join(", ")}` }, { status: 400 });
  const p = getKernelProblem(q.data.problem)!;
  return new Response(readKernelFile(p.id, p.files.naive), { headers: { "content-type": "text/plain; charset=utf-8" } });
}

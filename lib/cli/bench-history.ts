/**
 * Server time of the history queries at a realistic size (seed first with db:seed-demo):
 *   LOOPBENCH_DATA_DIR=/tmp/lb-bench npm run db:seed-demo -- --sessions 10000
 *   LOOPBENCH_DATA_DIR=/tmp/lb-bench npm run bench:history
 *   npm run bench:history -- --runs 21 --url http://127.0.0.1:3000   (also times the pages over HTTP)
 * Prints the median (and p90) of several runs per query, after warm-up runs. Target: the list's
 * page under 100 ms median. Exits 1 when the list misses it.
 * db/queries/history.ts starts with `import "server-only"`, which only resolves outside React's
 * server build under the "react-server" condition: the script re-runs itself with that condition.
 */
import { spawnSync } from "node:child_process";
import { z } from "zod";

const hasCondition = process.execArgv.some((a) => a.includes("react-server")) || (process.env.NODE_OPTIONS ?? "").includes("react-server");
if (!hasCondition) {
  const res = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(res.status ?? 1);
}

const flags = z
  .object({
    runs: z.coerce.number().int().min(3).max(1000).default(15),
    warmup: z.coerce.number().int().min(0).max(100).default(3),
    url: z.url().optional(),
    json: z.literal("true").optional(),
  })
  .strict();

function parseFlags(argv: string[]) {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`Unexpected argument "${argv[i]}". Usage: bench-history [--runs N] [--warmup N] [--url http://host:port] [--json]`);
    raw[m[1]] = m[2] ?? (m[1] === "json" ? "true" : (argv[++i] ?? ""));
  }
  const parsed = flags.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join(".") || "flag"}: ${i.message}`).join("; "));
  return parsed.data;
}

type Result = { name: string; medianMs: number; p90Ms: number; minMs: number; runs: number; note?: string };

async function time(name: string, runs: number, warmup: number, fn: (i: number) => Promise<unknown>, note?: string): Promise<Result> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  return { name, medianMs: q(0.5), p90Ms: q(0.9), minMs: samples[0], runs, note };
}

async function main() {
  const opts = parseFlags(process.argv.slice(2));
  const { dbConfigFromEnv, openDb } = await import("../../db/client");
  const q = await import("../../db/queries/history");
  const { toSessionExport, renderSessionMarkdown } = await import("../history");
  const handle = await openDb(dbConfigFromEnv());
  const results: Result[] = [];
  try {
    const db = handle.db;
    const { total } = await q.listSessionsByFilter({ db, limit: 1, offset: 0 });
    const kernels = await q.listKernelAttempts({ db, limit: 1, offset: 0 });
    if (total === 0) throw new Error(`The database at ${handle.location} has no sessions; seed it first: npm run db:seed-demo -- --sessions 10000`);
    const templates = await q.listHistoryTemplates({ db });
    const sample = await q.listSessionsByFilter({ db, limit: 200, offset: Math.max(0, Math.floor(total / 2) - 100) });
    const ids = sample.rows.map((r) => r.id);
    const lastPage = Math.max(0, Math.ceil(total / 25) - 1);
    const middle = sample.rows[100]?.createdAt ?? new Date();
    const monthAgo = new Date(middle.getTime() - 30 * 86_400_000);
    const { runs, warmup } = opts;
    console.log(`[bench-history] ${handle.engine} at ${handle.location}: ${total.toLocaleString("en-US")} sessions, ${kernels.total.toLocaleString("en-US")} kernel attempts; ${runs} runs after ${warmup} warm-up`);

    results.push(await time("list: page 1, no filter (25 rows + total)", runs, warmup, () => q.listSessionsByFilter({ db, limit: 25, offset: 0 })));
    results.push(await time("list: a middle page, no filter", runs, warmup, () => q.listSessionsByFilter({ db, limit: 25, offset: Math.floor(lastPage / 2) * 25 })));
    results.push(await time("list: last page, no filter", runs, warmup, () => q.listSessionsByFilter({ db, limit: 25, offset: lastPage * 25 })));
    results.push(await time(`list: template ${templates[0]?.id}`, runs, warmup, () => q.listSessionsByFilter({ db, filter: { templateId: templates[0]?.id }, limit: 25, offset: 0 })));
    results.push(await time("list: round kind design", runs, warmup, () => q.listSessionsByFilter({ db, filter: { kind: "design" }, limit: 25, offset: 0 })));
    results.push(await time("list: kind kernel + decision Strong No", runs, warmup, () => q.listSessionsByFilter({ db, filter: { kind: "kernel", decision: "Strong No" }, limit: 25, offset: 0 })));
    results.push(await time("list: 30-day range + decision Yes", runs, warmup, () => q.listSessionsByFilter({ db, filter: { from: monthAgo, to: middle, decision: "Yes" }, limit: 25, offset: 0 })));
    results.push(await time("list: filter options (templates)", runs, warmup, () => q.listHistoryTemplates({ db })));
    results.push(await time("kernel attempts: page 1", runs, warmup, () => q.listKernelAttempts({ db, limit: 25, offset: 0 })));
    results.push(await time("detail: session + rounds + events + kernel attempts", runs, warmup, (i) => q.getSessionDetailById({ db, id: ids[i % ids.length] })));
    results.push(await time("detail + export to Markdown", runs, warmup, async (i) => renderSessionMarkdown(toSessionExport((await q.getSessionDetailById({ db, id: ids[(i * 7) % ids.length] }))!))));
    results.push(await time("progress: per kind, all history", Math.min(runs, 7), 1, () => q.listProgressByKind({ db })));
    // A distinct (and harmless) upper bound per run defeats the per-filter cache: the cold cost.
    results.push(await time("progress: per concept, all history (cold)", Math.min(runs, 7), 1, (i) => q.listProgressByConcept({ db, filter: { to: new Date(Date.now() + 86_400_000 + i * 1000 + Math.random() * 1000) } })));
    results.push(await time("progress: per concept, all history (cached)", runs, warmup, () => q.listProgressByConcept({ db })));

    if (opts.url) {
      const get = async (path: string) => {
        const res = await fetch(new URL(path, opts.url));
        if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
        await res.text();
      };
      results.push(await time("HTTP /history", runs, warmup, () => get("/history"), "whole server render"));
      results.push(await time("HTTP /history?kind=design&page=3", runs, warmup, () => get("/history?kind=design&page=3"), "whole server render"));
      results.push(await time("HTTP /history/<id>", runs, warmup, (i) => get(`/history/${ids[i % ids.length]}`), "whole server render"));
      results.push(await time("HTTP /history/progress", Math.min(runs, 5), 1, () => get("/history/progress"), "whole server render"));
    }
  } finally {
    await handle.close();
  }
  const listMedian = results[0].medianMs;
  const pass = results.filter((r) => r.name.startsWith("list:")).every((r) => r.medianMs < 100);
  if (opts.json) console.log(JSON.stringify({ results, pass }, null, 2));
  else {
    const w = Math.max(...results.map((r) => r.name.length));
    console.log(`${"query".padEnd(w)}  ${"median".padStart(9)}  ${"p90".padStart(9)}  ${"min".padStart(9)}`);
    for (const r of results) console.log(`${r.name.padEnd(w)}  ${`${r.medianMs.toFixed(1)} ms`.padStart(9)}  ${`${r.p90Ms.toFixed(1)} ms`.padStart(9)}  ${`${r.minMs.toFixed(1)} ms`.padStart(9)}${r.note ? `  (${r.note})` : ""}`);
    console.log(`target (every list page under 100 ms median): ${pass ? "met" : "MISSED"}; page 1 median ${listMedian.toFixed(1)} ms`);
  }
  process.exit(pass ? 0 : 1);
}

main().catch((err) => {
  console.error(`[bench-history] ${(err as Error).message}`);
  process.exit(2);
});

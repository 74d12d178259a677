/**
 * npm run --silent kernels -- check <problem-id> <file.wgsl> [--backend webgpu|cpu] [--json]
 *                                  [--profile full|reduced|cpu] [--seed N] [--no-speedup] [--deadline-ms N] [--run-timeout-ms N]
 * npm run --silent kernels -- bench [--json] [--backend webgpu|cpu] [--profile ...]
 * npm run --silent kernels -- list [--json]
 *
 * Exit status: 0 pass, 1 a failure verdict, 2 the harness itself failed (bad arguments, no browser, deadline).
 */
import fs from "node:fs";
import { z } from "zod";
import { kernelProblemIds, kernelProblems } from "@/kernels";
import { benchReferencesHeadless, checkKernelHeadless, type BenchRow } from "@/lib/gpu/run-headless";
import type { KernelResult } from "@/lib/gpu/result";

const flagsSchema = z.object({
  backend: z.enum(["webgpu", "cpu"]).default("webgpu"),
  json: z.boolean().default(false),
  profile: z.enum(["full", "reduced", "cpu"]).optional(),
  seed: z.coerce.number().int().min(0).max(0xffffffff).optional(),
  speedup: z.boolean().default(true),
  deadlineMs: z.coerce.number().int().min(1000).optional(),
  runTimeoutMs: z.coerce.number().int().min(100).optional(),
});

function parseArgs(argv: string[]) {
  const positional: string[] = [];
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") raw.json = true;
    else if (a === "--no-speedup") raw.speedup = false;
    else if (a.startsWith("--")) {
      const [k, inline] = a.slice(2).split("=", 2);
      const key = k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`--${k} needs a value`);
      raw[key] = v;
    } else positional.push(a);
  }
  const parsed = flagsSchema.strict().safeParse(raw);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `--${String(i.path[0] ?? "")}: ${i.message}`).join("; "));
  }
  return { positional, flags: parsed.data };
}

const fmt = (x: number | null | undefined, d = 3) => (x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toPrecision(d));

function printHuman(r: KernelResult) {
  console.log(`${r.problem} on ${r.backend} (${r.adapter.label}; profile ${r.profile}): ${r.verdict.toUpperCase()}`);
  console.log(`  ${r.message}`);
  for (const c of r.cases) {
    console.log(`  ${c.pass ? "ok  " : "FAIL"} ${c.name}${c.timed ? " (after timed runs)" : ""}  max|err| ${fmt(c.maxAbsError)}  relL2 ${fmt(c.relL2)}`);
  }
  const t = r.timing;
  if (t) {
    console.log(
      `  timing ${t.case}: median ${fmt(t.medianMs)} ms (p10 ${fmt(t.p10Ms)}, p90 ${fmt(t.p90Ms)}, cv ${fmt(t.cv, 2)}), ${t.samples} x ${t.runsPerSample} runs, ${t.method}`,
    );
    console.log(
      `  ${fmt(t.gflops)} GFLOP/s, ${fmt(t.gbps)} GB/s, intensity ${fmt(t.arithmeticIntensity)} FLOP/B` +
        (t.rooflineFraction !== null ? `, ${(t.rooflineFraction * 100).toFixed(1)}% of measured roofline` : "") +
        (t.speedupOverNaive !== null ? `, ${fmt(t.speedupOverNaive)}x naive` : "") +
        (t.impossible ? "  [IMPOSSIBLE: above the device roofline, not ranked]" : ""),
    );
  }
  if (r.roofline) console.log(`  device roofline: ${fmt(r.roofline.gbps)} GB/s, ${fmt(r.roofline.gflops)} GFLOP/s (${r.roofline.method})`);
  if (r.cpuReference) console.log(`  CPU float64 reference: ${fmt(r.cpuReference.gflops)} GFLOP/s (${fmt(r.cpuReference.ms)} ms)`);
  for (const p of r.projections ?? []) console.log(`  projected on ${p.gpu}: roofline-bound ${fmt(p.boundMs)} ms (${p.limiter}-bound; f32 peak, datasheet bandwidth, no launch overhead: a lower bound)`);
  if (r.projectionNote) console.log(`  ${r.projectionNote}`);
  const t2 = r.timing;
  if (t2?.measuredOn && t2.measuredOn !== "gpu") console.log(`  not measured on a GPU (${r.adapter.label}): these times say nothing about a GPU kernel's speed`);
  if (t2?.speedupCi) console.log(`  speed-up over naive ${fmt(t2.speedupOverNaive)}x, ${Math.round(t2.speedupCi.level * 100)}% CI ${fmt(t2.speedupCi.lo)}-${fmt(t2.speedupCi.hi)} over ${t2.rounds} interleaved rounds`);
  for (const d of r.diagnostics) console.log(`  ${d.type} at ${d.line}:${d.column}: ${d.message}`);
  for (const e of r.deviceEvents ?? []) console.log(`  device: ${e}`);
}

function benchTable(rows: BenchRow[]) {
  const head = ["problem", "solution", "verdict", "case", "median ms", "GFLOP/s", "GB/s", "% roofline", "x naive"];
  const lines = rows.map(({ problem, solution, result: r }) => [
    problem,
    solution,
    r.verdict,
    r.timing?.case ?? "-",
    fmt(r.timing?.medianMs),
    fmt(r.timing?.gflops),
    fmt(r.timing?.gbps),
    r.timing?.rooflineFraction != null ? (r.timing.rooflineFraction * 100).toFixed(1) : "-",
    fmt(r.timing?.speedupOverNaive),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (l: string[]) => l.map((x, i) => x.padEnd(w[i])).join("  ");
  console.log(row(head));
  for (const l of lines) console.log(row(l));
  const r0 = rows.find((r) => r.result.roofline)?.result;
  if (r0) console.log(`\nadapter: ${r0.adapter.label} (${r0.adapter.vendor} ${r0.adapter.architecture}); roofline ${fmt(r0.roofline!.gbps)} GB/s, ${fmt(r0.roofline!.gflops)} GFLOP/s`);
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    console.error(`kernels: ${(e as Error).message}`);
    return 2;
  }
  const { positional, flags } = parsed;
  const [cmd, ...rest] = positional;
  try {
    if (cmd === "list") {
      const list = kernelProblems.map((p) => ({ id: p.id, title: p.title, params: p.params, bindings: p.bindings }));
      console.log(flags.json ? JSON.stringify(list, null, 2) : list.map((p) => `${p.id}  ${p.title}`).join("\n"));
      return 0;
    }
    if (cmd === "check") {
      const [problemId, file] = rest;
      if (!problemId || !file) throw new UsageError("usage: kernels check <problem-id> <file.wgsl> [--backend webgpu|cpu] [--json]");
      if (!kernelProblemIds.includes(problemId)) throw new UsageError(`unknown problem "${problemId}"; problems: ${kernelProblemIds.join(", ")}`);
      if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
      const result = await checkKernelHeadless(problemId, fs.readFileSync(file, "utf8"), {
        backend: flags.backend,
        profile: flags.profile,
        hiddenSeed: flags.seed,
        speedup: flags.speedup,
        deadlineMs: flags.deadlineMs,
        runTimeoutMs: flags.runTimeoutMs,
      });
      if (flags.json) console.log(JSON.stringify(result, null, 2));
      else printHuman(result);
      return result.verdict === "pass" ? 0 : 1;
    }
    if (cmd === "bench") {
      const rows = await benchReferencesHeadless({
        backend: flags.backend,
        profile: flags.profile,
        hiddenSeed: flags.seed,
        deadlineMs: flags.deadlineMs,
        onRow: flags.json ? undefined : (r) => console.error(`  ${r.problem} ${r.solution}: ${r.result.verdict}`),
      });
      if (flags.json) console.log(JSON.stringify(rows.map((r) => ({ ...r.result, solution: r.solution })), null, 2));
      else benchTable(rows);
      return rows.every((r) => r.result.verdict === "pass") ? 0 : 1;
    }
    throw new UsageError("usage: kernels check <problem-id> <file.wgsl> [--backend webgpu|cpu] [--json] | kernels bench [--json] | kernels list");
  } catch (e) {
    const msg = e instanceof UsageError ? e.message : `harness failure: ${(e as Error).message}`;
    if (flags.json && !(e instanceof UsageError)) console.log(JSON.stringify({ verdict: null, harnessError: msg }));
    console.error(`kernels: ${msg}`);
    return 2;
  }
}

class UsageError extends Error {}

if (process.argv[1] && /kernels\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`kernels: harness failure: ${(e as Error).message}`);
      process.exit(2);
    },
  );
}

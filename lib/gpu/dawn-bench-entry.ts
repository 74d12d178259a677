/**
 * The kernel harness on Dawn for Node (the `webgpu` npm package: the same Dawn that Chromium's WebGPU
 * uses), for GPU machines where a browser cannot be installed. Bundled by lib/cli/bench-kernels-dawn.ts
 * into one file and run from the repository root (it reads kernels/<problem>/*.wgsl from there):
 *
 *   node bundle.mjs [--profile full|reduced] [--out DIR] [--only id,id] [--variants DIR]
 *                   [--agreement id,id] [--time-budget-ms N] [--deadline-s N] [--allow-fallback]
 *
 * For every problem: the naive reference's correctness on the profile's cases, the fast reference graded and
 * timed in interleaved rounds against the naive one (median, spread, confidence interval, share of this
 * device's measured roofline), then every candidate file under DIR/<problem>/*.wgsl graded and timed in
 * interleaved rounds against the committed fast kernel (`vsFast` > 1: the candidate is faster), and the
 * timing-agreement check (the same kernel timed twice) on the problems named by --agreement. Writes
 * OUT/bench.json after every row, so a run cut short still leaves what it measured. Same driver, same cases,
 * same roofline micro-benchmarks as the browser and the CLI.
 */
import fs from "node:fs";
import path from "node:path";
import { kernelProblems } from "@/kernels";
import { readKernelFile } from "@/kernels/files";
import type { GeneratedCase, KernelProblem, ReferenceOutput } from "@/kernels/types";
import bandwidth from "./bench/bandwidth.wgsl";
import fma from "./bench/fma.wgsl";
import { gradeAttempt, timingAgreement, type TimingAgreement } from "./driver";
import type { KernelResult } from "./result";
import { WebGpuBackend } from "./webgpu-backend";

const HIDDEN_SEED = 20261127;

/** Set by the bundler (lib/cli/bench-kernels-dawn.ts): when and from which commit the bundle was built. */
declare const __BUILD_INFO__: string | undefined;
const BUILT = typeof __BUILD_INFO__ === "string" ? __BUILD_INFO__ : "(not bundled)";

type Row = {
  problem: string;
  solution: string;
  file: string;
  baseline: "naive" | "fast" | null;
  verdict: string;
  message: string;
  case?: string;
  medianMs?: number;
  p10Ms?: number;
  p90Ms?: number;
  ciLowMs?: number;
  ciHighMs?: number;
  cv?: number;
  samples?: number;
  rounds?: number;
  gflops?: number;
  gbps?: number;
  rooflinePct?: number | null;
  /** fast rows: naive time / fast time; variant rows: committed fast time / variant time (> 1: faster). */
  speedup?: number | null;
  speedupCi?: { lo: number; hi: number; level: number } | null;
  baselineMedianMs?: number | null;
  method?: string;
  impossible?: boolean;
  elapsedMs: number;
};

function arg(name: string): string | undefined {
  const a = process.argv.slice(2);
  const i = a.indexOf(name);
  return i >= 0 ? a[i + 1] : undefined;
}

/** Cases and references computed once per problem, shared by the naive, fast and candidate gradings. */
function memoized(p: KernelProblem): KernelProblem {
  const gens = new Map<string, GeneratedCase>();
  const refs = new WeakMap<GeneratedCase, Record<string, ReferenceOutput>>();
  return {
    ...p,
    generate(c, seed) {
      const key = `${c.name}:${seed}`;
      let g = gens.get(key);
      if (!g) gens.set(key, (g = p.generate(c, seed)));
      return g;
    },
    reference(g) {
      let r = refs.get(g);
      if (!r) refs.set(g, (r = p.reference(g)));
      return r;
    },
  };
}

function toRow(problem: string, solution: string, file: string, baseline: Row["baseline"], r: KernelResult): Row {
  const t = r.timing;
  return {
    problem,
    solution,
    file,
    baseline,
    verdict: r.verdict,
    message: r.message,
    case: t?.case,
    medianMs: t?.medianMs,
    p10Ms: t?.p10Ms,
    p90Ms: t?.p90Ms,
    ciLowMs: t?.ciLowMs,
    ciHighMs: t?.ciHighMs,
    cv: t?.cv,
    samples: t?.samples,
    rounds: t?.rounds,
    gflops: t?.gflops,
    gbps: t?.gbps,
    rooflinePct: t?.rooflineFraction != null ? t.rooflineFraction * 100 : null,
    speedup: t?.speedupOverNaive ?? null,
    speedupCi: t?.speedupCi ?? null,
    baselineMedianMs: t?.naiveMedianMs ?? null,
    method: t?.method,
    impossible: t?.impossible,
    elapsedMs: r.elapsedMs,
  };
}

async function main() {
  const t0 = performance.now();
  const profile = (arg("--profile") ?? "full") as "full" | "reduced";
  const outDir = arg("--out") ?? ".";
  const only = arg("--only")?.split(",").filter(Boolean);
  const variantsDir = arg("--variants");
  const agreementIds = (arg("--agreement") ?? "attention-prefill,paged-decode-attention").split(",").filter(Boolean);
  const timeBudgetMs = Number(arg("--time-budget-ms") ?? 1500);
  const deadlineS = Number(arg("--deadline-s") ?? 400);
  const allowFallback = process.argv.includes("--allow-fallback");
  const left = () => deadlineS - (performance.now() - t0) / 1000;
  fs.mkdirSync(outDir, { recursive: true });

  // @ts-expect-error: optional dependency, present on the machine that runs this bundle
  const webgpu = await import("webgpu");
  Object.assign(globalThis, webgpu.globals);
  // Dawn quantizes timestamps to 65.5 us by default (as Chromium does without developer features); the
  // harness would detect it and fall back to the wall clock, but nanosecond timestamps are what a bench wants.
  const gpu = webgpu.create(["enable-dawn-features=allow_unsafe_apis", "disable-dawn-features=timestamp_quantization"]);
  const backend = await WebGpuBackend.create(gpu, { bandwidth, fma });
  if (!backend) throw new Error("Dawn found no WebGPU adapter (is a Vulkan driver installed? VK_DRIVER_FILES / VK_ICD_FILENAMES)");
  console.error(`bundle built ${BUILT}`);
  console.error(`adapter: ${backend.adapter.label} (${backend.adapter.vendor} ${backend.adapter.architecture} ${backend.adapter.device ?? ""} ${backend.adapter.description ?? ""}); fallback ${backend.adapter.isFallbackAdapter}; timestamps ${backend.adapter.timestampQuery}`);
  if (backend.slow && !allowFallback) throw new Error(`the adapter is a software fallback (${backend.adapter.label}), not a GPU: pass --allow-fallback for a local test`);

  const report = {
    started: new Date().toISOString(),
    bundle: BUILT,
    profile,
    hiddenSeed: HIDDEN_SEED,
    adapter: backend.adapter,
    roofline: null as unknown,
    rows: [] as Row[],
    agreement: [] as (TimingAgreement | { problem: string; error: string })[],
    skipped: [] as string[],
    elapsedS: 0,
    complete: false,
  };
  const save = () => {
    report.elapsedS = (performance.now() - t0) / 1000;
    fs.writeFileSync(path.join(outDir, "bench.json"), JSON.stringify(report, null, 2));
  };
  const log = (r: Row) => {
    const sp = r.speedup != null ? ` ${r.speedup.toFixed(2)}x ${r.baseline}${r.speedupCi ? ` [${r.speedupCi.lo.toFixed(2)}, ${r.speedupCi.hi.toFixed(2)}]` : ""}` : "";
    const tm =
      r.medianMs != null
        ? ` ${r.medianMs.toPrecision(4)} ms (p10 ${r.p10Ms!.toPrecision(4)}, p90 ${r.p90Ms!.toPrecision(4)}, CI ${r.ciLowMs?.toPrecision(4)}-${r.ciHighMs?.toPrecision(4)}), ${r.gflops!.toPrecision(4)} GFLOP/s, ${r.gbps!.toPrecision(4)} GB/s${r.rooflinePct != null ? `, ${r.rooflinePct.toFixed(1)}% roofline` : ""}`
        : "";
    console.error(`[${((performance.now() - t0) / 1000).toFixed(0)}s] ${r.problem} ${r.solution}: ${r.verdict}${tm}${sp}`);
    if (r.verdict !== "pass") console.error(`  ${r.message}`);
  };

  for (const base of kernelProblems) {
    if (only && !only.includes(base.id)) continue;
    if (left() < 30) {
      report.skipped.push(`${base.id}: deadline`);
      continue;
    }
    const problem = memoized(base);
    const naive = readKernelFile(base.id, base.files.naive);
    const fast = readKernelFile(base.id, base.files.fast);
    const grade = async (solution: string, file: string, source: string, baseline: Row["baseline"], baselineSource?: string, timing = true) => {
      const r = await gradeAttempt(backend, problem, source, { profile, hiddenSeed: HIDDEN_SEED, timeBudgetMs, timing, naiveSource: baselineSource });
      if (!report.roofline && r.roofline) report.roofline = r.roofline;
      const row = toRow(base.id, solution, file, baseline, r);
      report.rows.push(row);
      log(row);
      save();
    };
    await grade("naive", `kernels/${base.id}/${base.files.naive}`, naive, null, undefined, false);
    await grade("fast", `kernels/${base.id}/${base.files.fast}`, fast, "naive", naive);
    const vdir = variantsDir ? path.join(variantsDir, base.id) : null;
    if (vdir && fs.existsSync(vdir)) {
      for (const f of fs.readdirSync(vdir).filter((x) => x.endsWith(".wgsl")).sort()) {
        if (left() < 20) {
          report.skipped.push(`${base.id} variant ${f}: deadline`);
          continue;
        }
        await grade(`variant:${f}`, path.join(vdir, f), fs.readFileSync(path.join(vdir, f), "utf8"), "fast", fast);
      }
    }
    if (agreementIds.includes(base.id)) {
      if (left() < 20) report.skipped.push(`${base.id} agreement: deadline`);
      else {
        try {
          const a = await timingAgreement(backend, problem, fast, { profile, hiddenSeed: HIDDEN_SEED, timeBudgetMs });
          report.agreement.push(a);
          console.error(
            `[${((performance.now() - t0) / 1000).toFixed(0)}s] ${base.id} timed twice: ${a.firstMs.toPrecision(4)} ms then ${a.secondMs.toPrecision(4)} ms (gap ${(a.sequentialGap * 100).toFixed(1)}%), ` +
              `interleaved A/A ratio ${a.interleaved.median.toFixed(3)} [${a.interleaved.lo.toFixed(3)}, ${a.interleaved.hi.toFixed(3)}] over ${a.interleaved.rounds} rounds: ${a.agree ? "AGREE" : "DISAGREE"} within ${a.tolerance * 100}%`,
          );
        } catch (e) {
          report.agreement.push({ problem: base.id, error: (e as Error).message });
        }
        save();
      }
    }
  }
  report.complete = true;
  save();
  console.log(JSON.stringify({ adapter: report.adapter.label, roofline: report.roofline, rows: report.rows.length, agreement: report.agreement, skipped: report.skipped }, null, 2));
  process.exit(report.rows.every((r) => r.verdict === "pass") ? 0 : 1);
}

main().catch((e) => {
  console.error(`dawn bench failed: ${(e as Error).stack ?? e}`);
  process.exit(2);
});

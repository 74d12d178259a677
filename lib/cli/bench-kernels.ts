/**
 * npm run bench:kernels [-- --repeat N] [--budget-ms N] [--json]
 *
 * Both backends in one run, on the same cases: every problem's naive and fast reference solutions on the
 * `cpu` profile's timing case, prepared on the CPU fallback (the WGSL translated to JavaScript, workgroups over
 * worker threads) and on WebGPU (SwiftShader here, a real GPU elsewhere) in the same headless browser and timed
 * in interleaved rounds. Prints per kernel the CPU fallback's throughput relative to WebGPU (WebGPU ms / CPU
 * ms per round: above 1 the fallback is faster), as the median of the `repeat` runs' medians, with each run's
 * figure and confidence interval, and each backend's fast/naive speed-up.
 */
import { benchBackendsHeadless, type BackendBenchRow } from "@/lib/gpu/run-headless";

const args = process.argv.slice(2);
const json = args.includes("--json");
const num = (flag: string, d: number) => {
  const i = args.indexOf(flag);
  return i >= 0 ? Math.max(1, Number(args[i + 1]) || d) : d;
};
const repeat = num("--repeat", 3);
const budget = num("--budget-ms", 1500);

const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const f = (x: number) => (Number.isFinite(x) ? x.toPrecision(3) : "-");

function summarize(rows: BackendBenchRow[]) {
  const keys = [...new Set(rows.map((r) => `${r.problem}\t${r.solution}`))];
  return keys.map((k) => {
    const [problem, solution] = k.split("\t");
    const mine = rows.filter((r) => r.problem === problem && r.solution === solution);
    return {
      problem,
      solution,
      case: mine[0].case,
      webgpuMs: median(mine.map((r) => r.webgpuMs)),
      cpuMs: median(mine.map((r) => r.cpuMs)),
      cpuOverWebgpu: median(mine.map((r) => r.cpuOverWebgpu)),
      runs: mine.map((r) => ({ ratio: r.cpuOverWebgpu, lo: r.ciLo, hi: r.ciHi, rounds: r.rounds })),
      correct: mine.every((r) => r.webgpuPass && r.cpuPass),
      adapter: mine[0].adapter,
      cpuLabel: mine[0].cpuLabel,
    };
  });
}

benchBackendsHeadless({ repeat, timeBudgetMs: budget, onRow: json ? undefined : (r) => console.error(`  ${r.problem} ${r.solution} (run ${r.run + 1}): webgpu ${f(r.webgpuMs)} ms, cpu ${f(r.cpuMs)} ms, cpu/webgpu ${f(r.cpuOverWebgpu)}x [${f(r.ciLo)}, ${f(r.ciHi)}]`) }).then(
  (rows) => {
    const out = summarize(rows);
    if (json) console.log(JSON.stringify({ repeat, budgetMs: budget, rows: out }, null, 2));
    else {
      console.log(`\nCPU fallback (${out[0]?.cpuLabel ?? "?"}) vs WebGPU (${out[0]?.adapter ?? "?"})`);
      console.log(`cpu-profile timing cases, interleaved rounds; median of ${repeat} runs (each run's ratio and its confidence interval after it)`);
      console.log(`${"problem".padEnd(24)} ${"solution".padEnd(8)} ${"case".padEnd(20)} ${"webgpu ms".padStart(10)} ${"cpu ms".padStart(10)} ${"cpu/webgpu".padStart(11)}  per run`);
      for (const o of out) {
        console.log(
          `${o.problem.padEnd(24)} ${o.solution.padEnd(8)} ${o.case.padEnd(20)} ${f(o.webgpuMs).padStart(10)} ${f(o.cpuMs).padStart(10)} ${(f(o.cpuOverWebgpu) + "x").padStart(11)}  ${o.runs.map((x) => `${x.ratio.toFixed(2)} [${x.lo.toFixed(2)}-${x.hi.toFixed(2)}]`).join("  ")}` +
            (o.correct ? "" : "  [A BACKEND GOT IT WRONG]"),
        );
      }
      console.log("\nfast/naive speed-up on each backend (same cases):");
      for (const p of [...new Set(out.map((o) => o.problem))]) {
        const n = out.find((o) => o.problem === p && o.solution === "naive");
        const fa = out.find((o) => o.problem === p && o.solution === "fast");
        if (n && fa) console.log(`  ${p.padEnd(24)} webgpu ${f(n.webgpuMs / fa.webgpuMs)}x, cpu ${f(n.cpuMs / fa.cpuMs)}x`);
      }
    }
    process.exit(rows.every((r) => r.webgpuPass && r.cpuPass) ? 0 : 1);
  },
  (e) => {
    console.error(`bench:kernels: harness failure: ${(e as Error).message}`);
    process.exit(2);
  },
);

/**
 * npm run bench:kernels [-- --repeat N] [--json]
 *
 * Both backends in one run, on the same cases: every problem's naive and fast reference solutions on the
 * `cpu` profile's timing case, timed on WebGPU (SwiftShader here, a real GPU elsewhere) and on the CPU
 * fallback (the WGSL translated to JavaScript) in the same headless browser, interleaved, `repeat` times.
 * Prints per kernel the medians and the CPU fallback's throughput relative to WebGPU (WebGPU ms / CPU ms:
 * above 1 the fallback is faster), the median over the repeats, and each backend's fast/naive speedup.
 */
import { benchBackendsHeadless, type BackendBenchRow } from "@/lib/gpu/run-headless";

const args = process.argv.slice(2);
const json = args.includes("--json");
const repeatArg = args.indexOf("--repeat");
const repeat = repeatArg >= 0 ? Math.max(1, Number(args[repeatArg + 1]) || 3) : 3;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const f = (x: number) => (Number.isFinite(x) ? x.toPrecision(3) : "-");

function summarize(rows: BackendBenchRow[]) {
  const keys = [...new Set(rows.map((r) => `${r.problem}\t${r.solution}`))];
  return keys.map((k) => {
    const [problem, solution] = k.split("\t");
    const mine = rows.filter((r) => r.problem === problem && r.solution === solution);
    const ratios = mine.map((r) => r.webgpuMs / r.cpuMs).filter(Number.isFinite);
    return {
      problem,
      solution,
      case: mine[0].case,
      webgpuMs: median(mine.map((r) => r.webgpuMs)),
      cpuMs: median(mine.map((r) => r.cpuMs)),
      cpuOverWebgpu: median(ratios),
      ratios,
      verdicts: [...new Set(mine.flatMap((r) => [r.webgpuVerdict, r.cpuVerdict]))],
      adapter: mine[0].adapter,
    };
  });
}

benchBackendsHeadless({ repeat, onRow: json ? undefined : (r) => console.error(`  ${r.problem} ${r.solution} (run ${r.run + 1}): webgpu ${f(r.webgpuMs)} ms, cpu ${f(r.cpuMs)} ms`) }).then(
  (rows) => {
    const out = summarize(rows);
    if (json) console.log(JSON.stringify({ repeat, rows: out }, null, 2));
    else {
      console.log(`\nCPU fallback vs WebGPU (${out[0]?.adapter ?? "?"}), cpu-profile timing cases, median of ${repeat} interleaved runs`);
      console.log(`${"problem".padEnd(24)} ${"solution".padEnd(8)} ${"case".padEnd(18)} ${"webgpu ms".padStart(10)} ${"cpu ms".padStart(10)} ${"cpu/webgpu".padStart(11)}  per run`);
      for (const o of out) {
        console.log(
          `${o.problem.padEnd(24)} ${o.solution.padEnd(8)} ${o.case.padEnd(18)} ${f(o.webgpuMs).padStart(10)} ${f(o.cpuMs).padStart(10)} ${(f(o.cpuOverWebgpu) + "x").padStart(11)}  ${o.ratios.map((x) => x.toFixed(2)).join(" ")}` +
            (o.verdicts.some((v) => v !== "pass") ? `  [${o.verdicts.join(", ")}]` : ""),
        );
      }
      console.log("\nfast/naive speedup on each backend (same cases):");
      for (const p of [...new Set(out.map((o) => o.problem))]) {
        const n = out.find((o) => o.problem === p && o.solution === "naive");
        const fa = out.find((o) => o.problem === p && o.solution === "fast");
        if (n && fa) console.log(`  ${p.padEnd(24)} webgpu ${f(n.webgpuMs / fa.webgpuMs)}x, cpu ${f(n.cpuMs / fa.cpuMs)}x`);
      }
    }
    process.exit(rows.every((r) => r.webgpuVerdict === "pass" && r.cpuVerdict === "pass") ? 0 : 1);
  },
  (e) => {
    console.error(`bench:kernels: harness failure: ${(e as Error).message}`);
    process.exit(2);
  },
);

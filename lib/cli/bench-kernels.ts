/**
 * npm run bench:kernels [-- --backend webgpu|cpu] [--json]
 * Times every problem's naive and fast reference solutions on the same case and reports fast/naive speedups.
 */
import { benchReferencesHeadless } from "@/lib/gpu/run-headless";

const json = process.argv.includes("--json");
const backend = process.argv.includes("cpu") ? "cpu" : "webgpu";

benchReferencesHeadless({ backend }).then(
  (rows) => {
    const out = rows
      .filter((r) => r.solution === "fast")
      .map((r) => {
        const naive = rows.find((x) => x.problem === r.problem && x.solution === "naive")!.result;
        return {
          problem: r.problem,
          case: r.result.timing?.case ?? null,
          naiveMs: naive.timing?.medianMs ?? null,
          fastMs: r.result.timing?.medianMs ?? null,
          speedup: r.result.timing?.speedupOverNaive ?? null,
          fastRooflineFraction: r.result.timing?.rooflineFraction ?? null,
          adapter: r.result.adapter.label,
        };
      });
    if (json) console.log(JSON.stringify(out, null, 2));
    else
      for (const o of out) {
        console.log(
          `${o.problem.padEnd(24)} ${o.case ?? "-"}: naive ${o.naiveMs?.toPrecision(3) ?? "-"} ms, fast ${o.fastMs?.toPrecision(3) ?? "-"} ms, speedup ${o.speedup?.toFixed(2) ?? "-"}x` +
            (o.fastRooflineFraction !== null ? `, fast at ${(o.fastRooflineFraction * 100).toFixed(1)}% of roofline` : "") +
            `  [${o.adapter}]`,
        );
      }
    process.exit(rows.every((r) => r.result.verdict === "pass") ? 0 : 1);
  },
  (e) => {
    console.error(`bench:kernels: harness failure: ${(e as Error).message}`);
    process.exit(2);
  },
);

/**
 * The kernel harness on Dawn for Node (the `webgpu` npm package: the same Dawn that Chromium's WebGPU
 * uses), for GPU machines where a browser cannot be installed. Bundled by lib/cli/bench-kernels-dawn.ts
 * into one file; run as `node bundle.mjs [--profile full|reduced] [--json]` with `webgpu` resolvable.
 * Same driver, same cases, same roofline micro-benchmarks as the browser and the CLI.
 */
import { getKernelProblem, kernelProblemIds } from "@/kernels";
import attentionPrefillFast from "@/kernels/attention-prefill/fast.wgsl";
import attentionPrefillNaive from "@/kernels/attention-prefill/naive.wgsl";
import kvAppendFast from "@/kernels/kv-cache-append/fast.wgsl";
import kvAppendNaive from "@/kernels/kv-cache-append/naive.wgsl";
import decodeFast from "@/kernels/paged-decode-attention/fast.wgsl";
import decodeNaive from "@/kernels/paged-decode-attention/naive.wgsl";
import bandwidth from "./bench/bandwidth.wgsl";
import fma from "./bench/fma.wgsl";
import { gradeAttempt } from "./driver";
import { WebGpuBackend } from "./webgpu-backend";

const sources: Record<string, { naive: string; fast: string }> = {
  "attention-prefill": { naive: attentionPrefillNaive, fast: attentionPrefillFast },
  "paged-decode-attention": { naive: decodeNaive, fast: decodeFast },
  "kv-cache-append": { naive: kvAppendNaive, fast: kvAppendFast },
};

async function main() {
  const args = process.argv.slice(2);
  const profile = (args.includes("--profile") ? args[args.indexOf("--profile") + 1] : "full") as "full" | "reduced";
  const json = args.includes("--json");
  // @ts-expect-error: optional dependency, present on the machine that runs this bundle
  const webgpu = await import("webgpu");
  Object.assign(globalThis, webgpu.globals);
  // Dawn quantizes timestamps to 65.5 us by default (as Chromium does without developer features); the
  // harness would detect it and fall back to the wall clock, but nanosecond timestamps are what a bench wants.
  const gpu = webgpu.create(["enable-dawn-features=allow_unsafe_apis", "disable-dawn-features=timestamp_quantization"]);
  const backend = await WebGpuBackend.create(gpu, { bandwidth, fma });
  if (!backend) throw new Error("Dawn found no WebGPU adapter (is a Vulkan driver installed?)");
  const rows = [];
  for (const id of kernelProblemIds) {
    const problem = getKernelProblem(id)!;
    for (const solution of ["naive", "fast"] as const) {
      const r = await gradeAttempt(backend, problem, sources[id][solution], {
        profile,
        timeBudgetMs: 3000,
        naiveSource: solution === "fast" ? sources[id].naive : undefined,
      });
      const t = r.timing;
      rows.push({
        problem: id,
        solution,
        verdict: r.verdict,
        case: t?.case,
        medianMs: t?.medianMs,
        p10Ms: t?.p10Ms,
        p90Ms: t?.p90Ms,
        cv: t?.cv,
        gflops: t?.gflops,
        gbps: t?.gbps,
        rooflinePct: t?.rooflineFraction != null ? t.rooflineFraction * 100 : null,
        speedup: t?.speedupOverNaive ?? null,
        method: t?.method,
        impossible: t?.impossible,
      });
      if (!json) console.error(`${id} ${solution}: ${r.verdict} ${t ? `${t.medianMs.toFixed(4)} ms ${t.gflops.toFixed(1)} GFLOP/s ${t.gbps.toFixed(1)} GB/s` : ""}`);
      if (r.verdict !== "pass") console.error(`  ${r.message}`);
      if (!rows.find((x) => x.problem === "roofline") && r.roofline) rows.push({ problem: "roofline", solution: "measured", ...r.roofline, adapter: r.adapter } as never);
    }
  }
  console.log(JSON.stringify(rows, null, json ? 2 : 0));
  process.exit(0);
}

main().catch((e) => {
  console.error(`dawn bench failed: ${(e as Error).stack ?? e}`);
  process.exit(2);
});

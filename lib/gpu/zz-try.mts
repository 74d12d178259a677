import { openHeadlessHarness } from "@/lib/gpu/headless";
import { readKernelFile } from "@/kernels/files";
const s = await openHeadlessHarness({ backend: "webgpu" });
try {
  console.log(JSON.stringify(await s.info()));
  for (const [pid, f] of [["attention-prefill", "naive.wgsl"], ["attention-prefill", "fast.wgsl"], ["paged-decode-attention", "naive.wgsl"], ["paged-decode-attention", "fast.wgsl"], ["kv-cache-append", "naive.wgsl"], ["kv-cache-append", "fast.wgsl"]]) {
    const t0 = Date.now();
    const r = await s.check({ problemId: pid, source: readKernelFile(pid, f), backend: "webgpu", options: { roofline: false } });
    console.log(pid, f, r.verdict, r.message, Date.now() - t0, "ms");
  }
} finally { await s.close(); }

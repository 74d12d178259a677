import { describe, expect, it } from "vitest";
import { kernelProblems } from "@/kernels";
import { readKernelFile } from "@/kernels/files";
import { CpuBackend } from "./cpu-backend";
import { gradeAttempt } from "./driver";
import { checkKernelHeadless } from "./run-headless";
import { translateWgsl } from "./wgsl-to-js";

// The CPU fallback runs the attempt's own WGSL (translated to JavaScript) on the small `cpu` cases.
const cpu = new CpuBackend();

describe("CPU fallback (WGSL translated to JavaScript)", () => {
  for (const p of kernelProblems) {
    for (const solution of ["naive", "fast"] as const) {
      it(`${p.id} ${solution} passes on the CPU, with projections onto target GPUs`, async () => {
        const r = await gradeAttempt(cpu, p, readKernelFile(p.id, p.files[solution]), { timeBudgetMs: 100 });
        expect(r.verdict, r.message).toBe("pass");
        expect(r.backend).toBe("cpu");
        expect(r.profile).toBe("cpu");
        expect(r.timing!.method).toBe("cpu-clock");
        expect(r.projections!.map((x) => x.gpu)).toEqual(["h100-sxm", "a100-sxm-80gb", "l4"]);
        expect(r.cpuReference!.ms).toBeGreaterThanOrEqual(0);
      }, 30_000);
    }
    for (const w of p.files.wrong) {
      it(`${p.id} ${w.file} is rejected on the CPU too: ${w.verdict}`, async () => {
        const r = await gradeAttempt(cpu, p, readKernelFile(p.id, w.file), { timing: false, runTimeoutMs: 1500 });
        expect(r.verdict, r.message).toBe(w.verdict);
      }, 30_000);
    }
  }

  it("translates integer semantics the way WGSL defines them", () => {
    const k = translateWgsl(`
struct P { a: u32, b: f32 }
@group(0) @binding(0) var<uniform> params: P;
@group(0) @binding(1) var<storage, read_write> o: array<u32>;
@group(0) @binding(2) var<storage, read_write> f: array<vec4<f32>>;
@compute @workgroup_size(1)
fn main() {
  o[0] = params.a - 5u;          // wraps
  o[1] = 7u / 2u;
  o[2] = u32(-3.5);              // saturates to 0
  o[3] = 0xFFFFFFFFu * 3u;       // wraps
  var i = 0u;
  loop { i += 1u; if (i == 3u) { continue; } if (i > 5u) { break; } o[4] += i; }
  f[0] = vec4<f32>(1.0, 2.0, 3.0, 4.0) * params.b + vec4f(0.5);
  f[1] = vec4<f32>(exp(100.0));  // f32 overflow
}`);
    const o = new Uint32Array(5);
    const f = new Float32Array(8);
    k.instantiate({ 1: o, 2: f }, { a: 2, b: 2 }, [1, 1, 1]).run(0, 1, 1, performance.now() + 1000);
    expect(Array.from(o)).toEqual([4294967293, 3, 0, 4294967293, 1 + 2 + 4 + 5]);
    expect(Array.from(f.slice(0, 4))).toEqual([2.5, 4.5, 6.5, 8.5]);
    expect(f[4]).toBe(Infinity);
  });

  it("runs in a browser without WebGPU (no adapter): backend cpu", async () => {
    const r = await checkKernelHeadless("kv-cache-append", readKernelFile("kv-cache-append", "naive.wgsl"), { backend: "cpu", speedup: false, timeBudgetMs: 100 });
    expect(r.backend).toBe("cpu");
    expect(r.verdict, r.message).toBe("pass");
    expect(r.adapter.label).toMatch(/CPU fallback/);
  }, 60_000);
});

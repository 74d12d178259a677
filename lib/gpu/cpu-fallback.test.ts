import { describe, expect, it } from "vitest";
import { kernelProblems } from "@/kernels";
import { readKernelFile } from "@/kernels/files";
import { getKernelProblem } from "@/kernels";
import { CpuBackend } from "./cpu-backend";
import { nodeWorkerPlatform } from "./cpu-workers-node";
import { gradeAttempt, timingAgreement } from "./driver";
import { checkKernelHeadless } from "./run-headless";
import { translateWgsl } from "./wgsl-to-js";

// The CPU fallback runs the attempt's own WGSL (translated to JavaScript) on the small `cpu` cases.
const cpu = new CpuBackend();

describe("CPU fallback (WGSL translated to JavaScript)", () => {
  for (const p of kernelProblems) {
    for (const solution of ["naive", "fast"] as const) {
      it(`${p.id} ${solution} passes on the CPU; no GPU projection for a case this small, and it says why`, async () => {
        const r = await gradeAttempt(cpu, p, readKernelFile(p.id, p.files[solution]), { timeBudgetMs: 100 });
        expect(r.verdict, r.message).toBe("pass");
        expect(r.backend).toBe("cpu");
        expect(r.profile).toBe("cpu");
        expect(r.timing!.method).toBe("cpu-clock");
        expect(r.projections).toEqual([]);
        expect(r.projectionNote).toMatch(/launch overhead/);
        expect(r.timing!.measuredOn).toBe("cpu");
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

  // Barriers as phases: what a GPU guarantees about workgroup memory and uniform control flow.
  const run1 = (src: string, n: number, grid: [number, number, number] = [1, 1, 1]) => {
    const o = new Float32Array(n);
    const u = new Uint32Array(n);
    translateWgsl(src).instantiate({ 1: o, 2: u }, { n }, grid).run(0, grid[0] * grid[1] * grid[2], 1, performance.now() + 5000);
    return { o, u };
  };
  const head = `struct P { n: u32 }
@group(0) @binding(0) var<uniform> params: P;
@group(0) @binding(1) var<storage, read_write> o: array<f32>;
@group(0) @binding(2) var<storage, read_write> u: array<u32>;
`;

  it("workgroup memory and barriers: a tree reduction in a loop around barriers, two workgroups", () => {
    const { o } = run1(
      head +
        `var<workgroup> part: array<f32, 64>;
@compute @workgroup_size(64)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let me = f32(lid.x + 1u) * f32(wid.x + 1u);
  part[lid.x] = me;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (lid.x < s) {
      part[lid.x] += part[lid.x + s];
    }
    workgroupBarrier();
  }
  if (lid.x == 0u) {
    o[wid.x] = part[0];
  }
}`,
      2,
      [2, 1, 1],
    );
    expect(Array.from(o)).toEqual([2080, 4160]);
  });

  it("values that outlive a barrier keep per-invocation state; a uniform break leaves the loop for all", () => {
    const { o, u } = run1(
      head +
        `var<workgroup> flag: u32;
@compute @workgroup_size(8)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  var acc = vec2<f32>(f32(lid.x), 1.0);
  var rounds = 0u;
  loop {
    if (lid.x == 0u) {
      flag = rounds;
    }
    workgroupBarrier();
    let f = workgroupUniformLoad(&flag);
    if (f >= 3u) {
      break;
    }
    acc = acc * 2.0 + vec2<f32>(0.0, f32(lid.x)).yx;
    rounds += 1u;
    workgroupBarrier();
  }
  o[lid.x] = acc.x + acc.y;
  u[lid.x] = rounds;
}`,
      8,
    );
    // acc.x: x*8 + x*(4+2+1) = 15x; acc.y: 8.
    expect(Array.from(o)).toEqual(Array.from({ length: 8 }, (_, x) => 15 * x + 8));
    expect(Array.from(u)).toEqual(Array(8).fill(3));
  });

  it("a barrier in control flow that differs between invocations is reported, not silently miscomputed", async () => {
    const p = getKernelProblem("kv-cache-append")!;
    const src = readKernelFile("kv-cache-append", "naive.wgsl").replace(
      "  let idx = gid.x;",
      "  let idx = gid.x;\n  if (idx % 2u == 0u) {\n    workgroupBarrier();\n  }",
    );
    const r = await gradeAttempt(cpu, p, src, { timing: false });
    expect(r.verdict).toBe("fail-compile");
    expect(r.message).toMatch(/differs between invocations/);
  });

  it("vectors, swizzles, helper functions returning vectors and arrays, packed int8 built-ins", () => {
    const { o, u } = run1(
      head +
        `struct Acc { m: f32, v: vec2<f32> }
fn pair(a: vec4<f32>) -> vec4<f32> { return a.wzyx * vec4<f32>(1.0, 2.0, 3.0, 4.0); }
fn three(x: f32) -> array<f32, 3> { var r: array<f32, 3>; r[0] = x; r[1] = x * 2.0; r[2] = x * 3.0; return r; }
@compute @workgroup_size(1)
fn main() {
  let v = pair(vec4<f32>(1.0, 2.0, 3.0, 4.0));
  o[0] = v.x; o[1] = v.y; o[2] = v.z; o[3] = v.w;
  let t = three(2.0);
  let t2 = three(5.0);
  o[4] = t[2] + t2[0];
  var a = Acc(1.5, vec2<f32>(2.0, 3.0));
  a.v.y = 7.0;
  o[5] = a.m + a.v.x + a.v.y;
  var w = vec3<f32>(1.0, 2.0, 3.0);
  let i = params.n - 13u;
  o[6] = w[i];
  u[0] = u32(dot4I8Packed(0xFF02FF01u, 0x01010101u) + 10);
  let q = unpack4xI8(0x80FF7F01u);
  u[1] = u32(q.x + 200); u[2] = u32(q.y + 200); u[3] = u32(q.z + 200); u[4] = u32(q.w + 200);
  u[5] = select(1u, 2u, all(vec2<f32>(1.0, 2.0) < vec2<f32>(2.0, 3.0)));
}`,
      14,
    );
    expect(Array.from(o.slice(0, 7))).toEqual([4, 6, 6, 4, 11, 10.5, 2]);
    // dot4I8Packed: 1 - 1 + 2 - 1 = 1; unpack4xI8: 1, 127, -1, -128.
    expect(Array.from(u.slice(0, 6))).toEqual([11, 201, 327, 199, 72, 2]);
  });

  it("spreads workgroups over worker threads, shared memory and copied outputs alike, with the same results", async () => {
    const p = getKernelProblem("attention-prefill")!;
    const src = readKernelFile("attention-prefill", "fast.wgsl");
    const single = await gradeAttempt(cpu, p, src, { timing: false, hiddenSeed: 9 });
    for (const shared of [true, false]) {
      const pooled = new CpuBackend({ workers: { ...nodeWorkerPlatform(2), shared }, threads: "workers" });
      expect(pooled.adapter.label).toMatch(/2 worker threads/);
      const r = await gradeAttempt(pooled, p, src, { timing: false, hiddenSeed: 9 });
      expect(r.verdict, r.message).toBe("pass");
      expect(r.cases.map((c) => c.maxAbsError)).toEqual(single.cases.map((c) => c.maxAbsError));
      const hang = await gradeAttempt(pooled, p, readKernelFile("attention-prefill", "wrong/never-terminates.wgsl"), { timing: false, runTimeoutMs: 1000 });
      expect(hang.verdict).toBe("fail-timeout");
    }
  }, 60_000);

  it("the same kernel timed twice agrees exactly under the deterministic cost model (the timing method's own check)", async () => {
    const p = getKernelProblem("paged-decode-attention")!;
    const a = await timingAgreement(new CpuBackend({ costModel: true }), p, readKernelFile(p.id, p.files.fast), { timeBudgetMs: 50, warmupMs: 0 });
    expect(a.measuredOn).toBe("cpu");
    expect(a.firstMs).toBeGreaterThan(0);
    expect(a.sequentialGap).toBe(0);
    expect(a.interleaved.median).toBe(1);
    expect(a.interleaved.rounds).toBeGreaterThanOrEqual(5);
    expect(a.agree).toBe(true);
  }, 30_000);

  it("runs in a browser without WebGPU (no adapter): backend cpu", async () => {
    const r = await checkKernelHeadless("kv-cache-append", readKernelFile("kv-cache-append", "naive.wgsl"), { backend: "cpu", speedup: false, timeBudgetMs: 100 });
    expect(r.backend).toBe("cpu");
    expect(r.verdict, r.message).toBe("pass");
    expect(r.adapter.label).toMatch(/CPU fallback/);
  }, 60_000);
});

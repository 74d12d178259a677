import { describe, expect, it } from "vitest";
import { kernelProblems, getKernelProblem } from "@/kernels";
import { readKernelFile } from "@/kernels/files";
import { checkContract } from "./contract";
import { compareOutput } from "./compare";
import { CONTRACT_TOLERANCE } from "@/kernels";

describe("contract checker on every problem's files", () => {
  for (const p of kernelProblems) {
    for (const f of [p.files.starter, p.files.naive, p.files.fast]) {
      it(`${p.id}/${f} meets the contract`, () => {
        const r = checkContract(p, readKernelFile(p.id, f));
        expect(r.ok ? "ok" : r.message).toBe("ok");
      });
    }
    for (const w of p.files.wrong) {
      // Dispatch sizes are checked per case, against the device limit, not from the source alone.
      const sourceLevel = w.verdict === "fail-contract" && !w.file.includes("dispatch-too-large");
      it(`${p.id}/${w.file} ${sourceLevel ? "is rejected" : "passes the source checks"}`, () => {
        const r = checkContract(p, readKernelFile(p.id, w.file));
        expect(r.ok).toBe(!sourceLevel);
      });
    }
  }
});

describe("contract messages say what is wrong", () => {
  const p = getKernelProblem("attention-prefill")!;
  const naive = readKernelFile(p.id, "naive.wgsl");
  it.each([
    [naive.replace("var<storage, read> k: array<f32>", "var<storage, read> k: array<i32>"), /Binding 2 \(k\) has element type i32/],
    [naive.replace("var<storage, read> q: array<f32>", "var<storage, read> q: array<vec4<f32>>"), null],
    [naive.replace("var<storage, read> q: array<f32>", "var<storage> q: array<f32>"), null],
    [naive.replace("var<storage, read_write> out", "var<storage, read> out"), /Binding 4 \(out\) is declared read; the contract makes it read_write/],
    [naive.replace("var<storage, read> v", "var<storage, read_write> v"), /Binding 3 \(v\) is declared read_write/],
    [naive.replace("@group(0) @binding(3) var<storage, read> v: array<f32>;", ""), /Binding 3 \(v\) is not declared/],
    [naive.replace("  scale: f32,\n", ""), /exactly the fields \{ H: u32, S: u32, D: u32, scale: f32 \}/],
    [naive.replace("scale: f32", "scale: u32"), /found \{ H: u32, S: u32, D: u32, scale: u32 \}/],
    [naive.replace("var<uniform> params", "var<storage, read> params"), /Binding 0 must be `var<uniform> params/],
    [naive.replace("fn main(", "fn entry("), /must be named main \(found entry\)/],
    [naive + "\n@group(1) @binding(0) var<storage, read> extra: array<f32>;\n", /in @group\(1\)/],
    [naive + "\n@group(0) @binding(9) var<storage, read> extra: array<f32>;\n", /@binding\(9\) \(extra\) is not part/],
  ])("case %#", (src, re) => {
    const r = checkContract(p, src);
    if (re === null) expect(r.ok ? "ok" : r.message).toBe("ok");
    else expect(r.ok ? "ok" : r.message).toMatch(re);
  });
});

describe("output comparison", () => {
  const tol = CONTRACT_TOLERANCE;
  it("accepts errors inside atol + rtol|ref| and rejects NaN", () => {
    const ref = { expected: Float64Array.from([1, -2, 0]) };
    expect(compareOutput("out", Float32Array.from([1.0005, -2.001, 0.0001]), ref, tol).pass).toBe(true);
    const r = compareOutput("out", Float32Array.from([1, NaN, 0]), ref, tol);
    expect(r.pass).toBe(false);
    expect(r.detail).toMatch(/1 NaN/);
  });
  it("rejects a small error everywhere through the relative L2 bound", () => {
    const n = 1000;
    const e = Float64Array.from({ length: n }, () => 1);
    const a = Float32Array.from({ length: n }, () => 1.0019);
    const r = compareOutput("out", a, { expected: e }, tol);
    expect(r.pass).toBe(false);
    expect(r.detail).toMatch(/relative L2/);
  });
  it("requires untouched in-place elements to be bit-identical", () => {
    const initial = Float32Array.from([5, 6, 7]);
    const ref = { expected: Float64Array.from([5, 1, 7]), written: Uint8Array.from([0, 1, 0]) };
    expect(compareOutput("k_cache", Float32Array.from([5, 1, 7]), ref, tol, initial).pass).toBe(true);
    const r = compareOutput("k_cache", Float32Array.from([5, 1, 7.000001]), ref, tol, initial);
    expect(r.pass).toBe(false);
    expect(r.detail).toMatch(/must not touch changed/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kernelProblems } from "@/kernels";
import { readKernelFile } from "@/kernels/files";
import { openHeadlessHarness, type HeadlessSession } from "./headless";
import { IMPOSSIBLE_FACTOR } from "./metrics";

// Headless Chromium with WebGPU on SwiftShader (no GPU needed): one browser for the whole file.
// Reduced cases (the `reduced` profile) keep the file well under a minute on two cores.
let session: HeadlessSession;

beforeAll(async () => {
  session = await openHeadlessHarness({ backend: "webgpu" });
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe("WebGPU harness on SwiftShader", () => {
  it("finds an adapter and reports it", async () => {
    const info = await session.info();
    expect(info.webgpu).toBe(true);
    expect(info.adapter?.isFallbackAdapter).toBe(true);
    expect(info.adapter?.label).toMatch(/SwiftShader/);
  });

  for (const p of kernelProblems) {
    for (const solution of ["naive", "fast"] as const) {
      it(`${p.id} ${solution} reference passes, timed, with metrics`, async () => {
        const r = await session.check({
          problemId: p.id,
          source: readKernelFile(p.id, p.files[solution]),
          backend: "webgpu",
          options: { profile: "reduced", timeBudgetMs: 200, hiddenSeed: 1234 },
        });
        expect(r.message).toMatch(/passed/);
        expect(r.verdict).toBe("pass");
        expect(r.backend).toBe("webgpu");
        expect(r.cases.filter((c) => c.timed)).toHaveLength(1);
        expect(r.timing!.medianMs).toBeGreaterThan(0);
        expect(r.timing!.p10Ms).toBeLessThanOrEqual(r.timing!.p90Ms);
        expect(r.timing!.method).toBe("timestamp-query");
        expect(r.roofline!.gbps).toBeGreaterThan(0);
        expect(r.timing!.rooflineFraction).toBeGreaterThan(0);
        // "Impossible" is the roofline check, applied as specified. Whether it fires here is not a property of the
        // reference: SwiftShader's roofline is a DRAM copy on a loaded CPU, and a small kernel whose data sits in
        // the CPU's cache can beat it (seen for kv-cache-append's 2 MB under load). metrics.test.ts covers the rule.
        expect(r.timing!.impossible).toBe(r.timing!.rooflineFraction! > IMPOSSIBLE_FACTOR);
      }, 90_000);
    }

    for (const w of p.files.wrong.filter((x) => x.verdict !== "fail-timeout")) {
      it(`${p.id} ${w.file} is rejected: ${w.verdict} (${w.why})`, async () => {
        const r = await session.check({
          problemId: p.id,
          source: readKernelFile(p.id, w.file),
          backend: "webgpu",
          options: { profile: "reduced", timing: false },
        });
        expect(r.verdict, r.message).toBe(w.verdict);
        expect(r.message.length).toBeGreaterThan(10);
      }, 60_000);
    }

    it(`${p.id} starter compiles and meets the contract but is not correct yet`, async () => {
      const r = await session.check({ problemId: p.id, source: readKernelFile(p.id, p.files.starter), backend: "webgpu", options: { profile: "reduced", timing: false } });
      expect(r.verdict).toBe("fail-wrong");
    }, 60_000);
  }

  // The wall-clock path (taken where timestamps are missing or quantized, e.g. Dawn's default 65.5 us grid on
  // a real GPU) used to run its fill-only baseline batch after the kernel batch, so the check after the timed
  // runs saw the fills: kv-cache-append's caches without the appended rows, NaN outputs elsewhere.
  for (const id of ["kv-cache-append", "attention-prefill"]) {
    it(`${id}: the wall-clock timing path leaves the last timed run's output for the check`, async () => {
      const p = kernelProblems.find((x) => x.id === id)!;
      const r = await session.check({
        problemId: id,
        source: readKernelFile(id, p.files.fast),
        backend: "webgpu",
        options: { profile: "reduced", timeBudgetMs: 100, hiddenSeed: 99, timingMethod: "submitted-work-done", roofline: false },
      });
      expect(r.verdict, r.message).toBe("pass");
      expect(r.timing!.method).toBe("submitted-work-done");
      expect(r.cases.filter((c) => c.timed && c.pass)).toHaveLength(1);
    }, 90_000);
  }

  it("reports compile errors at the compiler's line and column", async () => {
    const src = readKernelFile("attention-prefill", "wrong/compile-error.wgsl");
    const line = src.split("\n").findIndex((l) => l.includes("let bad: u32")) + 1;
    const r = await session.check({ problemId: "attention-prefill", source: src, backend: "webgpu", options: { timing: false } });
    expect(r.verdict).toBe("fail-compile");
    const err = r.diagnostics.find((d) => d.type === "error")!;
    expect(err.line).toBe(line);
    expect(err.column).toBeGreaterThan(1);
    expect(r.message).toMatch(new RegExp(`line ${line}:`));
  }, 30_000);

  it("rejects a workgroup larger than the device allows as a compile failure, not a crash", async () => {
    const src = readKernelFile("kv-cache-append", "naive.wgsl").replace("@workgroup_size(64)", "@workgroup_size(4096)");
    const r = await session.check({ problemId: "kv-cache-append", source: src, backend: "webgpu", options: { timing: false } });
    expect(["fail-compile"]).toContain(r.verdict);
  }, 30_000);
});

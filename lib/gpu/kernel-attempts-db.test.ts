// Tests db/queries/kernel-attempts.ts (kept beside the harness whose results it stores).
import { describe, expect, it } from "vitest";
import { engines, openTestDb } from "@/tests/support/test-db";
import { createKernelAttempt, getKernelAttemptById, listKernelAttemptsByProblem } from "@/db/queries/kernel-attempts";
import { kernelResultSchema, type KernelResult } from "./result";

const result: KernelResult = kernelResultSchema.parse({
  problem: "kv-cache-append",
  backend: "cpu",
  adapter: { vendor: "cpu", architecture: "javascript", isFallbackAdapter: true, label: "CPU fallback" },
  verdict: "pass",
  message: "ok",
  profile: "cpu",
  diagnostics: [],
  cases: [{ name: "c", shape: { B: 1 }, maxAbsError: 0, relL2: 0, pass: true }],
  timing: null,
  roofline: null,
  elapsedMs: 1,
});

describe.each(engines)("kernel attempts on %s", (engine) => {
  it("stores attempts and lists them newest first without sources", async () => {
    const handle = await openTestDb(engine);
    try {
      const a = await createKernelAttempt({ db: handle.db, attempt: { problemId: "kv-cache-append", source: "// a", backend: "cpu", adapter: result.adapter, verdict: "pass", result } });
      await new Promise((r) => setTimeout(r, 5));
      const b = await createKernelAttempt({ db: handle.db, attempt: { problemId: "kv-cache-append", source: "// b", backend: "cpu", adapter: result.adapter, verdict: "fail-wrong", result: { ...result, verdict: "fail-wrong" } } });
      await createKernelAttempt({ db: handle.db, attempt: { problemId: "attention-prefill", source: "// c", backend: "cpu", verdict: "pass", result } });
      const list = await listKernelAttemptsByProblem({ db: handle.db, problemId: "kv-cache-append" });
      expect(list.map((x) => x.id)).toEqual([b.id, a.id]);
      expect("source" in list[0]).toBe(false);
      expect(kernelResultSchema.parse(list[1].result).verdict).toBe("pass");
      expect((await getKernelAttemptById({ db: handle.db, id: a.id }))?.source).toBe("// a");
      expect(await getKernelAttemptById({ db: handle.db, id: "nope" })).toBeNull();
    } finally {
      await handle.close();
    }
  }, 60_000);
});

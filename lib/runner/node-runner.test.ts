import { afterAll, describe, expect, it } from "vitest";
import { createNodeRunner } from "./node-runner";
import type { Language, RunnerTest } from "./types";

// One runner (one warm Pyodide) for the whole file: a cold start takes seconds.
const runner = createNodeRunner();
afterAll(() => runner.dispose());

const limits = { timeMs: 1000, outputBytes: 1024 };
const exact = { kind: "exact" } as const;
const tests: RunnerTest[] = [
  { name: "small", args: [2], expected: 4 },
  { name: "spin", args: [-1], expected: 0 },
  { name: "after", args: [3], expected: 6 },
];

const code: Record<Language, Record<string, string>> = {
  python: {
    ok: "def double(n):\n    return 2 * n\n",
    loop: "def double(n):\n    while n < 0:\n        pass\n    return 2 * n\n",
    recursion: "def double(n):\n    return double(n + 1)\n",
    print: "def double(n):\n    while True:\n        print('spam' * 10)\n",
    swallow: "def double(n):\n    try:\n        print('x' * 5000)\n    except BaseException:\n        pass\n    return 2 * n\n",
    memory: "def double(n):\n    return len([0] * (10 ** 9))\n",
    error: "def double(n):\n    x = 1\n    return x['key']\n",
    syntax: "def double(n):\n    return 2 *\n",
    toplevel: "while True:\n    pass\n",
    tuple: "def double(n):\n    return (n, n) if n > 0 else {'a': float('nan')}\n",
  },
  typescript: {
    ok: "export function double(n: number): number {\n  return 2 * n;\n}\n",
    loop: "export function double(n: number): number {\n  while (n < 0) {}\n  return 2 * n;\n}\n",
    recursion: "export function double(n: number): number {\n  return double(n + 1);\n}\n",
    print: "export function double(n: number): number {\n  while (true) console.log('spam'.repeat(10));\n}\n",
    swallow: "export function double(n: number): number {\n  try { console.log('x'.repeat(5000)); } catch {}\n  return 2 * n;\n}\n",
    memory: "export function double(n: number): number {\n  const a: number[][] = [];\n  for (;;) a.push(new Array(1e6).fill(n));\n}\n",
    error: "export function double(n: number): number {\n  const x: any = null;\n  return x.key;\n}\n",
    syntax: "export function double(n: number): number {\n  return 2 *;\n}\n",
    toplevel: "while (true) {}\nexport function double(n: number) { return n; }\n",
    tuple: "function double(n: number) {\n  return n > 0 ? [n, n] : { a: NaN };\n}\n",
  },
};

describe.each(["python", "typescript"] as const)("node runner, %s", (language) => {
  const run = (name: string, t = tests, lim = limits) => runner.run({ language, code: code[language][name], entry: "double", tests: t, checker: exact, limits: lim });

  it("runs and checks values", async () => {
    const r = await run("ok", [tests[0], tests[2], { name: "wrong", args: [1], expected: 3 }]);
    expect(r.status).toBe("ok");
    expect(r.cases.map((c) => c.status)).toEqual(["pass", "pass", "fail"]);
    expect(r.cases[2]).toMatchObject({ actual: 2, mismatch: "expected 3, got 2" });
  }, 60_000);

  it("kills an infinite loop within the limit, then runs the remaining cases and the next run", async () => {
    const t0 = performance.now();
    const r = await run("loop");
    const took = performance.now() - t0;
    expect(r.cases.map((c) => c.status)).toEqual(["pass", "error", "pass"]);
    expect(r.cases[1].error).toMatchObject({ kind: "timeout" });
    expect(r.cases[1].durationMs).toBeLessThan(limits.timeMs + 1000);
    // The loop costs the limit plus a restart (Python is interrupted in place, TypeScript restarts in ~100 ms).
    expect(took).toBeLessThan(limits.timeMs + 4000);
    const next = await run("ok");
    expect(next.cases.map((c) => c.status)).toEqual(["pass", "fail", "pass"]);
  }, 60_000);

  it("stops a loop at the top level as a load error", async () => {
    const r = await run("toplevel");
    expect(r.status).toBe("load-error");
    expect(r.loadError?.kind).toBe("timeout");
    expect(r.cases.every((c) => c.status === "not-run")).toBe(true);
    expect((await run("ok")).passed).toBe(2);
  }, 60_000);

  it("reports a recursion blow-up as such", async () => {
    const r = await run("recursion", [tests[0]]);
    expect(r.cases[0].status).toBe("error");
    expect(r.cases[0].error?.kind).toBe("recursion");
  }, 60_000);

  it("caps output and stops the case", async () => {
    const r = await run("print", [tests[0]]);
    expect(r.cases[0].error?.kind).toBe("output-limit");
    expect(new TextEncoder().encode(r.cases[0].stdout).length).toBeLessThanOrEqual(limits.outputBytes);
    expect(r.cases[0].stdout.startsWith("spam")).toBe(true);
  }, 60_000);

  it("still fails a case that catches the output-limit error", async () => {
    const r = await run("swallow", [tests[0]]);
    expect(r.cases[0].error?.kind).toBe("output-limit");
  }, 60_000);

  it("reports a memory blow-up as such and recovers", async () => {
    const r = await run("memory", [tests[0]], { timeMs: 8000, outputBytes: 1024 });
    expect(r.cases[0].error?.kind).toBe("memory");
    expect((await run("ok", [tests[0]])).passed).toBe(1);
  }, 60_000);

  it("gives the line of a runtime error and of a syntax error", async () => {
    const r = await run("error", [tests[0]]);
    expect(r.cases[0].error).toMatchObject({ kind: "runtime", line: 3 });
    const s = await run("syntax", [tests[0]]);
    expect(s.status).toBe("load-error");
    expect(s.loadError).toMatchObject({ kind: "syntax", line: 2 });
  }, 60_000);

  it("returns tuples/arrays as lists, NaN as a marker, and finds an unexported entry", async () => {
    const r = await run("tuple", [
      { name: "list", args: [2], expected: [2, 2] },
      { name: "nan", args: [0], expected: { a: Number.NaN } },
    ]);
    expect(r.cases.map((c) => c.status)).toEqual(["pass", "pass"]);
  }, 60_000);
});

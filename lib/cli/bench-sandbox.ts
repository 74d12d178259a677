/**
 * npm run bench:sandbox — what the sandbox costs a normal submission: grading time of the same small
 * solution (20 cases) through the old in-process runner (Node worker threads + node:vm / Pyodide in
 * Node, kept only for this comparison and the unit tests) and through the sandbox (the browser's worker
 * in the shared headless Chromium), cold and warm, Python and TypeScript, interleaved per round.
 *
 * cold: a new runner (sandbox: and a new browser) and the first run, runtime start included.
 * warm: a run after the runner has pre-started its next worker (what a grade normally finds).
 * BENCH_REPEATS (default 5) warm runs and BENCH_COLD (default 2) cold runs per cell; medians printed.
 */
import { TestRunner, type RunnerOptions } from "@/lib/runner/host";
import { createNodeRunner } from "@/lib/runner/node-runner";
import type { Language, RunnerTest } from "@/lib/runner/types";
import { closeSharedChromium, sharedChromiumPid, treeRssMb } from "@/lib/sandbox/chromium";
import { sandboxWorkerFactory } from "@/lib/sandbox/code-sandbox";

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const COLD = Number(process.env.BENCH_COLD ?? 2);

const code: Record<Language, string> = {
  python: "def add(a, b):\n    return a + b\n",
  typescript: "export function add(a: number, b: number): number {\n  return a + b;\n}\n",
};
const tests: RunnerTest[] = Array.from({ length: 20 }, (_, i) => ({ name: `case ${i + 1}`, args: [i, i * 2], expected: i * 3 }));
const limits = { timeMs: 2000, outputBytes: 65536 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Kind = "node (before)" | "sandbox (after)";
const opts: Omit<RunnerOptions, "createWorker"> = { recycle: true };
const make = (kind: Kind) => (kind === "node (before)" ? createNodeRunner(opts) : new TestRunner({ ...opts, createWorker: sandboxWorkerFactory, startTimeoutMs: 120_000 }));

async function timed(runner: TestRunner, language: Language): Promise<number> {
  const t0 = performance.now();
  const r = await runner.run({ language, code: code[language], entry: "add", tests, checker: { kind: "exact" }, limits });
  const ms = performance.now() - t0;
  if (r.passed !== tests.length) throw new Error(`${language}: ${r.passed}/${tests.length} passed: ${JSON.stringify(r.loadError ?? r.cases[0])}`);
  return ms;
}

async function main() {
  const kinds: Kind[] = ["node (before)", "sandbox (after)"];
  const cold = new Map<string, number[]>();
  const warm = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const language of ["python", "typescript"] as const) {
    for (let i = 0; i < COLD; i++) {
      for (const kind of kinds) {
        if (kind === "sandbox (after)") await closeSharedChromium();
        const runner = make(kind);
        push(cold, `${language} ${kind}`, await timed(runner, language));
        runner.dispose();
      }
    }
    const runners = new Map(kinds.map((k) => [k, make(k)]));
    for (const r of runners.values()) await timed(r, language);
    for (let i = 0; i < REPEATS; i++) {
      for (const kind of kinds) {
        const r = runners.get(kind)!;
        await r.warm(language); // the pre-started worker a grade normally finds
        push(warm, `${language} ${kind}`, await timed(r, language));
      }
    }
    for (const r of runners.values()) r.dispose();
  }
  const pid = sharedChromiumPid();
  console.log(`Grading a 20-case solution, Node ${process.version}; medians (cold n=${COLD}, warm n=${REPEATS})\n`);
  console.log(`${"".padEnd(34)}${"cold".padStart(12)}${"warm".padStart(12)}`);
  for (const language of ["python", "typescript"]) {
    for (const kind of kinds) {
      const k = `${language} ${kind}`;
      console.log(`${k.padEnd(34)}${(median(cold.get(k)!).toFixed(0) + " ms").padStart(12)}${(median(warm.get(k)!).toFixed(0) + " ms").padStart(12)}`);
    }
    const w = median(warm.get(`${language} sandbox (after)`)!) / median(warm.get(`${language} node (before)`)!);
    const c = median(cold.get(`${language} sandbox (after)`)!) / median(cold.get(`${language} node (before)`)!);
    console.log(`${(language + " sandbox / node").padEnd(34)}${(c.toFixed(2) + "x").padStart(12)}${(w.toFixed(2) + "x").padStart(12)}`);
  }
  if (pid) console.log(`\nsandbox browser resident memory (process tree): ${treeRssMb(pid).toFixed(0)} MB`);
  await closeSharedChromium();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

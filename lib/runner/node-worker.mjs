// Node worker thread for server-side grading: Pyodide from the npm package, TypeScript through
// sucrase into a node:vm context. Started by node-runner.ts; killed by it at the time limit.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parentPort } from "node:worker_threads";
import vm from "node:vm";
import sucrase from "sucrase";
import { createWorkerCore } from "./worker-core.mjs";

const core = createWorkerCore({
  post: (m) => parentPort.postMessage(m),
  async loadPython(progress) {
    progress("Starting Python (Pyodide)");
    const { loadPyodide } = await import("pyodide");
    // Pyodide guesses its folder from a stack trace, which points elsewhere inside a worker thread.
    const indexURL = path.dirname(fileURLToPath(import.meta.resolve("pyodide"))) + path.sep;
    return loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
  },
  transpile: (code) => sucrase.transform(code, { transforms: ["typescript", "imports"], filePath: "solution.ts" }).code,
  newSandbox() {
    // No eval or new Function inside, and nothing from this realm is put into it, so the solution
    // cannot reach this thread's globals through a constructor chain.
    const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
    return { evaluate: (source, filename) => vm.runInContext(source, context, { filename: filename ?? "harness.js" }) };
  },
});

parentPort.on("message", (m) => void core.handle(m));

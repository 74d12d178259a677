// The sandbox's Web Worker: the very worker the browser runs (lib/runner/browser-worker.ts), with the
// WebAssembly memory Pyodide creates capped below wasm32's 4 GiB. The tree-wide memory watchdog
// (chromium.ts) stays the backstop for memory a solution allocates by other means.
import "@/lib/runner/browser-worker";
import { transform } from "sucrase";

const MAX_WASM_MB = 1024;
const maxPages = (MAX_WASM_MB * 1024 * 1024) / 65536;
const Original = WebAssembly.Memory;
function CappedMemory(this: unknown, desc: WebAssembly.MemoryDescriptor) {
  const maximum = Math.min(desc.maximum ?? maxPages, maxPages);
  return new Original({ ...desc, initial: Math.min(desc.initial, maximum), maximum });
}
CappedMemory.prototype = Original.prototype;
(WebAssembly as unknown as { Memory: unknown }).Memory = CappedMemory;

// Warm the TypeScript transpiler while the worker is pre-started (TestRunner starts the next one in
// the background after each grade): sucrase's first transform is its slowest, and it would otherwise
// fall inside a grade, where the worker is fresh every time.
try {
  transform("export function f(a: number[], k: number): number { return a.reduce((s, x) => s + x * k, 0); }\n", { transforms: ["typescript", "imports"], filePath: "warm.ts" });
} catch {
  /* only a warm-up */
}

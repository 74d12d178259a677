// The sandbox's Web Worker: the very worker the browser runs (lib/runner/browser-worker.ts), with the
// WebAssembly memory Pyodide creates capped below wasm32's 4 GiB. The tree-wide memory watchdog
// (chromium.ts) stays the backstop for memory a solution allocates by other means.
import "@/lib/runner/browser-worker";

const MAX_WASM_MB = 1024;
const maxPages = (MAX_WASM_MB * 1024 * 1024) / 65536;
const Original = WebAssembly.Memory;
function CappedMemory(this: unknown, desc: WebAssembly.MemoryDescriptor) {
  const maximum = Math.min(desc.maximum ?? maxPages, maxPages);
  return new Original({ ...desc, initial: Math.min(desc.initial, maximum), maximum });
}
CappedMemory.prototype = Original.prototype;
(WebAssembly as unknown as { Memory: unknown }).Memory = CappedMemory;

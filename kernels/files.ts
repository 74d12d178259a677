import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Node-only: reads a problem's WGSL files (starter, references, known-wrong) from disk. The browser bundle
 * never needs them; the lab page reads the starter on the server and passes it down.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

export function kernelsDir(): string {
  // Next.js bundles server code elsewhere; fall back to the working directory's kernels/ folder.
  return fs.existsSync(path.join(here, "attention-prefill")) ? here : path.join(process.cwd(), "kernels");
}

export function kernelFilePath(problemId: string, file: string): string {
  return path.join(kernelsDir(), problemId, file);
}

export function readKernelFile(problemId: string, file: string): string {
  return fs.readFileSync(kernelFilePath(problemId, file), "utf8");
}

import type { GeneratedCase, KernelProblem } from "@/kernels/types";
import { KernelTimeoutError, type CompileResult, type ExecBackend, type PreparedCase } from "./backend";
import type { AdapterInfo, Roofline } from "./result";
import { KernelDeadlineError, translateWgsl, WgslTranslateError, type CompiledKernel } from "./wgsl-to-js";

/**
 * The CPU fallback: the attempt's own WGSL, translated to JavaScript (lib/gpu/wgsl-to-js.ts) and run on the
 * cases of the `cpu` profile, which are small because an interpreter on one core is far slower than a GPU.
 * Same checks, same NaN fills, same clock discipline as the WebGPU backend.
 */
export class CpuBackend implements ExecBackend<CompiledKernel> {
  readonly kind = "cpu" as const;
  readonly adapter: AdapterInfo = {
    vendor: "cpu",
    architecture: "javascript",
    isFallbackAdapter: true,
    label: "CPU fallback: the WGSL translated to JavaScript (no WebGPU adapter)",
  };
  readonly maxWorkgroupsPerDimension = 65535;
  readonly slow = true;

  async compile(_problem: KernelProblem, source: string): Promise<CompileResult<CompiledKernel>> {
    try {
      return { ok: true, program: translateWgsl(source), diagnostics: [] };
    } catch (e) {
      if (!(e instanceof WgslTranslateError)) throw e;
      return {
        ok: false,
        message: e.message,
        diagnostics: [{ type: "error", message: e.message, line: e.line ?? 1, column: 1 }],
      };
    }
  }

  async prepare(problem: KernelProblem, kernel: CompiledKernel, g: GeneratedCase, grid: [number, number, number], runTimeoutMs: number): Promise<PreparedCase> {
    const buffers: Record<number, Float32Array | Uint32Array> = {};
    const outs: { name: string; binding: number; fill: () => Float32Array }[] = [];
    for (const b of problem.bindings) {
      if (b.role === "input") {
        const data = g.inputs[b.name];
        buffers[b.binding] = b.element !== "f32" ? new Uint32Array(data.buffer, data.byteOffset, data.length) : new Float32Array(data.buffer, data.byteOffset, data.length);
      } else {
        const n = g.outputSizes[b.name];
        const initial = g.inputs[b.name] as Float32Array | undefined;
        outs.push({ name: b.name, binding: b.binding, fill: () => (b.role === "inout" ? initial!.slice() : new Float32Array(n).fill(Number.NaN)) });
      }
    }
    const params = { ...g.params };
    const runOnce = () => {
      for (const o of outs) buffers[o.binding] = o.fill();
      const t0 = performance.now();
      try {
        kernel.run(grid, buffers, params, t0 + runTimeoutMs);
      } catch (e) {
        if (e instanceof KernelDeadlineError) throw new KernelTimeoutError(runTimeoutMs);
        throw e;
      }
      return performance.now() - t0;
    };
    const read = () => Object.fromEntries(outs.map((o) => [o.name, (buffers[o.binding] as Float32Array).slice()]));
    return {
      async run() {
        runOnce();
        return read();
      },
      async time(runs: number) {
        let ms = 0;
        for (let i = 0; i < runs; i++) ms += runOnce();
        return { totalMs: ms, method: "cpu-clock" as const };
      },
      async readOutputs() {
        return read();
      },
      release() {},
    };
  }

  async roofline(): Promise<Roofline | null> {
    return null;
  }

  takeEvents(): string[] {
    return [];
  }

  async recover(): Promise<void> {}
}

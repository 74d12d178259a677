import type { GeneratedCase, KernelProblem } from "@/kernels/types";
import { KernelRuntimeError, KernelTimeoutError, type CompileResult, type ExecBackend, type PreparedCase } from "./backend";
import { CpuWorkerPool, type PoolKernel, type PoolRunError, type WorkerPlatform } from "./cpu-pool";
import type { AdapterInfo, Roofline } from "./result";
import { KernelDeadlineError, NonUniformBarrierError, translateWgsl, WgslTranslateError, type CompiledKernel } from "./wgsl-to-js";

export type CpuBackendOptions = {
  /** Worker threads (lib/gpu/cpu-workers-node.ts or -browser.ts); none: everything on this thread. */
  workers?: WorkerPlatform | null;
  /** auto: workers when a run is big enough to gain from them; single: never; workers: always (tests). */
  threads?: "auto" | "single" | "workers";
  /**
   * Report time as the operations the kernel counted (loop iterations and invocations) at 100 ns each instead of
   * the wall clock: deterministic, for tests of the timing statistics that must not depend on a noisy machine.
   */
  costModel?: boolean;
};

/** The cost model's clock: 100 ns per counted operation, about what the interpreter takes. */
const COST_MS_PER_OP = 1e-4;

/** Below this many counted operations per run, a dispatch to workers costs more than it saves. */
const WORKER_MIN_OPS = 20_000;

/**
 * The CPU fallback: the attempt's own WGSL, translated to JavaScript (lib/gpu/wgsl-to-js.ts) and run on the
 * cases of the `cpu` profile (small: an interpreter is far slower than a GPU), its workgroups spread over worker
 * threads when the run is big enough. Same checks, same NaN fills, same clock discipline as the WebGPU backend.
 */
export class CpuBackend implements ExecBackend<CompiledKernel> {
  readonly kind = "cpu" as const;
  readonly adapter: AdapterInfo;
  readonly maxWorkgroupsPerDimension = 65535;
  readonly slow = true;
  private pool: CpuWorkerPool | null;
  private poolBroken = false;

  constructor(private readonly opts: CpuBackendOptions = {}) {
    this.pool = opts.workers && opts.threads !== "single" ? new CpuWorkerPool(opts.workers) : null;
    const threads = this.pool ? `${this.pool.size} worker threads` : "one thread";
    this.adapter = {
      vendor: "cpu",
      architecture: "javascript",
      isFallbackAdapter: true,
      label: `CPU fallback: the WGSL translated to JavaScript (${threads}; not a GPU)`,
    };
  }

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
    const shared = Boolean(this.pool?.sharedMemory);
    // In shared mode every buffer lives in a SharedArrayBuffer, so workers read the inputs and write the outputs in place.
    const alloc = (n: number, u32: boolean) => {
      const bytes = n * 4;
      const buf = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
      return u32 ? new Uint32Array(buf) : new Float32Array(buf);
    };
    const buffers: Record<number, Float32Array | Uint32Array> = {};
    const outs: { name: string; binding: number; buf: Float32Array; initial: Float32Array | null; fill: () => void }[] = [];
    for (const b of problem.bindings) {
      if (b.role === "input") {
        const data = g.inputs[b.name];
        const u32 = b.element !== "f32";
        if (shared) {
          const copy = alloc(data.length, u32);
          copy.set(data as never);
          buffers[b.binding] = copy;
        } else buffers[b.binding] = u32 ? new Uint32Array(data.buffer, data.byteOffset, data.length) : new Float32Array(data.buffer, data.byteOffset, data.length);
      } else {
        const n = g.outputSizes[b.name];
        const initial = b.role === "inout" ? (g.inputs[b.name] as Float32Array) : null;
        const buf = alloc(n, false) as Float32Array;
        buffers[b.binding] = buf;
        outs.push({ name: b.name, binding: b.binding, buf, initial, fill: () => (initial ? buf.set(initial) : buf.fill(Number.NaN)) });
      }
    }
    const params = { ...g.params };
    const inst = kernel.instantiate(buffers, params, grid);
    const total = grid[0] * grid[1] * grid[2];
    const costModel = Boolean(this.opts.costModel);
    let pooled: PoolKernel | null = null;
    let decided = this.opts.threads === "single" || !this.pool || total < 2;

    const usePool = async () => {
      if (!this.pool || this.poolBroken) return;
      try {
        pooled = await this.pool.load(
          kernel.source,
          shared ? buffers : Object.fromEntries(Object.entries(buffers).map(([k, v]) => [k, v.slice()])),
          params,
          grid,
          outs.map((o) => ({ binding: o.binding, initial: o.initial })),
        );
      } catch {
        // Workers unavailable here (a content security policy, a browser without them): stay on this thread.
        this.poolBroken = true;
        pooled = null;
      }
    };

    const fill = () => {
      for (const o of outs) o.fill();
    };
    /** One dispatch over filled outputs; returns the operations counted. */
    const kernelRun = async (): Promise<number> => {
      const t0 = performance.now();
      let ops: number;
      if (pooled) {
        try {
          const deadline = performance.timeOrigin + t0 + runTimeoutMs;
          ops = await (pooled as PoolKernel).run(total, deadline, runTimeoutMs + 5000, shared ? null : Object.fromEntries(outs.map((o) => [o.binding, o.buf])));
        } catch (e) {
          const err = e as PoolRunError;
          if (err.kind === "deadline") throw new KernelTimeoutError(runTimeoutMs);
          if (err.kind === "hang") {
            this.pool?.reset();
            pooled = null;
            throw new KernelTimeoutError(runTimeoutMs);
          }
          if (err.kind === "nonuniform") throw new KernelRuntimeError(err.message);
          throw new Error(`CPU fallback worker: ${err.message}`);
        }
      } else {
        try {
          ops = inst.run(0, total, 1, t0 + runTimeoutMs);
        } catch (e) {
          if (e instanceof KernelDeadlineError) throw new KernelTimeoutError(runTimeoutMs);
          if (e instanceof NonUniformBarrierError) throw new KernelRuntimeError(e.message);
          throw e;
        }
      }
      if (!decided) {
        // The first run (on this thread) counted the work: worth the workers?
        decided = true;
        if (this.opts.threads === "workers" || ops >= WORKER_MIN_OPS) await usePool();
      }
      return ops;
    };
    const read = () => Object.fromEntries(outs.map((o) => [o.name, o.buf.slice()]));
    return {
      async run() {
        fill();
        await kernelRun();
        return read();
      },
      async time(runs: number) {
        if (costModel) {
          // Deterministic: one run counts the operations, every run would count the same.
          fill();
          return { totalMs: (await kernelRun()) * COST_MS_PER_OP * runs, method: "cpu-clock" as const };
        }
        // Runs are timed in groups long enough for the clock (a page's resolves 0.1 ms; a run can take 20 us),
        // every run after its own fill, minus the same group's fills alone; the batch counts as runs x the median
        // group's time per run, so a group preempted by another process (milliseconds on a busy machine) is
        // dropped rather than averaged in.
        const per: number[] = [];
        let group = 1;
        for (let done = 0; done < runs; ) {
          const n = Math.min(group, runs - done);
          let t0 = performance.now();
          for (let i = 0; i < n; i++) fill();
          const fills = performance.now() - t0;
          t0 = performance.now();
          for (let i = 0; i < n; i++) {
            fill();
            await kernelRun();
          }
          const both = performance.now() - t0;
          const each = Math.max(both - fills, both * 0.01) / n;
          per.push(each);
          done += n;
          // The smallest group the clock resolves (about 1 ms): larger ones would average preemptions back in.
          group = Math.max(1, Math.min(1024, Math.ceil(1 / Math.max(each, 1e-4))));
        }
        per.sort((a, b) => a - b);
        const mid = per.length % 2 ? per[(per.length - 1) / 2] : (per[per.length / 2 - 1] + per[per.length / 2]) / 2;
        return { totalMs: mid * runs, method: "cpu-clock" as const };
      },
      async readOutputs() {
        return read();
      },
      release() {
        (pooled as PoolKernel | null)?.release();
      },
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

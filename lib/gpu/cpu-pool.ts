/**
 * Worker threads for the CPU fallback: the workgroups of a dispatch split across all cores. The kernel's
 * translated source (lib/gpu/wgsl-to-js.ts) is compiled once in every worker; workgroup w of a dispatch runs on
 * worker w mod n (interleaved, so the heavy and the light workgroups of a causal kernel spread evenly).
 *
 * Two ways to share the buffers:
 * - shared: inputs and outputs live in SharedArrayBuffers (Node always; a browser only when cross-origin
 *   isolated); workers write the outputs in place.
 * - copied: every worker holds its own copy of the inputs (sent once) and of the outputs; after a run each sends
 *   its outputs back and the main thread takes, element by element, whatever a worker changed from the fill
 *   value (NaN, or an in-place cache's known values). Workgroups write disjoint elements in any kernel WebGPU
 *   runs deterministically, so the merge is exact; a race between workgroups stays a race, as on a GPU.
 *
 * The platform is injected (lib/gpu/cpu-workers-node.ts, lib/gpu/cpu-workers-browser.ts): this file is shared by
 * both bundles and touches neither worker_threads nor the DOM.
 */
import { RUNTIME_SOURCE } from "./wgsl-to-js";

export type WorkerLike = {
  postMessage(message: unknown): void;
  onmessage: ((data: unknown) => void) | null;
  onerror: ((message: string) => void) | null;
  terminate(): void;
  /** Node: keep the process alive while an answer is awaited (idle workers are unref'd). */
  busy?: (on: boolean) => void;
};

export type WorkerPlatform = {
  /** Starts a worker running WORKER_SOURCE. */
  spawn(source: string): WorkerLike;
  /** How many workers to run (the machine's cores). */
  cores: number;
  /** SharedArrayBuffer can be posted to workers here. */
  shared: boolean;
};

type Typed = Float32Array | Uint32Array | Int32Array;

/** What each worker runs: compiles kernels, keeps their buffers, runs the workgroups it is given. */
export const WORKER_SOURCE = `
const factories = new Map();
const cases = new Map();
class Deadline extends Error {}
class NonUniform extends Error {}
const errors = { Deadline, NonUniform };
function handle(m) {
  try {
    if (m.type === "load") {
      let f = factories.get(m.source);
      if (!f) { f = new Function(m.source)({}); factories.set(m.source, f); }
      const inst = f(m.buffers, m.params, m.grid, errors);
      cases.set(m.id, { inst, buffers: m.buffers, outputs: m.outputs });
      return { type: "loaded", id: m.id };
    }
    if (m.type === "unload") { cases.delete(m.id); return null; }
    if (m.type === "run") {
      const c = cases.get(m.id);
      if (!c) return { type: "error", id: m.id, kind: "other", message: "kernel not loaded in worker" };
      if (m.fill) for (const o of c.outputs) { const b = c.buffers[o.binding]; if (o.initial) b.set(o.initial); else b.fill(NaN); }
      const ops = c.inst.run(m.start, m.end, m.step, m.deadline - performance.timeOrigin);
      const outputs = m.fill ? c.outputs.map((o) => c.buffers[o.binding]) : null;
      return { type: "done", id: m.id, run: m.run, ops, outputs };
    }
  } catch (e) {
    return { type: "error", id: m.id, run: m.run, kind: e instanceof Deadline ? "deadline" : e instanceof NonUniform ? "nonuniform" : "other", message: String(e && e.message || e) };
  }
  return null;
}
`;
void RUNTIME_SOURCE;

export type PoolRunError = { kind: "deadline" | "nonuniform" | "other" | "hang"; message: string };

let nextId = 1;

export class CpuWorkerPool {
  private workers: WorkerLike[] = [];
  private pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: PoolRunError) => void }>();

  constructor(private readonly platform: WorkerPlatform) {}

  get size(): number {
    return Math.max(1, this.platform.cores);
  }

  get sharedMemory(): boolean {
    return this.platform.shared;
  }

  private ensure() {
    while (this.workers.length < this.size) {
      const w = this.platform.spawn(WORKER_SOURCE);
      const index = this.workers.length;
      w.onmessage = (data) => {
        const m = data as { type: string; id: number; run?: number; kind?: PoolRunError["kind"]; message?: string };
        const key = `${index}:${m.id}:${m.run ?? "load"}`;
        const p = this.pending.get(key);
        if (!p) return;
        this.pending.delete(key);
        this.settle(index);
        if (m.type === "error") p.reject({ kind: m.kind ?? "other", message: m.message ?? "worker error" });
        else p.resolve(m);
      };
      w.onerror = (message) => {
        for (const [key, p] of this.pending) if (key.startsWith(`${index}:`)) (this.pending.delete(key), p.reject({ kind: "other", message }));
      };
      this.workers.push(w);
    }
  }

  private ask(index: number, key: string, message: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.set(`${index}:${key}`, { resolve, reject });
      this.workers[index].busy?.(true);
      this.workers[index].postMessage(message);
    });
  }

  private settle(index: number) {
    for (const key of this.pending.keys()) if (key.startsWith(`${index}:`)) return;
    this.workers[index]?.busy?.(false);
  }

  /** Kills every worker (a kernel that never ends cannot be interrupted otherwise); new ones start on demand. */
  reset() {
    for (const w of this.workers) w.terminate();
    this.workers = [];
    for (const p of this.pending.values()) p.reject({ kind: "hang", message: "workers were restarted" });
    this.pending.clear();
  }

  /**
   * Compiles a kernel in every worker, bound to its buffers. In shared mode `buffers` must already live in
   * SharedArrayBuffers; otherwise each worker gets a copy. Returns a handle to run and release it.
   */
  async load(
    source: string,
    buffers: Record<number, Typed>,
    params: Record<string, number>,
    grid: [number, number, number],
    outputs: { binding: number; initial: Float32Array | null }[],
  ): Promise<PoolKernel> {
    this.ensure();
    const id = nextId++;
    await Promise.all(this.workers.map((_, i) => this.ask(i, `${id}:load`, { type: "load", id, source, buffers, params, grid, outputs })));
    return new PoolKernel(this, id, outputs);
  }

  /** One dispatch: workgroups i, i + n, ... on worker i. Resolves with each worker's outputs (copy mode) and ops. */
  async run(id: number, run: number, total: number, deadlineEpoch: number, hardLimitMs: number, fill: boolean): Promise<{ ops: number; outputs: (Typed[] | null)[] }> {
    const n = Math.min(this.workers.length, total);
    const asks = Array.from({ length: n }, (_, i) => this.ask(i, `${id}:${run}`, { type: "run", id, run, start: i, end: total, step: n, deadline: deadlineEpoch, fill }));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject({ kind: "hang", message: `no answer within ${hardLimitMs} ms` }), hardLimitMs);
    });
    try {
      const res = (await Promise.race([Promise.all(asks), hang])) as { ops: number; outputs: Typed[] | null }[];
      return { ops: res.reduce((a, r) => a + r.ops, 0), outputs: res.map((r) => r.outputs) };
    } finally {
      clearTimeout(timer);
    }
  }

  unload(id: number) {
    for (const w of this.workers) w.postMessage({ type: "unload", id });
  }
}

export class PoolKernel {
  private runs = 0;
  constructor(
    private readonly pool: CpuWorkerPool,
    readonly id: number,
    private readonly outputs: { binding: number; initial: Float32Array | null }[],
  ) {}

  /**
   * Runs the whole grid. Shared mode: the caller filled the outputs, the workers write them. Copy mode: the
   * workers fill their own copies, and each worker's changes are merged into `into` (already filled).
   */
  async run(total: number, deadlineEpoch: number, hardLimitMs: number, into: Record<number, Float32Array> | null): Promise<number> {
    const r = await this.pool.run(this.id, this.runs++, total, deadlineEpoch, hardLimitMs, into !== null);
    if (into) {
      this.outputs.forEach((o, k) => {
        const dst = into[o.binding];
        const dstBits = new Uint32Array(dst.buffer, dst.byteOffset, dst.length);
        const fillBits = o.initial ? new Uint32Array(o.initial.buffer, o.initial.byteOffset, o.initial.length) : null;
        for (const outs of r.outputs) {
          if (!outs) continue;
          const src = outs[k];
          const srcBits = new Uint32Array(src.buffer, src.byteOffset, src.length);
          for (let i = 0; i < srcBits.length; i++) {
            const b = srcBits[i];
            // Unchanged from the fill: NaN (any NaN the fill wrote) or the initial value.
            if (fillBits ? b === fillBits[i] : b === 0x7fc00000) continue;
            dstBits[i] = b;
          }
        }
      });
    }
    return r.ops;
  }

  release() {
    this.pool.unload(this.id);
  }
}

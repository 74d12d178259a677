import type { GeneratedCase, KernelProblem } from "@/kernels/types";
import { DeviceLostError, KernelTimeoutError, PipelineError, type CompileResult, type ExecBackend, type PreparedCase, type TimingMethod } from "./backend";
import type { AdapterInfo, Diagnostic, Roofline } from "./result";

/** WGSL of the two roofline micro-benchmarks; the caller reads them (fs in node, text import in bundles). */
export type RooflineSources = { bandwidth: string; fma: string };

const UNIFORM_BYTES = 32;
const MAX_QUERIES = 512;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new KernelTimeoutError(ms)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

function describeAdapter(adapter: GPUAdapter, timestamps: boolean): AdapterInfo {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const fallback = Boolean(info.isFallbackAdapter ?? (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter);
  const text = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`.toLowerCase();
  const swiftshader = text.includes("swiftshader") || (fallback && info.vendor === "google");
  return {
    vendor: info.vendor || "unknown",
    architecture: info.architecture || "unknown",
    device: info.device || undefined,
    description: info.description || undefined,
    isFallbackAdapter: fallback,
    label: swiftshader ? "SwiftShader (CPU Vulkan, not a GPU)" : fallback ? `fallback adapter (${info.vendor})` : `${info.vendor} ${info.architecture}`.trim(),
    timestampQuery: timestamps,
  };
}

export class WebGpuBackend implements ExecBackend<GPUShaderModule> {
  readonly kind = "webgpu" as const;
  adapter!: AdapterInfo;
  maxWorkgroupsPerDimension = 65535;
  slow = false;
  private device!: GPUDevice;
  private timestamps = false;
  private events: string[] = [];
  private rooflineCache: Roofline | null = null;
  private lost: string | null = null;

  private constructor(
    private readonly gpu: GPU,
    private readonly rooflineSources: RooflineSources | null,
  ) {}

  /** Null when there is no adapter (the caller falls back to the CPU backend). */
  static async create(gpu: GPU | undefined, rooflineSources: RooflineSources | null): Promise<WebGpuBackend | null> {
    if (!gpu) return null;
    const b = new WebGpuBackend(gpu, rooflineSources);
    return (await b.open()) ? b : null;
  }

  private async open(): Promise<boolean> {
    const adapter = await this.gpu.requestAdapter({ powerPreference: "high-performance" });
    if (!adapter) return false;
    const L = adapter.limits;
    this.timestamps = adapter.features.has("timestamp-query");
    this.device = await adapter.requestDevice({
      requiredFeatures: this.timestamps ? ["timestamp-query"] : [],
      // The large decode case needs more than the 128 MiB default binding size.
      requiredLimits: {
        maxStorageBufferBindingSize: L.maxStorageBufferBindingSize,
        maxBufferSize: L.maxBufferSize,
        maxComputeWorkgroupStorageSize: L.maxComputeWorkgroupStorageSize,
        maxComputeInvocationsPerWorkgroup: L.maxComputeInvocationsPerWorkgroup,
        maxComputeWorkgroupSizeX: L.maxComputeWorkgroupSizeX,
        maxComputeWorkgroupSizeY: L.maxComputeWorkgroupSizeY,
        maxComputeWorkgroupSizeZ: L.maxComputeWorkgroupSizeZ,
        maxStorageBuffersPerShaderStage: Math.max(8, Math.min(L.maxStorageBuffersPerShaderStage, 10)),
      },
    });
    this.adapter = describeAdapter(adapter, this.timestamps);
    this.slow = this.adapter.isFallbackAdapter || this.adapter.label.startsWith("SwiftShader");
    this.maxWorkgroupsPerDimension = this.device.limits.maxComputeWorkgroupsPerDimension;
    this.lost = null;
    const dev = this.device;
    dev.lost.then((info) => {
      if (dev !== this.device) return;
      this.lost = `${info.reason}: ${info.message}`;
      if (info.reason !== "destroyed") this.events.push(`device lost (${info.reason}): ${info.message}`);
    });
    dev.addEventListener("uncapturederror", (ev) => {
      this.events.push(`uncaptured GPU error: ${(ev as GPUUncapturedErrorEvent).error.message}`);
    });
    return true;
  }

  takeEvents(): string[] {
    const e = this.events;
    this.events = [];
    return e;
  }

  async recover(): Promise<void> {
    try {
      this.device.destroy();
    } catch {
      /* already gone */
    }
    this.events.push("device destroyed and recreated");
    if (!(await this.open())) throw new Error("no WebGPU adapter after recovering from a lost device");
  }

  private ensureAlive() {
    if (this.lost) throw new DeviceLostError(this.lost);
  }

  async compile(problem: KernelProblem, source: string): Promise<CompileResult<GPUShaderModule>> {
    if (this.lost) await this.recover();
    const module = this.device.createShaderModule({ code: source, label: problem.id });
    const info = await module.getCompilationInfo();
    const diagnostics: Diagnostic[] = info.messages.map((m) => ({ type: m.type, message: m.message, line: m.lineNum, column: m.linePos }));
    const errors = diagnostics.filter((d) => d.type === "error");
    if (errors.length) {
      return {
        ok: false,
        diagnostics,
        message: errors.map((d) => `line ${d.line}:${d.column}: ${d.message}`).join("\n"),
      };
    }
    return { ok: true, program: module, diagnostics };
  }

  private layoutFor(problem: KernelProblem): GPUBindGroupLayout {
    return this.device.createBindGroupLayout({
      entries: [
        { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: "uniform" } },
        ...problem.bindings.map((b) => ({
          binding: b.binding,
          visibility: GPUShaderStage.COMPUTE,
          buffer: { type: (b.role === "input" ? "read-only-storage" : "storage") as GPUBufferBindingType },
        })),
      ],
    });
  }

  async prepare(problem: KernelProblem, module: GPUShaderModule, g: GeneratedCase, grid: [number, number, number], runTimeoutMs: number): Promise<PreparedCase> {
    this.ensureAlive();
    const dev = this.device;
    const layout = this.layoutFor(problem);
    let pipeline: GPUComputePipeline;
    try {
      pipeline = await dev.createComputePipelineAsync({
        layout: dev.createPipelineLayout({ bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: "main" },
      });
    } catch (e) {
      throw new PipelineError(`pipeline creation failed: ${(e as Error).message}`);
    }
    const uniform = new ArrayBuffer(UNIFORM_BYTES);
    const view = new DataView(uniform);
    problem.params.forEach((p, i) => {
      if (p.type === "u32") view.setUint32(i * 4, g.params[p.name], true);
      else view.setFloat32(i * 4, g.params[p.name], true);
    });
    return new WebGpuCase(dev, pipeline, layout, problem, g, grid, uniform, runTimeoutMs, this.timestamps, () => this.ensureAlive());
  }

  async roofline(): Promise<Roofline | null> {
    if (this.rooflineCache || !this.rooflineSources) return this.rooflineCache;
    const dev = this.device;
    const run = async (code: string, srcBytes: number, dstBytes: number, grid: number) => {
      const module = dev.createShaderModule({ code });
      const pipeline = await dev.createComputePipelineAsync({ layout: "auto", compute: { module, entryPoint: "main" } });
      const src = dev.createBuffer({ size: srcBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      const dst = dev.createBuffer({ size: dstBytes, usage: GPUBufferUsage.STORAGE });
      const bg = dev.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: src } },
          { binding: 1, resource: { buffer: dst } },
        ],
      });
      const timer = new DispatchTimer(dev, this.timestamps, 30_000);
      const once = (n: number) => timer.time(n, (pass) => {
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bg);
        pass.dispatchWorkgroups(grid);
      }, () => {});
      await once(2);
      const probe = await once(1);
      const per = Math.max(1, Math.min(64, Math.ceil((probe.method === "timestamp-query" ? 5 : 40) / Math.max(probe.totalMs, 1e-3))));
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) samples.push((await once(per)).totalMs / per);
      timer.destroy();
      src.destroy();
      dst.destroy();
      samples.sort((a, b) => a - b);
      return samples[Math.floor(samples.length / 2)];
    };
    // Big enough to leave the caches on a real GPU; smaller on software adapters, whose caches are the CPU's.
    const bytes = this.slow ? 32 << 20 : 512 << 20;
    const bwMs = await run(this.rooflineSources.bandwidth, bytes, bytes, Math.min(65535, bytes / 16 / 256 / 4));
    const invocations = this.slow ? 256 * 256 : 256 * 8192;
    const fmaMs = await run(this.rooflineSources.fma, 4096 * 16, invocations * 16, invocations / 256);
    const flops = invocations * 256 * 8 * 4 * 2;
    this.rooflineCache = {
      gbps: (2 * bytes) / (bwMs / 1000) / 1e9,
      gflops: flops / (fmaMs / 1000) / 1e9,
      method: `measured on this device: vec4 copy of ${bytes >> 20} MiB, ${invocations} invocations x 16384 f32 FMA-FLOPs`,
    };
    return this.rooflineCache;
  }
}


/**
 * Timestamp quantization, as the browser or Dawn applies it: Dawn masks the low 16 bits of every timestamp
 * (`kTimestampQuantizationMask = 0xFFFF0000`, about 65.5 us) unless its `timestamp_quantization` toggle is off,
 * and Chrome documents the result as 100 us. Unquantized nanosecond timestamps land on either grid with
 * probability 2^-16 (1e-5) each, so a batch whose every timestamp does is quantized.
 */
export function timestampsQuantized(ts: ArrayLike<bigint>, count: number): boolean {
  if (count < 2) return false;
  let mask = true;
  let grid100us = true;
  for (let i = 0; i < count; i++) {
    const t = ts[i];
    if ((t & 0xffffn) !== 0n) mask = false;
    if (t % 100_000n !== 0n) grid100us = false;
    if (!mask && !grid100us) return false;
  }
  return true;
}

/** Records a batch of runs: per-run compute passes with timestamp writes when the adapter has them. */
class DispatchTimer {
  private querySet: GPUQuerySet | null = null;
  private resolve: GPUBuffer | null = null;
  private readback: GPUBuffer | null = null;
  private quantized = false;
  constructor(
    private readonly dev: GPUDevice,
    private readonly timestamps: boolean,
    private readonly timeoutMs: number,
  ) {
    if (timestamps) {
      this.querySet = dev.createQuerySet({ type: "timestamp", count: MAX_QUERIES });
      this.resolve = dev.createBuffer({ size: MAX_QUERIES * 8, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
      this.readback = dev.createBuffer({ size: MAX_QUERIES * 8, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    }
  }

  /**
   * `runs` runs of fill + pass; returns the passes' time (timestamps) or the batch minus a fill-only batch.
   * Either way the last commands submitted are a fill and a kernel pass, so what the outputs hold afterwards
   * is the last timed run's result (the driver checks it); a fill-only batch must never come last.
   */
  async time(
    runs: number,
    dispatch: (pass: GPUComputePassEncoder) => void,
    fill: (enc: GPUCommandEncoder) => void,
    force?: TimingMethod,
    keepBusy = false,
  ): Promise<{ totalMs: number; method: TimingMethod }> {
    const useTs = this.timestamps && !this.quantized && force !== "submitted-work-done" && runs * 2 <= MAX_QUERIES;
    if (useTs) {
      const enc = this.dev.createCommandEncoder();
      for (let i = 0; i < runs; i++) {
        fill(enc);
        const pass = enc.beginComputePass({
          timestampWrites: { querySet: this.querySet!, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 },
        });
        dispatch(pass);
        pass.end();
      }
      enc.resolveQuerySet(this.querySet!, 0, 2 * runs, this.resolve!, 0);
      enc.copyBufferToBuffer(this.resolve!, 0, this.readback!, 0, 2 * runs * 8);
      this.dev.queue.submit([enc.finish()]);
      if (keepBusy) {
        // The same runs again, untimed, queued behind the timed batch: the device stays busy while the CPU
        // waits for the timestamps and records the next batch, so its clocks do not drop between samples
        // (on an H100, samples after an idle gap of a few ms ran up to 4x slower).
        const busy = this.dev.createCommandEncoder();
        for (let i = 0; i < runs; i++) {
          fill(busy);
          const pass = busy.beginComputePass();
          dispatch(pass);
          pass.end();
        }
        this.dev.queue.submit([busy.finish()]);
      }
      // mapAsync resolves only after every submitted command that uses the buffer has completed.
      await withTimeout(this.readback!.mapAsync(GPUMapMode.READ, 0, 2 * runs * 8), this.timeoutMs);
      const ts = new BigInt64Array(this.readback!.getMappedRange(0, 2 * runs * 8).slice(0));
      this.readback!.unmap();
      let ns = 0;
      let bad = 0;
      for (let i = 0; i < runs; i++) {
        const d = Number(ts[2 * i + 1] - ts[2 * i]);
        if (d > 0) ns += d;
        else bad++;
      }
      // Quantized timestamps (about 65 us or 100 us) would round a short kernel to 0 or to one quantum:
      // the wall clock is better then. Zero or negative spans mean the timestamps are unusable here.
      if (timestampsQuantized(ts, 2 * runs) || (runs >= 2 && bad === runs)) {
        this.quantized = true;
      } else if (ns > 0 && bad === 0) {
        return { totalMs: ns / 1e6, method: "timestamp-query" };
      }
      // Otherwise time the same number of runs on the wall clock below; the kernel batch comes last,
      // so the outputs are again those of a timed run.
    }
    // Nothing of an earlier call (a keep-busy batch) may still run inside the wall-clock window.
    await withTimeout(this.dev.queue.onSubmittedWorkDone(), this.timeoutMs);
    const batch = async (withKernel: boolean) => {
      const enc = this.dev.createCommandEncoder();
      for (let i = 0; i < runs; i++) {
        fill(enc);
        if (withKernel) {
          const pass = enc.beginComputePass();
          dispatch(pass);
          pass.end();
        }
      }
      const t0 = performance.now();
      this.dev.queue.submit([enc.finish()]);
      await withTimeout(this.dev.queue.onSubmittedWorkDone(), this.timeoutMs);
      return performance.now() - t0;
    };
    // The fill-only baseline first: it rewrites the outputs with their fill values, so it must not run after
    // the kernels (it used to, and the check after the timed runs then saw the fill, e.g. kv-cache-append's
    // untouched caches: every appended element wrong, whenever this path was taken).
    const fills = await batch(false);
    const total = await batch(true);
    return { totalMs: Math.max(total - fills, total * 0.01), method: "submitted-work-done" };
  }

  destroy() {
    this.querySet?.destroy();
    this.resolve?.destroy();
    this.readback?.destroy();
  }
}

class WebGpuCase implements PreparedCase {
  private buffers: GPUBuffer[] = [];
  private bindGroup: GPUBindGroup;
  /** Per output binding: the device buffer, its fill source (NaN or known values) and a readback buffer. */
  private outs: { name: string; buf: GPUBuffer; fillSrc: GPUBuffer; read: GPUBuffer; bytes: number }[] = [];
  private timer: DispatchTimer;

  constructor(
    private readonly dev: GPUDevice,
    private readonly pipeline: GPUComputePipeline,
    layout: GPUBindGroupLayout,
    problem: KernelProblem,
    g: GeneratedCase,
    private readonly grid: [number, number, number],
    uniform: ArrayBuffer,
    private readonly timeoutMs: number,
    timestamps: boolean,
    private readonly ensureAlive: () => void,
  ) {
    const make = (size: number, usage: number, data?: ArrayBufferView) => {
      const buf = dev.createBuffer({ size: Math.max(16, Math.ceil(size / 4) * 4), usage, mappedAtCreation: Boolean(data) });
      if (data) {
        new Uint8Array(buf.getMappedRange()).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        buf.unmap();
      }
      this.buffers.push(buf);
      return buf;
    };
    const u = make(UNIFORM_BYTES, GPUBufferUsage.UNIFORM, new Uint8Array(uniform));
    const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: u } }];
    for (const b of problem.bindings) {
      if (b.role === "input") {
        const data = g.inputs[b.name];
        entries.push({ binding: b.binding, resource: { buffer: make(data.byteLength, GPUBufferUsage.STORAGE, data), size: data.byteLength } });
      } else {
        const n = g.outputSizes[b.name];
        const bytes = n * 4;
        const fillData = b.role === "inout" ? (g.inputs[b.name] as Float32Array) : new Float32Array(n).fill(Number.NaN);
        const fillSrc = make(bytes, GPUBufferUsage.COPY_SRC, fillData);
        const buf = make(bytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC);
        const read = make(bytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
        this.outs.push({ name: b.name, buf, fillSrc, read, bytes });
        entries.push({ binding: b.binding, resource: { buffer: buf, size: bytes } });
      }
    }
    this.bindGroup = dev.createBindGroup({ layout, entries });
    this.timer = new DispatchTimer(dev, timestamps, timeoutMs);
  }

  private fill = (enc: GPUCommandEncoder) => {
    for (const o of this.outs) enc.copyBufferToBuffer(o.fillSrc, 0, o.buf, 0, o.bytes);
  };

  private dispatch = (pass: GPUComputePassEncoder) => {
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(...this.grid);
  };

  async run(): Promise<Record<string, Float32Array>> {
    this.ensureAlive();
    const enc = this.dev.createCommandEncoder();
    this.fill(enc);
    const pass = enc.beginComputePass();
    this.dispatch(pass);
    pass.end();
    this.dev.queue.submit([enc.finish()]);
    return this.readOutputs();
  }

  async time(runs: number, force?: TimingMethod, keepBusy?: boolean) {
    this.ensureAlive();
    const r = await this.timer.time(runs, this.dispatch, this.fill, force, keepBusy);
    this.ensureAlive();
    return r;
  }

  async readOutputs(): Promise<Record<string, Float32Array>> {
    const enc = this.dev.createCommandEncoder();
    for (const o of this.outs) enc.copyBufferToBuffer(o.buf, 0, o.read, 0, o.bytes);
    this.dev.queue.submit([enc.finish()]);
    await withTimeout(this.dev.queue.onSubmittedWorkDone(), this.timeoutMs);
    this.ensureAlive();
    const res: Record<string, Float32Array> = {};
    for (const o of this.outs) {
      await withTimeout(o.read.mapAsync(GPUMapMode.READ), this.timeoutMs);
      res[o.name] = new Float32Array(o.read.getMappedRange(0, o.bytes).slice(0));
      o.read.unmap();
    }
    return res;
  }

  release() {
    this.timer.destroy();
    for (const b of this.buffers) b.destroy();
  }
}

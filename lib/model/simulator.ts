import { z } from "zod";
import { mulberry32 } from "@/lib/random";
import type { Deployment } from "./deployment";
import { stepCost, type StepShape } from "./inference";
import { memoryPlan } from "./memory";
import { getModel, ModelIdSchema, ModelSchema, type Model } from "./models";

/**
 * A discrete-event simulation of one serving deployment under load, in the spirit of Vidur (MLSys'24)
 * but with no per-GPU profiling: every iteration's duration is the engine's own stepCost for the
 * batch the scheduler formed, so at steady state the simulator and maxThroughput() agree (a test checks it).
 *
 * Each iteration: admit waiting requests while the batch has room (max_batch_size) and the KV cache can
 * hold them (input + kvReserveOutputFraction * output per sequence); give every decoding sequence one
 * token (k + 1 with speculative decoding); spend the rest of the max_num_tokens budget on prompt
 * chunks, first come first served (chunked prefill). When a growing sequence would overflow the KV
 * cache the newest one is preempted and recomputed later, as vLLM does.
 */

export const LengthDistSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed"), value: z.number().int().min(1).max(2_000_000) }),
  z.object({ kind: z.literal("uniform"), min: z.number().int().min(1).max(2_000_000), max: z.number().int().min(1).max(2_000_000) }).refine((u) => u.min <= u.max, { message: "min must be at most max", path: ["min"] }),
  /** ShareGPT-like: log-normal around a median, clipped to [1, max]. */
  z.object({ kind: z.literal("lognormal"), median: z.number().min(1).max(2_000_000), sigma: z.number().min(0).max(4), max: z.number().int().min(1).max(2_000_000) }),
]);
export type LengthDist = z.infer<typeof LengthDistSchema>;

export const SimConfigSchema = z.object({
  arrivals: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("poisson"), rate: z.number().gt(0).max(1e6) }),
    /** Arrival times in seconds from the start (sorted or not). */
    z.object({ kind: z.literal("trace"), times: z.array(z.number().min(0)).min(1).max(200_000) }),
  ]),
  requests: z.number().int().min(1).max(100_000).default(500),
  input: LengthDistSchema,
  output: LengthDistSchema,
  seed: z.number().int().default(1),
  /** Fraction of each prompt already in the prefix cache (its KV reused, not recomputed). */
  prefixCacheHitRate: z.number().min(0).max(1).default(0),
  speculative: z
    .object({
      /** Draft model: a catalog id or a model given as data. */
      draftModel: z.union([ModelIdSchema, ModelSchema]),
      /** Tokens the draft proposes per step. */
      draftTokens: z.number().int().min(1).max(16),
      /** Probability the target accepts each drafted token (independent, as in Leviathan et al. 2023). */
      acceptanceRate: z.number().min(0).max(1),
    })
    .nullable()
    .default(null),
  slo: z.object({ ttftMs: z.number().positive(), itlMs: z.number().positive() }).default({ ttftMs: 2000, itlMs: 100 }),
  /** Safety valve: stop after this many iterations (a run that would take longer is cut and says so). */
  maxSteps: z.number().int().min(1).max(10_000_000).default(2_000_000),
});
export type SimConfig = z.input<typeof SimConfigSchema>;

export interface Percentiles {
  p50: number;
  p99: number;
  mean: number;
}

export interface SimResult {
  requestsCompleted: number;
  requestsTotal: number;
  durationS: number;
  /**
   * Output tokens/s at steady state: tokens generated between one median end-to-end latency after the
   * first arrival (the pipeline is full) and the last arrival (the load stops), over that window. A run
   * whose requests all arrive at once (a trace of zeros) has no such window and uses the whole run.
   * Counting the drain after the last arrival, as a naive "tokens / makespan" does, makes a short run
   * look slower than the deployment and hides overload.
   */
  outputTokensPerSecond: number;
  /** Completed requests/s at steady state: steady output tokens/s over the mean output length. */
  requestsPerSecond: number;
  /** Requests/s that met both SLOs (TTFT and mean inter-token latency): requestsPerSecond x SLO attainment. */
  goodput: number;
  /** Arrivals per second actually offered ((n - 1) / arrival span); Infinity for a burst at one instant. */
  offeredRate: number;
  /**
   * The arrival span covers at least 5 median end-to-end latencies, so the steady window is long enough
   * to measure (sweepRates and maxRateUnderSlo lengthen runs until it does); for an overloaded run (see
   * `sustained`), at least 8 times as many requests as the largest batch, so the cache has filled and turned over.
   */
  steady: boolean;
  /**
   * The deployment kept up with the arrivals: no backlog of more than a tenth of the requests without a
   * first token at the last arrival, and steady output >= 90% of the offered load.
   */
  sustained: boolean;
  /** Fraction of requests that met both SLOs. */
  sloAttainment: number;
  ttftMs: Percentiles;
  itlMs: Percentiles;
  e2eMs: Percentiles;
  /** Mean and largest number of sequences per iteration, and iterations run. */
  meanBatch: number;
  maxBatch: number;
  steps: number;
  preemptions: number;
  /** Set when the run stopped early (maxSteps) or a request can never fit. */
  warning: string | null;
}

interface Req {
  arrival: number;
  input: number;
  output: number;
  /** Prompt tokens that must be computed (input minus the prefix-cache hit). */
  toPrefill: number;
  prefilled: number;
  generated: number;
  firstTokenAt: number;
  lastTokenAt: number;
  itlSum: number;
  itlCount: number;
  reserved: number;
  done: boolean;
}

function sampler(dist: LengthDist, rnd: () => number): () => number {
  switch (dist.kind) {
    case "fixed":
      return () => dist.value;
    case "uniform":
      return () => dist.min + Math.floor(rnd() * (dist.max - dist.min + 1));
    case "lognormal":
      return () => {
        // Box-Muller from two uniforms (u1 in (0, 1]).
        const u1 = 1 - rnd();
        const u2 = rnd();
        const n = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return Math.max(1, Math.min(dist.max, Math.round(dist.median * Math.exp(dist.sigma * n))));
      };
  }
}

function percentiles(xs: number[]): Percentiles {
  if (xs.length === 0) return { p50: NaN, p99: NaN, mean: NaN };
  const a = [...xs].sort((x, y) => x - y);
  const at = (q: number) => a[Math.min(a.length - 1, Math.max(0, Math.ceil(q * a.length) - 1))];
  return { p50: at(0.5), p99: at(0.99), mean: a.reduce((s, x) => s + x, 0) / a.length };
}

/** Expected tokens a sequence gains per speculative step: (1 - a^(k+1)) / (1 - a). */
export function expectedAcceptedTokens(k: number, a: number): number {
  return a >= 1 ? k + 1 : (1 - Math.pow(a, k + 1)) / (1 - a);
}

export function simulate(d: Deployment, input: SimConfig, onProgress?: (fraction: number) => void): SimResult {
  const cfg = SimConfigSchema.parse(input);
  const k = d.knobs;
  const rnd = mulberry32(cfg.seed);
  const inLen = sampler(cfg.input, rnd);
  const outLen = sampler(cfg.output, rnd);

  // Arrival times: Poisson (exponential gaps) or the trace (repeated in order if shorter than `requests`).
  const n = cfg.arrivals.kind === "trace" ? Math.min(cfg.requests, cfg.arrivals.times.length) : cfg.requests;
  const times: number[] = [];
  if (cfg.arrivals.kind === "poisson") {
    let t = 0;
    for (let i = 0; i < n; i++) {
      times.push(t);
      t += -Math.log(1 - rnd()) / cfg.arrivals.rate;
    }
  } else {
    times.push(...[...cfg.arrivals.times].sort((a, b) => a - b).slice(0, n));
  }
  const reqs: Req[] = times.map((arrival) => {
    const i = inLen();
    const o = outLen();
    const hit = Math.floor(i * cfg.prefixCacheHitRate);
    return { arrival, input: i, output: o, toPrefill: Math.max(1, i - hit), prefilled: 0, generated: 0, firstTokenAt: NaN, lastTokenAt: NaN, itlSum: 0, itlCount: 0, reserved: 0, done: false };
  });

  const plan = memoryPlan(d, 1, 1, 1);
  const capacity = plan.kvCapacityTokens;
  const window = d.model.slidingWindow;
  const kvOf = (tokens: number) => (window == null ? tokens : Math.min(tokens, window));
  const reserveOf = (r: Req) => Math.ceil(kvOf(r.input + k.kvReserveOutputFraction * r.output));

  const spec = cfg.speculative;
  const draft: Deployment | null = spec ? { ...d, model: getModel(spec.draftModel as string | Model) } : null;

  let t = times[0] ?? 0;
  let next = 0; // next request to arrive
  const waiting: Req[] = [];
  const running: Req[] = [];
  let used = 0;
  let steps = 0;
  let batchSum = 0;
  let maxBatch = 0;
  let preemptions = 0;
  let completed = 0;
  let warning: string | null = null;
  const itls: number[] = [];
  // Time and output tokens of every iteration, to measure the steady window once the run is over.
  const stepEnd: number[] = [];
  const stepTokens: number[] = [];

  while (completed < reqs.length) {
    while (next < reqs.length && reqs[next].arrival <= t) waiting.push(reqs[next++]);
    // Admit first come, first served while the batch and the KV cache have room.
    while (waiting.length && running.length < k.maxBatchSize) {
      const r = waiting[0];
      const need = reserveOf(r);
      if (need > capacity) {
        warning = `a request of ${r.input} + ${r.output} tokens needs ${need} KV tokens but the cache holds ${capacity}; it was dropped`;
        waiting.shift();
        r.done = true;
        completed++;
        continue;
      }
      if (used + need > capacity) break;
      waiting.shift();
      r.reserved = need;
      used += need;
      running.push(r);
    }
    if (running.length === 0) {
      if (next >= reqs.length) break;
      t = Math.max(t, reqs[next].arrival);
      continue;
    }

    // Form the iteration: every prefilled sequence decodes; prompt chunks fill the rest of the budget.
    const decoding = running.filter((r) => r.prefilled >= r.toPrefill);
    const perSeqTokens = spec ? spec.draftTokens + 1 : 1;
    let budget = Math.max(0, k.prefillChunkTokens - decoding.length * perSeqTokens);
    let chunkSeqs = 0;
    let chunkTokens = 0;
    let chunkCached = 0;
    const chunks: [Req, number][] = [];
    for (const r of running) {
      if (r.prefilled >= r.toPrefill) continue;
      if (budget <= 0) break;
      const c = Math.min(budget, r.toPrefill - r.prefilled);
      chunks.push([r, c]);
      chunkSeqs++;
      chunkTokens += c;
      chunkCached += r.input - r.toPrefill + r.prefilled;
      budget -= c;
    }
    const ctx = decoding.length ? decoding.reduce((s, r) => s + r.input + r.generated, 0) / decoding.length : 0;
    const shape: StepShape = spec
      ? { decodeSeqs: 0, decodeContext: 0, prefillSeqs: decoding.length + chunkSeqs, prefillTokens: (decoding.length * perSeqTokens + chunkTokens) / Math.max(1, decoding.length + chunkSeqs), prefillCached: (decoding.length * ctx + chunkCached) / Math.max(1, decoding.length + chunkSeqs) }
      : { decodeSeqs: decoding.length, decodeContext: ctx, prefillSeqs: chunkSeqs, prefillTokens: chunkSeqs ? chunkTokens / chunkSeqs : 0, prefillCached: chunkSeqs ? chunkCached / chunkSeqs : 0 };
    let dt = stepCost(d, shape).timeS;
    if (spec && draft && decoding.length) {
      // The draft proposes k tokens one at a time for every decoding sequence.
      dt += spec.draftTokens * stepCost(draft, { decodeSeqs: decoding.length, decodeContext: ctx, prefillSeqs: 0, prefillTokens: 0, prefillCached: 0 }).timeS;
    }
    t += dt;
    steps++;
    batchSum += decoding.length + chunkSeqs;
    maxBatch = Math.max(maxBatch, running.length);

    let produced = 0;
    for (const [r, c] of chunks) {
      r.prefilled += c;
      if (r.prefilled >= r.toPrefill) {
        // The pass that finishes the prompt yields the next token: the first one, or, for a preempted
        // sequence recomputing its prompt and what it had generated, the one after those.
        if (r.generated === 0) {
          r.generated = 1;
          r.firstTokenAt = t;
        } else {
          itls.push((t - r.lastTokenAt) * 1e3);
          r.itlSum += t - r.lastTokenAt;
          r.itlCount++;
          r.generated++;
        }
        produced++;
        r.lastTokenAt = t;
      }
    }
    for (const r of decoding) {
      let gain = 1;
      if (spec) {
        gain = 1;
        for (let j = 0; j < spec.draftTokens && rnd() < spec.acceptanceRate; j++) gain++;
      }
      gain = Math.min(gain, r.output - r.generated);
      if (gain <= 0) continue;
      const gap = (t - r.lastTokenAt) / gain;
      for (let j = 0; j < gain; j++) itls.push(gap * 1e3);
      r.itlSum += t - r.lastTokenAt;
      r.itlCount += gain;
      r.generated += gain;
      produced += gain;
      r.lastTokenAt = t;
    }
    stepEnd.push(t);
    stepTokens.push(produced);
    // Retire finished sequences; grow the others' KV and preempt the newest on overflow.
    for (let i = running.length - 1; i >= 0; i--) {
      const r = running[i];
      if (r.generated >= r.output && r.prefilled >= r.toPrefill) {
        r.done = true;
        completed++;
        used -= r.reserved;
        running.splice(i, 1);
      }
    }
    for (const r of running) {
      const held = kvOf(r.input + r.generated);
      if (held > r.reserved) {
        used += held - r.reserved;
        r.reserved = held;
      }
    }
    while (used > capacity && running.length > 1) {
      const victim = running.pop()!;
      used -= victim.reserved;
      victim.reserved = 0;
      victim.prefilled = 0;
      victim.toPrefill = victim.input + victim.generated;
      preemptions++;
      waiting.unshift(victim);
    }
    if (steps % 2000 === 0) onProgress?.(completed / reqs.length);
    if (steps >= cfg.maxSteps) {
      warning = `stopped after ${steps} iterations with ${completed} of ${reqs.length} requests done`;
      break;
    }
  }
  onProgress?.(1);

  const done = reqs.filter((r) => r.done && Number.isFinite(r.firstTokenAt));
  const start = times[0] ?? 0;
  const lastArrival = times[times.length - 1] ?? start;
  const end = done.reduce((m, r) => Math.max(m, r.lastTokenAt), start);
  const durationS = Math.max(1e-9, end - start);
  const tokens = done.reduce((s, r) => s + r.generated, 0);
  const ttft = done.map((r) => (r.firstTokenAt - r.arrival) * 1e3);
  const e2e = done.map((r) => (r.lastTokenAt - r.arrival) * 1e3);
  const e2eP = percentiles(e2e);
  const meets = done.filter((r) => (r.firstTokenAt - r.arrival) * 1e3 <= cfg.slo.ttftMs && (r.itlCount ? (r.itlSum / r.itlCount) * 1e3 : 0) <= cfg.slo.itlMs).length;
  const span = lastArrival - start;
  const medianE2eS = Number.isFinite(e2eP.p50) ? e2eP.p50 / 1e3 : 0;
  // Steady window: from one median E2E after the first arrival (never past mid-span) to the last arrival.
  const ws = start + Math.min(medianE2eS, span / 2);
  let windowTokens = 0;
  for (let i = 0; i < stepEnd.length; i++) if (stepEnd[i] > ws && stepEnd[i] <= lastArrival) windowTokens += stepTokens[i];
  const windowed = span > 0 && lastArrival - ws > 0;
  const outputTokensPerSecond = windowed ? windowTokens / (lastArrival - ws) : tokens / durationS;
  const meanOutput = done.length ? tokens / done.length : 1;
  const requestsPerSecond = outputTokensPerSecond / meanOutput;
  const sloAttainment = reqs.length ? meets / reqs.length : 0;
  const offeredRate = span > 0 ? (reqs.length - 1) / span : Number.POSITIVE_INFINITY;
  // Overload is conclusive without a long run: at the last arrival a tenth of the requests still wait for a first token.
  const backlog = reqs.filter((r) => !(r.firstTokenAt <= lastArrival)).length;
  const overloaded = span > 0 && backlog > 0.1 * reqs.length;
  // An overloaded run is steady once the full batch has turned over several times after the cache filled.
  const steady = span > 0 ? (overloaded ? reqs.length >= 8 * maxBatch : span >= 5 * medianE2eS) : true;
  const sustained = span > 0 ? !overloaded && requestsPerSecond >= 0.9 * offeredRate : true;
  return {
    requestsCompleted: done.length,
    requestsTotal: reqs.length,
    durationS,
    outputTokensPerSecond,
    requestsPerSecond,
    goodput: requestsPerSecond * sloAttainment,
    offeredRate,
    steady,
    sustained,
    sloAttainment,
    ttftMs: percentiles(ttft),
    itlMs: percentiles(itls),
    e2eMs: e2eP,
    meanBatch: steps ? batchSum / steps : 0,
    maxBatch,
    steps,
    preemptions,
    warning,
  };
}

export interface RatePoint {
  rate: number;
  result: SimResult;
}

/** Most requests a run is lengthened to, so a sweep in the browser stays within seconds. */
export const STEADY_MAX_REQUESTS = 20_000;

/**
 * A Poisson run at `rate`, lengthened (same seed, more requests) until its arrivals span at least five
 * median end-to-end latencies, up to STEADY_MAX_REQUESTS: a short burst never builds the queue that a
 * sustained overload would, and would report a rate above capacity as meeting the SLO.
 */
export function simulateSteady(d: Deployment, base: Omit<SimConfig, "arrivals">, rate: number, onProgress?: (fraction: number) => void): SimResult {
  let requests = base.requests ?? 500;
  for (let tries = 0; ; tries++) {
    const r = simulate(d, { ...base, requests, arrivals: { kind: "poisson", rate } }, onProgress);
    if (r.steady || requests >= STEADY_MAX_REQUESTS || tries >= 3) return r;
    const need = r.sustained ? (5.5 * (r.e2eMs.p50 / 1e3) * rate) | 0 : 9 * r.maxBatch;
    requests = Math.min(STEADY_MAX_REQUESTS, Math.max(need, requests * 2));
  }
}

/** Simulate a Poisson load at each rate (same seed, so the curves are smooth and reproducible), each run long enough to reach steady state. */
export function sweepRates(d: Deployment, base: Omit<SimConfig, "arrivals">, rates: number[], onProgress?: (fraction: number) => void): RatePoint[] {
  return rates.map((rate, i) => {
    const result = simulateSteady(d, base, rate, (f) => onProgress?.((i + f) / rates.length));
    return { rate, result };
  });
}

/**
 * Highest Poisson rate the deployment sustains (it keeps up with the arrivals) while at least
 * `attainment` of requests meet both SLOs, by bisection between 0 and `hiRate` (a rate that fails).
 * Returns 0 when even a trickle fails.
 */
export function maxRateUnderSlo(d: Deployment, base: Omit<SimConfig, "arrivals">, opts: { attainment?: number; hiRate: number; iterations?: number }): { rate: number; result: SimResult | null } {
  const target = opts.attainment ?? 0.9;
  let lo = 0;
  let hi = opts.hiRate;
  let best: SimResult | null = null;
  for (let i = 0; i < (opts.iterations ?? 10); i++) {
    const mid = (lo + hi) / 2;
    const r = simulateSteady(d, base, mid);
    if (r.sloAttainment >= target && r.sustained) {
      lo = mid;
      best = r;
    } else hi = mid;
  }
  return { rate: lo, result: best };
}

import { z } from "zod";
import { mulberry32 } from "@/lib/random";
import { formatQuantity, type BaseUnit } from "@/lib/units";
import { autoscaledServing } from "./autoscaled-serving";
import { checkpointedRun } from "./checkpointed-run";
import { gpuQueue } from "./gpu-queue";
import { mean, sampleSd } from "./sampling";
import { stragglerJitter } from "./straggler-jitter";
import type { Simulation } from "./types";

export const simulations = { stragglerJitter, checkpointedRun, gpuQueue, autoscaledServing } satisfies Record<string, Simulation>;
export type SimulationName = keyof typeof simulations;
export const simulationNames = Object.keys(simulations) as SimulationName[];

/** What a scenario file writes: expected: { simulate: { fn, output, args, seed } }. */
export const simulateSpecSchema = z.object({
  fn: z.string().min(1),
  output: z.string().min(1),
  args: z.record(z.string(), z.unknown()).default({}),
  seed: z.number().int().min(0).default(1),
  /** Override the simulation's sizes: trials of a candidate-sized Monte Carlo, and batches of that size in the reference. */
  trials: z.object({ candidate: z.number().int().positive().optional(), batches: z.number().int().min(4).max(64).optional() }).optional(),
  /** The band is this many standard deviations of a candidate-sized estimate (or the floor, if wider). */
  sigmas: z.number().positive().default(3),
});
export type SimulateSpec = z.infer<typeof simulateSpecSchema>;

export type ReferenceResult = {
  value: number;
  unit: BaseUnit;
  /** Standard deviation of a candidate-sized estimate, over the reference's batches. */
  sd: number;
  /** The band: max(floor, sigmas x sd / |value|), at most 100%. */
  relativeTolerance: number;
  candidateTrials: number;
  batches: number;
  explanation: string;
};

const cache = new Map<string, Record<string, number>[]>();

/** Seeded batches per (simulation, args, seed, sizes), shared by every output of that simulation. */
function runBatches(name: SimulationName, sim: Simulation, args: unknown, seed: number, candidate: number, batches: number) {
  const key = JSON.stringify([name, args, seed, candidate, batches]);
  const hit = cache.get(key);
  if (hit) return hit;
  const runs: Record<string, number>[] = [];
  // Batch k has its own generator, so adding batches never changes the earlier ones.
  for (let k = 0; k < batches; k++) runs.push(sim.estimate(args, mulberry32((Math.imul(seed + 1, 0x9e3779b1) + Math.imul(k + 1, 0x85ebca6b)) >>> 0), candidate));
  cache.set(key, runs);
  return runs;
}

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;

/**
 * The expected value of a simulation question and its band. The reference is `batches` independent
 * Monte Carlo estimates, each the size a candidate writes in the round: their mean is the expected
 * value (its own error is sd / sqrt(batches)), and their spread is the simulation's own: the band is
 * `sigmas` standard deviations of one candidate-sized estimate, never narrower than the scenario's floor.
 */
export function simulateScenarioQuantity(spec: SimulateSpec, floor: number): ReferenceResult {
  const name = spec.fn as SimulationName;
  const sim = (simulations as Record<string, Simulation>)[spec.fn];
  if (!sim) throw new Error(`unknown simulation "${spec.fn}"; use one of ${simulationNames.join(", ")}`);
  const out = sim.outputs[spec.output];
  if (!out) throw new Error(`simulation ${spec.fn} has no output "${spec.output}"; use one of ${Object.keys(sim.outputs).join(", ")}`);
  const parsed = sim.args.safeParse(spec.args);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`args.${i.path.join(".") || "(args)"}: ${i.message}`);
  }
  const candidate = spec.trials?.candidate ?? sim.trials.candidate;
  const batches = spec.trials?.batches ?? sim.trials.batches;
  const estimates = runBatches(name, sim, parsed.data, spec.seed, candidate, batches).map((r) => r[spec.output]);
  const value = mean(estimates);
  if (!Number.isFinite(value)) throw new Error(`simulation ${spec.fn} gave ${value} for ${spec.output}; check its args`);
  const sd = sampleSd(estimates);
  const spread = value === 0 ? 0 : (spec.sigmas * sd) / Math.abs(value);
  const relativeTolerance = Math.min(1, Math.max(floor, spread));
  const fmt = (x: number) => formatQuantity(x, out.unit);
  const size = `${candidate.toLocaleString("en-US")}-trial`;
  const explanation =
    `**Reference simulation** (seed ${spec.seed}, ${batches} batches of ${candidate.toLocaleString("en-US")} trials): ${sim.describe(parsed.data)} ` +
    `The ${out.label} comes out at **${fmt(value)}** (mean of the batches; its own standard error is ${fmt(sd / Math.sqrt(batches))}). ` +
    `One ${size} Monte Carlo of the same model varies by ${fmt(sd)} (1 sd over the batches, ${pct(value ? sd / Math.abs(value) : 0)}), ` +
    `so the band is ${spread >= floor ? `${spec.sigmas} sd = ±${pct(relativeTolerance)}` : `the floor of ±${pct(floor)} (${spec.sigmas} sd would be ±${pct(spread)})`}.`;
  return { value, unit: out.unit, sd, relativeTolerance, candidateTrials: candidate, batches, explanation };
}

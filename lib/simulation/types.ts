import type { z } from "zod";
import type { BaseUnit } from "@/lib/units";
import type { Rng } from "./sampling";

/**
 * A reference simulation: a stochastic model of one interview exercise. `estimate` returns every
 * output it knows, estimated from `trials` independent trials drawn from `rng`; a scenario question
 * picks one output. The reference runs `batches` independent estimates, each the size of the Monte
 * Carlo a candidate writes in the round: their mean is the expected value, their spread the band.
 */
export type Simulation<S extends z.ZodType = z.ZodType> = {
  /** The model in one or two sentences, for the derivation shown after grading. */
  describe(args: z.output<S>): string;
  args: S;
  outputs: Record<string, { unit: BaseUnit; label: string }>;
  trials: {
    /** Trials of the Monte Carlo a candidate would write in the round (one batch). */
    candidate: number;
    /** Batches in the reference: its own error is the batch spread / sqrt(batches), far inside the band. */
    batches: number;
  };
  estimate(args: z.output<S>, rng: Rng, trials: number): Record<string, number>;
};

export function simulation<S extends z.ZodType>(s: Simulation<S>): Simulation<S> {
  return s;
}

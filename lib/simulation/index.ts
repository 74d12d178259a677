/**
 * Reference simulations for live modeling rounds: seeded Monte Carlo models whose results are the
 * expected answers of simulation questions, with bands set by the simulation's own spread.
 */
export { simulateScenarioQuantity, simulateSpecSchema, simulations, simulationNames, type ReferenceResult, type SimulateSpec, type SimulationName } from "./reference";
export type { Simulation } from "./types";
export * as sampling from "./sampling";

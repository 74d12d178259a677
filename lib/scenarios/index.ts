import { loadScenarioLibrary, type ScenarioLibrary } from "./loader";

export * from "./schema";
export { describeRoundFilter, difficulties, hasRoundFilter, matchesRoundFilter, type Difficulty, type RoundFilter } from "./round-filter";
export { loadScenarioLibrary, defaultScenarioRoots } from "./loader";
export type { RuntimeScenario, ResolvedModelingScenario, ScenarioError, ScenarioLibrary } from "./loader";

let cached: ScenarioLibrary | null = null;

/**
 * The scenario library of this process. Loaded once in production; re-read on every call in
 * development so editing a scenario file shows up on reload.
 */
export function getScenarioLibrary(): ScenarioLibrary {
  if (process.env.NODE_ENV === "development" || !cached) cached = loadScenarioLibrary();
  return cached;
}

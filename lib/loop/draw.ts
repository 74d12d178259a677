import { describeRoundFilter, hasRoundFilter, matchesRoundFilter, type LoopTemplate, type RoundKind, type RuntimeScenario } from "@/lib/scenarios";
import { mulberry32 } from "@/lib/random";
import { LoopError } from "./engine";

/** The seeded PRNG of the draw: the same seed draws the same loop. */
export { mulberry32 as seededRandom } from "@/lib/random";

export type DrawOptions = {
  seed: number;
  /** The kind for rounds of kind "any" (the quick drill). */
  kind?: RoundKind;
  /** Chosen scenario per round position; overrides the draw. */
  scenarioIds?: Record<number, string>;
};

export type DrawnRound = { position: number; kind: RoundKind; minutes: number; title: string; scenario: RuntimeScenario };

/** Picks a scenario for every round: the template's or the candidate's choice, else a seeded draw without repeats. */
export function drawLoop(template: LoopTemplate, scenarios: RuntimeScenario[], opts: DrawOptions): DrawnRound[] {
  const rand = mulberry32(opts.seed);
  // Scenarios the template or the candidate names for later rounds are not drawn for earlier ones.
  const used = new Set<string>(template.rounds.flatMap((r, position) => opts.scenarioIds?.[position] ?? r.scenario ?? []));
  return template.rounds.map((r, position) => {
    const kind: RoundKind | undefined = r.kind === "any" ? opts.kind : r.kind;
    if (!kind) throw new LoopError(`Round ${position + 1} of "${template.title}" lets you choose its kind: pass one of coding, design, modeling, behavioral, kernel.`, 422);
    const chosenId = opts.scenarioIds?.[position] ?? r.scenario;
    let scenario: RuntimeScenario | undefined;
    if (chosenId) {
      scenario = scenarios.find((s) => s.id === chosenId);
      if (!scenario) throw new LoopError(`No scenario has id "${chosenId}".`, 422);
      if (scenario.kind !== kind) throw new LoopError(`"${chosenId}" is a ${scenario.kind} scenario; round ${position + 1} needs ${kind}.`, 422);
      if (!matchesRoundFilter(scenario, r)) throw new LoopError(`"${chosenId}" does not fit round ${position + 1}, which asks for a ${kind} scenario ${describeRoundFilter(r)}.`, 422);
    } else {
      const pool = scenarios.filter((s) => s.kind === kind && matchesRoundFilter(s, r)).sort((a, b) => a.id.localeCompare(b.id));
      if (pool.length === 0) {
        const asked = hasRoundFilter(r) ? ` ${describeRoundFilter(r)}` : "";
        throw new LoopError(`No ${kind} scenario${asked} is available; add one under scenarios/${kind}/.`, 422);
      }
      const fresh = pool.filter((s) => !used.has(s.id));
      const from = fresh.length ? fresh : pool;
      scenario = from[Math.floor(rand() * from.length)];
    }
    used.add(scenario.id);
    return { position, kind, minutes: r.minutes, title: r.title ?? `${kindLabel(kind)}: ${scenario.title}`, scenario };
  });
}

export function kindLabel(kind: string): string {
  return (
    { coding: "Coding", design: "System design", modeling: "Cost-latency modeling", behavioral: "Behavioral", kernel: "GPU kernel" } as Record<string, string>
  )[kind] ?? kind;
}

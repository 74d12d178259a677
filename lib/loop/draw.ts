import type { LoopTemplate, RoundKind, RuntimeScenario } from "@/lib/scenarios";
import { LoopError } from "./engine";

/** mulberry32: a small, well-known seedable PRNG; the same seed draws the same loop. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const rand = seededRandom(opts.seed);
  const used = new Set<string>();
  return template.rounds.map((r, position) => {
    const kind: RoundKind | undefined = r.kind === "any" ? opts.kind : r.kind;
    if (!kind) throw new LoopError(`Round ${position + 1} of "${template.title}" lets you choose its kind: pass one of coding, design, modeling, behavioral, kernel.`, 422);
    const chosenId = opts.scenarioIds?.[position] ?? r.scenario;
    let scenario: RuntimeScenario | undefined;
    if (chosenId) {
      scenario = scenarios.find((s) => s.id === chosenId);
      if (!scenario) throw new LoopError(`No scenario has id "${chosenId}".`, 422);
      if (scenario.kind !== kind) throw new LoopError(`"${chosenId}" is a ${scenario.kind} scenario; round ${position + 1} needs ${kind}.`, 422);
    } else {
      const pool = scenarios.filter((s) => s.kind === kind).sort((a, b) => a.id.localeCompare(b.id));
      if (pool.length === 0) throw new LoopError(`No ${kind} scenario is available; add one under scenarios/${kind}/.`, 422);
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

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { drawLoop } from "@/lib/loop/draw";
import { loadScenarioLibrary } from "./loader";
import { matchesRoundFilter } from "./round-filter";
import { loopSchema } from "./schema";

function tmpRoot(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lb-filter-"));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), body);
  }
  return root;
}

describe("round filter", () => {
  it("matches any one of the tags, and one of the difficulties; both must hold when both are given", () => {
    const s = { tags: ["ml", "numerics"], difficulty: "hard" };
    expect(matchesRoundFilter(s, {})).toBe(true);
    expect(matchesRoundFilter(s, { tags: ["graphs", "ml"] })).toBe(true);
    expect(matchesRoundFilter(s, { tags: ["graphs"] })).toBe(false);
    // A tag is a whole word: "ml" does not match "mlp" or "html".
    expect(matchesRoundFilter({ tags: ["mlp", "html"], difficulty: "hard" }, { tags: ["ml"] })).toBe(false);
    expect(matchesRoundFilter(s, { difficulty: "hard" })).toBe(true);
    expect(matchesRoundFilter(s, { difficulty: ["easy", "medium"] })).toBe(false);
    expect(matchesRoundFilter(s, { tags: ["ml"], difficulty: "easy" })).toBe(false);
    expect(matchesRoundFilter({ tags: [] }, { difficulty: "medium" })).toBe(true); // the schema's default level
  });

  it("refuses a round that both names a scenario and filters the draw, and a level that does not exist", () => {
    const loop = { id: "l", title: "Loop", rounds: [{ kind: "coding", minutes: 5, scenario: "x", tags: ["ml"] }] };
    const bad = loopSchema.safeParse(loop);
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].message).toMatch(/names its scenario or filters the draw/);
    const level = loopSchema.safeParse({ id: "l", title: "Loop", rounds: [{ kind: "coding", minutes: 5, difficulty: "brutal" }] });
    expect(level.error!.issues[0].message).toMatch(/difficulty is one of easy, medium, hard/);
    expect(loopSchema.safeParse({ id: "l", title: "Loop", rounds: [{ kind: "coding", minutes: 5, tags: [] }] }).success).toBe(false);
  });
});

const coding = (id: string, tags: string[], difficulty: string) => `id: ${id}
kind: coding
title: Problem ${id}
difficulty: ${difficulty}
tags: [${tags.join(", ")}]
source: { seed: 001_ffd3690e418448a4.txt, point: "A coding problem for the loader tests." }
prompt: Write a function that returns its argument unchanged.
`;

describe("loader: loop rounds with tags and difficulty", () => {
  const scenarios = {
    "coding/a.yaml": coding("a-graphs", ["graphs"], "medium"),
    "coding/b.yaml": coding("b-ml", ["ml", "numerics"], "hard"),
    "coding/c.yaml": coding("c-easy", ["strings"], "easy"),
  };

  it("names the file, the round and the fix when a round's filter matches no scenario, and drops that loop", () => {
    const root = tmpRoot({
      ...scenarios,
      "loops/good.yaml": "id: good\ntitle: Good loop\nrounds:\n  - { kind: coding, minutes: 5, title: ML coding, tags: [ml] }\n  - { kind: coding, minutes: 5, difficulty: [medium, hard] }\n",
      "loops/no-tag.yaml": "id: no-tag\ntitle: No tag loop\nrounds:\n  - { kind: coding, minutes: 5 }\n  - { kind: coding, minutes: 5, title: Kernels in Python, tags: [cuda] }\n",
      "loops/no-level.yaml": "id: no-level\ntitle: No level loop\nrounds:\n  - { kind: coding, minutes: 5, tags: [strings], difficulty: hard }\n",
    });
    const lib = loadScenarioLibrary([root]);
    expect(lib.loops.map((l) => l.id)).toEqual(["good"]);
    const noTag = lib.errors.find((e) => e.file.endsWith("no-tag.yaml"))!;
    expect(noTag.field).toBe("rounds[1].tags");
    expect(noTag.message).toMatch(/round 2 \("Kernels in Python"\) asks for a coding scenario tagged cuda, and none is/);
    expect(noTag.message).toMatch(/tags are: graphs, ml, numerics, strings/);
    expect(noTag.message).toMatch(/tag a coding scenario with it \(tags: \[cuda\]\) or change the round's tags to ones that exist/);
    const noLevel = lib.errors.find((e) => e.file.endsWith("no-level.yaml"))!;
    expect(noLevel.message).toMatch(/round 1 asks for a coding scenario tagged strings, hard, and none is/);
  });

  it("draws only matching scenarios, for every seed, and refuses a chosen scenario that does not fit", () => {
    const lib = loadScenarioLibrary([tmpRoot({ ...scenarios, "loops/good.yaml": "id: good\ntitle: Good loop\nrounds:\n  - { kind: coding, minutes: 5, title: ML coding, tags: [ml] }\n  - { kind: coding, minutes: 5, difficulty: [medium, hard] }\n" })]);
    const loop = lib.loops[0];
    for (let seed = 0; seed < 50; seed++) {
      const drawn = drawLoop(loop, lib.scenarios, { seed });
      expect(drawn[0].scenario.id).toBe("b-ml");
      expect(["a-graphs", "b-ml"]).toContain(drawn[1].scenario.id);
      // The title stays the round's own; the scenario's title travels with the scenario.
      expect(drawn[0].title).toBe("ML coding");
    }
    expect(() => drawLoop(loop, lib.scenarios, { seed: 1, scenarioIds: { 0: "c-easy" } })).toThrow(/"c-easy" does not fit round 1, which asks for a coding scenario tagged ml/);
  });

  it("the shipped loops draw what their rounds ask: the research loop's ML coding round only ML problems", () => {
    const lib = loadScenarioLibrary([path.join(process.cwd(), "scenarios")]);
    expect(lib.errors).toEqual([]);
    const research = lib.loops.find((l) => l.id === "research-engineer")!;
    const ml = research.rounds.findIndex((r) => r.title === "ML coding");
    expect(research.rounds[ml].tags).toContain("ml");
    const drawnMl = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const drawn = drawLoop(research, lib.scenarios, { seed });
      drawnMl.add(drawn[ml].scenario.id);
      expect(drawn[ml].scenario.tags.some((t) => research.rounds[ml].tags!.includes(t))).toBe(true);
      expect(drawn[0].scenario.difficulty).not.toBe("easy");
      // The paper round's scenario is not drawn again for the system-design round.
      expect(drawn.filter((d) => d.scenario.id === "paper-sliding-window-attention")).toHaveLength(1);
    }
    expect(drawnMl.has("longest-increasing-run")).toBe(false);
    expect(drawnMl.size).toBeGreaterThan(1);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioLibrary } from "./loader";

function tmpRoot(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lb-scen-"));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), body);
  }
  return root;
}

const goodBehavioral = `id: good-one
kind: behavioral
title: A good one
source: { seed: 004_387d7033ba0baf24.txt, point: "Behavioral round on technical conviction." }
prompt: Tell me about a time you overrode a decision with data.
rubric:
  concepts:
    - { id: a, label: Evidence, synonyms: [benchmark] }
    - { id: b, label: Ownership, synonyms: [i decided] }
    - { id: c, label: Outcome, synonyms: [reduced] }
  misconceptions:
    - id: blame
      claim: Blames another team for the outcome
      severity: severe
      patterns: ["their fault", "blame* + team ~6"]
      correction: Say what you measured and changed yourself.
      examples: { match: ["It was their fault."], noMatch: ["I measured it and fixed it."] }
    - id: consensus
      claim: Went along with the room
      patterns: ["went along with"]
      correction: Decide on the evidence and own it.
      examples: { match: ["I went along with the consensus."], noMatch: ["I decided on the benchmark numbers."] }
`;

describe("scenario loader", () => {
  it("loads the project's own scenarios without errors, with at least two of each kind the loop uses", () => {
    const lib = loadScenarioLibrary([path.join(process.cwd(), "scenarios")], { checkExamples: true });
    expect(lib.errors).toEqual([]);
    for (const kind of ["coding", "design", "modeling", "behavioral", "kernel"]) {
      expect(lib.scenarios.filter((s) => s.kind === kind).length, kind).toBeGreaterThanOrEqual(2);
    }
    expect(lib.loops.map((l) => l.id)).toEqual(expect.arrayContaining(["sde-onsite", "technical-screen", "quick-drill"]));
    const sde = lib.loops.find((l) => l.id === "sde-onsite")!;
    expect(sde.rounds.map((r) => [r.kind, r.minutes])).toEqual([["coding", 60], ["design", 45], ["modeling", 45], ["behavioral", 30]]);
  });

  it("names the file and the field of a malformed scenario, and keeps serving the valid ones", () => {
    const root = tmpRoot({
      "behavioral/good.yaml": goodBehavioral,
      "behavioral/bad.yaml": goodBehavioral.replace("id: good-one", "id: Bad One").replace("synonyms: [benchmark]", "synonyms: []"),
      "design/broken.yaml": "id: x\n  kind: : design\n",
      "modeling/wrong-unit.yaml": `id: m1\nkind: modeling\ntitle: Units\nsource: { seed: 000_7e3067bc015ffc9b.txt, point: "KV cache reasoning in bytes." }\nprompt: How many bytes are in a kibibyte, really?\nquestions:\n  - { id: q, prompt: Bytes in a KiB, unit: parsecs, expected: { value: 1024 }, tolerance: { relative: 0.01, reason: "exact conversion, nothing to estimate" } }\n`,
    });
    const lib = loadScenarioLibrary([root]);
    expect(lib.scenarios.map((s) => s.id)).toEqual(["good-one"]);
    const bad = lib.errors.filter((e) => e.file.endsWith("bad.yaml"));
    expect(bad.map((e) => e.field)).toEqual(expect.arrayContaining(["id", "rubric.concepts[0].synonyms"]));
    expect(bad.find((e) => e.field === "id")!.message).toMatch(/lowercase letters/);
    expect(lib.errors.some((e) => e.file.endsWith("broken.yaml") && e.field === "(yaml)")).toBe(true);
    const unit = lib.errors.find((e) => e.file.endsWith("wrong-unit.yaml"))!;
    expect(unit.field).toBe("questions[0].unit");
    expect(unit.message).toMatch(/unit must be one of/);
  });

  it("checks misconception patterns against their own examples, naming the field and the fix", () => {
    const root = tmpRoot({
      "behavioral/bad-example.yaml": goodBehavioral.replace('noMatch: ["I decided on the benchmark numbers."]', 'noMatch: ["I never went along with the room."]').replace('match: ["It was their fault."]', 'match: ["The outage was caused by them."]'),
    });
    const lib = loadScenarioLibrary([root], { checkExamples: true });
    expect(lib.scenarios).toEqual([]);
    const fields = lib.errors.map((e) => e.field);
    expect(fields).toContain("rubric.misconceptions[0].examples.match[0]");
    expect(lib.errors.find((e) => e.field === "rubric.misconceptions[0].examples.match[0]")!.message).toMatch(/no pattern finds .* widen a pattern/);
  });

  it("rejects a scenario in the wrong folder, a duplicate id, and a loop naming a missing scenario", () => {
    const root = tmpRoot({
      "behavioral/good.yaml": goodBehavioral,
      "design/misplaced.yaml": goodBehavioral.replace("good-one", "misplaced"),
      "behavioral/dup.yaml": goodBehavioral,
      "loops/l.yaml": "id: l\ntitle: Loop\nrounds:\n  - { kind: behavioral, minutes: 30, scenario: nope }\n",
    });
    const lib = loadScenarioLibrary([root]);
    const msg = lib.errors.map((e) => `${path.basename(e.file)} ${e.field} ${e.message}`).join("\n");
    expect(msg).toMatch(/misplaced.yaml kind .*sits in scenarios\/design/);
    expect(msg).toMatch(/(dup|good).yaml id .*"good-one" is already used/);
    expect(msg).toMatch(/l.yaml rounds\[0\].scenario no valid scenario has id "nope"/);
    expect(lib.loops).toEqual([]);
  });
});

import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioLibrary } from "@/lib/scenarios";
import {
  calibrationPartsFromEnv,
  decisionLevel,
  gibberishAnswer,
  listCalibrationParts,
  loadCalibrationPart,
  partFigures,
  type GradedCalibrationAnswer,
} from "./calibration-set";
import { gradeProseText, type ProseScenario } from "./grade-text";

/**
 * The calibration gate (issue 10). Every part under tests/calibration/ is graded; the tuned, held-out and
 * held-out-2 parts must reach pairwise ordering >= 0.90, quadratic weighted kappa >= 0.75 and break no
 * hard rule (no terse or wrong answer at Yes or above, no strong answer below Yes, empty and gibberish
 * Strong No). held-out was written blind but has since been read to find failure classes, so it guards
 * against regressions; it is not an unseen measurement. Sealed parts (sealed, sealed-2, ...) are never
 * read unless LOOPBENCH_CALIBRATION_SEALED=1 (the lead's final measurement).
 * LOOPBENCH_CALIBRATION_PARTS=tuned restricts the parts read.
 */
const library = loadScenarioLibrary([path.join(process.cwd(), "scenarios")]);
const prose = library.scenarios.filter((s): s is ProseScenario => s.kind === "design" || s.kind === "behavioral");
const byId = new Map(prose.map((s) => [s.id, s]));
const root = path.join(process.cwd(), "tests/calibration");
const parts = listCalibrationParts(root, calibrationPartsFromEnv());
/**
 * held-out-2 (written blind as "sealed", measured once by the lead at 76.5% / 0.474 / 6 violations, then read
 * as diagnostic data in grading round 3) meets every threshold since and is gated too. held-out-3 is printed:
 * it does not meet them yet (docs/rubric-method.md, Calibration).
 */
const gatedParts = ["tuned", "held-out", "held-out-2"];

function gradePart(part: string): { rows: GradedCalibrationAnswer[]; unknown: string[] } {
  const rows: GradedCalibrationAnswer[] = [];
  const unknown: string[] = [];
  for (const a of loadCalibrationPart(root, part)) {
    const s = byId.get(a.scenario);
    if (!s) {
      unknown.push(`${a.file}: unknown scenario ${a.scenario}`);
      continue;
    }
    const g = gradeProseText(s, a.text).grade;
    rows.push({ ...a, score: g.score ?? 0, decision: g.decision ?? "Strong No", level: decisionLevel[g.decision ?? "Strong No"], ms: 0 });
  }
  return { rows, unknown };
}

describe("calibration set", () => {
  it("has a tuned part of at least 12 scenarios x 7 answers, design and behavioral", () => {
    expect(parts).toContain("tuned");
    const tuned = loadCalibrationPart(root, "tuned");
    const scenarios = new Set(tuned.map((a) => a.scenario));
    expect(scenarios.size).toBeGreaterThanOrEqual(12);
    for (const id of scenarios) expect(tuned.filter((a) => a.scenario === id).map((a) => a.category).sort(), id).toEqual(["off-topic", "pasted", "strong", "strong-plain", "terse", "weak", "wrong"]);
    expect([...scenarios].some((id) => byId.get(id)?.kind === "design")).toBe(true);
    expect([...scenarios].some((id) => byId.get(id)?.kind === "behavioral")).toBe(true);
  });

  it.each(parts)("figures for the %s part (asserted on tuned, held-out and held-out-2)", (part) => {
    const { rows, unknown } = gradePart(part);
    const f = partFigures(part, rows);
    console.log(
      `[calibration ${part}] ${f.answers} answers, ${f.scenarios} scenarios: pairwise ${(f.pairwise * 100).toFixed(1)}% (${f.pairs} pairs), QWK ${f.qwk.toFixed(3)}, hard-rule violations ${f.violations.length}` +
        (f.violations.length ? "\n  " + f.violations.map((v) => `${v.rule}: ${v.file} ${v.score} ${v.decision}`).join("\n  ") : "") +
        (unknown.length ? "\n  " + unknown.join("\n  ") : ""),
    );
    if (!gatedParts.includes(part)) return;
    expect(unknown).toEqual([]);
    expect(f.violations, JSON.stringify(f.violations, null, 1)).toEqual([]);
    expect(f.pairwise, f.misordered.join("\n")).toBeGreaterThanOrEqual(0.9);
    expect(f.qwk).toBeGreaterThanOrEqual(0.75);
  });
});

describe.each(prose.map((s) => [`${s.kind}/${s.id}`, s] as const))("%s", (_, s) => {
  it("rates an empty answer and well-formed gibberish Strong No", () => {
    const empty = gradeProseText(s, "").grade;
    expect(empty.score).toBe(0);
    expect(empty.decision).toBe("Strong No");
    const junk = gradeProseText(s, gibberishAnswer(s.kind, s.kind === "design" ? s.sections.map((x) => x.title) : [])).grade;
    expect(junk.decision, `gibberish scored ${junk.score}`).toBe("Strong No");
    expect(junk.score!).toBeLessThan(10);
  });

  it("rates the prompt pasted back Strong No", () => {
    const pasted = s.kind === "design" ? s.sections.map((x, i) => `## ${x.title}\n\n${s.prompt.split(/\n\n/)[i % s.prompt.split(/\n\n/).length]}`).join("\n\n") : `Situation: ${s.prompt}`;
    expect(gradeProseText(s, pasted).grade.decision).toBe("Strong No");
  });

  it("orders its own samples strong > weak > off-topic, off-topic Strong No", () => {
    if (!s.samples?.strong || !s.samples.weak || !s.samples.offTopic) return;
    const strong = gradeProseText(s, s.samples.strong).grade.score!;
    const weak = gradeProseText(s, s.samples.weak).grade.score!;
    const off = gradeProseText(s, s.samples.offTopic).grade;
    expect(strong, JSON.stringify({ strong, weak, off: off.score })).toBeGreaterThan(weak);
    expect(weak).toBeGreaterThanOrEqual(off.score!);
    expect(off.decision).toBe("Strong No");
  });
});

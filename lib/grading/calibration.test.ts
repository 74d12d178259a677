import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioLibrary, type RuntimeScenario } from "@/lib/scenarios";
import { parseBehavioralAnswer, parseDesignAnswer } from "./answer-files";
import { gradeBehavioral } from "./behavioral";
import { gradeDesign } from "./design";
import type { Grade } from "./types";

/**
 * Calibration of the prose scorers against the library's own sample answers. For every design and
 * behavioral scenario, the three samples it ships are graded through the same file parser the
 * `grade` command uses, and the scorer must:
 *   - order them strong > weak > off-topic, with clear gaps;
 *   - rate the strong one at least Yes (65), the weak one below Yes, the off-topic one Strong No;
 *   - rate an empty answer and well-formed gibberish (with numbers and units) Strong No.
 */
const library = loadScenarioLibrary([path.join(process.cwd(), "scenarios")]);
type Prose = Extract<RuntimeScenario, { kind: "design" | "behavioral" }>;
const prose = library.scenarios.filter((s): s is Prose => s.kind === "design" || s.kind === "behavioral");

function gradeText(s: Prose, text: string): Grade {
  return s.kind === "design" ? gradeDesign(s, parseDesignAnswer(text, s.sections).answer) : gradeBehavioral(s, parseBehavioralAnswer(text).answer);
}

/** Deterministic nonsense shaped like an answer: headings, sentences, numbers with units. */
function gibberish(s: Prose): string {
  const words = ["florp", "zentil", "quabble", "mirrow", "snick", "pellow", "drastic", "vorn", "glimmet", "tarsh", "obble", "crindle"];
  const sentence = (i: number) =>
    Array.from({ length: 14 }, (_, j) => words[(i * 7 + j * 5) % words.length]).join(" ") + ` ${(i + 2) * 17} ms and ${(i + 3) * 4} GB.`;
  const body = (i: number) => [sentence(i), sentence(i + 1), sentence(i + 2)].join(" ");
  if (s.kind === "design") return s.sections.map((sec, i) => `## ${sec.title}\n\n${body(i)}`).join("\n\n");
  return ["Situation", "Task", "Action", "Result"].map((k, i) => `${k}: ${body(i)}`).join("\n\n");
}

describe("the library ships calibration samples", () => {
  it("has design and behavioral scenarios to calibrate", () => {
    expect(library.errors).toEqual([]);
    expect(prose.filter((s) => s.kind === "design").length).toBeGreaterThanOrEqual(8);
    expect(prose.filter((s) => s.kind === "behavioral").length).toBeGreaterThanOrEqual(10);
  });
});

describe.each(prose.map((s) => [`${s.kind}/${s.id}`, s] as const))("calibration of %s", (_, s) => {
  it("ships strong, weak and off-topic samples written in the answer-file format", () => {
    expect(s.samples?.strong, "samples.strong").toBeTruthy();
    expect(s.samples?.weak, "samples.weak").toBeTruthy();
    expect(s.samples?.offTopic, "samples.offTopic").toBeTruthy();
    if (s.kind === "design") {
      // Every section of the strong sample is present, so the structure score is earned, not guessed.
      const parsed = parseDesignAnswer(s.samples!.strong!, s.sections);
      expect(parsed.warnings, "strong sample headings must match the section titles").toEqual([]);
    } else {
      expect(parseBehavioralAnswer(s.samples!.strong!).warnings).toEqual([]);
    }
  });

  it("orders strong > weak > off-topic, strong at least Yes, weak below Yes, off-topic Strong No", () => {
    const strong = gradeText(s, s.samples!.strong!);
    const weak = gradeText(s, s.samples!.weak!);
    const off = gradeText(s, s.samples!.offTopic!);
    const scores = { strong: strong.score, weak: weak.score, offTopic: off.score };
    expect(strong.score!, JSON.stringify(scores)).toBeGreaterThanOrEqual(65);
    expect(["Strong Yes", "Yes"]).toContain(strong.decision);
    expect(strong.score! - weak.score!, JSON.stringify(scores)).toBeGreaterThanOrEqual(10);
    expect(weak.score!, JSON.stringify(scores)).toBeLessThan(65);
    expect(weak.score! - off.score!, JSON.stringify(scores)).toBeGreaterThanOrEqual(5);
    expect(off.decision, JSON.stringify(scores)).toBe("Strong No");
  });

  it("rates an empty answer and well-formed gibberish Strong No", () => {
    const empty = gradeText(s, "");
    expect(empty.score).toBe(0);
    expect(empty.decision).toBe("Strong No");
    const junk = gradeText(s, gibberish(s));
    expect(junk.decision, `gibberish scored ${junk.score}`).toBe("Strong No");
    expect(junk.score!).toBeLessThan(10);
  });

  it("grades the model answer, when there is one, above the weak sample", () => {
    if (!s.modelAnswer) return;
    // Model answers are prose summaries, not section-by-section files: only their concepts are compared.
    const conceptPoints = (g: Grade) => g.items.filter((i) => i.id.startsWith("concept:")).reduce((a, i) => a + i.points, 0);
    const model = gradeText(s, s.modelAnswer);
    const weak = gradeText(s, s.samples!.weak!);
    expect(conceptPoints(model)).toBeGreaterThan(conceptPoints(weak));
  });
});

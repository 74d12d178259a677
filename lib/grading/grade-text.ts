import type { RuntimeScenario } from "@/lib/scenarios";
import { parseBehavioralAnswer, parseDesignAnswer } from "./answer-files";
import { gradeBehavioral } from "./behavioral";
import { gradeDesign } from "./design";
import type { Grade } from "./types";

export type ProseScenario = Extract<RuntimeScenario, { kind: "design" | "behavioral" }>;

/** Grades a design or behavioral answer file's text through the same parser as the `grade` command. */
export function gradeProseText(s: ProseScenario, text: string): { grade: Grade; warnings: string[] } {
  if (s.kind === "design") {
    const p = parseDesignAnswer(text, s.sections);
    return { grade: gradeDesign(s, p.answer), warnings: p.warnings };
  }
  const p = parseBehavioralAnswer(text);
  return { grade: gradeBehavioral(s, p.answer), warnings: p.warnings };
}

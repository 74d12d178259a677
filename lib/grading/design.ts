import type { DesignScenario } from "@/lib/scenarios/schema";
import type { DesignAnswer } from "./answers";
import { scoreRubric } from "./rubric";
import type { Grade } from "./types";

/** System design: 60 concepts, 20 sections answered, 20 quantified estimates. */
export function gradeDesign(scenario: Pick<DesignScenario, "sections" | "rubric">, answer: DesignAnswer | null): Grade {
  const sections = answer?.sections ?? {};
  return scoreRubric({
    kind: "design",
    concepts: scenario.rubric.concepts,
    parts: scenario.sections.map((s) => ({ id: s.id, label: s.title, text: sections[s.id] ?? "", minWords: 25 })),
    weights: { concepts: 60, structure: 20, quantities: 20 },
    quantityTarget: 6,
  });
}

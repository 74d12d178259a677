import { readKernelFile } from "@/kernels/files";
import type { RuntimeScenario } from "@/lib/scenarios";
import { codingScenarioSchema, publicCodingView, type PublicCodingView } from "@/lib/scenarios/kinds/coding";

/**
 * What the candidate may see of a scenario. Before submission: the prompt and the answer form
 * (sections, STAR fields, questions with units). After: the rubric, expected answers and model answer too.
 */
export type PublicScenario = {
  id: string;
  kind: string;
  title: string;
  prompt: string;
  difficulty: string;
  source: { seed: string; point: string };
  sections?: { id: string; title: string; hint: string }[];
  questions?: {
    id: string;
    prompt: string;
    unit: string;
    expected?: number;
    tolerance?: { relative: number; reason: string };
    derivation?: string;
    /** Revealed: set when a reference simulation computed the expected value. */
    simulated?: { sd: number; candidateTrials: number; batches: number; floor: number };
  }[];
  /** Modeling: the scratchpad's starter code (before and after submission). */
  scratchpad?: { starter: string };
  /** Modeling, revealed: the assumptions an interviewer wanted stated. */
  assumptions?: { id: string; label: string }[];
  languages?: string[];
  starter?: Record<string, string>;
  /** Coding: signatures, visible tests, limits (never hidden tests or reference solutions). */
  coding?: PublicCodingView;
  problem?: string;
  revealed: boolean;
  rubric?: unknown;
  modelAnswer?: string;
};

export function publicScenario(s: RuntimeScenario, revealed: boolean): PublicScenario {
  const out: PublicScenario = { id: s.id, kind: s.kind, title: s.title, prompt: s.prompt, difficulty: s.difficulty, source: s.source, revealed };
  switch (s.kind) {
    case "design":
      out.sections = s.sections;
      if (revealed) (out.rubric = s.rubric), (out.modelAnswer = s.modelAnswer);
      break;
    case "behavioral":
      if (revealed) (out.rubric = s.rubric), (out.modelAnswer = s.modelAnswer);
      break;
    case "modeling":
      out.questions = s.questions.map((q) =>
        revealed
          ? { id: q.id, prompt: q.prompt, unit: q.unit, expected: q.expected, tolerance: q.tolerance, derivation: q.derivation, ...(q.simulated ? { simulated: q.simulated } : {}) }
          : { id: q.id, prompt: q.prompt, unit: q.unit },
      );
      if (s.scratchpad) out.scratchpad = s.scratchpad;
      if (revealed && s.assumptions?.length) out.assumptions = s.assumptions.map((a) => ({ id: a.id, label: a.label }));
      break;
    case "coding": {
      out.languages = s.languages;
      out.starter = s.starter;
      // Snapshots taken before coding tests existed do not parse as graded scenarios: show them without tests.
      const parsed = codingScenarioSchema.safeParse(s);
      if (parsed.success) out.coding = publicCodingView(parsed.data);
      break;
    }
    case "kernel":
      out.problem = s.problem;
      out.starter = { wgsl: readStarter(s.problem) };
      break;
  }
  return out;
}

function readStarter(problem: string): string {
  try {
    return readKernelFile(problem, "starter.wgsl");
  } catch {
    return `// No starter found for ${problem}.\n`;
  }
}

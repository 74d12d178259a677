import type { BehavioralAnswer, CodingAnswer, DesignAnswer, Followup, ModelingAnswer, ModelingValue } from "@/lib/grading/answers";
import type { PublicScenario } from "./public-scenario";

/** What the submit confirmation needs to know about a round: its kind, scenario, the draft answer, and what was done outside it. */
export type SubmitCheckInput = {
  kind: string;
  scenario: PublicScenario;
  answer: unknown;
  /** Design rounds: the interviewer's questions asked so far (the server's list). */
  followups?: Followup[];
  /** Coding: the visible tests were run in this round. Kernel: Check (or Benchmark) was run. */
  ran?: boolean;
};

const blank = (s: unknown) => typeof s !== "string" || s.trim() === "";
const short = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

function valueMissing(v: ModelingValue | undefined): boolean {
  if (!v) return true;
  if ((v.mode ?? "value") === "range") return v.low == null || v.high == null;
  return v.value == null;
}

/**
 * The parts of a round's answer that are still empty, in words the candidate recognises (section
 * titles, STAR parts, question numbers). An empty list means nothing is obviously missing.
 */
export function emptyParts({ kind, scenario, answer, followups, ran }: SubmitCheckInput): string[] {
  const out: string[] = [];
  switch (kind) {
    case "design": {
      const a = (answer ?? {}) as Partial<DesignAnswer>;
      for (const s of scenario.sections ?? []) if (blank(a.sections?.[s.id])) out.push(`Section “${s.title}” is empty`);
      const typed = new Map((a.followups ?? []).map((f) => [f.id, f.answer]));
      for (const f of followups ?? a.followups ?? []) {
        if (blank(typed.get(f.id) ?? f.answer)) out.push(`Follow-up question not answered: “${short(f.question)}”`);
      }
      break;
    }
    case "behavioral": {
      const a = (answer ?? {}) as Partial<BehavioralAnswer>;
      for (const [id, label] of [["situation", "Situation"], ["task", "Task"], ["action", "Action"], ["result", "Result"]] as const) {
        if (blank(a[id])) out.push(`${label} is empty`);
      }
      break;
    }
    case "modeling": {
      const a = (answer ?? {}) as Partial<ModelingAnswer>;
      (scenario.questions ?? []).forEach((q, i) => {
        if (valueMissing(a.values?.[q.id])) out.push(`Question ${i + 1} not answered: “${short(q.prompt)}”`);
      });
      if (blank(a.assumptions)) out.push("Assumptions are empty");
      break;
    }
    case "coding": {
      const a = (answer ?? {}) as Partial<CodingAnswer>;
      const starter = a.language ? scenario.starter?.[a.language] : undefined;
      if (blank(a.code) || (starter !== undefined && (a.code ?? "").trim() === starter.trim())) out.push("The code is still the starter");
      if (!ran) out.push("Tests never run in this round");
      break;
    }
    case "kernel": {
      const a = (answer ?? {}) as { source?: string };
      const starter = scenario.starter?.wgsl;
      if (blank(a.source) || (starter !== undefined && (a.source ?? "").trim() === starter.trim())) out.push("The kernel is still the starter");
      if (!ran) out.push("Never checked: Check has not been run in this round");
      break;
    }
  }
  return out;
}

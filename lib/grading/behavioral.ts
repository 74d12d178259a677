import type { BehavioralScenario, Misconception } from "@/lib/scenarios/schema";
import type { BehavioralAnswer } from "./answers";
import { scoreProse } from "./prose-score";
import type { Grade } from "./types";

/**
 * Words the seeds' committees mark down when they stand in for a mechanism
 * ("we facilitated alignment" instead of "I benchmarked both and showed a 2x gap").
 */
export const processWords = [
  "facilitated", "alignment", "aligned", "synergy", "agile", "scrum", "stakeholder management", "consensus", "leveraged", "circle back",
  // Seed 004: RACI charts, Jira migrations, OKRs and sprint rituals cited as evidence of impact.
  "raci", "okrs", "jira", "asana", "sprint", "bridge between teams",
];

export const starParts = [
  { id: "situation", label: "Situation" },
  { id: "task", label: "Task" },
  { id: "action", label: "Action" },
  { id: "result", label: "Result" },
] as const;

/**
 * The opposite of the values every behavioral question asks for, whatever the scenario: blaming others,
 * deferring the call, going along with the room. Severe: a story built on them is No at best. Each
 * scenario adds its own (lib/scenarios: rubric.misconceptions).
 */
export const directionMisconceptions: Misconception[] = [
  {
    id: "blame",
    claim: "The problem was someone else's fault",
    severity: "severe",
    patterns: [
      // Possessives alone are not blame ("everyone wanted their problem fixed first", "we ran it on them"):
      // the fault has to be assigned.
      "their fault|their mistake|their bug|on their side",
      "was|is|really|entirely + their problem|on them|their side of ~3",
      "really|entirely|clearly > 's problem|'s fault|'s mistake ~6",
      "blame* + team|vendor|they|them|other",
      "because|since + other team|storage team|platform team|vendor|finance team + broke|fault|wrong|flaky|buggy|unreliable",
      "hold + other teams|them|the team + accountable ~6",
      "fault + lay|lies|was + with + team|vendor|them ~6",
    ],
    correction: "A committee wants what you found and changed; name the mechanism and your part, even when another team's system failed.",
    examples: {
      match: ["It was entirely their fault.", "I blamed the other team for the outage.", "The code was a mess, which was really the researcher's problem.", "They traced it to a partial write on their side.", "My lesson was to hold other teams accountable.", "That delay was really on them."],
      noMatch: [
        "I found the bug in our writer and fixed it.",
        "I traced it to a partial write in our own checkpoint writer.",
        "I held a blameless review and wrote the fix myself.",
        "Everyone was asking for their problem to be fixed first.",
        "We ran the benchmark on them overnight.",
      ],
    },
  },
  {
    id: "deflection",
    claim: "Waited for others or handed the problem off instead of owning it",
    severity: "severe",
    patterns: [
      "not my call|not really my call|not my job|not my responsibility|not my decision|out of my hands|not my place",
      "i + asked|told + them|team + to build|to fix|to do",
      "was the + platform|infrastructure|other|storage|finance + team 's job|team's job|job|responsibility",
      // "their job" only as a duty ("it was their job", "their job to fix"): "their jobs sat in the queue" is compute jobs.
      "team 's responsibility|team's responsibility|their responsibility|is their job|was their job|'s their job|their job to|up to them ~4",
      "asked|let + her|him|them|director|manager|lead + make the call|decide ~8",
      "not + my place ~6",
      "i + delegated ~4",
      "i + mainly|mostly|just + coordinated ~4",
    ],
    correction: "Say what you did yourself: the measurement, the code, the decision. Escalating and waiting is not ownership.",
    examples: {
      match: [
        "It was not really my call.",
        "I asked them to build it.",
        "That was the platform team's job.",
        "It's really the storage team's responsibility to make sure it doesn't happen again.",
        "I didn't think it was my place to override him, so I asked our director to make the call.",
      ],
      noMatch: ["I wrote the watchdog myself and asked for a review.", "Their jobs sat in the shared queue for up to 6 hours.", "I made the call myself and told my director I would carry the pager.", "I took responsibility for the rollback."],
    },
  },
  {
    id: "consensus",
    claim: "Went along with the room instead of deciding on evidence",
    severity: "severe",
    patterns: [
      "went along with|go along with",
      "avoid conflict|avoid friction",
      "with the consensus|the majority",
      "assumed he knew better|assumed she knew better|knew better",
      "consensus + matters more|beats|more important ~6",
      "rather than + push|pushing|argue|arguing + my view|my case|my position ~6",
      "more important than being right",
    ],
    correction: "Technical conviction means deciding from data and saying so, then owning the outcome, even when a senior person disagrees.",
    examples: {
      match: ["I went along with the consensus to avoid conflict.", "He is more senior, so I assumed he knew better.", "The lesson is that consensus matters more than being right.", "Rather than push my view, I set up a working group."],
      noMatch: ["The room disagreed, so I ran a benchmark and decided on the numbers.", "I built consensus by showing the benchmark, then decided."],
    },
  },
];

/**
 * Behavioral: concepts 45, first-person ownership 15, figures 15, STAR structure 15, minus wrong
 * directions (blame, deflection, consensus without conviction: severe, capped at No) and process words.
 */
export function gradeBehavioral(scenario: Pick<BehavioralScenario, "rubric" | "prompt"> & Partial<Pick<BehavioralScenario, "modelAnswer">>, answer: BehavioralAnswer | null): Grade {
  const own = scenario.rubric.misconceptions ?? [];
  const ids = new Set(own.map((m) => m.id));
  const misconceptions = [...own, ...directionMisconceptions.filter((m) => !ids.has(m.id))];
  const { analysis: _a, ...grade } = scoreProse({
    kind: "behavioral",
    concepts: scenario.rubric.concepts,
    misconceptions,
    estimates: [],
    parts: starParts.map((p) => ({ id: p.id, label: p.label, text: answer?.[p.id] ?? "", minWords: p.id === "action" ? 30 : 12 })),
    weights: { concepts: 45, estimates: 0, figures: 15, structure: 15, ownership: 25 },
    figureTarget: 3,
    copySources: [scenario.prompt],
    topicDocs: [scenario.prompt, scenario.modelAnswer ?? "", ...scenario.rubric.concepts.map((c) => [c.label, ...c.synonyms, c.probe ?? ""].join(". ")), ...own.map((m) => `${m.claim}. ${m.correction}`)],
    firstPerson: true,
    penalties: { label: "No process words standing in for mechanisms", phrases: processWords, pointsEach: 4, maxPoints: 10 },
  });
  return grade;
}

import { z } from "zod";
import { base } from "./common";
import { expandArgs, genIssues } from "./coding-gen";

/**
 * Coding rounds: a function to write in Python and/or TypeScript, test cases as data (visible ones
 * the candidate runs in the browser, hidden ones that grade), a checker, limits, and a reference
 * solution per language that must pass every case (lib/scenarios/kinds/coding.test.ts proves it).
 * The format is documented in docs/coding-scenarios.md.
 */
/** The usual ways a plausible solution is wrong (GPU MODE's habit: ship them and prove they fail). */
export const wrongKinds = ["greedy-needs-dp", "off-by-one", "missed-edge-case", "wrong-complexity", "wrong-algorithm", "concurrency-bug"] as const;
export type WrongKind = (typeof wrongKinds)[number];

export const codingLanguages = ["python", "typescript"] as const;
export type CodingLanguage = (typeof codingLanguages)[number];

const language = z.enum(codingLanguages);

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a function name: letters, digits and underscores, e.g. top_k_top_p or topKTopP");

export const codingCheckerSchema = z.discriminatedUnion("kind", [
  /** Deep equality of JSON values (lists in order, objects by key). */
  z.object({ kind: z.literal("exact") }),
  /** Numbers within atol + rtol * |expected|, elementwise through lists and objects; other values exact. */
  z.object({
    kind: z.literal("float"),
    rtol: z.number().min(0).max(1, "rtol is relative: 1e-6 means one part in a million").default(1e-6),
    atol: z.number().min(0).default(1e-9),
  }),
  /** The returned list holds the same items as the expected list, in any order (a multiset). */
  z.object({ kind: z.literal("unordered"), rtol: z.number().min(0).max(1).optional(), atol: z.number().min(0).optional() }),
]);
export type CodingChecker = z.infer<typeof codingCheckerSchema>;

/** `checker: exact` is short for `checker: { kind: exact }`. */
const checker = z.preprocess((v) => (typeof v === "string" ? { kind: v } : v), codingCheckerSchema);

export const codingTestSchema = z.object({
  name: z.string().trim().min(1).max(80, "keep test names under 80 characters: they are shown in grades"),
  /** Positional arguments as a JSON array: `args: [[1.5, 2.0], 2, 0.9]` calls f([1.5, 2.0], 2, 0.9). */
  args: z.array(z.unknown()),
  /** Optional only on performance cases, whose expected value is the reference's answer in the same grading run. */
  expected: z.unknown().optional(),
  hidden: z.boolean().default(false),
  checker: checker.optional(),
  /** For authors: why this case exists (an edge case, a trap). Never shown before grading. */
  why: z.string().optional(),
  /**
   * What the case tests, shown in the debrief when a hidden case fails (never its data): "empty input",
   * "duplicates", "greedy trap", "performance". Several cases may share one category.
   */
  category: z.string().trim().min(2).max(40, "keep a category under 40 characters: it names a kind of case, e.g. 'duplicates'").optional(),
  /**
   * A performance case (hidden): sized so the stated complexity passes and the naive one does not. Its time
   * limit is the reference solution's time on the same case, measured in the same grading run, times the
   * scenario's `perf.factor` plus `perf.floorMs`. Arguments may use generators ({ $gen: ints, n: 100000, ... }).
   */
  perf: z.boolean().default(false),
  /** Visible cases: one line explaining the worked example, shown under the statement. */
  explain: z.string().optional(),
});
export type CodingTest = z.infer<typeof codingTestSchema>;

export const codingLimitsSchema = z.object({
  timeMs: z.number().int().min(100).max(10_000, "at most 10,000 ms per case").default(2000),
  outputBytes: z.number().int().min(1024).max(1024 * 1024, "at most 1 MiB of output").default(64 * 1024),
});
export type CodingLimits = z.infer<typeof codingLimitsSchema>;

const perLanguage = <T extends z.ZodType>(t: T) => z.object({ python: t.optional(), typescript: t.optional() });

export const codingScenarioSchema = z
  .object({
    ...base,
    kind: z.literal("coding"),
    languages: z.array(language).min(1).default(["python", "typescript"]),
    starter: z.record(z.string(), z.string()).default({}),
    /** The function the tests call, per language, and its signature as the candidate reads it. */
    entry: perLanguage(z.object({ function: identifier, signature: z.string().min(5) })).default({}),
    checker: checker.default({ kind: "exact" }),
    limits: codingLimitsSchema.default({ timeMs: 2000, outputBytes: 64 * 1024 }),
    tests: z.array(codingTestSchema).default([]),
    /** Reference solutions: each must pass every test. */
    reference: perLanguage(z.string().min(1)).default({}),
    /** Solutions that look plausible and must fail at least one hidden test (proves the tests bite). */
    /**
     * Plausible wrong solutions (at least 3 per language): each must score below Yes. `kind` says which
     * habit of mind it stands for, so a library covers the usual ways to be wrong.
     */
    wrong: z
      .array(
        z.object({
          language,
          kind: z.enum(wrongKinds, { error: `kind is one of ${wrongKinds.join(", ")}` }).default("wrong-algorithm"),
          why: z.string().min(5),
          code: z.string().min(1),
        }),
      )
      .default([]),
    /** The stated complexity (e.g. "O(n log n) time, O(n) memory"); a scenario that states one has performance cases. */
    complexity: z.string().min(3).optional(),
    /** The editorial shown in the debrief after submission: the idea of the reference solution and why it is right. */
    editorial: z.string().min(20, "explain the reference solution's idea in a few sentences").optional(),
    /** Performance limit: factor x the reference's time on each perf case plus floorMs. */
    perf: z.object({ factor: z.number().min(1.5).max(50).default(5), floorMs: z.number().int().min(10).max(5000).default(100) }).default({ factor: 5, floorMs: 100 }),
  })
  .superRefine((s, ctx) => {
    if (s.tests.length === 0) return; // an ungraded round: kept for review, as before tests existed
    for (const l of s.languages) {
      if (!s.entry[l]) ctx.addIssue({ code: "custom", path: ["entry", l], message: `add entry.${l}: { function: <name>, signature: <one line> } — the tests call it` });
      if (!s.reference[l]) ctx.addIssue({ code: "custom", path: ["reference", l], message: `add reference.${l}: a solution that passes every test` });
    }
    if (!s.tests.some((t) => !t.hidden)) ctx.addIssue({ code: "custom", path: ["tests"], message: "add at least one visible test (hidden: false) for the candidate to run" });
    if (!s.tests.some((t) => t.hidden)) ctx.addIssue({ code: "custom", path: ["tests"], message: "add at least one hidden test (hidden: true): the score is the hidden pass rate" });
    const seen = new Set<string>();
    s.tests.forEach((t, i) => {
      if (t.expected === undefined && !t.perf) ctx.addIssue({ code: "custom", path: ["tests", i, "expected"], message: "every test needs `expected:` (use null for None/null); only perf cases may take the reference's answer" });
      if (t.perf && !t.hidden) ctx.addIssue({ code: "custom", path: ["tests", i, "hidden"], message: "a perf case must be hidden: set hidden: true (its input is generated and large)" });
      if (!t.perf && JSON.stringify(t.args).includes('"$gen"')) ctx.addIssue({ code: "custom", path: ["tests", i, "perf"], message: "generated arguments ($gen) are for perf cases: add perf: true and hidden: true" });
      for (const g of genIssues(t.args)) ctx.addIssue({ code: "custom", path: ["tests", i, "args", ...g.path], message: g.message });
      if (seen.has(t.name)) ctx.addIssue({ code: "custom", path: ["tests", i, "name"], message: `test name "${t.name}" is used twice; names identify failing cases` });
      seen.add(t.name);
    });
    if (s.complexity && !s.tests.some((t) => t.perf))
      ctx.addIssue({ code: "custom", path: ["tests"], message: `the scenario states complexity "${s.complexity}": add a perf case (perf: true, hidden: true) sized so it passes and the naive approach does not` });
    s.wrong.forEach((w, i) => {
      if (!s.languages.includes(w.language)) ctx.addIssue({ code: "custom", path: ["wrong", i, "language"], message: `${w.language} is not in languages` });
    });
  });

export type CodingScenarioSpec = z.infer<typeof codingScenarioSchema>;

/** What the browser may see of a coding scenario before submission: never hidden tests or reference solutions. */
export type PublicCodingView = {
  languages: CodingLanguage[];
  starter: Record<string, string>;
  entry: Partial<Record<CodingLanguage, { function: string; signature: string }>>;
  checker: CodingChecker;
  limits: CodingLimits;
  visibleTests: { name: string; args: unknown[]; expected: unknown; checker?: CodingChecker; explain?: string }[];
  hiddenCount: number;
  /** False for a scenario without tests (kept for review, not graded). */
  graded: boolean;
};

export function publicCodingView(s: CodingScenarioSpec): PublicCodingView {
  return {
    languages: s.languages,
    starter: s.starter,
    entry: s.entry,
    checker: s.checker,
    limits: s.limits,
    visibleTests: s.tests.filter((t) => !t.hidden).map((t) => ({ name: t.name, args: t.args, expected: t.expected, ...(t.checker ? { checker: t.checker } : {}), ...(t.explain ? { explain: t.explain } : {}) })),
    hiddenCount: s.tests.filter((t) => t.hidden).length,
    graded: s.tests.length > 0,
  };
}

/** A scenario's tests as the runner takes them: generators expanded, categories defaulted. */
export function runnerTests(s: CodingScenarioSpec, language: CodingLanguage, which: "all" | "visible" | "perf" = "all") {
  return s.tests
    .filter((t) => (which === "all" ? true : which === "visible" ? !t.hidden : t.perf))
    .map((t) => ({
      name: t.name,
      args: t.perf ? expandArgs(t.args, language) : t.args,
      expected: t.expected,
      hidden: t.hidden,
      ...(t.checker ? { checker: t.checker } : {}),
      category: t.category ?? (t.perf ? "performance" : "general"),
      ...(t.perf ? { perf: true } : {}),
    }));
}

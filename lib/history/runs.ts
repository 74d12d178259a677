import { z } from "zod";

/**
 * A "run" event (a coding round's run of its tests). The runner owns the exact shape; the review
 * reads what it recognizes (tests with a name and a pass flag, counts, output) and shows the rest as JSON.
 */
// Both the runner's RunResult (cases with a status and a mismatch) and simpler {tests: [{name, pass}]} shapes.
const testSchema = z.looseObject({
  name: z.string(),
  pass: z.boolean().optional(),
  passed: z.boolean().optional(),
  status: z.string().optional(),
  message: z.string().optional(),
  detail: z.string().optional(),
  mismatch: z.string().optional(),
  error: z.looseObject({ message: z.string().optional() }).optional(),
});
const runPayloadSchema = z.looseObject({
  language: z.string().optional(),
  passed: z.number().optional(),
  failed: z.number().optional(),
  total: z.number().optional(),
  tests: z.array(testSchema).optional(),
  cases: z.array(testSchema).optional(),
  loadError: z.looseObject({ message: z.string().optional() }).optional(),
  stdout: z.string().optional(),
  stderr: z.string().optional(),
  error: z.string().optional(),
});

export type RunSummary = {
  language: string | null;
  passed: number | null;
  total: number | null;
  tests: { name: string; pass: boolean; message: string | null }[];
  output: string | null;
  raw: unknown;
};

export function summarizeRun(payload: unknown): RunSummary {
  const parsed = runPayloadSchema.safeParse(payload);
  if (!parsed.success) return { language: null, passed: null, total: null, tests: [], output: null, raw: payload };
  const p = parsed.data;
  const tests = (p.tests ?? p.cases ?? []).map((t) => ({
    name: t.name,
    pass: (t.pass ?? t.passed ?? (t.status !== undefined ? t.status === "pass" : false)) === true,
    message: t.message ?? t.detail ?? t.mismatch ?? t.error?.message ?? null,
  }));
  const passed = p.passed ?? (tests.length ? tests.filter((t) => t.pass).length : null);
  const total = p.total ?? (p.passed !== undefined && p.failed !== undefined ? p.passed + p.failed : tests.length || null);
  const output = [p.stdout, p.stderr, p.error, p.loadError?.message].filter((x): x is string => !!x).join("\n") || null;
  return { language: p.language ?? null, passed, total, tests, output, raw: payload };
}

import { z } from "zod";

/**
 * A "run" event (a coding round's run of its tests). The runner owns the exact shape; the review
 * reads what it recognizes (tests with a name and a pass flag, counts, output) and shows the rest as JSON.
 */
const testSchema = z.looseObject({ name: z.string(), pass: z.boolean().optional(), passed: z.boolean().optional(), message: z.string().optional(), detail: z.string().optional() });
const runPayloadSchema = z.looseObject({
  language: z.string().optional(),
  passed: z.number().optional(),
  failed: z.number().optional(),
  total: z.number().optional(),
  tests: z.array(testSchema).optional(),
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
  const tests = (p.tests ?? []).map((t) => ({ name: t.name, pass: (t.pass ?? t.passed) === true, message: t.message ?? t.detail ?? null }));
  const passed = p.passed ?? (tests.length ? tests.filter((t) => t.pass).length : null);
  const total = p.total ?? (p.passed !== undefined && p.failed !== undefined ? p.passed + p.failed : tests.length || null);
  const output = [p.stdout, p.stderr, p.error].filter((x): x is string => !!x).join("\n") || null;
  return { language: p.language ?? null, passed, total, tests, output, raw: payload };
}

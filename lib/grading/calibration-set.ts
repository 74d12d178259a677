import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Decision } from "./types";

/**
 * The labelled calibration set (tests/calibration/<part>/<scenario-id>/<category>.md) and the figures
 * computed over it: pairwise ordering accuracy, quadratic weighted kappa and the hard rules. Shared by
 * `npm run bench:grading` and the vitest gate, so both report the same numbers.
 *
 * Label scale (docs/rubric-method.md): 0 Strong No, 1 No, 2 borderline No/Yes, 3 Yes, 4 Strong Yes.
 * Decisions map onto it as Strong No 0, No 1, Yes 3, Strong Yes 4.
 */
export const calibrationCategories = ["strong", "strong-plain", "weak", "terse", "wrong", "pasted", "off-topic"] as const;

const frontMatterSchema = z.object({
  scenario: z.string().min(1, "name the scenario id"),
  category: z.string().min(1, `one of ${calibrationCategories.join(", ")}`),
  label: z.number().int().min(0).max(4, "the scale is 0 (Strong No) to 4 (Strong Yes)"),
  why: z.string().default(""),
});

export type CalibrationAnswer = z.infer<typeof frontMatterSchema> & { part: string; file: string; text: string };

export class CalibrationFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = "CalibrationFileError";
  }
}

export function parseCalibrationFile(file: string, raw: string, part: string): CalibrationAnswer {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(raw);
  if (!m) throw new CalibrationFileError(file, "no front matter: start the file with ---, scenario/category/label/why, then ---");
  // One "key: value" per line; the value is the rest of the line (a "why" may hold colons), and a
  // "# comment" after a label is dropped.
  const data: Record<string, unknown> = {};
  for (const line of m[1].split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    const kv = /^([A-Za-z-]+)\s*:\s?(.*)$/.exec(line);
    if (!kv) throw new CalibrationFileError(file, `front matter line "${line}" is not "key: value"`);
    const key = kv[1];
    let value: unknown = kv[2].trim();
    if (key === "label") {
      const n = Number(String(value).replace(/#.*$/, "").trim());
      value = Number.isFinite(n) && String(value).trim() !== "" ? n : value;
    } else if (key !== "why") {
      value = String(value).replace(/\s+#.*$/, "").trim();
    }
    data[key] = value;
  }
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CalibrationFileError(file, `${issue.path.join(".") || "(front matter)"}: ${issue.message}`);
  }
  return { ...parsed.data, part, file, text: m[2] };
}

/**
 * Blind acceptance parts (`sealed`, `sealed-2`, ...) are measured once, by the lead, at the end: they are
 * read only when LOOPBENCH_CALIBRATION_SEALED=1, even when named in `only`.
 */
export function isSealedPart(part: string): boolean {
  return part.startsWith("sealed");
}

export function sealedPartsAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return env.LOOPBENCH_CALIBRATION_SEALED === "1";
}

/** Every part folder under `root` (tuned, held-out, ...), optionally restricted to `only`; sealed parts are skipped unless allowed. */
export function listCalibrationParts(root: string, only?: string[], env: Record<string, string | undefined> = process.env): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .filter((p) => !only?.length || only.includes(p))
    .filter((p) => !isSealedPart(p) || sealedPartsAllowed(env))
    .sort();
}

export function loadCalibrationPart(root: string, part: string, env: Record<string, string | undefined> = process.env): CalibrationAnswer[] {
  if (isSealedPart(part) && !sealedPartsAllowed(env)) throw new Error(`calibration part "${part}" is sealed: set LOOPBENCH_CALIBRATION_SEALED=1 for the final measurement only`);
  const dir = path.join(root, part);
  const out: CalibrationAnswer[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".md")) out.push(parseCalibrationFile(path.relative(process.cwd(), p), fs.readFileSync(p, "utf8"), part));
    }
  };
  walk(dir);
  return out;
}

/** Parts to read, from LOOPBENCH_CALIBRATION_PARTS (comma-separated), else all. */
export function calibrationPartsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const v = env.LOOPBENCH_CALIBRATION_PARTS?.trim();
  return v ? v.split(",").map((s) => s.trim()).filter(Boolean) : undefined;
}

export const decisionLevel: Record<Decision, number> = { "Strong No": 0, No: 1, Yes: 3, "Strong Yes": 4 };

export type GradedCalibrationAnswer = CalibrationAnswer & { score: number; decision: Decision; level: number; ms: number };

/** Pairs in one scenario with different labels, ordered the same way by score; a tie counts half. */
export function pairwiseAccuracy(rows: { scenario: string; label: number; score: number }[]): { accuracy: number; pairs: number; misordered: string[] } {
  let pairs = 0;
  let good = 0;
  const misordered: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i];
      const b = rows[j];
      if (a.scenario !== b.scenario || a.label === b.label) continue;
      pairs++;
      const ds = a.score - b.score;
      const dl = a.label - b.label;
      if (ds === 0) good += 0.5;
      else if (Math.sign(ds) === Math.sign(dl)) good++;
      else misordered.push(`${describe(a)} vs ${describe(b)}`);
    }
  }
  return { accuracy: pairs ? good / pairs : 1, pairs, misordered };
}

function describe(r: { scenario: string; label: number; score: number } & Partial<{ category: string }>): string {
  return `${r.scenario}/${r.category ?? "?"} (label ${r.label}, ${r.score})`;
}

/** Quadratic weighted kappa on the 0..4 scale. */
export function quadraticWeightedKappa(a: number[], b: number[], k = 5): number {
  const n = a.length;
  if (!n) return 1;
  const O = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const ha = new Array<number>(k).fill(0);
  const hb = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    O[a[i]][b[i]]++;
    ha[a[i]]++;
    hb[b[i]]++;
  }
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = ((i - j) * (i - j)) / ((k - 1) * (k - 1));
      num += w * O[i][j];
      den += (w * ha[i] * hb[j]) / n;
    }
  }
  return den === 0 ? 1 : 1 - num / den;
}

export type HardRuleViolation = { file: string; rule: string; score: number; decision: Decision };

/** No terse or wrong answer at Yes or above; no strong answer (either wording) below Yes. */
export function hardRuleViolations(rows: GradedCalibrationAnswer[]): HardRuleViolation[] {
  const out: HardRuleViolation[] = [];
  for (const r of rows) {
    if ((r.category === "terse" || r.category === "wrong") && r.level >= 3) out.push({ file: r.file, rule: `${r.category} at Yes or above`, score: r.score, decision: r.decision });
    if ((r.category === "strong" || r.category === "strong-plain") && r.level < 3) out.push({ file: r.file, rule: `${r.category} below Yes`, score: r.score, decision: r.decision });
  }
  return out;
}

export type PartFigures = {
  part: string;
  answers: number;
  scenarios: number;
  pairwise: number;
  pairs: number;
  qwk: number;
  violations: HardRuleViolation[];
  misordered: string[];
  /** Generated gibberish and empty answers per scenario that did not come out Strong No. */
  junkFailures: string[];
};

export function partFigures(part: string, rows: GradedCalibrationAnswer[], junkFailures: string[] = []): PartFigures {
  const pw = pairwiseAccuracy(rows);
  return {
    part,
    answers: rows.length,
    scenarios: new Set(rows.map((r) => r.scenario)).size,
    pairwise: pw.accuracy,
    pairs: pw.pairs,
    qwk: quadraticWeightedKappa(
      rows.map((r) => r.label),
      rows.map((r) => r.level),
    ),
    violations: hardRuleViolations(rows),
    misordered: pw.misordered,
    junkFailures,
  };
}

/** Deterministic nonsense shaped like an answer: headings or STAR labels, sentences, numbers with units. */
export function gibberishAnswer(kind: "design" | "behavioral", sectionTitles: string[]): string {
  const words = ["florp", "zentil", "quabble", "mirrow", "snick", "pellow", "drastic", "vorn", "glimmet", "tarsh", "obble", "crindle"];
  const sentence = (i: number) =>
    Array.from({ length: 14 }, (_, j) => words[(i * 7 + j * 5) % words.length]).join(" ") + ` ${(i + 2) * 17} ms and ${(i + 3) * 4} GB.`;
  const body = (i: number) => [sentence(i), sentence(i + 1), sentence(i + 2)].join(" ");
  if (kind === "design") return sectionTitles.map((t, i) => `## ${t}\n\n${body(i)}`).join("\n\n");
  return ["Situation", "Task", "Action", "Result"].map((k, i) => `${k}: ${body(i)}`).join("\n\n");
}

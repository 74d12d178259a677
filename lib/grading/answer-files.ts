import YAML from "yaml";
import { modelingAnswerSchema, type BehavioralAnswer, type DesignAnswer, type ModelingAnswer } from "./answers";

/**
 * Answer files as a person writes them (Markdown, plain text, YAML or JSON), turned into the answer
 * shapes the graders take. Framework-free: shared by the `grade` command line and the calibration test,
 * which grades each scenario's sample answers through the same path a candidate's file takes.
 */

export class AnswerFileError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = "AnswerFileError";
  }
}

export type Parsed<T> = { answer: T; warnings: string[] };

const HEADING = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/;

/** Lower-case, drop Markdown emphasis and punctuation, collapse spaces: "**Deep-dives:**" -> "deep dives". */
export function normalizeTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/[*_`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Splits Markdown at ATX headings. The text before the first heading comes back with title null. */
export function splitMarkdownSections(text: string): { title: string | null; body: string }[] {
  const out: { title: string | null; lines: string[] }[] = [{ title: null, lines: [] }];
  let inFence = false;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = inFence ? null : HEADING.exec(line);
    if (m) out.push({ title: m[2], lines: [] });
    else out[out.length - 1].lines.push(line);
  }
  return out
    .map((s) => ({ title: s.title, body: s.lines.join("\n").trim() }))
    .filter((s, i) => i > 0 || s.body.length > 0);
}

/**
 * Design answers: Markdown with one `## <Section title>` heading per section of the scenario (the
 * section id works too). Text before any heading goes to the first section; a heading that names no
 * section keeps its text in the section above it (so sub-headings inside a section are harmless) and
 * is reported as a warning.
 */
export function parseDesignAnswer(text: string, sections: { id: string; title: string }[]): Parsed<DesignAnswer> {
  const warnings: string[] = [];
  const byKey = new Map<string, string>();
  for (const s of sections) {
    byKey.set(normalizeTitle(s.title), s.id);
    byKey.set(normalizeTitle(s.id), s.id);
  }
  const collected: Record<string, string[]> = {};
  const add = (id: string, body: string) => {
    if (body) (collected[id] ??= []).push(body);
  };
  let current = sections[0]?.id ?? "answer";
  for (const part of splitMarkdownSections(text)) {
    if (part.title === null) {
      add(current, part.body);
      continue;
    }
    const id = byKey.get(normalizeTitle(part.title));
    if (id) {
      current = id;
      add(id, part.body);
    } else {
      warnings.push(`heading "${part.title}" names no section (expected one of: ${sections.map((s) => s.title).join(", ")}); its text was kept in "${current}"`);
      add(current, [`${part.title}`, part.body].filter(Boolean).join("\n"));
    }
  }
  const answer: DesignAnswer = { sections: {} };
  for (const s of sections) answer.sections[s.id] = (collected[s.id] ?? []).join("\n\n");
  const empty = sections.filter((s) => !answer.sections[s.id].trim()).map((s) => s.title);
  if (text.trim() && empty.length) warnings.push(`no text for section(s): ${empty.join(", ")}`);
  return { answer, warnings };
}

const starKeys = ["situation", "task", "action", "result"] as const;
type StarKey = (typeof starKeys)[number];
/** "Situation:", "**Task:**", "- Action -", "## Result" at the start of a line. */
const STAR_PREFIX = /^\s{0,3}(?:#{1,6}\s*)?[*_]{0,2}\s*(situation|task|action|actions|result|results)\s*[*_]{0,2}\s*(?::|[-–—]|$)\s*[*_]{0,2}/i;

/**
 * Behavioral answers: Situation / Task / Action / Result, each introduced by a heading
 * (`## Action`) or a prefix at the start of a line (`Action: ...`). Unlabelled text before the first
 * label counts as the situation; a field named twice is concatenated.
 */
export function parseBehavioralAnswer(text: string): Parsed<BehavioralAnswer> {
  const warnings: string[] = [];
  const acc: Record<StarKey, string[]> = { situation: [], task: [], action: [], result: [] };
  let current: StarKey = "situation";
  let sawLabel = false;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const m = STAR_PREFIX.exec(line);
    if (m) {
      current = m[1].toLowerCase().replace(/s$/, "") as StarKey;
      sawLabel = true;
      const rest = line.slice(m[0].length).trim();
      if (rest) acc[current].push(rest);
    } else {
      acc[current].push(line);
    }
  }
  const answer = Object.fromEntries(starKeys.map((k) => [k, acc[k].join("\n").trim()])) as BehavioralAnswer;
  if (text.trim() && !sawLabel) warnings.push('no "Situation:", "Task:", "Action:" or "Result:" label found; the whole text was read as the situation');
  const empty = starKeys.filter((k) => !answer[k]);
  if (text.trim() && sawLabel && empty.length) warnings.push(`empty STAR part(s): ${empty.join(", ")}`);
  return { answer, warnings };
}

/**
 * Modeling answers: YAML or JSON `{ values: { <question id>: { value, unit } }, assumptions }`.
 * Throws AnswerFileError naming the field and the fix when the file does not have that shape.
 */
export function parseModelingAnswer(text: string, questionIds: string[] = []): Parsed<ModelingAnswer> {
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (err) {
    throw new AnswerFileError(`not valid YAML or JSON: ${(err as Error).message.split("\n")[0]}`, "(file)");
  }
  if (data === null || data === undefined) data = { values: {} };
  // A range ({ mode: range, low, high, unit }) needs no `value` in a file; the stored answer keeps it null.
  const values = (data as { values?: unknown }).values;
  if (values && typeof values === "object") {
    for (const v of Object.values(values as Record<string, unknown>)) {
      if (v && typeof v === "object" && (v as Record<string, unknown>).mode === "range" && !("value" in v)) (v as Record<string, unknown>).value = null;
    }
  }
  const parsed = modelingAnswerSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length ? issue.path.join(".") : "(file)";
    throw new AnswerFileError(`${field}: ${issue.message}; write { values: { <question id>: { value: <number>, unit: <unit> } }, assumptions: <text> }`, field);
  }
  const warnings: string[] = [];
  if (questionIds.length) {
    const unknown = Object.keys(parsed.data.values).filter((k) => !questionIds.includes(k));
    if (unknown.length) warnings.push(`unknown question id(s) ${unknown.join(", ")}; this scenario asks ${questionIds.join(", ")}`);
    const missing = questionIds.filter((q) => !(q in parsed.data.values));
    if (missing.length) warnings.push(`no value for: ${missing.join(", ")}`);
  }
  return { answer: parsed.data, warnings };
}

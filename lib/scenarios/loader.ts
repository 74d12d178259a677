import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { z } from "zod";
import { computeScenarioQuantity } from "@/lib/model";
import { proseRubricErrors } from "@/lib/grading/rubric-check";
import { setTopicBackground } from "@/lib/grading/relevance";
import { simulateScenarioQuantity } from "@/lib/simulation";
import { describeRoundFilter, hasRoundFilter, matchesRoundFilter } from "./round-filter";
import {
  loopSchema,
  roundKinds,
  scenarioSchema,
  type LoopTemplate,
  type ModelingScenario,
  type ResolvedModelingQuestion,
  type Scenario,
} from "./schema";

export type ResolvedModelingScenario = Omit<ModelingScenario, "questions"> & { questions: ResolvedModelingQuestion[] };
/** A scenario ready to be played: modeling answers computed, file recorded for messages. */
export type RuntimeScenario = (Exclude<Scenario, ModelingScenario> | ResolvedModelingScenario) & { file: string };

export type ScenarioError = { file: string; field: string; message: string };

export type ScenarioLibrary = {
  scenarios: RuntimeScenario[];
  loops: (LoopTemplate & { file: string })[];
  errors: ScenarioError[];
};

const YAML_EXT = /\.ya?ml$/;

function listYaml(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listYaml(path.join(dir, e.name)) : YAML_EXT.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

function zodErrors(file: string, error: z.ZodError): ScenarioError[] {
  return error.issues.map((issue) => ({
    file,
    field: issue.path.length ? issue.path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".").replace(/\.\[/g, "[") : "(file)",
    message: withFix(issue.message),
  }));
}

/** zod says what is wrong; a scenario author also needs to hear how to fix it. */
function withFix(message: string): string {
  if (/expected string, received number/.test(message)) return `${message} — put the value in quotes`;
  if (/expected array/.test(message)) return `${message} — write a YAML list (- item)`;
  if (/received undefined/.test(message)) return `${message} — this field is required; add it`;
  if (/Invalid option|Invalid discriminator/i.test(message)) return `${message} — check the spelling against docs/scenario-format.md`;
  return message;
}

function readYaml(file: string, rel: string, errors: ScenarioError[]): unknown {
  try {
    const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"), { prettyErrors: true });
    if (doc.errors.length) {
      for (const e of doc.errors) errors.push({ file: rel, field: "(yaml)", message: `${e.message.split("\n")[0]} — fix the YAML syntax there` });
      return undefined;
    }
    return doc.toJS();
  } catch (err) {
    errors.push({ file: rel, field: "(file)", message: (err as Error).message });
    return undefined;
  }
}

function resolveModeling(s: ModelingScenario, rel: string, errors: ScenarioError[]): ResolvedModelingScenario | null {
  const questions: ResolvedModelingQuestion[] = [];
  let ok = true;
  s.questions.forEach((q, i) => {
    if ("value" in q.expected) {
      questions.push({ ...q, expected: q.expected.value, derivation: q.explanation ?? "Given in the scenario file." });
      return;
    }
    if ("simulate" in q.expected) {
      try {
        const r = simulateScenarioQuantity(q.expected.simulate, q.tolerance.relative);
        if (r.unit !== q.unit) throw new Error(`the simulation answers in ${r.unit} but the question declares unit ${q.unit}; set unit: ${r.unit}`);
        questions.push({
          ...q,
          expected: r.value,
          tolerance: { ...q.tolerance, relative: r.relativeTolerance },
          derivation: q.explanation ? `${q.explanation}\n\n${r.explanation}` : r.explanation,
          simulated: { sd: r.sd, candidateTrials: r.candidateTrials, batches: r.batches, floor: q.tolerance.relative },
        });
      } catch (err) {
        ok = false;
        errors.push({ file: rel, field: `questions[${i}].expected.simulate`, message: (err as Error).message });
      }
      return;
    }
    try {
      const r = computeScenarioQuantity(q.expected.compute.fn, q.expected.compute.args);
      if (r.unit !== q.unit) throw new Error(`the engine answers in ${r.unit} but the question declares unit ${q.unit}; set unit: ${r.unit}`);
      questions.push({ ...q, expected: r.value, derivation: q.explanation ? `${q.explanation}\n\n${r.explanation}` : r.explanation });
    } catch (err) {
      ok = false;
      errors.push({ file: rel, field: `questions[${i}].expected.compute`, message: (err as Error).message });
    }
  });
  return ok ? { ...s, questions } : null;
}

type Estimated = { value?: number; compute?: { fn: string; args: Record<string, unknown> }; unit: string; derivation?: string };

/** Key estimates with `compute` get their value from the modeling engine; its explanation joins the derivation. */
function resolveEstimates(list: Estimated[], field: string, rel: string, errors: ScenarioError[]): boolean {
  let ok = true;
  list.forEach((e, i) => {
    if (!e.compute) return;
    try {
      const r = computeScenarioQuantity(e.compute.fn, e.compute.args);
      if (r.unit !== e.unit) throw new Error(`the engine answers in ${r.unit} but the estimate declares unit ${e.unit}; set unit: ${r.unit}`);
      e.value = r.value;
      e.derivation = e.derivation ? `${e.derivation}\n\n${r.explanation}` : r.explanation;
    } catch (err) {
      ok = false;
      errors.push({ file: rel, field: `${field}[${i}].compute`, message: (err as Error).message });
    }
  });
  return ok;
}

/** Default roots: the project's scenarios/ plus any directories in LOOPBENCH_SCENARIOS_EXTRA (path-separated). */
export function defaultScenarioRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.LOOPBENCH_SCENARIOS_EXTRA ?? "").split(path.delimiter).filter(Boolean);
  return [path.join(process.cwd(), "scenarios"), ...extra.map((d) => path.resolve(d))];
}

/**
 * Reads every scenario and loop file. `checkExamples` also runs each misconception's patterns against
 * its example sentences (scenarios:check and the tests do). `kinds` reads only those folders
 * (and "loops" only if listed). Invalid files are reported (file, field, message) and
 * skipped; the valid ones are still served.
 */
/** Kinds whose prompts are the prose grader's relevance background (lib/grading/relevance.ts). */
const BACKGROUND_KINDS = ["design", "behavioral", "modeling"];

/**
 * The top-level `prompt:` of each design, behavioral and modeling file, in the loader's order, read
 * without parsing the whole file (the grade command's start-up: YAML parsing is most of it).
 */
function backgroundPrompts(roots: string[]): string[] {
  const out: string[] = [];
  for (const root of roots) {
    for (const file of listYaml(root)) {
      if (!BACKGROUND_KINDS.includes(path.relative(root, file).split(path.sep)[0])) continue;
      const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
      const at = lines.findIndex((l) => /^prompt:/.test(l));
      if (at < 0) continue;
      let end = at + 1;
      while (end < lines.length && (lines[end] === "" || /^\s/.test(lines[end]))) end++;
      try {
        const prompt = (YAML.parse(lines.slice(at, end).join("\n")) as { prompt?: unknown })?.prompt;
        if (typeof prompt === "string") out.push(prompt);
      } catch {
        // An unreadable prompt is reported by a full load; the background simply lacks it.
      }
    }
  }
  return out;
}

export function loadScenarioLibrary(roots: string[] = defaultScenarioRoots(), options: { checkExamples?: boolean; kinds?: string[]; only?: string } = {}): ScenarioLibrary {
  const errors: ScenarioError[] = [];
  const scenarios: RuntimeScenario[] = [];
  const loops: (LoopTemplate & { file: string })[] = [];
  const seenIds = new Map<string, string>();

  for (const root of roots) {
    for (const file of listYaml(root)) {
      const rel = path.relative(process.cwd(), file) || file;
      const folder = path.relative(root, file).split(path.sep)[0];
      // A command that grades one kind (grade) skips the other kinds' folders and the loops: parsing
      // every coding scenario's YAML costs it most of its start-up.
      if (options.kinds && !options.kinds.includes(folder)) continue;
      // `only`: one scenario by id (files are named after their id), the rest of the library unread.
      if (options.only && path.basename(file).replace(YAML_EXT, "") !== options.only) continue;
      const data = readYaml(file, rel, errors);
      if (data === undefined) continue;
      if (folder === "loops") {
        const parsed = loopSchema.safeParse(data);
        if (!parsed.success) {
          errors.push(...zodErrors(rel, parsed.error));
          continue;
        }
        const dup = loops.find((l) => l.id === parsed.data.id);
        if (dup) {
          errors.push({ file: rel, field: "id", message: `loop id "${parsed.data.id}" is already used by ${dup.file}; ids must be unique` });
          continue;
        }
        loops.push({ ...parsed.data, file: rel });
        continue;
      }
      const parsed = scenarioSchema.safeParse(data);
      if (!parsed.success) {
        errors.push(...zodErrors(rel, parsed.error));
        continue;
      }
      const s = parsed.data;
      if ((roundKinds as readonly string[]).includes(folder) && folder !== s.kind) {
        errors.push({ file: rel, field: "kind", message: `kind is "${s.kind}" but the file sits in scenarios/${folder}/; move it or fix the kind` });
        continue;
      }
      const other = seenIds.get(s.id);
      if (other) {
        errors.push({ file: rel, field: "id", message: `id "${s.id}" is already used by ${other}; ids must be unique` });
        continue;
      }
      seenIds.set(s.id, rel);
      if (s.kind === "design" || s.kind === "behavioral") {
        const followups = s.kind === "design" ? s.followups : [];
        // Misconception examples run the NLP over every example sentence: scenarios:check and the tests
        // ask for it; the app and the grade command load the already-checked files faster without.
        const problems = proseRubricErrors(s.rubric, followups, { requireProbes: s.kind === "design", checkExamples: options.checkExamples ?? false });
        if (s.kind === "design") {
          if (!resolveEstimates(s.rubric.numbers, "rubric.numbers", rel, errors)) continue;
          const fx = s.followups.map((f) => f.rubric?.expected).filter((x): x is NonNullable<typeof x> => !!x);
          if (!resolveEstimates(fx, "followups.rubric.expected", rel, errors)) continue;
        }
        if (problems.length) {
          errors.push(...problems.map((p) => ({ file: rel, field: p.field, message: p.message })));
          continue;
        }
      }
      if (s.kind === "modeling") {
        const resolved = resolveModeling(s, rel, errors);
        if (resolved) scenarios.push({ ...resolved, file: rel });
      } else {
        scenarios.push({ ...s, file: rel });
      }
    }
  }

  // Loops may only name scenarios that loaded, of the kind the round asks for.
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const validLoops = loops.filter((loop) => {
    let ok = true;
    loop.rounds.forEach((r, i) => {
      if (!r.scenario) {
        if (r.kind !== "any" && !scenarios.some((s) => s.kind === r.kind)) {
          errors.push({ file: loop.file, field: `rounds[${i}].kind`, message: `no valid ${r.kind} scenario exists to draw from; add one under scenarios/${r.kind}/` });
          ok = false;
        } else if (hasRoundFilter(r)) {
          const problem = roundFilterError(loop.file, i, r, scenarios);
          if (problem) {
            errors.push(problem);
            ok = false;
          }
        }
        return;
      }
      const s = byId.get(r.scenario);
      if (!s) {
        errors.push({ file: loop.file, field: `rounds[${i}].scenario`, message: `no valid scenario has id "${r.scenario}"; check the id or fix that scenario's file` });
        ok = false;
      } else if (r.kind !== "any" && s.kind !== r.kind) {
        errors.push({ file: loop.file, field: `rounds[${i}].scenario`, message: `"${r.scenario}" is a ${s.kind} scenario but the round is ${r.kind}` });
        ok = false;
      }
    });
    return ok;
  });

  // The prose grader weighs words by how specific they are to a scenario against the rest of the
  // library's prompts.
  // Only the kinds the grade command loads for a prose answer (design, behavioral, modeling), so the
  // command and the app weigh words the same way.
  // With `only`, the background is read from the prompts alone, so one scenario grades the same as in the app.
  setTopicBackground(options.only ? backgroundPrompts(roots) : scenarios.filter((s) => BACKGROUND_KINDS.includes(s.kind)).map((s) => s.prompt));
  return { scenarios, loops: validLoops, errors };
}

/**
 * A round that filters its draw by tags or difficulty must leave something to draw. The message names
 * the round, what it asks, and what the library has, so the fix (tag a scenario, or change the filter)
 * is plain.
 */
function roundFilterError(file: string, i: number, r: LoopTemplate["rounds"][number], scenarios: RuntimeScenario[]): ScenarioError | null {
  const ofKind = r.kind === "any" ? scenarios : scenarios.filter((s) => s.kind === r.kind);
  if (ofKind.some((s) => matchesRoundFilter(s, r))) return null;
  const kindWords = r.kind === "any" ? "scenario" : `${r.kind} scenario`;
  const round = `round ${i + 1}${r.title ? ` ("${r.title}")` : ""}`;
  const tags = [...new Set(ofKind.flatMap((s) => s.tags))].sort();
  const levels = [...new Set(ofKind.map((s) => s.difficulty))].sort();
  const have = r.tags?.length
    ? `the ${kindWords}s' tags are: ${tags.join(", ") || "none"}`
    : `the ${kindWords}s' difficulties are: ${levels.join(", ")}`;
  const fix = r.tags?.length
    ? `tag a ${kindWords} with it (tags: [${r.tags[0]}]) or change the round's tags to ones that exist`
    : `change the round's difficulty or add a ${kindWords} of that difficulty`;
  return {
    file,
    field: r.tags?.length ? `rounds[${i}].tags` : `rounds[${i}].difficulty`,
    message: `${round} asks for a ${kindWords} ${describeRoundFilter(r)}, and none is; ${have} — ${fix}`,
  };
}

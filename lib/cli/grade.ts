/**
 * Grades an answer file against a design, behavioral or modeling scenario, with the same scorer the
 * loop uses, and explains every rubric item (hit or missed, and the evidence).
 *   npm run --silent grade -- --scenario <id> --answer <file> [--json]
 * Answer files: design = Markdown with "## <Section title>" headings; behavioral = Situation / Task /
 * Action / Result headings or "Situation:" prefixes; modeling = YAML or JSON
 * { values: { <question id>: { value, unit } }, assumptions }. See docs/rubric-method.md.
 * Exit codes: 0 graded, 1 the answer file is unreadable or malformed, 2 bad flags or scenario id.
 * Coding scenarios: --answer <solution.py|.ts> runs the hidden tests (lib/cli/grade-coding.ts; 2 for bad input).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadScenarioLibrary, defaultScenarioRoots, type RuntimeScenario } from "@/lib/scenarios";
import { AnswerFileError, parseBehavioralAnswer, parseDesignAnswer, parseModelingAnswer } from "@/lib/grading/answer-files";
import { gradeBehavioral } from "@/lib/grading/behavioral";
import { gradeDesign } from "@/lib/grading/design";
import { gradeModeling } from "@/lib/grading/modeling";
import type { Grade } from "@/lib/grading/types";
import { gradeCodingCli, isCodingScenario } from "./grade-coding";

const gradable = ["design", "behavioral", "modeling"] as const;
type Gradable = Extract<RuntimeScenario, { kind: (typeof gradable)[number] }>;

function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

let values: { scenario?: string; answer?: string; json?: boolean };
try {
  values = parseArgs({
    options: { scenario: { type: "string" }, answer: { type: "string" }, json: { type: "boolean", default: false } },
    allowPositionals: false,
  }).values;
} catch (err) {
  fail(2, `${(err as Error).message}\nusage: npm run --silent grade -- --scenario <id> --answer <file> [--json]`);
}

const roots = defaultScenarioRoots();
// Coding answers (a .py or .ts file) are graded by running the tests: lib/cli/grade-coding.ts.
if (values.answer && isCodingScenario(roots, values.scenario)) process.exit(await gradeCodingCli(roots, values.scenario!, values.answer, !!values.json));
// Start-up matters (a grade is under 2 s): read only the folders the answer needs. Files are named
// after their id, so the scenario's folder tells its kind; prose answers need the design, behavioral and
// modeling folders (the relevance weights come from their prompts), modeling answers only theirs.
const folder = gradable.find((k) => values.scenario && roots.some((r) => fs.existsSync(path.join(r, k, `${values.scenario}.yaml`))));
// With the scenario's file found, only that file is parsed (the relevance background is read from the
// other prompts alone); YAML parsing of the whole library was most of the start-up.
const library = folder ? loadScenarioLibrary(roots, { kinds: [folder], only: values.scenario }) : loadScenarioLibrary(roots, { kinds: [...gradable] });
const candidates = library.scenarios.filter((s): s is Gradable => (gradable as readonly string[]).includes(s.kind));
const everything = () => loadScenarioLibrary(roots, { kinds: [...gradable] }).scenarios.filter((s): s is Gradable => (gradable as readonly string[]).includes(s.kind));
const listing = () => {
  const all = folder ? everything() : candidates;
  return gradable.map((k) => `  ${k}: ${all.filter((s) => s.kind === k).map((s) => s.id).join(", ")}`).join("\n");
};

if (!values.scenario || !values.answer) fail(2, `usage: npm run --silent grade -- --scenario <id> --answer <file> [--json]\nscenarios this command grades:\n${listing()}`);
const scenario = candidates.find((s) => s.id === values.scenario);
if (!scenario) {
  const otherKind = ["kernel"].find((k) => roots.some((r) => fs.existsSync(path.join(r, k, `${values.scenario}.yaml`))));
  const invalid = library.errors.filter((e) => path.basename(e.file).replace(/\.ya?ml$/, "") === values.scenario);
  if (invalid.length) fail(2, `${values.scenario} does not load:\n${invalid.map((e) => `  ${e.file}: ${e.field}: ${e.message}`).join("\n")}`);
  const why = otherKind ? `"${values.scenario}" is a ${otherKind} scenario; this command grades design, behavioral and modeling answers` : `no scenario has id "${values.scenario}"`;
  fail(2, `${why}. Valid ids:\n${listing()}`);
}

let text: string;
try {
  text = fs.readFileSync(values.answer, "utf8");
} catch (err) {
  fail(1, `cannot read the answer file ${values.answer}: ${(err as Error).message}`);
}

// An answer file may start with YAML front matter (the calibration set's files do): it is not the answer.
text = text.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n?/, "");

let grade: Grade;
let warnings: string[];
try {
  if (scenario.kind === "design") {
    const p = parseDesignAnswer(text, scenario.sections);
    warnings = p.warnings;
    grade = gradeDesign(scenario, p.answer);
  } else if (scenario.kind === "behavioral") {
    const p = parseBehavioralAnswer(text);
    warnings = p.warnings;
    grade = gradeBehavioral(scenario, p.answer);
  } else {
    const p = parseModelingAnswer(text, scenario.questions.map((q) => q.id));
    warnings = p.warnings;
    grade = gradeModeling(scenario, p.answer);
  }
} catch (err) {
  if (err instanceof AnswerFileError) fail(1, `${values.answer}: ${err.message}`);
  throw err;
}

if (values.json) {
  console.log(JSON.stringify({ scenario: { id: scenario.id, kind: scenario.kind, title: scenario.title, file: scenario.file }, answerFile: values.answer, warnings, grade }, null, 2));
} else {
  const out: string[] = [];
  out.push(`${scenario.title} [${scenario.id}, ${scenario.kind}]`);
  out.push(`Score ${grade.score ?? "-"}/100 -> ${grade.decision ?? "not graded"}   (${grade.summary})`);
  for (const w of warnings) out.push(`! ${w}`);
  out.push("");
  for (const i of grade.items) {
    const mark = i.kind === "misconception" ? "WRONG" : i.kind === "cap" ? "CAP " : i.id.startsWith("penalty:") ? (i.hit ? "OK  " : "PEN ") : i.hit ? "HIT " : "MISS";
    out.push(`${mark} ${i.points}/${i.maxPoints}  ${i.label}`);
    out.push(`       ${i.note}`);
    if (i.question) out.push(`       asked: ${i.question.replace(/\s+/g, " ")}`);
    if (i.evidence) out.push(`       evidence: ${i.evidence.replace(/\s+/g, " ")}`);
    if (i.correction) out.push(`       correction: ${i.correction}`);
    if (i.derivation) out.push(`       derivation: ${i.derivation.replace(/\s+/g, " ")}`);
  }
  console.log(out.join("\n"));
}

/**
 * The coding branch of `npm run grade`: grades a solution file with the scenario's visible and hidden
 * tests through the same runner and scorer as a submitted round, and prints the same JSON shape as
 * the other kinds ({ scenario, answerFile, warnings, grade }).
 *   npm run --silent grade -- --scenario <coding-id> --answer <solution.py|.ts> [--json]
 * Exit codes: 0 graded; 2 bad input (unknown id, unreadable or empty file, a language the scenario
 * does not take). An infrastructure failure (the runtime did not start) exits 1.
 */
import fs from "node:fs";
import path from "node:path";
import { gradeCoding } from "@/lib/grading/coding";
import type { Grade } from "@/lib/grading/types";
import { getGradingRunner } from "@/lib/runner";
import { loadScenarioLibrary, type CodingScenario } from "@/lib/scenarios";
import type { CodingLanguage } from "@/lib/scenarios/kinds/coding";

const byExtension: Record<string, CodingLanguage> = { ".py": "python", ".ts": "typescript", ".js": "typescript", ".mts": "typescript" };

export function isCodingScenario(roots: string[], id: string | undefined): boolean {
  return !!id && roots.some((r) => fs.existsSync(path.join(r, "coding", `${id}.yaml`)));
}

export async function gradeCodingCli(roots: string[], id: string, answerFile: string, json: boolean): Promise<number> {
  const fail = (message: string) => {
    console.error(message);
    return 2;
  };
  const library = loadScenarioLibrary(roots, { kinds: ["coding"] });
  const scenario = library.scenarios.find((s): s is CodingScenario & { file: string } => s.kind === "coding" && s.id === id);
  if (!scenario) {
    const err = library.errors.find((e) => e.file.endsWith(`${id}.yaml`));
    return fail(err ? `${err.file}: the scenario does not load: ${err.message}` : `no coding scenario has id "${id}"`);
  }
  const language = byExtension[path.extname(answerFile).toLowerCase()];
  if (!language) return fail(`${answerFile}: name the answer file .py (Python) or .ts (TypeScript) so the language is known`);
  if (!scenario.languages.includes(language)) return fail(`${scenario.id} takes ${scenario.languages.join(" or ")}, not ${language}`);
  let code: string;
  try {
    code = fs.readFileSync(answerFile, "utf8");
  } catch (err) {
    return fail(`cannot read the answer file ${answerFile}: ${(err as Error).message}`);
  }
  if (!code.trim()) return fail(`${answerFile} is empty: write the function ${scenario.entry[language]?.function} in it`);

  const warnings: string[] = [];
  const entry = scenario.entry[language]!.function;
  if (!new RegExp(`\\b${entry}\\b`).test(code)) warnings.push(`the file does not mention ${entry}, the function the tests call`);
  let grade: Grade;
  try {
    grade = await gradeCoding(scenario, { language, code });
  } finally {
    getGradingRunner().dispose();
  }
  if (json) {
    console.log(JSON.stringify({ scenario: { id: scenario.id, kind: scenario.kind, title: scenario.title, file: scenario.file }, answerFile, language, warnings, grade }, null, 2));
  } else {
    const out = [`${scenario.title} [${scenario.id}, coding, ${language}]`, `Score ${grade.score ?? "-"}/100 -> ${grade.decision ?? "not graded"}   (${grade.summary})`];
    for (const w of warnings) out.push(`! ${w}`);
    out.push("");
    for (const i of grade.items) out.push(`${i.hit ? "PASS" : "FAIL"} ${i.points}/${i.maxPoints}  ${i.label}`, `       ${i.note}`);
    console.log(out.join("\n"));
  }
  return grade.score === null ? 1 : 0;
}

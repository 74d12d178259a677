/**
 * Calibration figures of the prose grader over every part of tests/calibration (tuned, held-out, ...):
 * pairwise ordering accuracy, quadratic weighted kappa against the labels, the hard rules, the
 * generated gibberish and empty answers, a per-answer table, and the grading time per answer.
 *   npm run bench:grading [-- --part tuned] [--json] [--table] [--cli]
 * --cli also times the grade command end to end (npm run --silent grade, start-up included) on one
 * design and one behavioral answer, 5 runs each: median wall time and CPU time (user + system; the
 * figure that does not depend on how busy the machine is).
 * LOOPBENCH_CALIBRATION_PARTS=tuned,... restricts the parts too.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadScenarioLibrary, defaultScenarioRoots } from "@/lib/scenarios";
import {
  calibrationPartsFromEnv,
  decisionLevel,
  gibberishAnswer,
  listCalibrationParts,
  loadCalibrationPart,
  partFigures,
  type GradedCalibrationAnswer,
  type PartFigures,
} from "@/lib/grading/calibration-set";
import { gradeProseText, type ProseScenario } from "@/lib/grading/grade-text";

const { values } = parseArgs({
  options: { part: { type: "string", multiple: true }, json: { type: "boolean", default: false }, table: { type: "boolean", default: true }, root: { type: "string" }, cli: { type: "boolean", default: false } },
});
const root = path.resolve(values.root ?? "tests/calibration");
const only = values.part?.length ? values.part : calibrationPartsFromEnv();
const library = loadScenarioLibrary(defaultScenarioRoots());
const byId = new Map(library.scenarios.filter((s): s is ProseScenario => s.kind === "design" || s.kind === "behavioral").map((s) => [s.id, s]));

const parts = listCalibrationParts(root, only);
const figures: PartFigures[] = [];
const all: GradedCalibrationAnswer[] = [];
const allJunk: string[] = [];
const times: number[] = [];
const problems: string[] = [];
for (const part of parts) {
  const rows: GradedCalibrationAnswer[] = [];
  for (const a of loadCalibrationPart(root, part)) {
    const s = byId.get(a.scenario);
    if (!s) {
      problems.push(`${a.file}: no design or behavioral scenario has id "${a.scenario}"`);
      continue;
    }
    const t0 = performance.now();
    const { grade } = gradeProseText(s, a.text);
    const ms = performance.now() - t0;
    times.push(ms);
    rows.push({ ...a, score: grade.score ?? 0, decision: grade.decision ?? "Strong No", level: decisionLevel[grade.decision ?? "Strong No"], ms });
  }
  const junk: string[] = [];
  for (const id of new Set(rows.map((r) => r.scenario))) {
    const s = byId.get(id)!;
    const titles = s.kind === "design" ? s.sections.map((x) => x.title) : [];
    for (const [name, text] of [["empty", ""], ["gibberish", gibberishAnswer(s.kind, titles)]] as const) {
      const g = gradeProseText(s, text).grade;
      if (g.decision !== "Strong No") junk.push(`${id}/${name}: ${g.score} ${g.decision}`);
    }
  }
  figures.push(partFigures(part, rows, junk));
  all.push(...rows);
  allJunk.push(...junk);
}
const overall = partFigures("overall", all, allJunk);
const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : 0);

if (values.json) {
  console.log(JSON.stringify({ parts: figures, overall, msPerAnswerMedian: median(times), answers: all.map(({ text: _t, ...r }) => r), problems }, null, 2));
} else {
  const pct = (x: number) => (x * 100).toFixed(1) + "%";
  const line = (f: PartFigures) =>
    `${f.part.padEnd(10)} ${String(f.answers).padStart(4)} answers ${String(f.scenarios).padStart(3)} scenarios  pairwise ${pct(f.pairwise)} (${f.pairs} pairs)  QWK ${f.qwk.toFixed(3)}  hard-rule violations ${f.violations.length}  junk not Strong No ${f.junkFailures.length}`;
  console.log("Calibration of the prose grader (gate on tuned, held-out and held-out-2: pairwise >= 90%, QWK >= 0.75, no hard-rule violation; sealed parts only with LOOPBENCH_CALIBRATION_SEALED=1)");
  for (const f of figures) console.log(line(f));
  console.log(line(overall));
  console.log(`grading time per answer: median ${median(times).toFixed(1)} ms, max ${Math.max(0, ...times).toFixed(1)} ms (in-process, after start-up)`);
  for (const f of [...figures]) {
    for (const v of f.violations) console.log(`  VIOLATION [${f.part}] ${v.rule}: ${v.file} scored ${v.score} (${v.decision})`);
    for (const j of f.junkFailures) console.log(`  JUNK [${f.part}] ${j}`);
    for (const m of f.misordered) console.log(`  misordered [${f.part}] ${m}`);
  }
  for (const p of problems) console.log(`  ! ${p}`);
  if (values.table) {
    console.log("\npart       scenario                              category      label  score  decision");
    for (const r of all) console.log(`${r.part.padEnd(10)} ${r.scenario.padEnd(37)} ${r.category.padEnd(13)} ${String(r.label).padStart(5)}  ${r.score.toFixed(1).padStart(5)}  ${r.decision}`);
  }
}

if (values.cli) {
  // One answer of each prose kind from the parts read (tuned first), graded through the npm script.
  const pick = (kind: string) => all.find((r) => byId.get(r.scenario)?.kind === kind && r.category === "strong");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grade-cli-"));
  for (const r of [pick("design"), pick("behavioral")].filter((x): x is GradedCalibrationAnswer => !!x)) {
    const file = path.join(dir, `${r.scenario}.md`);
    fs.writeFileSync(file, r.text);
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      // CPU time through GNU time where it exists; elsewhere only the wall time is reported.
      const hasTime = fs.existsSync("/usr/bin/time");
      const cmd = ["npm", "run", "--silent", "grade", "--", "--scenario", r.scenario, "--answer", file, "--json"];
      const p = hasTime ? spawnSync("/usr/bin/time", ["-f", "%U %S", ...cmd], { encoding: "utf8" }) : spawnSync(cmd[0], cmd.slice(1), { encoding: "utf8" });
      const wall = performance.now() - t0;
      const [u, sy] = hasTime ? (p.stderr.trim().split("\n").pop() ?? "0 0").split(" ").map(Number) : [NaN, NaN];
      if (i === 0) continue; // the first run may (re)build the bundle
      walls.push(wall);
      cpus.push((u + sy) * 1000);
    }
    console.log(`grade command, ${byId.get(r.scenario)!.kind} answer (${r.scenario}): median wall ${median(walls).toFixed(0)} ms, median CPU ${median(cpus).toFixed(0)} ms over ${walls.length} runs (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
  }
}

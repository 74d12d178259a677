/**
 * Validates every scenario and loop file. Exit 0 when all are valid, 1 when any is not, naming the
 * file, the field and the fix. `--json` prints the machine-readable summary.
 *   npm run scenarios:check [-- --json]
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadScenarioLibrary, defaultScenarioRoots, type ScenarioError } from "@/lib/scenarios";

const { values } = parseArgs({ options: { json: { type: "boolean", default: false } }, allowPositionals: false });

const library = loadScenarioLibrary(defaultScenarioRoots(), { checkExamples: true });
const errors: ScenarioError[] = [...library.errors];

// Every source must name a real seed document, when the seeds are beside the project.
const seedsDir = process.env.LOOPBENCH_SEEDS_DIR ?? path.join(process.cwd(), "..", "shared", "seeds");
if (fs.existsSync(seedsDir)) {
  const seeds = new Set(fs.readdirSync(seedsDir));
  for (const s of [...library.scenarios, ...library.loops]) {
    if (s.source && !seeds.has(s.source.seed)) {
      errors.push({ file: s.file, field: "source.seed", message: `no seed document "${s.source.seed}" in ${seedsDir}; use one of ${[...seeds].join(", ")}` });
    }
  }
}

if (values.json) {
  console.log(
    JSON.stringify(
      {
        scenarios: library.scenarios.map((s) => ({ id: s.id, kind: s.kind, title: s.title, source: s.source })),
        loops: library.loops.map((l) => ({ id: l.id, title: l.title, rounds: l.rounds })),
        errors,
      },
      null,
      2,
    ),
  );
} else {
  const byKind = new Map<string, number>();
  for (const s of library.scenarios) byKind.set(s.kind, (byKind.get(s.kind) ?? 0) + 1);
  console.log(`${library.scenarios.length} scenarios (${[...byKind].map(([k, n]) => `${n} ${k}`).join(", ")}), ${library.loops.length} loops.`);
  for (const e of errors) console.error(`✗ ${e.file}: ${e.field}: ${e.message}`);
  if (!errors.length) console.log("All scenario files are valid.");
}
process.exit(errors.length ? 1 : 0);

/**
 * Fills a database with realistic history, for demos and for the history benchmark:
 *   LOOPBENCH_DATA_DIR=/tmp/lb-bench npm run db:seed-demo -- --sessions 10000
 *   DATABASE_URL=postgres://... npm run db:seed-demo -- --sessions 10000
 * Sessions are spread over the past months, played through the library's real loop templates and
 * scenarios (snapshotted into rounds as the loop does), graded by the real graders, with an event
 * log (starts, saves that grow, runs, submits), decisions from the committee, and kernel attempts.
 * The candidate improves over time and some concepts stay weak, so the progress page has a story.
 * PGlite cannot be shared: point LOOPBENCH_DATA_DIR at a directory no running app uses.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { dbConfigFromEnv, openDb, type Db } from "@/db/client";
import { events, kernelAttempts, rounds, sessions } from "@/db/schema";
import { decideLoop } from "@/lib/grading/decision";
import { gradeBehavioral } from "@/lib/grading/behavioral";
import { gradeDesign } from "@/lib/grading/design";
import { gradeModeling } from "@/lib/grading/modeling";
import { decisionForScore, round1, type Decision, type Grade } from "@/lib/grading/types";
import { loadScenarioLibrary, type RoundKind, type RuntimeScenario } from "@/lib/scenarios";

const flags = z.object({
  sessions: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  seed: z.coerce.number().int().default(42),
  months: z.coerce.number().positive().max(60).default(6),
  batch: z.coerce.number().int().min(10).max(5000).default(250),
});

function parseFlags(argv: string[]) {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`Unexpected argument "${argv[i]}". Usage: seed-demo [--sessions N] [--seed N] [--months N] [--batch N]`);
    raw[m[1]] = m[2] ?? argv[++i] ?? "";
  }
  const parsed = flags.strict().safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join(".") || "flag"}: ${i.message}`).join("; "));
  return parsed.data;
}

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)] };
}
type Rng = ReturnType<typeof rng>;

/** A stable per-concept difficulty in [-0.25, 0.1]: some concepts stay weak, which the progress page should find. */
function conceptDifficulty(id: string): number {
  let h = 2166136261;
  for (const c of id) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) % 1000) / 1000 * 0.35 - 0.25;
}

const fillers = [
  "We start from the requirements and the budget, then check each number against the hardware.",
  "The main risk is latency under load, so we measure it before and after each change.",
  "I would keep the first version simple and add complexity only where the numbers say so.",
  "Each component exposes metrics so an operator can see where time and memory go.",
];

function concepts(s: RuntimeScenario): { id: string; synonyms: string[] }[] {
  return s.kind === "design" || s.kind === "behavioral" ? s.rubric.concepts : [];
}

/** A prose answer at a skill level: each rubric concept is mentioned with a probability that grows with skill. */
function proseAnswer(s: RuntimeScenario, skill: number, r: Rng): unknown {
  const mentioned = concepts(s)
    .filter((c) => r.next() < Math.max(0.02, Math.min(0.98, skill + conceptDifficulty(c.id))))
    .map((c) => `We rely on ${r.pick(c.synonyms)} here, sized with numbers such as ${r.int(2, 64)} GB and ${r.int(5, 900)} ms.`);
  if (s.kind === "design") {
    const sections: Record<string, string> = {};
    s.sections.forEach((sec, i) => {
      const own = mentioned.filter((_, j) => j % s.sections.length === i);
      const words = r.next() < skill + 0.3 ? [r.pick(fillers), r.pick(fillers)] : [r.pick(fillers)];
      sections[sec.id] = [...own, ...words].join(" ");
    });
    return { sections };
  }
  const parts = ["situation", "task", "action", "result"] as const;
  const out: Record<string, string> = {};
  parts.forEach((p, i) => {
    const own = mentioned.filter((_, j) => j % parts.length === i);
    out[p] = [...own, r.pick(fillers), p === "action" ? `${r.pick(fillers)} ${r.pick(fillers)}` : ""].join(" ").trim();
  });
  return out;
}

function modelingAnswer(s: Extract<RuntimeScenario, { kind: "modeling" }>, skill: number, r: Rng) {
  const values: Record<string, { value: number | null; unit: string }> = {};
  for (const q of s.questions) {
    if (r.next() < 0.05) continue;
    const tol = q.tolerance.relative;
    const off = r.next() < skill ? (r.next() * 2 - 1) * tol * 0.8 : (r.next() < 0.5 ? 1 : -1) * tol * (1.5 + r.next() * 4);
    values[q.id] = { value: Number((q.expected * (1 + off)).toPrecision(4)), unit: q.unit };
  }
  const assumptions = r.next() < skill + 0.2 ? `BF16 weights, ${r.int(1, 8)} GPUs with 80 GB each, batch of ${r.int(8, 256)} sequences, 2 bytes per parameter and ${r.int(1, 4)} KiB of overhead per request.` : "Standard assumptions.";
  return { values, assumptions };
}

function codingAnswer(s: Extract<RuntimeScenario, { kind: "coding" }>, r: Rng) {
  const language = r.pick(s.languages);
  const starter = s.starter[language] ?? (language === "python" ? "def solve(*args):\n    pass\n" : "export function solve(...args: unknown[]) {}\n");
  const body = language === "python" ? `\n# approach: ${r.pick(fillers)}\n` : `\n// approach: ${r.pick(fillers)}\n`;
  return { language, code: starter + body };
}

/** Coding and kernel grades come from running code; the demo writes the grade such a run would give, without running anything. */
function syntheticTestGrade(kind: "coding", s: RuntimeScenario, skill: number, r: Rng): { grade: Grade; run: unknown } {
  const names = ((s as { tests?: { name: string; hidden?: boolean }[] }).tests ?? []).map((t) => t.name);
  const tests = (names.length ? names : ["basic", "empty input", "large input", "ties", "capacity one"]).map((name) => ({ name, status: r.next() < skill + 0.15 ? "pass" : "fail" }));
  const passed = tests.filter((t) => t.status === "pass").length;
  const score = round1((100 * passed) / tests.length);
  const items = tests.map((t) => ({ id: `test:${t.name}`, label: `Test ${t.name}`, points: t.status === "pass" ? round1(100 / tests.length) : 0, maxPoints: round1(100 / tests.length), hit: t.status === "pass", evidence: t.status === "pass" ? "passed" : null, note: t.status === "pass" ? "passed" : "failed" }));
  return {
    grade: { kind, score, decision: decisionForScore(score), items, summary: `${passed} of ${tests.length} tests passed (demo data).` },
    run: { language: "python", status: "ok", cases: tests.map((t) => ({ ...t, mismatch: t.status === "fail" ? "expected a different value (demo data)" : undefined })), passed, total: tests.length },
  };
}

type GradedAnswer = { answer: unknown; grade: Grade; run?: unknown };

/** Half the text: what an early save looks like. */
function partial(answer: unknown, fraction: number): unknown {
  if (typeof answer === "string") return answer.slice(0, Math.floor(answer.length * fraction));
  if (Array.isArray(answer)) return answer.map((x) => partial(x, fraction));
  if (answer && typeof answer === "object") return Object.fromEntries(Object.entries(answer).map(([k, v]) => [k, k === "language" || k === "unit" ? v : partial(v, fraction)]));
  return answer;
}

async function gradedAnswer(s: RuntimeScenario, skill: number, r: Rng): Promise<GradedAnswer> {
  switch (s.kind) {
    case "design": {
      const answer = proseAnswer(s, skill, r) as { sections: Record<string, string> };
      return { answer, grade: await gradeDesign(s, answer) };
    }
    case "behavioral": {
      const answer = proseAnswer(s, skill, r) as { situation: string; task: string; action: string; result: string };
      return { answer, grade: await gradeBehavioral(s, answer) };
    }
    case "modeling": {
      const answer = modelingAnswer(s, skill, r);
      return { answer, grade: await gradeModeling(s, answer) };
    }
    case "coding": {
      const { grade, run } = syntheticTestGrade("coding", s, skill, r);
      return { answer: codingAnswer(s, r), grade, run };
    }
    case "kernel":
      return {
        answer: { source: `// ${s.problem}: tiled attempt\n@compute @workgroup_size(64)\nfn main(@builtin(global_invocation_id) id: vec3<u32>) {}\n` },
        grade: { kind: "kernel", score: null, decision: null, items: [], summary: "Kernel rounds are kept for review; automatic harness-based grading is not available yet." },
      };
  }
}

function kernelResult(problem: string, verdict: string, r: Rng, backend: "webgpu" | "cpu") {
  const medianMs = backend === "cpu" ? 20 + r.next() * 200 : 0.05 + r.next() * 2;
  const bytes = 2 ** r.int(20, 26);
  const flops = bytes * (1 + r.next() * 4);
  return {
    problem,
    backend,
    verdict,
    message: verdict === "pass" ? "All cases match the float64 reference." : "Case 2: element [17] differs by 3.1e-2 (tolerance 1e-3).",
    profile: backend === "cpu" ? "cpu" : "full",
    diagnostics: [],
    cases: [1, 2, 3].map((i) => ({ name: `case-${i}`, shape: { n: 2 ** (8 + i) }, maxAbsError: verdict === "pass" ? 1e-6 * r.next() : 0.03, relL2: 1e-7, pass: verdict === "pass" || i === 1 })),
    timing: verdict === "pass"
      ? { case: "case-3", medianMs, p10Ms: medianMs * 0.95, p90Ms: medianMs * 1.1, cv: 0.04, samples: 30, runsPerSample: 10, method: backend === "cpu" ? "cpu-clock" : "timestamp-query", flops, bytes, gflops: flops / medianMs / 1e6, gbps: bytes / medianMs / 1e6, arithmeticIntensity: flops / bytes, rooflineFraction: r.next() * 0.8, impossible: false, speedupOverNaive: 1 + r.next() * 6 }
      : null,
    roofline: null,
    elapsedMs: 500 + r.next() * 3000,
  };
}

const adapters = [
  { vendor: "google", architecture: "swiftshader", isFallbackAdapter: true, label: "SwiftShader (CPU Vulkan)", timestampQuery: true },
  { vendor: "nvidia", architecture: "ada", description: "NVIDIA GeForce RTX 4070", isFallbackAdapter: false, label: "NVIDIA GeForce RTX 4070", timestampQuery: true },
  { vendor: "apple", architecture: "metal-3", description: "Apple M2", isFallbackAdapter: false, label: "Apple M2", timestampQuery: false },
];

async function insertChunked<T>(db: Db, table: Parameters<Db["insert"]>[0], rows: T[], size: number) {
  for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size) as never);
}

async function main() {
  const opts = parseFlags(process.argv.slice(2));
  const library = loadScenarioLibrary();
  if (library.errors.length) console.warn(`[seed-demo] ${library.errors.length} scenario file problem(s) ignored; run npm run scenarios:check.`);
  const byKind = new Map<RoundKind, RuntimeScenario[]>();
  for (const s of library.scenarios) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
  const templates = library.loops.filter((l) => l.rounds.every((rd) => rd.kind === "any" || byKind.has(rd.kind)));
  if (!templates.length) throw new Error("No loop template has scenarios for all its rounds; check scenarios/.");
  const kernelProblems = [...new Set(library.scenarios.flatMap((s) => (s.kind === "kernel" ? [s.problem] : [])))];
  if (!kernelProblems.length) kernelProblems.push("decode-attention");

  const handle = await openDb(dbConfigFromEnv());
  console.log(`[seed-demo] ${opts.sessions} sessions over ${opts.months} months into ${handle.engine} at ${handle.location}`);
  const r = rng(opts.seed);
  const now = Date.now();
  const span = opts.months * 30 * 86_400_000;
  const started = performance.now();
  let nSessions = 0, nRounds = 0, nEvents = 0, nKernel = 0;
  try {
    for (let b0 = 0; b0 < opts.sessions; b0 += opts.batch) {
      const sessionRows: (typeof sessions.$inferInsert)[] = [];
      const roundRows: (typeof rounds.$inferInsert)[] = [];
      const eventRows: (typeof events.$inferInsert)[] = [];
      const kernelRows: (typeof kernelAttempts.$inferInsert)[] = [];
      for (let i = b0; i < Math.min(opts.sessions, b0 + opts.batch); i++) {
        // Oldest first, so ids in the event log grow with time as they do in a real database.
        const progress = i / Math.max(1, opts.sessions - 1);
        const createdAt = new Date(now - span + progress * span + r.int(0, 3_600_000));
        const skill = Math.min(0.95, 0.3 + 0.5 * progress + (r.next() - 0.5) * 0.3);
        const template = r.pick(templates);
        const sessionId = randomUUID();
        const mode = r.next() < 0.75 ? "strict" : "practice";
        const drillKind = r.pick([...byKind.keys()]);
        const used = new Set<string>();
        let clock = createdAt.getTime();
        const outcomes: { title: string; kind: string; score: number | null; decision: Decision | null }[] = [];
        eventRows.push({ sessionId, roundId: null, type: "session-start", payload: { templateId: template.id, mode, seed: i, scenarios: [] }, createdAt: new Date(clock) });
        for (const [position, rd] of template.rounds.entries()) {
          const kind = rd.kind === "any" ? drillKind : rd.kind;
          const pool = (byKind.get(kind) ?? []).filter((s) => !used.has(s.id));
          const scenario = (rd.scenario && library.scenarios.find((s) => s.id === rd.scenario)) || r.pick(pool.length ? pool : byKind.get(kind)!);
          used.add(scenario.id);
          const roundId = randomUUID();
          const durationMs = Math.round(rd.minutes * 60_000);
          if (position > 0) {
            clock += r.int(30_000, 300_000);
            eventRows.push({ sessionId, roundId, type: "round-start", payload: null, createdAt: new Date(clock) });
          }
          const startedAt = clock;
          const ga = await gradedAnswer(scenario, skill, r);
          const usedMs = Math.round(durationMs * (0.4 + r.next() * 0.65));
          const deadline = usedMs >= durationMs;
          const endAt = startedAt + Math.min(usedMs, durationMs);
          const saves = r.int(1, 4);
          for (let k = 1; k <= saves; k++) {
            const at = startedAt + Math.round(((endAt - startedAt) * k) / (saves + 0.5));
            if (ga.run && k === saves) eventRows.push({ sessionId, roundId, type: "run", payload: ga.run, createdAt: new Date(at - 5_000) });
            eventRows.push({ sessionId, roundId, type: "save", payload: { answer: k === saves ? ga.answer : partial(ga.answer, k / saves) }, createdAt: new Date(at) });
          }
          eventRows.push({ sessionId, roundId, type: deadline ? "auto-submit" : "submit", payload: { answerVersion: saves, score: ga.grade.score }, createdAt: new Date(endAt) });
          if (kind === "kernel") {
            for (let k = 0, n = r.int(1, 3); k < n; k++) {
              const backend = r.next() < 0.7 ? "webgpu" : "cpu";
              const verdict = r.next() < 0.4 + skill * 0.5 ? "pass" : r.pick(["fail-wrong", "fail-compile", "fail-timeout"]);
              const problem = (scenario as { problem: string }).problem;
              kernelRows.push({ id: randomUUID(), problemId: problem, source: (ga.answer as { source: string }).source, backend, adapter: backend === "cpu" ? { vendor: "js", architecture: "cpu", isFallbackAdapter: true, label: "JavaScript CPU interpreter" } : r.pick(adapters), verdict, result: kernelResult(problem, verdict, r, backend), sessionId, roundId, createdAt: new Date(startedAt + ((endAt - startedAt) * (k + 1)) / (n + 1)) });
            }
          }
          roundRows.push({
            id: roundId,
            sessionId,
            position,
            kind,
            title: rd.title ?? `${kind[0].toUpperCase()}${kind.slice(1)}: ${scenario.title}`,
            scenarioId: scenario.id,
            scenario,
            durationMs,
            status: "submitted",
            startedAt: new Date(startedAt),
            deadlineAt: new Date(startedAt + durationMs),
            submittedAt: new Date(endAt),
            submitReason: deadline ? "deadline" : "manual",
            answer: ga.answer,
            answerVersion: saves,
            answerSavedAt: new Date(endAt - 1000),
            score: ga.grade.score,
            grade: ga.grade,
          });
          outcomes.push({ title: rd.title ?? scenario.title, kind, score: ga.grade.score, decision: ga.grade.decision });
          clock = endAt;
        }
        const outcome = decideLoop(outcomes);
        eventRows.push({ sessionId, roundId: null, type: "session-complete", payload: { decision: outcome.decision, overallScore: outcome.overallScore }, createdAt: new Date(clock + 1000) });
        sessionRows.push({ id: sessionId, templateId: template.id, templateTitle: template.title, mode, seed: i, status: "completed", createdAt, completedAt: new Date(clock + 1000), decision: outcome.decision, overallScore: outcome.overallScore, debrief: outcome });
      }
      // A few attempts made in the lab, outside any loop.
      for (let k = 0; k < Math.ceil(sessionRows.length / 20); k++) {
        const backend = r.next() < 0.7 ? "webgpu" : "cpu";
        const verdict = r.next() < 0.6 ? "pass" : r.pick(["fail-wrong", "fail-contract"]);
        const problem = r.pick(kernelProblems);
        kernelRows.push({ id: randomUUID(), problemId: problem, source: `// ${problem} lab attempt\n`, backend, adapter: backend === "cpu" ? null : r.pick(adapters), verdict, result: kernelResult(problem, verdict, r, backend), createdAt: sessionRows[k * 20]?.createdAt ?? new Date() });
      }
      await handle.db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        await insertChunked(t, sessions, sessionRows, 500);
        await insertChunked(t, rounds, roundRows, 200);
        await insertChunked(t, events, eventRows, 1000);
        if (kernelRows.length) await insertChunked(t, kernelAttempts, kernelRows, 200);
      });
      nSessions += sessionRows.length;
      nRounds += roundRows.length;
      nEvents += eventRows.length;
      nKernel += kernelRows.length;
      process.stdout.write(`\r[seed-demo] ${nSessions}/${opts.sessions} sessions, ${nRounds} rounds, ${nEvents} events, ${nKernel} kernel attempts (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    process.stdout.write("\n");
    console.log(`[seed-demo] done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(`[seed-demo] ${(err as Error).message}`);
  process.exit(1);
});

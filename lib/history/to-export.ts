import type { events, kernelAttempts, rounds, sessions } from "@/db/schema";
import { EXPORT_FORMAT, EXPORT_VERSION, type SessionExport } from "./export-format";

export type SessionDetailRows = {
  session: typeof sessions.$inferSelect;
  rounds: (typeof rounds.$inferSelect)[];
  events: (typeof events.$inferSelect)[];
  kernelAttempts: (typeof kernelAttempts.$inferSelect)[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Database rows to the portable format: ids become round positions, dates ISO strings. */
export function toSessionExport(d: SessionDetailRows, exportedAt: Date = new Date()): SessionExport {
  const positionOf = new Map(d.rounds.map((r) => [r.id, r.position]));
  const s = d.session;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    // An imported session keeps pointing at the original, so exporting it again and importing it back is still the same session.
    sourceId: s.importedFromId ?? s.id,
    session: {
      templateId: s.templateId,
      templateTitle: s.templateTitle,
      mode: s.mode,
      seed: s.seed,
      status: s.status,
      createdAt: s.createdAt.toISOString(),
      completedAt: iso(s.completedAt),
      decision: s.decision as SessionExport["session"]["decision"],
      overallScore: s.overallScore,
      debrief: s.debrief ?? null,
    },
    rounds: [...d.rounds]
      .sort((a, b) => a.position - b.position)
      .map((r) => ({
        position: r.position,
        kind: r.kind as SessionExport["rounds"][number]["kind"],
        title: r.title,
        scenarioId: r.scenarioId,
        scenario: r.scenario as SessionExport["rounds"][number]["scenario"],
        durationMs: r.durationMs,
        status: r.status,
        startedAt: iso(r.startedAt),
        deadlineAt: iso(r.deadlineAt),
        pausedAt: iso(r.pausedAt),
        remainingMs: r.remainingMs,
        submittedAt: iso(r.submittedAt),
        submitReason: r.submitReason,
        answer: r.answer ?? null,
        answerVersion: r.answerVersion,
        answerSavedAt: iso(r.answerSavedAt),
        score: r.score,
        grade: (r.grade as SessionExport["rounds"][number]["grade"]) ?? null,
      })),
    events: [...d.events]
      .sort((a, b) => a.id - b.id)
      .map((e) => ({ round: e.roundId ? (positionOf.get(e.roundId) ?? null) : null, type: e.type, payload: e.payload ?? null, createdAt: e.createdAt.toISOString() })),
    kernelAttempts: [...d.kernelAttempts]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .map((k) => ({
        round: k.roundId ? (positionOf.get(k.roundId) ?? null) : null,
        problemId: k.problemId,
        source: k.source,
        backend: k.backend,
        adapter: k.adapter ?? null,
        verdict: k.verdict,
        result: (k.result ?? {}) as object,
        createdAt: k.createdAt.toISOString(),
      })),
  };
}

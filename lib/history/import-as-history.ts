import { scenarioSchema } from "@/lib/scenarios/schema";
import type { SessionExport } from "./export-format";

/**
 * Imports are history, not work. An imported session is stored as submitted history: every round is
 * submitted (a round exported while active or paused is closed at its last saved answer, ungraded if it
 * had no grade), no deadline or pause clock is kept, and the session is completed, so the deadline sweep,
 * a page view or a re-grade never runs its code. The grades in the file are kept as they were recorded.
 *
 * Each round's scenario snapshot is validated like a scenario file (lib/scenarios); a snapshot that no
 * scenario file could hold is refused, naming the round and the field.
 */
export type ImportIssue = { path: string; message: string };

/**
 * Kinds whose snapshot is the scenario file as written. Design and modeling snapshots hold values the
 * loader computed (a modeling question's expected value, a rubric number's compute result), which the
 * file schema does not take; they keep the export format's id/kind check, and nothing in them runs.
 */
const FILE_SHAPED = new Set(["coding", "kernel", "behavioral"]);

export function validateImportedScenarios(data: SessionExport): ImportIssue[] {
  const issues: ImportIssue[] = [];
  data.rounds.forEach((r, i) => {
    if (!FILE_SHAPED.has(r.kind)) return;
    const parsed = scenarioSchema.safeParse(r.scenario);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 10)) {
        issues.push({ path: `rounds[${i}].scenario${issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}`, message: issue.message });
      }
    }
  });
  return issues;
}

export function asImportedHistory(data: SessionExport): SessionExport {
  const closedAt = data.exportedAt;
  return {
    ...data,
    session: {
      ...data.session,
      status: "completed",
      completedAt: data.session.completedAt ?? closedAt,
    },
    rounds: data.rounds.map((r) =>
      r.status === "submitted"
        ? { ...r, deadlineAt: null, pausedAt: null, remainingMs: null }
        : {
            ...r,
            status: "submitted" as const,
            submittedAt: r.answerSavedAt ?? closedAt,
            submitReason: null,
            deadlineAt: null,
            pausedAt: null,
            remainingMs: null,
          },
    ),
  };
}

import { answerToMarkdown } from "./answer-text";
import type { SessionExport } from "./export-format";
import { followupsShown, formatTimeUsed, timeUsedMs, type LogEvent } from "./replay";
import { deviceLabel, kernelMetrics } from "./kernel-metrics";
import { summarizeRun } from "./runs";

/** A session as a readable, printable Markdown document: decision, then each round with prompt, answer and grade. */
export function renderSessionMarkdown(x: SessionExport): string {
  const s = x.session;
  const log: LogEvent[] = x.events.map((e) => ({ type: e.type, roundPosition: e.round, payload: e.payload, createdAt: e.createdAt }));
  const out: string[] = [];
  out.push(`# ${s.templateTitle}`);
  out.push(
    [
      `- **Started:** ${utc(s.createdAt)}`,
      `- **Completed:** ${s.completedAt ? utc(s.completedAt) : "not completed"}`,
      `- **Mode:** ${s.mode} · **Seed:** ${s.seed}`,
      `- **Decision:** ${s.decision ?? "none"}${s.overallScore !== null ? ` (mean ${s.overallScore}/100)` : ""}`,
    ].join("\n"),
  );
  const reasons = (s.debrief as { reasons?: unknown } | null)?.reasons;
  if (Array.isArray(reasons) && reasons.length) out.push(`## Committee\n\n${reasons.map((r) => `- ${String(r)}`).join("\n")}`);

  for (const r of x.rounds) {
    const used = timeUsedMs({ position: r.position, startedAt: r.startedAt, submittedAt: r.submittedAt }, log);
    const scenario = r.scenario as { prompt?: string; title?: string };
    out.push(`## Round ${r.position + 1}: ${r.title} (${r.kind})`);
    out.push(
      `_${scenario.title ?? r.scenarioId}_ · time used ${formatTimeUsed(used, r.durationMs)}` +
        (r.submitReason === "deadline" ? " · submitted automatically at the deadline" : r.submitReason === "manual" ? " · submitted" : ` · ${r.status}`),
    );
    if (scenario.prompt) out.push(`### Prompt\n\n${quote(scenario.prompt.trim())}`);
    // Rounds that store their interview show it with the answer; older ones list the questions shown.
    const hasTranscript = !!r.answer && typeof r.answer === "object" && Array.isArray((r.answer as { followups?: unknown }).followups);
    const followups = hasTranscript ? [] : followupsShown(r.scenario, used);
    if (followups.length) out.push(`### Follow-ups\n\n${followups.map((f) => `- _(minute ${f.atMinute})_ ${f.question}`).join("\n")}`);
    out.push(`### Final answer\n\n${answerToMarkdown(r.kind, r.answer, r.scenario)}`);
    const runs = log.filter((e) => e.roundPosition === r.position && e.type === "run");
    if (runs.length) {
      out.push(
        `### Runs\n\n${runs
          .map((e, i) => {
            const run = summarizeRun(e.payload);
            const head = `${i + 1}. ${utc(e.createdAt)}${run.total !== null ? ` — ${run.passed ?? 0}/${run.total} tests passed` : ""}`;
            return [head, ...run.tests.map((t) => `   - ${t.pass ? "✓" : "✗"} ${t.name}${t.message ? `: ${t.message}` : ""}`)].join("\n");
          })
          .join("\n")}`,
      );
    }
    if (r.grade) {
      const g = r.grade;
      const lines = g.items.map((i) => `| ${i.hit ? "✓ hit" : "✗ missed"} | ${cell(i.label)} | ${i.points} / ${i.maxPoints} | ${i.evidence ? cell(`“${i.evidence}”`) : "—"} |`);
      out.push(
        `### Grade: ${g.score === null ? "not scored" : `${g.score}/100 — ${g.decision}`}\n\n${g.summary}` +
          (lines.length ? `\n\n| | Rubric item | Points | Evidence |\n| --- | --- | --- | --- |\n${lines.join("\n")}` : ""),
      );
    }
    const kernels = x.kernelAttempts.filter((k) => k.round === r.position);
    if (kernels.length) out.push(`### Kernel attempts\n\n${kernels.map(kernelLine).join("\n")}`);
  }
  const loose = x.kernelAttempts.filter((k) => k.round === null);
  if (loose.length) out.push(`## Kernel attempts\n\n${loose.map(kernelLine).join("\n")}`);
  out.push(`---\n\n_Exported from Loopbench on ${utc(x.exportedAt)} (format ${x.format} v${x.version})._`);
  return out.join("\n\n") + "\n";
}

function kernelLine(k: SessionExport["kernelAttempts"][number]): string {
  const metrics = kernelMetrics(k.result)
    .filter((m) => m.key !== "message")
    .map((m) => `${m.label}: ${m.value}`)
    .join("; ");
  return `- **${k.problemId}** — ${k.verdict} on ${deviceLabel(k.adapter, k.backend)} (${k.backend}), ${utc(k.createdAt)}${metrics ? ` — ${metrics}` : ""}`;
}

function utc(iso: string): string {
  return iso.slice(0, 16).replace("T", " ") + " UTC";
}

function quote(text: string): string {
  return text.split("\n").map((l) => `> ${l}`).join("\n");
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

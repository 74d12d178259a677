export * from "./export-format";
export { renderSessionMarkdown } from "./markdown";
export { answerToMarkdown, answerParts, diagramToMarkdown, transcriptToMarkdown } from "./answer-text";
export { buildReplayFrames, answersAtFrame, timeUsedMs, followupsShown, roundFollowups, formatDuration, formatTimeUsed, type LogEvent, type ReplayFrame } from "./replay";
export { summarizeRun, type RunSummary } from "./runs";
export { kernelMetrics, deviceLabel, type KernelMetric } from "./kernel-metrics";
export {
  seriesByKind,
  seriesByConcept,
  weakestConcepts,
  scenariosForConcept,
  conceptIdOf,
  type KindRow,
  type ConceptRow,
  type Series,
  type SeriesPoint,
  type ConceptStanding,
} from "./progress";
export { toSessionExport, type SessionDetailRows } from "./to-export";
export { parseHistoryQuery, toSessionFilter, historyHref, historyQuerySchema, type HistoryQuery } from "./filters";
export { asImportedHistory, validateImportedScenarios, type ImportIssue } from "./import-as-history";

export * from "./engine";
export { drawLoop, seededRandom, kindLabel, type DrawnRound, type DrawOptions } from "./draw";
export {
  startLoop,
  saveAnswer,
  submitRound,
  startRound,
  pauseRound,
  resumeRound,
  finalizeOverdueRounds,
  getSessionView,
  parseAnswer,
  askFollowups,
  type SessionView,
  type RoundView,
} from "./service";
export { publicScenario, type PublicScenario } from "./public-scenario";
export { followupMoments, followupsDue, nextFollowupInMs, mergeFollowups, FOLLOWUP_REFERENCE_MINUTES, LATEST_FOLLOWUP_FRACTION } from "./followups";

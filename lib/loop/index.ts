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
  type SessionView,
  type RoundView,
} from "./service";
export { publicScenario, type PublicScenario } from "./public-scenario";

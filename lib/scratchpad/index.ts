/** The modeling round's Python scratchpad: the program around a script, its results, and its comments for grading. */
export { scratchpadProgram, scratchpadRequest, toScratchpadOutput, codeHash, SCRATCHPAD_ENTRY, SCRATCHPAD_LIMITS } from "./program";
export { pythonComments } from "./comments";
export { scratchpadOptions, type UseOption } from "./use-options";

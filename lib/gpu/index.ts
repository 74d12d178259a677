/**
 * The kernel harness's public surface, safe for browser bundles. Node-only entry points (headless Chromium,
 * the server-side grader) live in ./server.
 */
export { gradeAttempt, timePrepared, timeInterleaved, timingAgreement, measuredOn, type GradeOptions, type TimingAgreement } from "./driver";
export { medianCi, pairedRatio, median } from "./stats";
export { WebGpuBackend, type RooflineSources } from "./webgpu-backend";
export { CpuBackend } from "./cpu-backend";
export { checkContract, type ContractResult } from "./contract";
export { parseDispatchDirective, evaluateDispatch, type ParsedDispatch } from "./directive";
export { compareOutput } from "./compare";
export { throughput, projectWork, sampleStats, IMPOSSIBLE_FACTOR } from "./metrics";
export { targetGpus, type TargetGpu } from "./gpu-catalog";
export { translateWgsl, WgslTranslateError } from "./wgsl-to-js";
export { KernelTimeoutError, DeviceLostError, PipelineError, type ExecBackend, type PreparedCase } from "./backend";
export * from "./result";

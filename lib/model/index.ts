/** Public surface of the modeling engine: pure TypeScript, no framework, no database. */
export { computeScenarioQuantity, scenarioQuantities, scenarioQuantityNames, type ScenarioQuantityName } from "./scenario-quantity";
export { gpus, gpuIds, getGpu, effectivePeak, interNodeBandwidthPerGpu, GpuIdSchema, type Gpu, type GpuId } from "./gpus";
export { models, modelIds, getModel, ModelIdSchema, type Model, type ModelId } from "./models";
export { precisions, PrecisionSchema, bytesPerElement, mathRateFor, type Precision, type MathRate } from "./precision";
export { KnobsSchema, KnobsOverrideSchema, defaultKnobs, resolveKnobs, knobDescriptions, type Knobs, type KnobsOverride } from "./knobs";
export { DeploymentInputSchema, resolveDeployment, gpuCount, type Deployment, type DeploymentInput } from "./deployment";
export { paramBreakdown, totalParams, activeParams, matmulParamsPerToken, weightsTouched, type ParamBreakdown } from "./params";
export { kvBytesPerToken, kvCacheBytes, weightsBytes, cachedTokens, kvBytesPerTokenPerGpu, memoryPlan, type MemoryPlan } from "./memory";
export { forwardPass, prefill, decodeStep, runInference, allReduceTime, softMax, type PassCost, type RunEstimate, type RunInput } from "./inference";
export * from "./training";
export { costPerMillionTokens, energyPerToken, defaultDollarsPerGpuHour } from "./cost";
export { est, fmt, fmtBytes, fmtSeconds, fmtFlops, fmtCount, trim, type Estimate, type Bound, type Unit } from "./explain";
export { calibrationPoints, holdoutPoints, type CalibrationPoint } from "./calibration";
export { predictPoint, summarize, type PointResult } from "./evaluate";

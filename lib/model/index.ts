/** Public surface of the modeling engine: pure TypeScript, no framework, no database. */
export { computeScenarioQuantity, scenarioQuantities, scenarioQuantityNames, type ScenarioQuantityName } from "./scenario-quantity";
export { gpus, gpuIds, getGpu, effectivePeak, interNodeBandwidthPerGpu, isPcieLink, GpuIdSchema, GpuSchema, type Gpu, type GpuId } from "./gpus";
export { models, modelIds, getModel, ModelIdSchema, ModelSchema, type Model, type ModelId } from "./models";
export { modelFromHfConfig, HfConfigError } from "./hf-config";
export { precisions, PrecisionSchema, bytesPerElement, weightBytesPerParam, mathRateFor, type Precision, type MathRate } from "./precision";
export { KnobsSchema, KnobsOverrideSchema, baseKnobs, resolveKnobs, knobDescriptions, knobRanges, type Knobs, type KnobsOverride } from "./knobs";
export { presets, presetIds, PresetIdSchema, defaultPresetId, defaultKnobs, getPreset, presetKnobs, type EnginePreset } from "./presets";
export { DeploymentInputSchema, DeploymentError, checkParallelism, resolveDeployment, gpuCount, type Deployment, type DeploymentInput } from "./deployment";
export { paramBreakdown, totalParams, activeParams, matmulParamsPerToken, weightsTouched, type ParamBreakdown } from "./params";
export { kvBytesPerToken, kvCacheBytes, weightsBytes, cachedTokens, kvBytesPerTokenPerGpu, memoryPlan, type MemoryPlan } from "./memory";
export { forwardPass, stepCost, prefill, decodeStep, runInference, allReduceTime, allToAllTime, softMax, attendedTokens, type PassCost, type RunEstimate, type RunInput, type StepShape } from "./inference";
export { maxThroughput, steadyShape, steadyThroughput, type MaxThroughputEstimate, type BatchLimit } from "./serving";
export * from "./training";
export { costPerMillionTokens, energyPerToken, defaultDollarsPerGpuHour } from "./cost";
export { est, fmt, fmtBytes, fmtSeconds, fmtFlops, fmtCount, trim, type Estimate, type Bound, type Unit } from "./explain";
export { measurements, measurementSources, measurementsFor, sourceOf, type Measurement, type MeasurementSource, type EnginePresetId } from "./measurements";
export { predictPoint, predictWithKnobs, predictNaive, naiveRooflineKnobs, summarize, type PointResult, type ErrorSummary } from "./evaluate";

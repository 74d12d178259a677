/**
 * The shape every kernel problem takes, as data: the harness, the CLI, the lab page and the tests
 * read these fields and nothing else, so adding a problem touches only its own folder.
 */
export type ScalarType = "u32" | "f32";

export type ParamField = { name: string; type: ScalarType };

/**
 * What a storage binding holds: f32 values (viewed in WGSL as f32, vec2<f32> or vec4<f32>), u32 indices
 * (array<u32>), or int8 values packed four to a u32 (`i8x4`: element 4w + j in byte j of word w, two's
 * complement; viewed as u32, vec2<u32> or vec4<u32>).
 */
export type ElementType = ScalarType | "i8x4";

/** input: var<storage, read>; output: var<storage, read_write>, NaN-filled; inout: read_write, refilled with known values. */
export type BindingRole = "input" | "output" | "inout";

export type BindingSpec = {
  binding: number;
  name: string;
  role: BindingRole;
  /** f32 tensors may be viewed as vec2/vec4 in WGSL; u32 index tensors must be array<u32>; i8x4 as u32/vec2/vec4<u32>. */
  element: ElementType;
  layout: string;
};

export type Tolerance = { atol: number; rtol: number; relL2: number };

/** A test case as data: its shape and its seed (mixed with the hidden seed before generation). */
export type CaseSpec = {
  name: string;
  /** What the case is there to catch, for people reading results. */
  purpose: string;
  seed: number;
  shape: Record<string, number | number[]>;
  /** Scale q and k so that the largest |scaled score| is about 100 (catches a missing max subtraction). */
  largeScores?: boolean;
  /** The case the timing is taken on. */
  timing?: boolean;
};

/**
 * Which case list to run. `full`: the contract's shapes (the large timing case). `reduced`: the same edge
 * cases with a smaller timing case, for software adapters (SwiftShader). `cpu`: small cases for the CPU
 * fallback, which interprets the attempt's WGSL in JavaScript.
 */
export type CaseProfile = "full" | "reduced" | "cpu";

export type TensorData = Float32Array | Uint32Array;

export type GeneratedCase = {
  spec: CaseSpec;
  /** Values of the uniform parameters, by field name. */
  params: Record<string, number>;
  /** Contents of every storage binding before a run, by name (outputs are absent: the harness NaN-fills them). */
  inputs: Record<string, TensorData>;
  /** Element count of every output binding, by name. */
  outputSizes: Record<string, number>;
};

export type ReferenceOutput = {
  /** Expected value of every element of the output (or inout) binding, computed in float64. */
  expected: Float64Array;
  /** For inout bindings: 1 where the kernel must write, 0 where the element must come back bit-identical. */
  written?: Uint8Array;
};

export type Work = { flops: number; bytes: number };

export type KnownWrong = {
  file: string;
  verdict: "fail-wrong" | "fail-contract" | "fail-compile" | "fail-timeout";
  why: string;
};

export type KernelProblem = {
  id: string;
  title: string;
  summary: string;
  params: ParamField[];
  bindings: BindingSpec[];
  tolerance: Tolerance;
  cases: Record<CaseProfile, CaseSpec[]>;
  generate: (c: CaseSpec, hiddenSeed: number) => GeneratedCase;
  reference: (g: GeneratedCase) => Record<string, ReferenceOutput>;
  work: (g: GeneratedCase) => Work;
  /** File names inside the problem's folder. */
  files: { starter: string; naive: string; fast: string; wrong: KnownWrong[] };
};

export const CONTRACT_TOLERANCE: Tolerance = { atol: 2e-4, rtol: 2e-3, relL2: 1e-3 };

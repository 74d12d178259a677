import type { KernelProblem } from "@/kernels/types";
import { parseDispatchDirective, type ParsedDispatch } from "./directive";
import { ResourceType, WgslReflect } from "wgsl_reflect/wgsl_reflect.module.js";

/**
 * Checks an attempt's declarations against the problem's table, from the source: WebGPU itself cannot
 * see a wrong element type, a reordered uniform struct or a missing binding the shader never reads.
 */
export type ContractResult =
  | { ok: true; dispatch: ParsedDispatch; workgroupSize: [number, number, number] }
  | { ok: false; message: string; line?: number; parseError?: boolean };

const F32_VIEWS = new Set(["f32", "vec2f", "vec4f"]);
const PACKED_VIEWS = new Set(["u32", "vec2u", "vec4u"]);

const declaredElement: Record<string, string> = {
  f32: "f32 | vec2<f32> | vec4<f32>",
  u32: "u32",
  i8x4: "u32 | vec2<u32> | vec4<u32>",
};
const holds: Record<string, string> = {
  f32: "f32 values (declare array<f32>, array<vec2<f32>> or array<vec4<f32>>)",
  u32: "u32 indices (declare array<u32>)",
  i8x4: "int8 values packed four to a u32 (declare array<u32>, array<vec2<u32>> or array<vec4<u32>>)",
};

function typeName(t: { getTypeName?: () => string; name: string } | null | undefined): string {
  if (!t) return "?";
  return typeof t.getTypeName === "function" ? t.getTypeName() : t.name;
}

export function checkContract(problem: KernelProblem, source: string): ContractResult {
  const paramNames = problem.params.filter((p) => p.type === "u32").map((p) => p.name);
  const directive = parseDispatchDirective(source, paramNames);
  if (!directive.ok) return { ok: false, message: directive.message, line: directive.line };

  let reflect: InstanceType<typeof WgslReflect>;
  try {
    reflect = new WgslReflect(source);
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    const line = /Line:?\s*(\d+)/.exec(msg)?.[1];
    return { ok: false, parseError: true, line: line ? Number(line) : undefined, message: `WGSL parse error: ${msg}` };
  }

  const main = reflect.entry.compute.find((f: { name: string }) => f.name === "main");
  if (!main) {
    const names = reflect.entry.compute.map((f: { name: string }) => f.name);
    return {
      ok: false,
      message: names.length
        ? `The compute entry point must be named main (found ${names.join(", ")}).`
        : "No compute entry point: declare `@compute @workgroup_size(...) fn main(...)`.",
    };
  }

  const vars = [...reflect.uniforms, ...reflect.storage, ...reflect.textures, ...reflect.samplers];
  for (const v of vars) {
    if (v.group !== 0) {
      return { ok: false, message: `${v.name} is in @group(${v.group}); this problem uses bind group 0 only.` };
    }
    if (v.binding !== 0 && !problem.bindings.some((b) => b.binding === v.binding)) {
      return {
        ok: false,
        message: `@binding(${v.binding}) (${v.name}) is not part of ${problem.id}: its bindings are 0 (params) and ${problem.bindings.map((b) => `${b.binding} (${b.name})`).join(", ")}.`,
      };
    }
  }

  // Binding 0: the uniform parameter struct, every field, in order.
  const expectedFields = problem.params.map((p) => `${p.name}: ${p.type}`).join(", ");
  const u = vars.find((v) => v.binding === 0);
  if (!u || u.resourceType !== ResourceType.Uniform) {
    return {
      ok: false,
      message: `Binding 0 must be \`var<uniform> params: Params\` with struct Params { ${expectedFields} }${u ? ` (found ${u.name} in another address space)` : " (it is missing)"}.`,
    };
  }
  const members: { name: string; type: { getTypeName(): string; name: string } }[] = (u.type as { members?: never[] }).members ?? [];
  const got = members.map((m) => `${m.name}: ${typeName(m.type)}`).join(", ");
  if (got !== expectedFields) {
    return {
      ok: false,
      message: `The uniform struct at binding 0 must have exactly the fields { ${expectedFields} } in that order; found { ${got} }.`,
    };
  }

  for (const b of problem.bindings) {
    const v = vars.find((x) => x.binding === b.binding);
    const wantAccess = b.role === "input" ? "read" : "read_write";
    const wantDecl = `@group(0) @binding(${b.binding}) var<storage, ${wantAccess}> ${b.name}: array<${declaredElement[b.element]}>`;
    if (!v) return { ok: false, message: `Binding ${b.binding} (${b.name}) is not declared: add \`${wantDecl};\`.` };
    if (v.resourceType !== ResourceType.Storage || v.type.name !== "array") {
      return { ok: false, message: `Binding ${b.binding} (${v.name}) must be a storage buffer array: \`${wantDecl}\`.` };
    }
    if (v.access !== wantAccess) {
      return {
        ok: false,
        message: `Binding ${b.binding} (${v.name}) is declared ${v.access}; the contract makes it ${wantAccess} (${b.role === "input" ? "inputs are read-only" : "it is written"}): \`${wantDecl}\`.`,
      };
    }
    const elem = typeName((v.type as { format?: { getTypeName(): string; name: string } }).format);
    const okElem = b.element === "f32" ? F32_VIEWS.has(elem) : b.element === "i8x4" ? PACKED_VIEWS.has(elem) : elem === "u32";
    if (!okElem) {
      return {
        ok: false,
        message: `Binding ${b.binding} (${v.name}) has element type ${elem}; the buffer holds ${holds[b.element]}.`,
      };
    }
  }

  const wg = (main.workgroupSize ?? [1, 1, 1]) as [number, number, number];
  return { ok: true, dispatch: directive.dispatch, workgroupSize: wg };
}

/** Invocations a dispatch may launch per element of the case's buffers (inputs and outputs), and at least this many in all. */
export const MAX_INVOCATIONS_PER_ELEMENT = 64;
export const MIN_INVOCATION_ALLOWANCE = 1 << 20;

/**
 * The dispatch's total size against the case: a grid within the device's per-dimension limit can still
 * ask for 65535^3 workgroups, which ties up the GPU (or the CPU fallback) for hours and is never needed.
 * Checked before anything runs.
 */
export function checkDispatchSize(
  grid: [number, number, number],
  workgroupSize: [number, number, number],
  g: { inputs: Record<string, { length: number }>; outputSizes: Record<string, number> },
  where: string,
): { ok: true } | { ok: false; message: string } {
  const elements = Object.values(g.inputs).reduce((n, t) => n + t.length, 0) + Object.values(g.outputSizes).reduce((n, x) => n + x, 0);
  const allowed = Math.max(MIN_INVOCATION_ALLOWANCE, MAX_INVOCATIONS_PER_ELEMENT * elements);
  const invocations = grid[0] * grid[1] * grid[2] * workgroupSize[0] * workgroupSize[1] * workgroupSize[2];
  if (invocations <= allowed) return { ok: true };
  return {
    ok: false,
    message: `${where}: the dispatch (${grid.join(" x ")} workgroups of ${workgroupSize.join(" x ")}) launches ${invocations.toExponential(2)} invocations for ${elements} buffer elements; at most ${allowed} (${MAX_INVOCATIONS_PER_ELEMENT} per element) are allowed. Size the grid from the problem's parameters.`,
  };
}

/**
 * Translates the compute subset of WGSL into JavaScript, for the CPU fallback.
 *
 * - Scalars: u32 and i32 with WGSL's wrapping and division rules, f32 rounded with Math.fround after every
 *   operation (so exp(100) overflows to Infinity as on a GPU), bool.
 * - Vectors are scalarized: a vec4<f32> is four JS numbers, never an array, so vector arithmetic costs what
 *   the scalar arithmetic costs. Private and workgroup arrays are typed arrays (arrays of vectors flattened),
 *   storage buffers typed arrays viewed as their declared element (f32, u32, i32, vec2/vec4 of those).
 * - Barriers are phases, not coroutines: main's body is split at every workgroupBarrier into segments, and each
 *   segment runs for every invocation of the workgroup in turn. Control flow around barriers is uniform in valid
 *   WGSL, so it runs once per workgroup; values that are the same for every invocation (parameters, the
 *   workgroup id, loop counters over them) live once per workgroup, values that differ and outlive a barrier
 *   live in per-invocation arrays. A condition the analysis cannot prove uniform is evaluated for every
 *   invocation and checked to agree (a kernel whose barrier sits in non-uniform control flow fails with a
 *   message, as WGSL compilers reject it).
 * - Loops and invocations count operations (a deadline check every few thousand, so a never-ending kernel times
 *   out; the count is also a deterministic cost for tests of the timing statistics).
 *
 * The output is the source of a factory (`makeKernel`), compiled with new Function here or in a worker.
 * wgsl_reflect's own executor (WgslExec) was evaluated first: about 0.3 M operations per second and wrong
 * results on the naive prefill kernel, so it is not used.
 */
import { WgslParser } from "wgsl_reflect/wgsl_reflect.module.js";

export class WgslTranslateError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line ? `line ${line}: ${message}` : message);
  }
}

/** Thrown when a run passes its deadline (the backend reports a timeout). */
export class KernelDeadlineError extends Error {}

/** Thrown when a barrier's surrounding control flow turns out to differ between invocations. */
export class NonUniformBarrierError extends Error {}

type Scalar = "u32" | "i32" | "f32" | "bool" | "aint" | "afloat";
type Ty =
  | { k: "s"; s: Scalar }
  | { k: "v"; n: number; s: Scalar }
  | { k: "a"; elem: Ty; len: number }
  | { k: "st"; name: string; fields: { name: string; ty: Ty }[] }
  | { k: "buf"; elem: Ty; view: string }
  | { k: "void" };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = { astNodeType: string; line?: number; [k: string]: any };
/** A value: its type and one JS expression per component (scalars 1, vectors n); arrays, structs, buffers: a reference. */
type Val = { t: Ty; c: string[] };

const S = (s: Scalar): Ty => ({ k: "s", s });
const U32 = S("u32");
const I32 = S("i32");
const F32 = S("f32");
const BOOL = S("bool");

/** How the backend runs a translated kernel: the factory source and what it needs to bind. */
export type CompiledKernel = {
  /** Source of `function (rt) { return function makeKernel(buffers, params, grid) { ... } }`, see RUNTIME. */
  source: string;
  workgroupSize: [number, number, number];
  bindings: { binding: number; name: string; view: string; uniform: boolean }[];
  /** In this thread: a kernel instance bound to these buffers (outputs filled in place between runs). */
  instantiate(buffers: Record<number, Float32Array | Uint32Array | Int32Array>, params: Record<string, number>, grid: [number, number, number]): KernelInstance;
};

export type KernelInstance = {
  /** Runs workgroups start, start + step, ... below end (linear index, x fastest); returns the operations counted. */
  run(start: number, end: number, step: number, deadline: number): number;
};

/** Helpers every translated kernel uses; `rt` in the factory. Plain JS so workers can rebuild it from source. */
export const RUNTIME_SOURCE = `
const fr = Math.fround;
const b32 = new ArrayBuffer(4), bf = new Float32Array(b32), bu = new Uint32Array(b32), bi = new Int32Array(b32);
return {
  fr,
  toU32: (x) => (x !== x || x <= 0 ? 0 : x >= 4294967295 ? 4294967295 : Math.trunc(x) >>> 0),
  toI32: (x) => (x !== x ? 0 : x <= -2147483648 ? -2147483648 : x >= 2147483647 ? 2147483647 : Math.trunc(x) | 0),
  udiv: (a, b) => (b === 0 ? a : Math.floor(a / b) >>> 0),
  umod: (a, b) => (b === 0 ? 0 : a % b),
  idiv: (a, b) => (b === 0 || (a === -2147483648 && b === -1) ? a : (a / b) | 0),
  imod: (a, b) => (b === 0 || (a === -2147483648 && b === -1) ? 0 : (a % b) | 0),
  round: (x) => { const r = Math.round(x); return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r; },
  f2u: (x) => { bf[0] = x; return bu[0]; },
  f2i: (x) => { bf[0] = x; return bi[0]; },
  u2f: (x) => { bu[0] = x; return bf[0]; },
  i2f: (x) => { bi[0] = x; return bf[0]; },
  popcnt: (x) => { x = x - ((x >>> 1) & 0x55555555); x = (x & 0x33333333) + ((x >>> 2) & 0x33333333); return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24); },
  agree: (flags, dead, n) => { let v = -1; for (let i = 0; i < n; i++) { if (dead[i]) continue; if (v < 0) v = flags[i]; else if (flags[i] !== v) return -2; } return v < 0 ? 0 : v; },
};
`;

export function translateWgsl(source: string): CompiledKernel {
  let ast: Node[];
  try {
    ast = new WgslParser().parse(source) as unknown as Node[];
  } catch (e) {
    const msg = (e as Error).message;
    throw new WgslTranslateError(msg, Number(/Line:?\s*(\d+)/.exec(msg)?.[1]) || undefined);
  }
  return new Translator(ast).compile();
}

/** Compiles a factory source (here or in a worker) into `makeKernel`. */
export function buildFactory(source: string): (rt: unknown) => (buffers: unknown, params: unknown, grid: [number, number, number], errors: unknown) => KernelInstance {
  return new Function(source) as never;
}

type VarInfo = {
  id: number;
  name: string;
  js: string;
  ty: Ty;
  /** local: a JS local; state: per-invocation arrays across segments; uniform: once per workgroup. */
  kind: "local" | "state" | "uniform" | "workgroup" | "buffer" | "param" | "const" | "builtin" | "alias";
  /** builtins: component expressions; consts: component values; aliases (let p = &x): the target. */
  comps?: string[];
  target?: VarInfo;
  mutable: boolean;
  /** Declared in main (candidates for per-invocation state or workgroup-uniform). */
  inMain: boolean;
};

const BUILTIN_FN_UNIFORM = new Set([
  "abs", "sign", "floor", "ceil", "round", "trunc", "fract", "sqrt", "inverseSqrt", "exp", "exp2", "log", "log2", "sin", "cos", "tan", "tanh",
  "asin", "acos", "atan", "atan2", "sinh", "cosh", "pow", "min", "max", "clamp", "mix", "fma", "step", "smoothstep", "saturate", "select", "dot",
  "length", "distance", "normalize", "all", "any", "arrayLength", "countOneBits", "extractBits", "unpack4xI8", "unpack4xU8", "pack4xI8", "pack4xU8",
  "dot4I8Packed", "dot4U8Packed", "workgroupUniformLoad",
]);

function isScalarTy(t: Ty): t is { k: "s"; s: Scalar } {
  return t.k === "s";
}
function ncomp(t: Ty): number {
  return t.k === "v" ? t.n : t.k === "s" ? 1 : 0;
}
function elemScalar(t: Ty): Scalar {
  if (t.k === "s" || t.k === "v") return t.s;
  return "f32";
}
function concretize(t: Ty): Ty {
  if (t.k === "s" && t.s === "aint") return I32;
  if (t.k === "s" && t.s === "afloat") return F32;
  if (t.k === "v" && (t.s === "aint" || t.s === "afloat")) return { ...t, s: t.s === "aint" ? "i32" : "f32" };
  return t;
}
function unify(a: Ty, b: Ty): Ty {
  const sa = elemScalar(a);
  const sb = elemScalar(b);
  const abstract = (s: Scalar) => s === "aint" || s === "afloat";
  let s: Scalar = sa;
  if (abstract(sa) && !abstract(sb)) s = sb;
  else if (abstract(sa) && abstract(sb)) s = sa === "afloat" || sb === "afloat" ? "afloat" : "aint";
  if (a.k === "v") return { k: "v", n: a.n, s };
  if (b.k === "v") return { k: "v", n: b.n, s };
  return S(s);
}
function tyName(t: Ty): string {
  return t.k === "s" ? t.s : t.k === "v" ? `vec${t.n}<${t.s}>` : t.k === "a" ? `array<${tyName(t.elem)}, ${t.len}>` : t.k === "st" ? t.name : t.k;
}
/** Elements of a (possibly nested) array flattened to scalars; the typed array that holds it. */
function flatSize(t: Ty): number {
  if (t.k === "s") return 1;
  if (t.k === "v") return t.n;
  if (t.k === "a") return t.len * flatSize(t.elem);
  return 0;
}
function leafScalar(t: Ty): Scalar {
  let x = t;
  while (x.k === "a") x = x.elem;
  return elemScalar(x);
}
function typedArrayFor(s: Scalar): string {
  return s === "u32" ? "Uint32Array" : s === "i32" || s === "aint" ? "Int32Array" : s === "bool" ? "Uint8Array" : "Float32Array";
}
const simple = (c: string) => /^[\w$.]+$/.test(c) || /^\(?-?[\d.e+-]+\)?$/.test(c);

type LoopCtx = { kind: "js" | "wg"; breakLabel: string; continueLabel: string; jumpCode?: { brk: number; cont: number } };

class Translator {
  private structs = new Map<string, Ty & { k: "st" }>();
  private moduleVars = new Map<string, VarInfo>();
  private fns = new Map<string, Node>();
  private fnRet = new Map<string, Ty>();
  private vars: VarInfo[] = [];
  private scopes: Map<string, VarInfo>[] = [];
  private tmp = 0;
  private pre: string[] = [];
  private consts: string[] = [];
  private bindings: CompiledKernel["bindings"] = [];
  private workgroupDecls: string[] = [];
  private workgroupZero: string[] = [];
  private scratchDecls: string[] = [];
  private stateDecls: string[] = [];
  private loops: LoopCtx[] = [];
  /** While generating a segment of main: per-invocation context (returns kill the invocation). */
  private inSegment = false;
  private segmentJumps = false;
  private inHelper = false;
  private uniformVars = new Set<number>();
  private stateIds = new Set<number>();
  private segmentFns: string[] = [];
  private barrierStmts = new WeakSet<Node>();
  private wgSize: [number, number, number] = [1, 1, 1];

  constructor(private readonly ast: Node[]) {}

  private fail(msg: string, n?: Node): never {
    throw new WgslTranslateError(`CPU fallback: ${msg}`, n?.line);
  }

  private t(prefix = "t"): string {
    return `_${prefix}${this.tmp++}`;
  }

  // ---------------------------------------------------------------- types

  private ty(t: Node | null | undefined, n?: Node): Ty {
    if (!t) return this.fail("missing type", n);
    const name: string = t.name;
    const scal: Record<string, Scalar> = { u32: "u32", i32: "i32", f32: "f32", bool: "bool" };
    if (scal[name]) return S(scal[name]);
    const m = /^vec([234])([fiu])$/.exec(name);
    if (m) return { k: "v", n: Number(m[1]), s: ({ f: "f32", i: "i32", u: "u32" } as const)[m[2] as "f"] };
    const mv = /^vec([234])$/.exec(name);
    if (mv) {
      const f = this.ty(t.format, n);
      if (f.k !== "s") this.fail(`vector of ${name}`, n);
      return { k: "v", n: Number(mv[1]), s: f.s };
    }
    if (name === "array") {
      let len = Number(t.count) || 0;
      if (!len && t.count && typeof t.count === "object") len = Number(this.constValue(t.count)) || 0;
      if (!len && typeof t.count === "string") len = Number(this.constValue({ astNodeType: "varExpr", name: t.count })) || 0;
      return { k: "a", elem: this.ty(t.format, n), len };
    }
    if (name === "ptr") return this.fail("pointer parameters are not supported; pass values", n);
    if (/^mat\d/.test(name)) return this.fail(`matrix types (${name}) are not supported; use vectors`, n);
    if (name === "f16") return this.fail("f16 is not supported", n);
    const st = this.structs.get(name);
    if (st) return st;
    return this.fail(`type ${name} is not supported`, n);
  }

  /** Value of a constant expression known at translation time (array lengths, workgroup sizes). */
  private constValue(n: Node): number | null {
    try {
      const v = this.expr(n);
      const f = new Function("rt", `const fr = Math.fround; ${this.consts.join("\n")}\nreturn (${v.c[0]});`);
      const x = Number(f({}));
      return Number.isFinite(x) ? x : null;
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------- scopes

  private lookup(name: string): VarInfo | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].get(name);
      if (v) return v;
    }
    return this.moduleVars.get(name);
  }

  private declare(n: Node, name: string, ty: Ty, kind: VarInfo["kind"], mutable: boolean): VarInfo {
    const id = this.vars.length;
    const v: VarInfo = { id, name, js: `v${id}_${name.replace(/[^\w]/g, "_")}`, ty, kind, mutable, inMain: !this.inHelper };
    this.vars.push(v);
    this.scopes[this.scopes.length - 1].set(name, v);
    (n as { __vid?: number }).__vid = id;
    return v;
  }

  /** Component names of a scalar or vector variable. */
  private names(v: VarInfo): string[] {
    const n = ncomp(v.ty);
    return n === 1 ? [v.js] : Array.from({ length: n }, (_, i) => `${v.js}_${i}`);
  }

  // ---------------------------------------------------------------- module

  compile(): CompiledKernel {
    for (const n of this.ast) {
      if (n.astNodeType === "struct") {
        const st: Ty & { k: "st" } = { k: "st", name: n.name, fields: [] };
        this.structs.set(n.name, st);
      }
    }
    for (const n of this.ast) {
      if (n.astNodeType === "struct") this.structs.get(n.name)!.fields = n.members.map((m: Node) => ({ name: m.name, ty: this.ty(m.type, n) }));
    }
    this.scopes = [new Map()];
    for (const n of this.ast) {
      switch (n.astNodeType) {
        case "struct":
        case "enable":
        case "requires":
        case "diagnostic":
        case "alias":
        case "staticAssert":
          break;
        case "const":
        case "override": {
          if (!n.value) this.fail(`${n.name} needs a value (the CPU fallback does not take pipeline overrides)`, n);
          const v = this.expr(n.value);
          const t = n.type ? this.ty(n.type, n) : concretize(v.t);
          const info: VarInfo = { id: this.vars.length, name: n.name, js: `c_${n.name}`, ty: t, kind: "const", mutable: false, inMain: false };
          this.vars.push(info);
          const names = this.names(info);
          if (t.k === "s" || t.k === "v") {
            const comps = this.convertComps(v, t);
            names.forEach((nm, i) => this.consts.push(`const ${nm} = ${comps[i]};`));
          } else this.fail(`module-scope const of type ${tyName(t)}`, n);
          this.moduleVars.set(n.name, info);
          break;
        }
        case "var": {
          const attrs: Node[] = n.attributes ?? [];
          const binding = attrs.find((a) => a.name === "binding");
          const t = this.ty(n.type, n);
          if (n.storage === "workgroup") {
            const info: VarInfo = { id: this.vars.length, name: n.name, js: `W_${n.name}`, ty: t, kind: "workgroup", mutable: true, inMain: false };
            this.vars.push(info);
            if (t.k === "st") this.fail("workgroup structs are not supported", n);
            const size = t.k === "a" ? flatSize(t) : ncomp(t);
            this.workgroupDecls.push(`const ${info.js} = new ${typedArrayFor(leafScalar(t))}(${size});`);
            this.workgroupZero.push(`${info.js}.fill(0);`);
            this.moduleVars.set(n.name, info);
          } else if (n.storage === "private" || (!binding && !n.storage)) {
            // Module-scope private variables: one per invocation, like main's state.
            const info: VarInfo = { id: this.vars.length, name: n.name, js: `P_${n.name}`, ty: t, kind: "state", mutable: true, inMain: true };
            this.vars.push(info);
            this.moduleVars.set(n.name, info);
            (this as unknown as { privates: { info: VarInfo; init: Node | null }[] }).privates ??= [];
            (this as unknown as { privates: { info: VarInfo; init: Node | null }[] }).privates.push({ info, init: n.value ?? null });
          } else if (binding) {
            const b = Number(binding.value);
            if (n.storage === "uniform") {
              if (t.k !== "st") this.fail(`uniform ${n.name} must be a struct`, n);
              const info: VarInfo = { id: this.vars.length, name: n.name, js: `U_${n.name}`, ty: t, kind: "param", mutable: false, inMain: false };
              this.vars.push(info);
              this.moduleVars.set(n.name, info);
              this.bindings.push({ binding: b, name: n.name, view: "uniform", uniform: true });
            } else if (n.storage === "storage") {
              if (t.k !== "a") this.fail(`storage binding ${n.name} must be an array`, n);
              const e = t.elem;
              if (e.k !== "s" && e.k !== "v") this.fail(`storage arrays of ${tyName(e)} are not supported`, n);
              const view = e.k === "s" ? e.s : `vec${e.n}<${e.s}>`;
              const info: VarInfo = { id: this.vars.length, name: n.name, js: `B_${n.name}`, ty: { k: "buf", elem: e, view }, kind: "buffer", mutable: n.access === "read_write", inMain: false };
              this.vars.push(info);
              this.moduleVars.set(n.name, info);
              this.bindings.push({ binding: b, name: n.name, view, uniform: false });
            } else this.fail(`address space ${n.storage} is not supported`, n);
          } else this.fail(`module-scope var ${n.name}`, n);
          break;
        }
        case "function":
          this.fns.set(n.name, n);
          break;
        default:
          this.fail(`module-scope ${n.astNodeType} is not supported`, n);
      }
    }
    const main = this.fns.get("main") ?? this.fail("no fn main");
    const wgAttr = (main.attributes as Node[]).find((a) => a.name === "workgroup_size");
    const wgVals = (Array.isArray(wgAttr?.value) ? wgAttr!.value : [wgAttr?.value]).map((v: unknown) => {
      if (v && typeof v === "object") return this.constValue(v as Node) ?? 1;
      const s = String(v);
      if (/^\d+u?$/.test(s)) return Number(s.replace("u", ""));
      return this.constValue({ astNodeType: "varExpr", name: s }) ?? 1;
    });
    this.wgSize = [wgVals[0] ?? 1, wgVals[1] ?? 1, wgVals[2] ?? 1];

    // Barriers only in main (helpers that reach one are not supported: WGSL allows it, kernels rarely do it).
    const hasBarrier = (x: unknown): boolean => {
      if (!x || typeof x !== "object") return false;
      if (Array.isArray(x)) return x.some(hasBarrier);
      const o = x as Node;
      if ((o.astNodeType === "call" || o.astNodeType === "callExpr") && /^(workgroupBarrier|storageBarrier|textureBarrier)$/.test(o.name)) return true;
      for (const k of Object.keys(o)) if (k !== "calls" && k !== "attributes" && k !== "postfix" && hasBarrier(o[k])) return true;
      return false;
    };
    for (const [name, f] of this.fns) {
      if (name !== "main" && hasBarrier(f.body)) this.fail(`workgroupBarrier inside helper function ${name} is not supported; call it from main`, f);
    }
    const markBarriers = (stmts: Node[]) => {
      for (const s of stmts) {
        if (hasBarrier(s)) {
          this.barrierStmts.add(s);
          for (const k of ["body", "else", "continuing"]) {
            const b = s[k];
            if (Array.isArray(b)) markBarriers(b);
            else if (b && Array.isArray(b.body)) markBarriers(b.body);
          }
          for (const e of s.elseif ?? []) {
            this.barrierStmts.add(e);
            markBarriers(e.body);
          }
          if (s.astNodeType === "switch") this.fail("workgroupBarrier inside switch is not supported", s);
        }
      }
    };
    markBarriers(main.body);

    for (const [name, f] of this.fns) this.fnRet.set(name, f.returnType ? this.ty(f.returnType, f) : { k: "void" });

    // Helper functions (no barriers): plain JS functions, closures over the buffers.
    const fnCode: string[] = [];
    this.inHelper = true;
    for (const [name, f] of this.fns) if (name !== "main") fnCode.push(this.helper(f));
    this.inHelper = false;

    const mainCode = this.main(main);
    const [wx, wy, wz] = this.wgSize;
    const bindingDecls = this.bindings.map((b) => (b.uniform ? `const U_${b.name} = __params;` : `const B_${b.name} = __buffers[${b.binding}];`));
    const source = `const rt = (function () { ${RUNTIME_SOURCE} })();
const fr = rt.fr;
${this.consts.join("\n")}
return function makeKernel(__buffers, __params, __grid, __errors) {
  ${bindingDecls.join("\n  ")}
  const __NI = ${wx * wy * wz};
  const __LX = new Uint32Array(__NI), __LY = new Uint32Array(__NI), __LZ = new Uint32Array(__NI);
  for (let i = 0; i < __NI; i++) { __LX[i] = i % ${wx}; __LY[i] = Math.floor(i / ${wx}) % ${wy}; __LZ[i] = Math.floor(i / ${wx * wy}); }
  const __dead = new Uint8Array(__NI), __jf = new Uint8Array(__NI);
  const __ret = new Float64Array(16);
  let __ops = 0, __deadline = Infinity;
  const __guard = () => { if (performance.now() > __deadline) throw new __errors.Deadline(); };
  ${this.workgroupDecls.join("\n  ")}
  ${this.scratchDecls.join("\n  ")}
  ${this.stateDecls.join("\n  ")}
  ${fnCode.join("\n  ")}
  let __live = 0;
  ${this.segmentFns.join("\n  ")}
  function __wg(__gx, __gy, __gz) {
    ${this.workgroupZero.join(" ")}
    __dead.fill(0);
    __live = __NI;
    ${mainCode}
  }
  return {
    run(start, end, step, deadline) {
      __deadline = deadline;
      __ops = 0;
      const gx = __grid[0], gy = __grid[1];
      for (let i = start; i < end; i += step) __wg(i % gx, Math.floor(i / gx) % gy, Math.floor(i / (gx * gy)));
      return __ops;
    },
  };
};`;
    let factory: ReturnType<typeof buildFactory>;
    try {
      factory = buildFactory(source);
    } catch (e) {
      throw new WgslTranslateError(`CPU fallback: internal translation error (${(e as Error).message}); please report this kernel`);
    }
    const errors = { Deadline: KernelDeadlineError, NonUniform: NonUniformBarrierError };
    return {
      source,
      workgroupSize: this.wgSize,
      bindings: this.bindings,
      instantiate: (buffers, params, grid) => factory({})(buffers, params, grid, errors),
    };
  }

  // ---------------------------------------------------------------- helper functions

  private helper(f: Node): string {
    this.scopes.push(new Map());
    const params: string[] = [];
    const pre: string[] = [];
    for (const a of f.args as Node[]) {
      const t = this.ty(a.type, f);
      const v = this.declare(a, a.name, t, "local", true);
      if (t.k === "s" || t.k === "v") params.push(...this.names(v));
      else if (t.k === "a") {
        params.push(v.js);
        // Arrays are values in WGSL: copy on entry (the caller's array must not change).
        pre.push(`${v.js} = ${v.js}.slice();`);
      } else if (t.k === "st") {
        params.push(v.js);
        pre.push(`${v.js} = { ...${v.js} };`);
      } else this.fail(`parameter type ${tyName(t)}`, f);
    }
    const body = this.jsBlock(f.body, false);
    this.scopes.pop();
    return `function f_${f.name}(${params.join(", ")}) {\n${pre.join("\n")}\n${body}\n}`;
  }

  // ---------------------------------------------------------------- uniformity (main only)

  /** Which of main's variables hold the same value in every invocation (see the file comment). */
  private analyzeUniformity(main: Node) {
    // Resolve names once (declare() tags declarations and the scopes give references their variable).
    const refs = new Map<Node, VarInfo>();
    const declNodes = new Map<number, Node>();
    const assigned = new Map<number, Node[]>();
    const walkExpr = (e: Node | null | undefined) => {
      if (!e || typeof e !== "object") return;
      if (Array.isArray(e)) return e.forEach(walkExpr);
      if (e.astNodeType === "varExpr") {
        const v = this.lookup(e.name);
        if (v) refs.set(e, v);
      }
      for (const k of Object.keys(e)) if (k !== "attributes" && k !== "type" && k !== "calls" && typeof e[k] === "object") walkExpr(e[k]);
    };
    const rootVar = (lv: Node): VarInfo | undefined => {
      let x = lv;
      while (x.astNodeType === "unaryOp") x = x.right;
      const v = x.astNodeType === "varExpr" ? this.lookup(x.name) : undefined;
      return v?.kind === "alias" ? v.target : v;
    };
    const walk = (stmts: Node[]) => {
      this.scopes.push(new Map());
      for (const s of stmts) walkStmt(s);
      this.scopes.pop();
    };
    const walkStmt = (s: Node) => {
      switch (s.astNodeType) {
        case "let":
        case "const":
        case "var": {
          walkExpr(s.value);
          const isPtr = s.value?.astNodeType === "unaryOp" && s.value.operator === "&";
          const v = isPtr
            ? this.declare(s, s.name, { k: "void" }, "alias", false)
            : this.declare(s, s.name, s.type ? this.ty(s.type, s) : { k: "void" }, "local", s.astNodeType === "var");
          if (isPtr) v.target = rootVar(s.value.right);
          declNodes.set(v.id, s);
          break;
        }
        case "assign":
        case "increment": {
          walkExpr(s.value);
          walkExpr(s.variable);
          const v = rootVar(s.variable);
          if (v) assigned.set(v.id, [...(assigned.get(v.id) ?? []), s]);
          break;
        }
        case "for":
          this.scopes.push(new Map());
          if (s.init) walkStmt(s.init);
          walkExpr(s.condition);
          walk(s.body);
          if (s.increment) walkStmt(s.increment);
          this.scopes.pop();
          break;
        case "if":
          walkExpr(s.condition);
          walk(s.body);
          for (const e of s.elseif ?? []) {
            walkExpr(e.condition);
            walk(e.body);
          }
          if (s.else) walk(s.else);
          break;
        case "while":
          walkExpr(s.condition);
          walk(s.body);
          break;
        case "loop":
          walk(s.body);
          break;
        case "continuing":
          walk(s.body);
          break;
        case "switch":
          walkExpr(s.condition);
          for (const c of s.cases) walk(c.body);
          break;
        case "compound":
          walk(s.body);
          break;
        default:
          walkExpr(s);
      }
    };
    this.scopes.push(new Map());
    const mainVars: VarInfo[] = [];
    for (const a of main.args as Node[]) {
      const builtin = (a.attributes as Node[] | undefined)?.find((x) => x.name === "builtin")?.value;
      if (!builtin) this.fail(`entry-point argument ${a.name} needs a @builtin`, main);
      const t = this.ty(a.type, main);
      const v = this.declare(a, a.name, t, "builtin", false);
      const [wx, wy] = this.wgSize;
      const lx = ["__LX[__l]", "__LY[__l]", "__LZ[__l]"];
      const grid = ["__grid[0]", "__grid[1]", "__grid[2]"];
      const wgid = ["__gx", "__gy", "__gz"];
      const sizes = this.wgSize;
      v.comps =
        builtin === "local_invocation_id"
          ? lx
          : builtin === "local_invocation_index"
            ? ["__l"]
            : builtin === "workgroup_id"
              ? wgid
              : builtin === "num_workgroups"
                ? grid
                : builtin === "global_invocation_id"
                  ? [`(__gx * ${sizes[0]} + __LX[__l])`, `(__gy * ${sizes[1]} + __LY[__l])`, `(__gz * ${sizes[2]} + __LZ[__l])`]
                  : this.fail(`builtin ${builtin} is not supported in compute`, main);
      void wx;
      void wy;
      if (builtin === "workgroup_id" || builtin === "num_workgroups") this.uniformVars.add(v.id);
      mainVars.push(v);
    }
    const firstVar = this.vars.length;
    walk(main.body);
    this.scopes.pop();
    for (let i = firstVar; i < this.vars.length; i++) if (this.vars[i].kind === "local") this.uniformVars.add(i);

    // Fixpoint: a variable is uniform while every value it takes is, and it is only assigned where every
    // invocation runs the assignment once per workgroup (uniform statements at workgroup level).
    const uniformExpr = (e: Node | null | undefined): boolean => {
      if (!e || typeof e !== "object") return true;
      if (Array.isArray(e)) return e.every(uniformExpr);
      if (e.astNodeType === "varExpr") {
        const v = refs.get(e) ?? this.lookup(e.name);
        if (!v) return true;
        const r = v.kind === "alias" ? v.target : v;
        if (!r) return false;
        if (r.kind === "const" || r.kind === "param") return uniformPostfix(e.postfix);
        if (r.kind === "buffer") return !r.mutable && uniformPostfix(e.postfix);
        if (r.kind === "workgroup" || r.kind === "state") return false;
        return this.uniformVars.has(r.id) && uniformPostfix(e.postfix);
      }
      if (e.astNodeType === "callExpr" || e.astNodeType === "call") {
        if (!BUILTIN_FN_UNIFORM.has(e.name)) return false;
        if (e.name === "workgroupUniformLoad") return true;
        return (e.args ?? []).every(uniformExpr) && uniformPostfix(e.postfix);
      }
      for (const k of Object.keys(e)) if (k !== "attributes" && k !== "type" && k !== "calls" && typeof e[k] === "object" && !uniformExpr(e[k])) return false;
      return true;
    };
    const uniformPostfix = (p: Node | null | undefined): boolean => {
      while (p) {
        if ("index" in p && !uniformExpr(p.index)) return false;
        p = p.postfix;
      }
      return true;
    };
    let changed = true;
    const kill = (v: VarInfo | undefined) => {
      if (v && this.uniformVars.delete(v.id)) changed = true;
    };
    const assignedIn = (s: unknown, out: Set<number>) => {
      if (!s || typeof s !== "object") return;
      if (Array.isArray(s)) return s.forEach((x) => assignedIn(x, out));
      const o = s as Node;
      if ((o.astNodeType === "assign" || o.astNodeType === "increment") && o.variable) {
        const v = rootVar(o.variable);
        if (v) out.add(v.id);
      }
      if (o.astNodeType === "let" || o.astNodeType === "var" || o.astNodeType === "const") {
        const id = (o as { __vid?: number }).__vid;
        if (id !== undefined) out.add(id);
      }
      for (const k of Object.keys(o)) if (k !== "attributes" && k !== "type" && k !== "calls" && k !== "postfix" && typeof o[k] === "object") assignedIn(o[k], out);
    };
    const visitWg = (stmts: Node[]) => {
      for (const s of stmts) {
        if (this.barrierStmts.has(s)) {
          if (s.astNodeType === "for") {
            if (s.init) visitLeaf(s.init);
            if (s.increment) visitLeaf(s.increment);
            visitWg(s.body);
          } else if (s.astNodeType === "if") {
            visitWg(s.body);
            for (const e of s.elseif ?? []) visitWg(e.body);
            if (s.else) visitWg(s.else);
          } else if (s.astNodeType === "while" || s.astNodeType === "loop" || s.astNodeType === "compound") {
            visitWg(s.body.filter((x: Node) => x.astNodeType !== "continuing"));
            const cont = s.body.find((x: Node) => x.astNodeType === "continuing");
            if (cont) for (const c of cont.body) visitLeaf(c);
          }
        } else visitLeaf(s);
      }
    };
    const visitLeaf = (s: Node) => {
      const ids = new Set<number>();
      assignedIn(s, ids);
      if (!this.uniformStmt(s, uniformExpr, rootVar)) for (const id of ids) kill(this.vars[id]);
      else {
        // Uniform statement: each variable it sets takes a uniform value only if the statement's parts are.
        for (const id of ids) {
          const d = declNodes.get(id);
          if (d && d.value && !uniformExpr(d.value)) kill(this.vars[id]);
        }
      }
    };
    while (changed) {
      changed = false;
      for (const [id, d] of declNodes) if (d.value && !uniformExpr(d.value) && this.vars[id].kind !== "alias") kill(this.vars[id]);
      for (const [id, list] of assigned) for (const s of list) if (s.value && !uniformExpr(s.value)) kill(this.vars[id]);
      visitWg(main.body);
    }
    // Which non-uniform variables outlive their segment: referenced in more than one segment (or in a condition
    // around a barrier) -> per-invocation state; the rest stay plain JS locals of one segment.
    let segCounter = 0;
    const refSegs = new Map<number, Set<number>>();
    const note = (x: unknown, seg: number) => {
      if (!x || typeof x !== "object") return;
      if (Array.isArray(x)) return x.forEach((y) => note(y, seg));
      const o = x as Node & { __vid?: number };
      const add = (id: number) => {
        const set = refSegs.get(id) ?? new Set<number>();
        set.add(seg);
        refSegs.set(id, set);
      };
      if (o.__vid !== undefined) add(o.__vid);
      if (o.astNodeType === "varExpr") {
        const v = refs.get(o);
        if (v) add((v.kind === "alias" && v.target ? v.target : v).id);
      }
      for (const k of Object.keys(o)) if (k !== "attributes" && k !== "type" && k !== "calls" && typeof o[k] === "object") note(o[k], seg);
    };
    const segWg = (stmts: Node[]) => {
      let cur = -1;
      for (const st of stmts) {
        if (!this.barrierStmts.has(st)) {
          if (cur < 0) cur = ++segCounter;
          note(st, cur);
          continue;
        }
        cur = -1;
        if (st.astNodeType === "for") {
          if (st.init) note(st.init, ++segCounter);
          if (st.condition) note(st.condition, ++segCounter);
          if (st.increment) note(st.increment, ++segCounter);
          segWg(st.body);
        } else if (st.astNodeType === "if") {
          note(st.condition, ++segCounter);
          segWg(st.body);
          for (const e of st.elseif ?? []) {
            note(e.condition, ++segCounter);
            segWg(e.body);
          }
          if (st.else) segWg(st.else);
        } else if (st.astNodeType === "while") {
          note(st.condition, ++segCounter);
          segWg(st.body);
        } else if (st.astNodeType === "loop") {
          segWg(st.body.filter((x: Node) => x.astNodeType !== "continuing"));
          const cont = st.body.find((x: Node) => x.astNodeType === "continuing");
          if (cont) for (const c of cont.body) note(c, ++segCounter);
        } else if (st.astNodeType === "compound") segWg(st.body);
      }
    };
    segWg(main.body);
    for (const [id, segs] of refSegs) {
      const v = this.vars[id];
      if (v && v.inMain && v.kind === "local" && !this.uniformVars.has(id) && segs.size > 1) this.stateIds.add(id);
    }
    // Arrays and structs are never uniform (they are written element by element).
    for (let i = firstVar; i < this.vars.length; i++) {
      const d = declNodes.get(i);
      if (d?.type && ["array"].includes(d.type.name)) this.uniformVars.delete(i);
      if (d?.type && this.structs.has(d.type.name)) this.uniformVars.delete(i);
      if (d?.value?.astNodeType === "createExpr" && d.value.type?.name === "array") this.uniformVars.delete(i);
    }
    return { refs, mainVars };
  }

  /** A statement without barriers that every invocation would run identically: run it once per workgroup. */
  private uniformStmt(s: Node, uniformExpr: (e: Node) => boolean, rootVar: (n: Node) => VarInfo | undefined): boolean {
    const setsUniform = (lv: Node) => {
      const v = rootVar(lv);
      if (!v || !this.uniformVars.has(v.id)) return false;
      let p = lv.postfix;
      while (p) {
        if ("index" in p && !uniformExpr(p.index)) return false;
        p = p.postfix;
      }
      return true;
    };
    switch (s.astNodeType) {
      case "let":
      case "const":
      case "var": {
        const id = (s as { __vid?: number }).__vid;
        if (s.value?.astNodeType === "unaryOp" && s.value.operator === "&") return false;
        return id !== undefined && this.uniformVars.has(id) && (!s.value || uniformExpr(s.value));
      }
      case "assign":
        return setsUniform(s.variable) && uniformExpr(s.value);
      case "increment":
        return setsUniform(s.variable);
      default:
        // Control flow is left to the invocations (cheap for them; rare around uniform values).
        return false;
    }
  }

  // ---------------------------------------------------------------- main

  private main(main: Node): string {
    this.scopes.push(new Map());
    // Reuse the declarations the analysis made: re-declare in codegen order with the same ids.
    const saveVars = this.vars.length;
    void saveVars;
    this.analyzeUniformity(main);
    // Codegen re-walks main with fresh scopes; declarations look up their analysis id through __vid.
    this.scopes.pop();
    this.scopes.push(new Map());
    for (const a of main.args as Node[]) {
      const v = this.vars[(a as unknown as { __vid: number }).__vid];
      this.scopes[this.scopes.length - 1].set(a.name, v);
    }
    const privates = ((this as unknown as { privates?: { info: VarInfo; init: Node | null }[] }).privates ?? []).map(({ info, init }) => {
      this.declareState(info);
      const names = this.names(info);
      const t = info.ty;
      if (t.k === "a") return `S_${info.js}[__l].fill(0);`;
      if (!init) return names.map((nm) => `S_${nm}[__l] = 0;`).join(" ");
      const v = this.convertComps(this.expr(init), t);
      return names.map((nm, i) => `S_${nm}[__l] = ${v[i]};`).join(" ");
    });
    const init = privates.length ? `for (let __l = 0; __l < __NI; __l++) { ${privates.join(" ")} }` : "";
    const body = this.wgBlock(main.body);
    this.scopes.pop();
    return `${init}\n${body}`;
  }

  /** The per-invocation arrays of a variable that lives across segments. */
  private declareState(v: VarInfo) {
    if (v.kind === "state" && this.stateDecls.some((d) => d.includes(` S_${v.js}`) || d.includes(` S_${v.js}_0 `))) return;
    v.kind = "state";
    const t = v.ty;
    if (t.k === "a") this.stateDecls.push(`const S_${v.js} = Array.from({ length: __NI }, () => new ${typedArrayFor(leafScalar(t))}(${flatSize(t)}));`);
    else if (t.k === "st") this.stateDecls.push(`const S_${v.js} = new Array(__NI);`);
    else for (const nm of this.names(v)) this.stateDecls.push(`const S_${nm} = new ${elemScalar(t) === "bool" ? "Uint8Array" : "Float64Array"}(__NI);`);
  }

  /** Statements at workgroup level: uniform statements once, the rest in per-invocation segments. */
  private wgBlock(stmts: Node[]): string {
    this.scopes.push(new Map());
    const out: string[] = [];
    let run: Node[] = [];
    const flush = () => {
      if (run.length) out.push(this.segmentRun(run));
      run = [];
    };
    for (const s of stmts) {
      if (!this.barrierStmts.has(s)) {
        run.push(s);
        continue;
      }
      flush();
      out.push(this.wgStmt(s));
    }
    flush();
    this.scopes.pop();
    return out.join("\n");
  }

  /**
   * A run of barrier-free statements: uniform declarations run once, in front of the invocations' segment;
   * an assignment to a uniform variable runs once where it stands (the segment is cut there, so statements
   * before it still see the old value and a break before it still skips it); the rest runs per invocation.
   */
  private segmentRun(stmts: Node[]): string {
    const out: string[] = [];
    let decls: string[] = [];
    let perInv: Node[] = [];
    const flush = () => {
      out.push(...decls);
      if (perInv.length) out.push(this.segment(perInv));
      decls = [];
      perInv = [];
    };
    for (const s of stmts) {
      if (s.astNodeType === "call" && /Barrier$/.test(s.name)) continue;
      if (!this.isUniformLeaf(s)) perInv.push(s);
      else if (s.astNodeType === "let" || s.astNodeType === "var" || s.astNodeType === "const") decls.push(this.stmt(s));
      else {
        flush();
        out.push(this.stmt(s));
      }
    }
    flush();
    return out.join("\n");
  }

  private isUniformLeaf(s: Node): boolean {
    if (s.astNodeType === "let" || s.astNodeType === "var" || s.astNodeType === "const") {
      const id = (s as { __vid?: number }).__vid;
      return id !== undefined && this.uniformVars.has(id);
    }
    if (s.astNodeType === "assign" || s.astNodeType === "increment") {
      let x = s.variable;
      while (x.astNodeType === "unaryOp") x = x.right;
      const v = x.astNodeType === "varExpr" ? this.lookup(x.name) : undefined;
      return Boolean(v && this.uniformVars.has(v.id) && !x.postfix);
    }
    return false;
  }

  /** One segment: the statements for every live invocation in turn, state loaded and stored around them. */
  private segment(stmts: Node[]): string {
    const wasSeg = this.inSegment;
    const wasJumps = this.segmentJumps;
    this.inSegment = true;
    this.segmentJumps = false;
    const body = this.jsStatements(stmts);
    // The variables the generated code names (unique JS names): state is loaded and stored around the body,
    // workgroup-uniform values are passed in.
    const named = new Set(body.match(/\bv\d+_\w*/g) ?? []);
    const pro: string[] = [];
    const epi: string[] = [];
    const params: string[] = [];
    for (const v of this.vars) {
      if (v.kind === "state" && v.inMain) {
        if (v.ty.k === "a" || v.ty.k === "st") {
          if (named.has(v.js)) pro.push(`let ${v.js} = S_${v.js}[__l];`);
        } else
          for (const nm of this.names(v)) {
            if (!named.has(nm)) continue;
            pro.push(`let ${nm} = S_${nm}[__l];`);
            epi.push(`S_${nm}[__l] = ${nm};`);
          }
      } else if (v.kind === "uniform") {
        for (const nm of v.ty.k === "s" || v.ty.k === "v" ? this.names(v) : [v.js]) if (named.has(nm)) params.push(nm);
      }
    }
    const jumps = this.segmentJumps;
    this.inSegment = wasSeg;
    this.segmentJumps = wasJumps;
    let after = "";
    if (jumps) {
      // break / continue of a loop around the barrier: every live invocation must take it.
      const loops = [...this.loops].reverse().filter((l) => l.kind === "wg");
      const lines = loops.map((l) => `if (__j === ${l.jumpCode!.brk}) break ${l.breakLabel}; if (__j === ${l.jumpCode!.cont}) break ${l.continueLabel};`);
      after = `{ const __j = rt.agree(__jf, __dead, __NI); if (__j === -2) throw new __errors.NonUniform("break or continue around a barrier taken by some invocations only"); ${lines.join(" ")} }`;
    }
    // Each segment is its own small function: the JavaScript engine optimizes small hot functions much sooner
    // than one large one (a kernel in one function ran 250x slower for its first thirty runs).
    const fn = `__s${this.segmentFns.length}`;
    const args = ["__gx", "__gy", "__gz", ...params].join(", ");
    this.segmentFns.push(`function ${fn}(${args}) {
for (let __l = 0; __l < __NI; __l++) {
  if (__dead[__l] !== 0) continue;
  ${pro.join(" ")}
  __seg: {
${body}
  }
  ${epi.join(" ")}
  if ((++__ops & 1023) === 0) __guard();
}
}`);
    return `${jumps ? "__jf.fill(0);" : ""}
${fn}(${args});
if (__live === 0) return;
${after}`;
  }

  /** Variables a list of statements touches (resolved through the analysis ids). */
  private collectVars(x: unknown, out: Set<VarInfo>) {
    if (!x || typeof x !== "object") return;
    if (Array.isArray(x)) return x.forEach((y) => this.collectVars(y, out));
    const o = x as Node & { __vid?: number };
    if (o.__vid !== undefined) {
      const v = this.vars[o.__vid];
      if (v && v.inMain) out.add(v.kind === "alias" && v.target ? v.target : v);
    }
    if (o.astNodeType === "varExpr") {
      const v = this.lookupAny(o.name);
      if (v) out.add(v.kind === "alias" && v.target ? v.target : v);
    }
    for (const k of Object.keys(o)) if (k !== "attributes" && k !== "type" && k !== "calls" && typeof o[k] === "object") this.collectVars(o[k], out);
  }

  /** Name lookup across the scopes in effect plus main's analysis declarations (for prologues). */
  private lookupAny(name: string): VarInfo | undefined {
    return this.lookup(name) ?? [...this.vars].reverse().find((v) => v.name === name && v.inMain && v.kind === "state");
  }

  /** A barrier-containing statement at workgroup level. */
  private wgStmt(s: Node): string {
    switch (s.astNodeType) {
      case "call":
        return ""; // the barrier itself: segments end here
      case "if": {
        const branches: { cond: Node | null; body: Node[] }[] = [{ cond: s.condition, body: s.body }];
        for (const e of s.elseif ?? []) branches.push({ cond: e.condition, body: e.body });
        if (s.else) branches.push({ cond: null, body: s.else });
        let code = "";
        let close = "";
        for (const b of branches) {
          if (!b.cond) {
            code += `{\n${this.wgBlock(b.body)}\n}`;
            break;
          }
          const c = this.wgCondition(b.cond);
          code += `{ ${c.pre}\nif (${c.value}) {\n${this.wgBlock(b.body)}\n} else `;
          close += " }";
        }
        if (code.endsWith("else ")) code += "{}";
        return code + close;
      }
      case "for":
      case "while":
      case "loop": {
        const L = this.t("L");
        const B = this.t("B");
        const ctx: LoopCtx = { kind: "wg", breakLabel: L, continueLabel: B, jumpCode: { brk: 2 * this.loops.length + 1, cont: 2 * this.loops.length + 2 } };
        this.scopes.push(new Map());
        const init = s.astNodeType === "for" && s.init ? this.segmentRun([s.init]) : "";
        const cond = s.astNodeType === "loop" || !s.condition ? null : this.wgCondition(s.condition);
        this.loops.push(ctx);
        const bodyStmts = s.astNodeType === "loop" ? s.body.filter((x: Node) => x.astNodeType !== "continuing") : s.body;
        const body = this.wgBlock(bodyStmts);
        this.loops.pop();
        let incr = "";
        if (s.astNodeType === "for" && s.increment) incr = this.segmentRun([s.increment]);
        const cont = s.astNodeType === "loop" ? s.body.find((x: Node) => x.astNodeType === "continuing") : null;
        if (cont) {
          // continuing { ... break if c; }: runs at workgroup level after the body.
          const parts: string[] = [];
          const plain: Node[] = [];
          for (const c of cont.body as Node[]) {
            if (c.astNodeType === "break" && c.condition) {
              if (plain.length) parts.push(this.segmentRun(plain.splice(0)));
              const bc = this.wgCondition(c.condition);
              parts.push(`{ ${bc.pre}\nif (${bc.value}) break ${L}; }`);
            } else plain.push(c);
          }
          if (plain.length) parts.push(this.segmentRun(plain));
          incr = parts.join("\n");
        }
        this.scopes.pop();
        return `{ ${init}
${L}: while (true) {
  if ((++__ops & 1023) === 0) __guard();
  ${cond ? `${cond.pre}\nif (!(${cond.value})) break;` : ""}
  ${B}: {
${body}
  }
${incr}
} }`;
      }
      case "compound":
        return `{\n${this.wgBlock(s.body)}\n}`;
      default:
        return this.fail(`${s.astNodeType} around a workgroupBarrier is not supported`, s);
    }
  }

  /** A condition at workgroup level: once if uniform, else per invocation with a check that all agree. */
  private wgCondition(e: Node): { pre: string; value: string } {
    const saved = this.pre;
    this.pre = [];
    const uniform = this.exprUniform(e);
    if (uniform) {
      const v = this.expr(e);
      const pre = this.pre.join("\n");
      this.pre = saved;
      return { pre, value: v.c[0] };
    }
    this.pre = saved;
    const c = this.t("c");
    const used = new Set<VarInfo>();
    this.collectVars(e, used);
    const wasSeg = this.inSegment;
    this.inSegment = true;
    this.pre = [];
    const v = this.expr(e);
    const pre = this.pre.join("\n");
    this.pre = saved;
    this.inSegment = wasSeg;
    const pro = [...used].filter((x) => x.kind === "state").flatMap((x) => (x.ty.k === "a" || x.ty.k === "st" ? [`const ${x.js} = S_${x.js}[__l];`] : this.names(x).map((nm) => `const ${nm} = S_${nm}[__l];`)));
    return {
      pre: `let ${c} = -1;
for (let __l = 0; __l < __NI; __l++) {
  if (__dead[__l] !== 0) continue;
  ${pro.join(" ")}
  ${pre}
  const __v = (${v.c[0]}) ? 1 : 0;
  if (${c} < 0) ${c} = __v; else if (${c} !== __v) throw new __errors.NonUniform("a condition around a barrier differs between invocations (line ${e.line ?? "?"})");
}`,
      value: `${c} === 1`,
    };
  }

  private exprUniform(e: Node): boolean {
    const check = (x: unknown): boolean => {
      if (!x || typeof x !== "object") return true;
      if (Array.isArray(x)) return x.every(check);
      const o = x as Node;
      if (o.astNodeType === "varExpr") {
        const v = this.lookup(o.name);
        if (!v) return true;
        const r = v.kind === "alias" ? v.target : v;
        if (!r) return false;
        if (r.kind === "buffer") return !r.mutable && check(o.postfix);
        if (r.kind === "workgroup" || r.kind === "state") return false;
        if (r.kind === "builtin") return this.uniformVars.has(r.id);
        if (r.kind === "local") return this.uniformVars.has(r.id) && check(o.postfix);
        return check(o.postfix);
      }
      if ((o.astNodeType === "callExpr" || o.astNodeType === "call") && !BUILTIN_FN_UNIFORM.has(o.name)) return false;
      for (const k of Object.keys(o)) if (k !== "attributes" && k !== "type" && k !== "calls" && typeof o[k] === "object" && !check(o[k])) return false;
      return true;
    };
    return check(e);
  }

  // ---------------------------------------------------------------- statements (JS, within a segment or helper)

  private jsBlock(stmts: Node[], newScope = true): string {
    if (newScope) this.scopes.push(new Map());
    const s = this.jsStatements(stmts);
    if (newScope) this.scopes.pop();
    return s;
  }

  private jsStatements(stmts: Node[]): string {
    return stmts.map((x) => this.stmt(x)).join("\n");
  }

  /** Generates a statement with its hoisted temporaries in front. */
  private stmt(n: Node): string {
    const saved = this.pre;
    this.pre = [];
    const code = this.stmtInner(n);
    const pre = this.pre;
    this.pre = saved;
    return pre.length ? `${pre.join("\n")}\n${code}` : code;
  }

  private varFor(n: Node, name: string, ty: Ty, mutable: boolean): VarInfo {
    const id = (n as { __vid?: number }).__vid;
    if (id !== undefined && this.vars[id] && this.vars[id].name === name && this.vars[id].inMain && !this.inHelper) {
      const v = this.vars[id];
      v.ty = ty;
      v.mutable = mutable;
      if (v.kind === "local" && this.uniformVars.has(v.id)) v.kind = "uniform";
      else if (v.kind === "local" && this.stateIds.has(v.id)) this.declareState(v);
      this.scopes[this.scopes.length - 1].set(name, v);
      return v;
    }
    return this.declare(n, name, ty, "local", mutable);
  }

  private stmtInner(n: Node): string {
    switch (n.astNodeType) {
      case "let":
      case "const":
      case "var": {
        if (n.value?.astNodeType === "unaryOp" && n.value.operator === "&") {
          const target = this.lvalueVar(n.value.right);
          const id = (n as { __vid?: number }).__vid;
          const v: VarInfo = id !== undefined && this.vars[id]?.kind === "alias" ? this.vars[id] : this.declare(n, n.name, target.ty, "alias", false);
          v.kind = "alias";
          v.target = target;
          v.ty = target.ty;
          this.scopes[this.scopes.length - 1].set(n.name, v);
          return "";
        }
        const declared = n.type ? this.ty(n.type, n) : null;
        const val = n.value ? this.expr(n.value) : null;
        if (declared && val) this.checkAssignable(val.t, declared, n);
        const t = declared ?? concretize(val!.t);
        const v = this.varFor(n, n.name, t, n.astNodeType === "var");
        return this.declInit(v, val, n);
      }
      case "assign":
        return this.assign(n);
      case "increment": {
        const one: Val = { t: S("aint"), c: ["1"] };
        return this.assign({ astNodeType: "assign", operator: n.operator === "++" ? "+=" : "-=", variable: n.variable, value: null, line: n.line }, one);
      }
      case "call": {
        if (/^(workgroupBarrier|storageBarrier|textureBarrier)$/.test(n.name)) return "";
        const v = this.call(n);
        return v.c.length && v.c[0] ? `${v.c[0]};` : "";
      }
      case "if": {
        const cond = this.expr(n.condition).c[0];
        let s = `if (${cond}) {\n${this.jsBlock(n.body)}\n}`;
        let close = "";
        for (const e of (n.elseif ?? []) as Node[]) {
          // An else-if condition's temporaries must only run when the earlier conditions failed.
          const saved = this.pre;
          this.pre = [];
          const c = this.expr(e.condition).c[0];
          const pre = this.pre;
          this.pre = saved;
          s += ` else {\n${pre.join("\n")}\nif (${c}) {\n${this.jsBlock(e.body)}\n}`;
          close += "\n}";
        }
        if (n.else) s += ` else {\n${this.jsBlock(n.else)}\n}`;
        return s + close;
      }
      case "for": {
        this.scopes.push(new Map());
        const init = n.init ? this.stmt(n.init) : "";
        const L = this.t("L");
        const B = this.t("B");
        const cond = n.condition ? this.condition(n.condition) : null;
        this.loops.push({ kind: "js", breakLabel: L, continueLabel: B });
        const body = this.jsBlock(n.body);
        this.loops.pop();
        const incr = n.increment ? this.stmt(n.increment) : "";
        this.scopes.pop();
        return `{ ${init}\n${L}: while (true) {\nif ((++__ops & 4095) === 0) __guard();\n${cond ? `${cond.pre}\nif (!(${cond.value})) break;` : ""}\n${B}: {\n${body}\n}\n${incr}\n} }`;
      }
      case "while": {
        const L = this.t("L");
        const B = this.t("B");
        const cond = this.condition(n.condition);
        this.loops.push({ kind: "js", breakLabel: L, continueLabel: B });
        const body = this.jsBlock(n.body);
        this.loops.pop();
        return `${L}: while (true) {\nif ((++__ops & 4095) === 0) __guard();\n${cond.pre}\nif (!(${cond.value})) break;\n${B}: {\n${body}\n}\n}`;
      }
      case "loop": {
        const stmts = n.body as Node[];
        const cont = stmts.find((x) => x.astNodeType === "continuing");
        const rest = stmts.filter((x) => x !== cont);
        const L = this.t("L");
        const B = this.t("B");
        this.loops.push({ kind: "js", breakLabel: L, continueLabel: B });
        this.scopes.push(new Map());
        const body = this.jsStatements(rest);
        this.loops.pop();
        // continuing may see the body's declarations (same scope in WGSL).
        this.loops.push({ kind: "js", breakLabel: L, continueLabel: L });
        const contBody = cont ? (cont.body as Node[]).map((x) => this.stmt(x)).join("\n") : "";
        this.loops.pop();
        this.scopes.pop();
        return `${L}: while (true) {\nif ((++__ops & 4095) === 0) __guard();\n${B}: {\n${body}\n}\n${contBody}\n}`;
      }
      case "break": {
        if (n.condition) {
          // break if c; (continuing)
          const c = this.expr(n.condition).c[0];
          const l = this.loops[this.loops.length - 1];
          return `if (${c}) break ${l.breakLabel};`;
        }
        return this.jump("break", n);
      }
      case "continue":
        return this.jump("continue", n);
      case "return": {
        const hasValue = n.value && !(n.value.astNodeType === "createExpr" && !n.value.type);
        if (!this.inHelper) {
          if (hasValue) this.fail("main returns no value", n);
          if (this.inSegment) return "{ __dead[__l] = 1; __live--; break __seg; }";
          return "return;";
        }
        if (!hasValue) return "return;";
        const v = this.expr(n.value);
        if (v.t.k === "v") {
          const comps = this.materialize(v).c;
          return `{ ${comps.map((c, i) => `__ret[${i}] = ${c};`).join(" ")} return; }`;
        }
        if (v.t.k === "st") return `return { ...${v.c[0]} };`;
        return `return ${v.c[0]};`;
      }
      case "switch": {
        const cond = this.expr(n.condition).c[0];
        const L = this.t("L");
        // break inside a switch leaves the switch: a labeled block per switch.
        this.loops.push({ kind: "js", breakLabel: L, continueLabel: this.loops[this.loops.length - 1]?.continueLabel ?? L });
        const cases = (n.cases as Node[])
          .map((c) => {
            const body = this.jsBlock(c.body);
            if (c.astNodeType === "default") return `default: {\n${body}\nbreak ${L}; }`;
            const sels = (c.selectors as Node[]).map((s) => (s.astNodeType === "defaultSelector" ? "default:" : `case ${this.expr(s).c[0]}:`)).join(" ");
            return `${sels} {\n${body}\nbreak ${L}; }`;
          })
          .join("\n");
        this.loops.pop();
        return `${L}: switch (${cond}) {\n${cases}\n}`;
      }
      case "compound":
        return `{\n${this.jsBlock(n.body)}\n}`;
      case "staticAssert":
        return "";
      case "discard":
        return this.fail("discard in a compute shader", n);
      default:
        return this.fail(`statement ${n.astNodeType} is not supported`, n);
    }
  }

  private condition(e: Node): { pre: string; value: string } {
    const saved = this.pre;
    this.pre = [];
    const v = this.expr(e);
    const pre = this.pre.join("\n");
    this.pre = saved;
    return { pre, value: v.c[0] };
  }

  /** break / continue: a JS jump inside the segment, or (to a loop around a barrier) a flag all must agree on. */
  private jump(kind: "break" | "continue", n: Node): string {
    const l = this.loops[this.loops.length - 1];
    if (!l) return this.fail(`${kind} outside a loop`, n);
    if (l.kind === "js") return kind === "break" ? `break ${l.breakLabel};` : `break ${l.continueLabel};`;
    if (!this.inSegment) return kind === "break" ? `break ${l.breakLabel};` : `break ${l.continueLabel};`;
    this.segmentJumps = true;
    return `{ __jf[__l] = ${kind === "break" ? l.jumpCode!.brk : l.jumpCode!.cont}; break __seg; }`;
  }

  private declInit(v: VarInfo, val: Val | null, n: Node): string {
    const t = v.ty;
    const decl = v.kind === "state" ? "" : v.kind === "uniform" || v.mutable ? "let " : "const ";
    if (t.k === "s" || t.k === "v") {
      const names = this.names(v);
      const comps = val ? this.convertComps(val, t) : names.map(() => (t.s === "bool" ? "false" : "0"));
      if (names.length === 1) return `${decl}${names[0]} = ${comps[0]};`;
      // Components may read the variable being shadowed: go through temporaries.
      const tmps = comps.map((c) => (simple(c) ? c : this.bind(c)));
      return names.map((nm, i) => `${decl}${nm} = ${tmps[i]};`).join(" ");
    }
    if (t.k === "a") {
      const ta = typedArrayFor(leafScalar(t));
      const size = flatSize(t);
      if (v.kind === "state") {
        if (!val) return `${v.js}.fill(0);`;
        return `${v.js}.set(${this.arrayRef(val, t, n)});`;
      }
      // A scratch array per declaration, reused by every invocation (it dies with the invocation's segment).
      const scratch = `A_${v.js}`;
      this.scratchDecls.push(`const ${scratch} = new ${ta}(${size});`);
      if (!val) return `const ${v.js} = ${scratch}; ${scratch}.fill(0);`;
      return `const ${v.js} = ${scratch}; ${scratch}.set(${this.arrayRef(val, t, n)});`;
    }
    if (t.k === "st") {
      const init = val ? `{ ...${val.c[0]} }` : this.zeroStruct(t);
      return v.kind === "state" ? `S_${v.js}[__l] = ${init}; ${v.js} = S_${v.js}[__l];` : `${decl}${v.js} = ${init};`;
    }
    return this.fail(`variable of type ${tyName(t)}`, n);
  }

  private zeroStruct(t: Ty & { k: "st" }): string {
    return `{ ${t.fields.map((f) => (f.ty.k === "v" ? Array.from({ length: f.ty.n }, (_, i) => `${f.name}$${i}: 0`).join(", ") : `${f.name}: ${f.ty.k === "s" && f.ty.s === "bool" ? "false" : "0"}`)).join(", ")} }`;
  }

  /** A typed array holding an array value (constructed arrays become a fresh typed array). */
  private arrayRef(val: Val, t: Ty, n: Node): string {
    if (val.t.k !== "a") this.fail(`cannot assign ${tyName(val.t)} to ${tyName(t)}`, n);
    return val.c[0];
  }

  /** The variable at the root of an lvalue (through pointers). */
  private lvalueVar(n: Node): VarInfo {
    let x = n;
    while (x.astNodeType === "unaryOp") x = x.right;
    if (x.astNodeType !== "varExpr") this.fail("assignment target", n);
    const v = this.lookup(x.name) ?? this.fail(`unknown variable ${x.name}`, n);
    return v.kind === "alias" && v.target ? v.target : v;
  }

  private assign(n: Node, rhsOverride?: Val): string {
    if (n.variable.astNodeType === "varExpr" && n.variable.name === "_") {
      const v = this.expr(n.value);
      return v.c.length ? `${v.c[0]};` : "";
    }
    const target = this.lvalue(n.variable);
    const rhs = rhsOverride ?? this.expr(n.value);
    const op = n.operator === "=" ? null : n.operator.slice(0, -1);
    if (!op) this.checkAssignable(rhs.t, target.t, n);
    if (target.t.k === "a") {
      if (op) this.fail("compound assignment to an array", n);
      return `${target.ref!}.set(${this.arrayRef(rhs, target.t, n)});`;
    }
    if (target.t.k === "st") {
      if (op) this.fail("compound assignment to a struct", n);
      return target.setStruct!(`{ ...${rhs.c[0]} }`);
    }
    let comps: string[];
    if (op) comps = this.binop(op, { t: target.t, c: target.get }, rhs, n).c;
    else comps = this.convertComps(rhs, target.t);
    if (comps.length === 1) return target.set[0](comps[0]);
    // Vector: evaluate every component before storing any (v = v.yx).
    const tmps = comps.map((c) => this.bind(c));
    return target.set.map((s, i) => s(tmps[i])).join(" ");
  }

  /** An assignable place: component getters and setters (vectors: one per component). */
  private lvalue(n: Node): { t: Ty; get: string[]; set: ((v: string) => string)[]; ref?: string; setStruct?: (v: string) => string } {
    let x = n;
    while (x.astNodeType === "unaryOp" && x.operator === "*") x = x.right;
    if (x.astNodeType !== "varExpr") this.fail("assignment target", n);
    const v0 = this.lookup(x.name) ?? this.fail(`unknown variable ${x.name}`, n);
    const v = v0.kind === "alias" && v0.target ? v0.target : v0;
    if (v.kind === "const" || v.kind === "param" || v.kind === "builtin") this.fail(`${x.name} cannot be assigned`, n);
    if (v.kind === "buffer" && !v.mutable) this.fail(`${x.name} is read-only`, n);
    if (!v.mutable && v.kind !== "buffer" && v.kind !== "workgroup") this.fail(`${x.name} is a let and cannot be assigned`, n);
    // Walk the postfix chain: indices into arrays / buffers, members, swizzle components.
    let t: Ty = v.ty;
    let base: string = v.kind === "workgroup" ? v.js : v.js;
    let offset: string | null = null; // flat offset into a typed array (arrays, buffers, workgroup scalars)
    let structRef: string | null = null;
    let comp: number | null = null;
    if (v.kind === "workgroup" && (t.k === "s" || t.k === "v")) offset = "0";
    let p: Node | undefined = x.postfix;
    while (p) {
      if ("index" in p) {
        const ix = this.expr(p.index);
        const idx = this.bind(ix.c[0]);
        if (t.k === "buf") {
          const n2 = ncomp(t.elem);
          offset = n2 === 1 ? idx : this.bind(`${idx} * ${n2}`);
          t = t.elem;
        } else if (t.k === "a") {
          const sz = flatSize(t.elem);
          const o = sz === 1 ? idx : `${idx} * ${sz}`;
          offset = this.bind(offset === null ? o : `${offset} + ${o}`);
          t = t.elem;
        } else if (t.k === "v") {
          if (offset !== null) {
            offset = this.bind(`${offset} + ${idx}`);
            t = S(t.s);
          } else this.fail("dynamic index into a vector variable: use a constant component", n);
        } else this.fail("indexing a non-array", n);
      } else if (p.astNodeType === "stringExpr" || typeof p.value === "string") {
        const name: string = p.value;
        if (t.k === "st") {
          const f = t.fields.find((y) => y.name === name) ?? this.fail(`no field ${name}`, n);
          if (offset !== null) this.fail("arrays of structs are not supported", n);
          structRef = `${structRef ?? base}`;
          base = `${structRef}.${name}`;
          t = f.ty;
          if (t.k === "v") {
            const fieldBase = `${structRef}`;
            const fty = t;
            if (p.postfix) {
              const ci = this.swizzleIndex(p.postfix.value, n);
              if (ci.length !== 1 || p.postfix.postfix) this.fail("assigning a swizzle of a struct field", n);
              const nm = `${fieldBase}.${name}$${ci[0]}`;
              return { t: S(fty.s), get: [nm], set: [(val) => `${nm} = ${val};`] };
            }
            const nms = Array.from({ length: fty.n }, (_, i) => `${fieldBase}.${name}$${i}`);
            return { t: fty, get: nms, set: nms.map((nm) => (val: string) => `${nm} = ${val};`) };
          }
        } else if (t.k === "v") {
          const ci = this.swizzleIndex(name, n);
          if (ci.length !== 1) this.fail(`assigning to .${name}`, n);
          comp = ci[0];
          t = S(t.s);
        } else this.fail(`assigning to .${name}`, n);
      } else this.fail(`postfix ${p.astNodeType}`, n);
      p = p.postfix;
    }
    // Resolve the place.
    if (offset !== null) {
      const arr = v.kind === "state" ? v.js : base;
      if (t.k === "a") return { t, get: [], set: [], ref: `${arr}.subarray(${offset}, ${offset} + ${flatSize(t)})` };
      const nc = comp !== null ? 1 : ncomp(t);
      const first = comp !== null ? `${offset} + ${comp}` : offset;
      const offs = Array.from({ length: nc }, (_, i) => (i === 0 ? first : `${offset} + ${i}`));
      const conv = (val: string) => (elemScalar(t) === "bool" ? `(${val} ? 1 : 0)` : val);
      return {
        t,
        get: offs.map((o) => (elemScalar(t) === "bool" ? `(${arr}[${o}] !== 0)` : `(${arr}[${o}] ?? 0)`)),
        set: offs.map((o) => (val: string) => `${arr}[${o}] = ${conv(val)};`),
      };
    }
    if (structRef !== null) return { t, get: [base], set: [(val) => `${base} = ${val};`] };
    if (t.k === "a") return { t, get: [], set: [], ref: v.js };
    if (t.k === "st") return { t, get: [v.js], set: [], setStruct: (val) => `${v.js} = ${val};${v.kind === "state" ? ` S_${v.js}[__l] = ${v.js};` : ""}` };
    const names = this.names(v);
    if (comp !== null) return { t, get: [names[comp]], set: [(val) => `${names[comp]} = ${val};`] };
    return { t, get: names, set: names.map((nm) => (val: string) => `${nm} = ${val};`) };
  }

  /** The type errors a WGSL compiler would report and the JS translation would silently accept. */
  private checkAssignable(from: Ty, to: Ty, n: Node) {
    if ((from.k === "s" || from.k === "v") && (to.k === "s" || to.k === "v")) {
      const fs = elemScalar(from);
      const ts = elemScalar(to);
      const abstractOk = (fs === "aint" && ts !== "bool") || (fs === "afloat" && ts === "f32");
      if (from.k !== to.k || (from.k === "v" && to.k === "v" && from.n !== to.n) || (fs !== ts && !abstractOk)) this.fail(`cannot assign ${tyName(from)} to ${tyName(to)}`, n);
    }
  }

  // ---------------------------------------------------------------- expressions

  /** Binds an expression to a temporary (hoisted in front of the current statement). */
  private bind(c: string): string {
    if (simple(c)) return c;
    const t = this.t();
    this.pre.push(`const ${t} = ${c};`);
    return t;
  }

  /** All components bound to temporaries (for values used more than once). */
  private materialize(v: Val): Val {
    return { t: v.t, c: v.c.map((c) => this.bind(c)) };
  }

  /** Components converted to a concrete target type (abstract literals, scalar splats). */
  private convertComps(v: Val, to: Ty): string[] {
    if (to.k === "s") {
      const c = v.c[0];
      if (to.s === "f32" && elemScalar(v.t) !== "f32") return [`fr(${c})`];
      if (to.s === "u32" && elemScalar(v.t) === "aint") return [`((${c}) >>> 0)`];
      if (to.s === "i32" && elemScalar(v.t) === "aint") return [`((${c}) | 0)`];
      return [c];
    }
    if (to.k === "v") {
      if (v.t.k === "s") {
        const c = this.bind(this.convertComps(v, S(to.s))[0]);
        return Array(to.n).fill(c);
      }
      return v.c.map((c) => this.convertComps({ t: S(elemScalar(v.t)), c: [c] }, S(to.s))[0]);
    }
    return v.c;
  }

  private expr(n: Node): Val {
    let v = this.primary(n);
    let p: Node | undefined = n.postfix ?? undefined;
    if (n.astNodeType === "varExpr") {
      // Variable references consume their own postfix chain (indices into buffers and arrays).
      return this.varRef(n);
    }
    while (p) {
      v = this.postfix(v, p, n);
      p = p.postfix;
    }
    return v;
  }

  private varRef(n: Node): Val {
    const v0 = this.lookup(n.name);
    if (!v0) return this.fail(`unknown identifier ${n.name}`, n);
    const v = v0.kind === "alias" && v0.target ? v0.target : v0;
    let t: Ty = v.ty;
    let val: Val;
    if (v.kind === "builtin") val = { t, c: v.comps! };
    else if (v.kind === "param") val = { t, c: [v.js] };
    else if (v.kind === "buffer") val = { t, c: [v.js] };
    else if (v.kind === "workgroup" && (t.k === "s" || t.k === "v")) {
      val = { t, c: Array.from({ length: ncomp(t) }, (_, i) => (elemScalar(t) === "bool" ? `(${v.js}[${i}] !== 0)` : `${v.js}[${i}]`)) };
    } else if (t.k === "a" || t.k === "st") val = { t, c: [v.js] };
    else val = { t, c: this.names(v) };
    let p: Node | undefined = n.postfix ?? undefined;
    while (p) {
      val = this.postfix(val, p, n);
      t = val.t;
      p = p.postfix;
    }
    return val;
  }

  private swizzleIndex(name: string, n: Node): number[] {
    const idx = [...name].map((ch) => ("xyzw".includes(ch) ? "xyzw".indexOf(ch) : "rgba".indexOf(ch)));
    if (idx.some((i) => i < 0)) this.fail(`swizzle .${name}`, n);
    return idx;
  }

  private postfix(v: Val, p: Node, n: Node): Val {
    const t = v.t;
    if ("index" in p && p.index) {
      const ix = this.expr(p.index);
      if (t.k === "buf") {
        const e = t.elem;
        const nc = ncomp(e);
        if (nc === 1) return { t: e, c: [`(${v.c[0]}[${ix.c[0]}] ?? 0)`] };
        const o = this.bind(`(${ix.c[0]}) * ${nc}`);
        return { t: e, c: Array.from({ length: nc }, (_, i) => `(${v.c[0]}[${o} + ${i}] ?? 0)`) };
      }
      if (t.k === "a") {
        // v.c[0] is a typed array (with an optional flat offset in `off`).
        const { arr, off } = this.arrayBase(v);
        const e = t.elem;
        const sz = flatSize(e);
        const idx = this.bind(`${sz === 1 ? ix.c[0] : `(${ix.c[0]}) * ${sz}`}${off ? ` + ${off}` : ""}`);
        if (e.k === "a") return { t: e, c: [`${arr}@${idx}`] };
        if (e.k === "s") return { t: e, c: [e.s === "bool" ? `(${arr}[${idx}] !== 0)` : `(${arr}[${idx}] ?? 0)`] };
        if (e.k === "v") return { t: e, c: Array.from({ length: e.n }, (_, i) => `(${arr}[${idx} + ${i}] ?? 0)`) };
        return this.fail(`arrays of ${tyName(e)}`, n);
      }
      if (t.k === "v") {
        const m = this.materialize(v);
        const i = this.bind(ix.c[0]);
        // Dynamic component: a small switch over the components.
        return { t: S(t.s), c: [m.c.reduceRight((acc, c, k) => (k === m.c.length - 1 ? c : `(${i} === ${k} ? ${c} : ${acc})`), "")] };
      }
      return this.fail("indexing a non-array", n);
    }
    const name: string = p.value;
    if (t.k === "st") {
      const f = t.fields.find((x) => x.name === name);
      if (!f) this.fail(`no field ${name}`, n);
      if (f.ty.k === "v") return { t: f.ty, c: Array.from({ length: f.ty.n }, (_, i) => `${v.c[0]}.${name}$${i}`) };
      return { t: f.ty, c: [`${v.c[0]}.${name}`] };
    }
    if (t.k === "v") {
      const idx = this.swizzleIndex(name, n);
      const src = idx.length > 1 || new Set(idx).size < idx.length ? this.materialize(v) : v;
      if (idx.length === 1) return { t: S(t.s), c: [src.c[idx[0]]] };
      return { t: { k: "v", n: idx.length, s: t.s }, c: idx.map((i) => src.c[i]) };
    }
    return this.fail(`member .${name} of ${tyName(t)}`, n);
  }

  /** A typed array reference, possibly `arr@offset` for a sub-array of a nested array. */
  private arrayBase(v: Val): { arr: string; off: string | null } {
    const c = v.c[0];
    const at = c.indexOf("@");
    return at < 0 ? { arr: c, off: null } : { arr: c.slice(0, at), off: c.slice(at + 1) };
  }

  private primary(n: Node): Val {
    switch (n.astNodeType) {
      case "literalExpr": {
        const tn: string = n.value?.typeInfo?.name ?? n.type?.name;
        const raw = n.value?.data?.[0] ?? n.value;
        if (tn === "bool") return { t: BOOL, c: [raw ? "true" : "false"] };
        const s: Scalar = tn === "u32" ? "u32" : tn === "i32" ? "i32" : tn === "f32" ? "f32" : tn === "x32" ? (Number.isInteger(raw) ? "aint" : "afloat") : "afloat";
        const num = Number(raw);
        const c = s === "f32" ? String(Math.fround(num)) : String(num);
        return { t: S(s), c: [num < 0 || c.includes("e-") ? `(${c})` : c] };
      }
      case "constExpr":
      case "varExpr":
        return this.varRef(n);
      case "binaryOp":
        return this.binop(n.operator, this.expr(n.left), this.expr(n.right), n);
      case "unaryOp": {
        if (n.operator === "&" || n.operator === "*") return this.expr(n.right);
        const r = this.expr(n.right);
        const s = elemScalar(r.t);
        if (n.operator === "!") return { t: r.t, c: r.c.map((c) => `(!${c})`) };
        if (n.operator === "-") return { t: r.t, c: r.c.map((c) => (s === "i32" ? `((-${c}) | 0)` : s === "u32" ? `((-${c}) >>> 0)` : `(-${c})`)) };
        if (n.operator === "~") return { t: r.t, c: r.c.map((c) => (s === "u32" ? `((~${c}) >>> 0)` : `(~${c})`)) };
        return this.fail(`unary ${n.operator}`, n);
      }
      case "createExpr":
        return this.construct(n);
      case "callExpr":
        return this.call(n);
      case "bitcastExpr": {
        const to = this.ty(n.type, n);
        const v = this.expr(n.value);
        const from = elemScalar(v.t);
        const ts = elemScalar(to);
        const one = (c: string) => {
          if (from === ts) return c;
          if (from === "f32") return ts === "u32" ? `rt.f2u(${c})` : `rt.f2i(${c})`;
          if (ts === "f32") return from === "u32" ? `rt.u2f(${c})` : `rt.i2f(${c})`;
          return ts === "u32" ? `((${c}) >>> 0)` : `((${c}) | 0)`;
        };
        return { t: to, c: v.c.map(one) };
      }
      default:
        if (n.postfix !== undefined && n.value !== undefined && typeof n.value === "object") return this.expr(n.value);
        return this.fail(`expression ${n.astNodeType} is not supported`, n);
    }
  }

  private scalarConv(c: string, from: Scalar, to: Scalar): string {
    if (to === "f32") return from === "f32" ? c : from === "bool" ? `(${c} ? 1 : 0)` : `fr(${c})`;
    if (to === "u32") return from === "f32" || from === "afloat" ? `rt.toU32(${c})` : from === "bool" ? `(${c} ? 1 : 0)` : from === "u32" ? c : `((${c}) >>> 0)`;
    if (to === "i32") return from === "f32" || from === "afloat" ? `rt.toI32(${c})` : from === "bool" ? `(${c} ? 1 : 0)` : from === "i32" ? c : `((${c}) | 0)`;
    if (to === "bool") return from === "bool" ? c : `(${c} !== 0)`;
    return c;
  }

  private construct(n: Node): Val {
    const tn = n.type;
    // vec4(...) without a component type: inferred from the arguments.
    let t: Ty;
    if (tn && /^vec[234]$/.test(tn.name) && !tn.format) {
      const args0 = ((n.args ?? []) as Node[]).map((a) => this.expr(a));
      const s = concretize(S(args0.length ? elemScalar(args0[0].t) : "f32")) as { k: "s"; s: Scalar };
      t = { k: "v", n: Number(tn.name[3]), s: s.s };
      return this.constructWith(t, args0, n);
    }
    if (tn && tn.name === "array" && !tn.format) {
      const args0 = ((n.args ?? []) as Node[]).map((a) => this.expr(a));
      t = { k: "a", elem: concretize(args0[0].t), len: args0.length };
      return this.constructWith(t, args0, n);
    }
    t = this.ty(tn, n);
    const args = ((n.args ?? []) as Node[]).map((a) => this.expr(a));
    return this.constructWith(t, args, n);
  }

  private constructWith(t: Ty, args: Val[], n: Node): Val {
    if (t.k === "s") {
      if (args.length === 0) return { t, c: [t.s === "bool" ? "false" : "0"] };
      return { t, c: [this.scalarConv(args[0].c[0], elemScalar(args[0].t), t.s)] };
    }
    if (t.k === "v") {
      if (args.length === 0) return { t, c: Array(t.n).fill(t.s === "bool" ? "false" : "0") };
      if (args.length === 1 && args[0].t.k === "s") {
        const c = this.bind(this.scalarConv(args[0].c[0], elemScalar(args[0].t), t.s));
        return { t, c: Array(t.n).fill(c) };
      }
      const comps: string[] = [];
      for (const a of args) for (const c of a.c) comps.push(this.scalarConv(c, elemScalar(a.t), t.s));
      if (comps.length !== t.n) this.fail(`${tyName(t)} needs ${t.n} components, got ${comps.length}`, n);
      return { t, c: comps };
    }
    if (t.k === "a") {
      const ta = typedArrayFor(leafScalar(t));
      const len = t.len || args.length;
      const tt: Ty = { ...t, len };
      if (!args.length) return { t: tt, c: [`new ${ta}(${flatSize(tt)})`] };
      const flat = args.flatMap((a) => (a.t.k === "a" ? [`...${a.c[0]}`] : this.convertComps(a, t.elem)));
      return { t: tt, c: [`${ta}.of(${flat.join(", ")})`] };
    }
    if (t.k === "st") {
      const parts = t.fields.map((f, i) => {
        const a = args[i];
        if (f.ty.k === "v") {
          const comps = a ? this.convertComps(a, f.ty) : Array(f.ty.n).fill("0");
          return comps.map((c, k) => `${f.name}$${k}: ${c}`).join(", ");
        }
        return `${f.name}: ${a ? this.convertComps(a, f.ty)[0] : "0"}`;
      });
      return { t, c: [`{ ${parts.join(", ")} }`] };
    }
    return this.fail("constructor", n);
  }

  private binop(op: string, l: Val, r: Val, n: Node): Val {
    const cmp = ["<", ">", "<=", ">=", "==", "!="];
    if (op === "&&" || op === "||") {
      // Short-circuit: the right side's temporaries run only when needed.
      const saved = this.pre;
      this.pre = [];
      const rv = this.expr(n.right);
      const rpre = this.pre;
      this.pre = saved;
      if (!rpre.length) return { t: BOOL, c: [`(${l.c[0]} ${op} ${rv.c[0]})`] };
      const t = this.t();
      this.pre.push(`let ${t} = ${l.c[0]};`, `if (${op === "&&" ? t : `!${t}`}) { ${rpre.join(" ")} ${t} = ${rv.c[0]}; }`);
      return { t: BOOL, c: [t] };
    }
    const rt0 = unify(l.t, r.t);
    const s = elemScalar(rt0);
    const n2 = Math.max(l.c.length, r.c.length);
    const lc = l.c.length === 1 && n2 > 1 ? Array(n2).fill(this.bind(l.c[0])) : l.c;
    const rc = r.c.length === 1 && n2 > 1 ? Array(n2).fill(this.bind(r.c[0])) : r.c;
    if (cmp.includes(op)) {
      const jsop = op === "==" ? "===" : op === "!=" ? "!==" : op;
      const c = lc.map((a, i) => `(${a} ${jsop} ${rc[i]})`);
      return { t: n2 > 1 ? { k: "v", n: n2, s: "bool" } : BOOL, c };
    }
    const f = (a: string, b: string): string => {
      switch (s) {
        case "f32":
          return `fr(${a} ${op} ${b})`;
        case "afloat":
          return `(${a} ${op} ${b})`;
        case "u32":
          if (op === "*") return `(Math.imul(${a}, ${b}) >>> 0)`;
          if (op === "/") return `rt.udiv(${a}, ${b})`;
          if (op === "%") return `rt.umod(${a}, ${b})`;
          if (op === "<<") return `((${a} << (${b} & 31)) >>> 0)`;
          if (op === ">>") return `(${a} >>> (${b} & 31))`;
          return `((${a} ${op} ${b}) >>> 0)`;
        case "i32":
          if (op === "*") return `Math.imul(${a}, ${b})`;
          if (op === "/") return `rt.idiv(${a}, ${b})`;
          if (op === "%") return `rt.imod(${a}, ${b})`;
          if (op === "<<") return `(${a} << (${b} & 31))`;
          if (op === ">>") return `(${a} >> (${b} & 31))`;
          return `((${a} ${op} ${b}) | 0)`;
        case "aint":
          if (op === "/") return `Math.trunc(${a} / ${b})`;
          return `(${a} ${op} ${b})`;
        case "bool":
          return op === "&" ? `(${a} && ${b})` : op === "|" ? `(${a} || ${b})` : `(${a} !== ${b})`;
        default:
          return `(${a} ${op} ${b})`;
      }
    };
    // Shifts take the left operand's type.
    if (op === "<<" || op === ">>") {
      const ls = elemScalar(l.t) === "aint" ? (elemScalar(r.t) === "u32" ? "i32" : "i32") : elemScalar(l.t);
      const sh = (a: string, b: string) => (ls === "u32" ? (op === "<<" ? `((${a} << (${b} & 31)) >>> 0)` : `(${a} >>> (${b} & 31))`) : op === "<<" ? `(${a} << (${b} & 31))` : `(${a} >> (${b} & 31))`);
      return { t: l.t.k === "v" ? l.t : S(ls), c: lc.map((a, i) => sh(a, rc[i])) };
    }
    return { t: rt0, c: lc.map((a, i) => f(a, rc[i])) };
  }

  private call(n: Node): Val {
    const name: string = n.name;
    if (this.fns.has(name)) return this.userCall(n);
    if (name === "workgroupBarrier" || name === "storageBarrier" || name === "textureBarrier") return { t: { k: "void" }, c: [] };
    const args = ((n.args ?? []) as Node[]).map((a) => this.expr(a));
    if (name === "workgroupUniformLoad") return args[0];
    if (name === "arrayLength") {
      const b = args[0];
      if (b.t.k !== "buf") this.fail("arrayLength of a non-storage array", n);
      return { t: U32, c: [`Math.floor(${b.c[0]}.length / ${ncomp(b.t.elem)})`] };
    }
    const outT = args.length > 1 ? args.slice(1).reduce((a, b) => unify(a, b.t), args[0].t) : (args[0]?.t ?? F32);
    const s = elemScalar(outT);
    const fr = (x: string) => (s === "f32" ? `fr(${x})` : x);
    const nOut = ncomp(outT);
    const spread = (a: Val): string[] => (a.c.length === 1 && nOut > 1 ? Array(nOut).fill(this.bind(a.c[0])) : a.c);
    const map1 = (f: (x: string) => string): Val => ({ t: outT, c: spread(args[0]).map((x) => fr(f(x))) });
    const map2 = (f: (a: string, b: string) => string): Val => {
      const a = spread(args[0]);
      const b = spread(args[1]);
      return { t: outT, c: a.map((x, i) => fr(f(x, b[i]))) };
    };
    const map3 = (f: (a: string, b: string, c: string) => string): Val => {
      const a = spread(args[0]);
      const b = spread(args[1]);
      const c = spread(args[2]);
      return { t: outT, c: a.map((x, i) => fr(f(x, b[i], c[i]))) };
    };
    switch (name) {
      case "abs":
        if (s === "u32") return args[0];
        if (s === "i32") return { t: outT, c: args[0].c.map((x) => `(Math.abs(${x}) | 0)`) };
        return map1((x) => `Math.abs(${x})`);
      case "exp":
      case "log":
      case "sqrt":
      case "floor":
      case "ceil":
      case "sin":
      case "cos":
      case "tan":
      case "tanh":
      case "sign":
      case "trunc":
      case "log2":
      case "asin":
      case "acos":
      case "atan":
      case "sinh":
      case "cosh":
        return map1((x) => `Math.${name}(${x})`);
      case "exp2":
        // Math has no exp2: 2 ** x, rounded to f32 like every other f32 result.
        return map1((x) => `Math.pow(2, ${x})`);
      case "round":
        return map1((x) => `rt.round(${x})`);
      case "inverseSqrt":
        return map1((x) => `(1 / Math.sqrt(${x}))`);
      case "fract":
        return map1((x) => `(${x} - Math.floor(${x}))`);
      case "saturate":
        return map1((x) => `Math.min(1, Math.max(0, ${x}))`);
      case "min":
        return map2((a, b) => `Math.min(${a}, ${b})`);
      case "max":
        return map2((a, b) => `Math.max(${a}, ${b})`);
      case "pow":
        return map2((a, b) => `Math.pow(${a}, ${b})`);
      case "atan2":
        return map2((a, b) => `Math.atan2(${a}, ${b})`);
      case "step":
        return map2((a, b) => `(${b} >= ${a} ? 1 : 0)`);
      case "clamp":
        return map3((x, lo, hi) => `Math.min(Math.max(${x}, ${lo}), ${hi})`);
      case "fma":
        return map3((a, b, c) => `(${a} * ${b} + ${c})`);
      case "mix": {
        const a = spread(args[0]);
        const b = spread(args[1]);
        const c = args[2].c.length === 1 && nOut > 1 ? Array(nOut).fill(this.bind(args[2].c[0])) : args[2].c;
        return { t: outT, c: a.map((x, i) => fr(`(${x} * (1 - ${c[i]}) + ${b[i]} * ${c[i]})`)) };
      }
      case "smoothstep":
        return map3((e0, e1, x) => `((t) => t * t * (3 - 2 * t))(Math.min(1, Math.max(0, (${x} - ${e0}) / (${e1} - ${e0}))))`);
      case "select": {
        const t2 = unify(args[0].t, args[1].t);
        const m = ncomp(t2);
        const f0 = args[0].c.length === 1 && m > 1 ? Array(m).fill(this.bind(args[0].c[0])) : args[0].c;
        const f1 = args[1].c.length === 1 && m > 1 ? Array(m).fill(this.bind(args[1].c[0])) : args[1].c;
        const cond = args[2].c.length === 1 && m > 1 ? Array(m).fill(this.bind(args[2].c[0])) : args[2].c;
        return { t: t2, c: f0.map((x, i) => `(${cond[i]} ? ${f1[i]} : ${x})`) };
      }
      case "dot": {
        const a = args[0].c;
        const b = args[1].c;
        const es = elemScalar(args[0].t);
        const sum = a.map((x, i) => (es === "f32" ? `${x} * ${b[i]}` : es === "i32" ? `Math.imul(${x}, ${b[i]})` : `Math.imul(${x}, ${b[i]})`)).join(" + ");
        return { t: S(es), c: [es === "f32" ? `fr(${sum})` : es === "u32" ? `((${sum}) >>> 0)` : `((${sum}) | 0)`] };
      }
      case "length": {
        const a = this.materialize(args[0]).c;
        return { t: F32, c: [`fr(Math.sqrt(${a.map((x) => `${x} * ${x}`).join(" + ")}))`] };
      }
      case "distance": {
        const a = args[0].c;
        const b = args[1].c;
        const d = a.map((x, i) => this.bind(`(${x} - ${b[i]})`));
        return { t: F32, c: [`fr(Math.sqrt(${d.map((x) => `${x} * ${x}`).join(" + ")}))`] };
      }
      case "normalize": {
        const a = this.materialize(args[0]).c;
        const len = this.bind(`Math.sqrt(${a.map((x) => `${x} * ${x}`).join(" + ")})`);
        return { t: outT, c: a.map((x) => `fr(${x} / ${len})`) };
      }
      case "all":
        return { t: BOOL, c: [`(${args[0].c.join(" && ")})`] };
      case "any":
        return { t: BOOL, c: [`(${args[0].c.join(" || ")})`] };
      case "countOneBits":
        return { t: outT, c: args[0].c.map((x) => `rt.popcnt(${x})`) };
      case "extractBits": {
        const [e, off, cnt] = [args[0], this.bind(args[1].c[0]), this.bind(args[2].c[0])];
        if (elemScalar(e.t) === "i32") return { t: e.t, c: e.c.map((x) => `(${cnt} === 0 ? 0 : ((${x} << (32 - ${off} - ${cnt})) >> (32 - ${cnt})))`) };
        return { t: e.t, c: e.c.map((x) => `(${cnt} === 0 ? 0 : (((${x} >>> ${off}) & (${cnt} >= 32 ? 0xffffffff : (1 << ${cnt}) - 1)) >>> 0))`) };
      }
      case "unpack4xI8": {
        const w = this.bind(args[0].c[0]);
        return { t: { k: "v", n: 4, s: "i32" }, c: [`((${w} << 24) >> 24)`, `((${w} << 16) >> 24)`, `((${w} << 8) >> 24)`, `(${w} >> 24)`] };
      }
      case "unpack4xU8": {
        const w = this.bind(args[0].c[0]);
        return { t: { k: "v", n: 4, s: "u32" }, c: [`(${w} & 255)`, `((${w} >>> 8) & 255)`, `((${w} >>> 16) & 255)`, `(${w} >>> 24)`] };
      }
      case "pack4xI8":
      case "pack4xU8": {
        const c = this.materialize(args[0]).c;
        return { t: U32, c: [`(((${c[0]} & 255) | ((${c[1]} & 255) << 8) | ((${c[2]} & 255) << 16) | ((${c[3]} & 255) << 24)) >>> 0)`] };
      }
      case "dot4I8Packed":
      case "dot4U8Packed": {
        const a = this.bind(args[0].c[0]);
        const b = this.bind(args[1].c[0]);
        const sh = name === "dot4I8Packed" ? (w: string, k: number) => `((${w} << ${24 - 8 * k}) >> 24)` : (w: string, k: number) => `((${w} >>> ${8 * k}) & 255)`;
        const sum = [0, 1, 2, 3].map((k) => `Math.imul(${sh(a, k)}, ${sh(b, k)})`).join(" + ");
        return { t: name === "dot4I8Packed" ? I32 : U32, c: [name === "dot4I8Packed" ? `((${sum}) | 0)` : `((${sum}) >>> 0)`] };
      }
      default:
        return this.fail(`built-in ${name} is not supported by the CPU fallback`, n);
    }
  }

  /** A call of a helper function: scalarized arguments, the result in a temporary. */
  private userCall(n: Node): Val {
    const f = this.fns.get(n.name)!;
    const ret = this.fnRet.get(n.name)!;
    const args = ((n.args ?? []) as Node[]).map((a) => this.expr(a));
    const flat: string[] = [];
    (f.args as Node[]).forEach((pa: Node, i: number) => {
      const pt = this.ty(pa.type, f);
      const a = args[i] ?? this.fail(`${n.name} needs ${f.args.length} arguments`, n);
      if (pt.k === "s" || pt.k === "v") flat.push(...this.convertComps(a, pt).map((c) => this.bind(c)));
      else if (pt.k === "a") {
        const { arr, off } = this.arrayBase(a);
        flat.push(off ? `${arr}.subarray(${off}, ${off} + ${flatSize(pt)})` : arr);
      } else flat.push(a.c[0]);
    });
    const call = `f_${n.name}(${flat.join(", ")})`;
    if (ret.k === "void") {
      this.pre.push(`${call};`);
      return { t: ret, c: [] };
    }
    if (ret.k === "v") {
      this.pre.push(`${call};`);
      return { t: ret, c: Array.from({ length: ret.n }, (_, i) => this.bind(`__ret[${i}]`)).map((x) => x) };
    }
    const r = this.t("r");
    this.pre.push(`const ${r} = ${call};`);
    return { t: ret, c: [r] };
  }
}

/**
 * Translates the compute subset of WGSL into a JavaScript function, for the CPU fallback: scalars
 * (u32, i32, f32 rounded with Math.fround, bool), vectors as small arrays, private and workgroup arrays,
 * storage buffers as typed arrays viewed as their declared element (f32, vec2/vec4<f32>, u32), the uniform
 * struct, helper functions, every loop form, switch, and workgroupBarrier (invocations of a workgroup run as
 * generators that meet at each barrier). Loops carry a deadline check so a never-ending kernel times out.
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

type Scalar = "u32" | "i32" | "f32" | "bool" | "aint" | "afloat";
type Ty =
  | { k: "s"; s: Scalar }
  | { k: "v"; n: number; s: Scalar }
  | { k: "a"; elem: Ty; len: number }
  | { k: "st"; name: string; fields: { name: string; ty: Ty }[] }
  | { k: "buf"; elem: Ty; view: string }
  | { k: "void" };

type Node = { astNodeType: string; line?: number; [k: string]: any };
type Val = { c: string; t: Ty };

const S = (s: Scalar): Ty => ({ k: "s", s });
const U32 = S("u32");
const F32 = S("f32");
const BOOL = S("bool");

export type CompiledKernel = {
  /** Runs the whole grid. Buffers by binding number; params is the uniform struct as an object. */
  run(grid: [number, number, number], buffers: Record<number, Float32Array | Uint32Array>, params: Record<string, number>, deadline: number): void;
  workgroupSize: [number, number, number];
  bindings: { binding: number; name: string; view: string; uniform: boolean }[];
};

export class KernelDeadlineError extends Error {}

const RUNTIME = `
const __fr = Math.fround;
function __to_u32(x) { return x !== x || x <= 0 ? 0 : x >= 4294967295 ? 4294967295 : Math.trunc(x) >>> 0; }
function __to_i32(x) { return x !== x ? 0 : x <= -2147483648 ? -2147483648 : x >= 2147483647 ? 2147483647 : Math.trunc(x) | 0; }
function __vmap(a, b, f) {
  const aa = Array.isArray(a), bb = Array.isArray(b);
  const n = aa ? a.length : b.length, r = new Array(n);
  for (let i = 0; i < n; i++) r[i] = f(aa ? a[i] : a, bb ? b[i] : b);
  return r;
}
function __vmap1(a, f) { return Array.isArray(a) ? a.map((x) => f(x)) : f(a); }
function __ld(buf, i, n) { const o = i * n; if (o + n > buf.length) { const r = new Array(n).fill(0); return r; } const r = new Array(n); for (let j = 0; j < n; j++) r[j] = buf[o + j]; return r; }
function __st(buf, i, n, v) { const o = i * n; if (o + n > buf.length) return; for (let j = 0; j < n; j++) buf[o + j] = v[j]; }
function __ldf(buf, i) { const v = buf[i]; return v === undefined ? 0 : v; }
function __udiv(a, b) { return b === 0 ? a : Math.floor(a / b); }
function __umod(a, b) { return b === 0 ? 0 : a % b; }
function __idiv(a, b) { return b === 0 ? a : Math.trunc(a / b) | 0; }
function __imod(a, b) { return b === 0 ? 0 : (a % b) | 0; }
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

class Translator {
  private structs = new Map<string, Ty & { k: "st" }>();
  private globals = new Map<string, Ty>();
  private consts: string[] = [];
  private fns = new Map<string, Node>();
  private genFns = new Set<string>();
  private fnRet = new Map<string, Ty>();
  private scopes: Map<string, Ty>[] = [];
  private tmp = 0;
  private loopLabels: (string | null)[] = [];
  private workgroupVars: { name: string; ty: Ty }[] = [];
  private bindings: CompiledKernel["bindings"] = [];

  constructor(private readonly ast: Node[]) {}

  private fail(msg: string, n?: Node): never {
    throw new WgslTranslateError(`CPU fallback: ${msg}`, n?.line);
  }

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
    if (name === "array") return { k: "a", elem: this.ty(t.format, n), len: Number(t.count) || 0 };
    const st = this.structs.get(name);
    if (st) return st;
    return this.fail(`type ${name} is not supported`, n);
  }

  private lookup(name: string): Ty | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const t = this.scopes[i].get(name);
      if (t) return t;
    }
    return this.globals.get(name);
  }

  private declare(name: string, t: Ty) {
    this.scopes[this.scopes.length - 1].set(name, t);
  }

  private zero(t: Ty): string {
    if (t.k === "s") return t.s === "bool" ? "false" : "0";
    if (t.k === "v") return `[${new Array(t.n).fill(t.s === "bool" ? "false" : "0").join(",")}]`;
    if (t.k === "a") {
      if (t.elem.k === "s" && t.elem.s === "f32") return `new Float32Array(${t.len})`;
      if (t.elem.k === "s" && t.elem.s === "u32") return `new Uint32Array(${t.len})`;
      if (t.elem.k === "s" && t.elem.s === "i32") return `new Int32Array(${t.len})`;
      return `Array.from({ length: ${t.len} }, () => ${this.zero(t.elem)})`;
    }
    if (t.k === "st") return `{ ${t.fields.map((f) => `${f.name}: ${this.zero(f.ty)}`).join(", ")} }`;
    return "undefined";
  }

  private copy(v: Val): string {
    if (v.t.k === "v" || (v.t.k === "a")) return `(${v.c}).slice()`;
    if (v.t.k === "st") return `structuredClone(${v.c})`;
    return v.c;
  }

  compile(): CompiledKernel {
    for (const n of this.ast) {
      if (n.astNodeType === "struct") {
        const st: Ty & { k: "st" } = { k: "st", name: n.name, fields: [] };
        this.structs.set(n.name, st);
        st.fields = n.members.map((m: Node) => ({ name: m.name, ty: this.ty(m.type, n) }));
      }
    }
    const out: string[] = [RUNTIME];
    this.scopes = [new Map()];
    for (const n of this.ast) {
      switch (n.astNodeType) {
        case "struct":
        case "enable":
        case "requires":
        case "diagnostic":
        case "alias":
          break;
        case "const":
        case "override": {
          const v = this.expr(n.value);
          const t = n.type ? this.ty(n.type, n) : concretize(v.t);
          this.globals.set(n.name, t);
          this.consts.push(`const w_${n.name} = ${v.c};`);
          break;
        }
        case "var": {
          const attrs: Node[] = n.attributes ?? [];
          const binding = attrs.find((a) => a.name === "binding");
          if (n.storage === "workgroup") {
            const t = this.ty(n.type, n);
            this.globals.set(n.name, t);
            this.workgroupVars.push({ name: n.name, ty: t });
          } else if (n.storage === "private") {
            const t = this.ty(n.type, n);
            this.globals.set(n.name, t);
            this.workgroupVars.push({ name: n.name, ty: t });
          } else if (binding) {
            const b = Number(binding.value);
            if (n.storage === "uniform") {
              this.globals.set(n.name, this.ty(n.type, n));
              this.bindings.push({ binding: b, name: n.name, view: "uniform", uniform: true });
            } else if (n.storage === "storage") {
              const t = this.ty(n.type, n);
              if (t.k !== "a") this.fail(`storage binding ${n.name} must be an array`, n);
              const e = t.elem;
              const view = e.k === "s" ? e.s : e.k === "v" ? `vec${e.n}<${e.s}>` : "?";
              if (view === "?") this.fail(`storage arrays of ${e.k} are not supported`, n);
              this.globals.set(n.name, { k: "buf", elem: e, view });
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
    const main = this.fns.get("main");
    if (!main) this.fail("no fn main");
    // Functions that reach a barrier become generators.
    const callsBarrier = (f: Node): boolean => {
      let found = false;
      const visit = (x: unknown) => {
        if (found || !x || typeof x !== "object") return;
        if (Array.isArray(x)) return x.forEach(visit);
        const o = x as Node;
        if ((o.astNodeType === "call" || o.astNodeType === "callExpr") && (/Barrier$/.test(o.name) || this.genFns.has(o.name))) found = true;
        for (const k of Object.keys(o)) if (k !== "calls" && k !== "attributes") visit(o[k]);
      };
      visit(f.body);
      return found;
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const [name, f] of this.fns) if (!this.genFns.has(name) && callsBarrier(f)) (this.genFns.add(name), (changed = true));
    }
    for (const [name, f] of this.fns) this.fnRet.set(name, f.returnType ? this.ty(f.returnType, f) : { k: "void" });
    out.push(...this.consts);
    const fnCode: string[] = [];
    for (const [name, f] of this.fns) if (name !== "main") fnCode.push(this.fn(f));
    const mainCode = this.fn(main, true);
    const wgAttr = (main.attributes as Node[]).find((a) => a.name === "workgroup_size");
    const wgVals = (Array.isArray(wgAttr?.value) ? wgAttr!.value : [wgAttr?.value]).map((v: unknown) => {
      const s = String(v);
      const c = this.consts.find((x) => x.startsWith(`const w_${s} =`));
      return Number(c ? c.split("=")[1].replace(";", "") : s) || 1;
    });
    const workgroupSize: [number, number, number] = [wgVals[0] ?? 1, wgVals[1] ?? 1, wgVals[2] ?? 1];
    const isGen = this.genFns.has("main");
    const bindingsDecl = this.bindings.map((b) => (b.uniform ? `const w_${b.name} = __params;` : `const w_${b.name} = __buffers[${b.binding}];`));
    const body = `${out.join("\n")}
return function (__grid, __buffers, __params, __deadline) {
  let __ops = 0;
  const __guard = () => { if (performance.now() > __deadline) throw new __Deadline(); };
  ${bindingsDecl.join("\n  ")}
  const [__wx, __wy, __wz] = ${JSON.stringify(workgroupSize)};
  for (let gz = 0; gz < __grid[2]; gz++) for (let gy = 0; gy < __grid[1]; gy++) for (let gx = 0; gx < __grid[0]; gx++) {
    ${this.workgroupVars.map((v) => `let w_${v.name} = ${this.zero(v.ty)};`).join("\n    ")}
    ${fnCode.join("\n    ")}
    ${mainCode}
    const __inv = [];
    for (let lz = 0; lz < __wz; lz++) for (let ly = 0; ly < __wy; ly++) for (let lx = 0; lx < __wx; lx++) {
      const __b = {
        global_invocation_id: [gx * __wx + lx, gy * __wy + ly, gz * __wz + lz],
        local_invocation_id: [lx, ly, lz],
        workgroup_id: [gx, gy, gz],
        num_workgroups: [__grid[0], __grid[1], __grid[2]],
        local_invocation_index: lx + ly * __wx + lz * __wx * __wy,
      };
      ${isGen ? "__inv.push(w_main(__b));" : "w_main(__b); if ((++__ops & 1023) === 0) __guard();"}
    }
    ${
      isGen
        ? `let __live = __inv.length;
    while (__live > 0) {
      __live = 0;
      for (const g of __inv) { if (g.done) continue; const r = g.next(); if (r.done) g.done = true; else __live++; }
      __guard();
    }`
        : ""
    }
  }
};`;
    const factory = new Function("__Deadline", body) as (d: typeof KernelDeadlineError) => CompiledKernel["run"];
    const run = factory(KernelDeadlineError);
    return { run, workgroupSize, bindings: this.bindings };
  }

  private fn(f: Node, isMain = false): string {
    this.scopes.push(new Map());
    const gen = this.genFns.has(f.name);
    const params: string[] = [];
    const pre: string[] = [];
    for (const a of f.args as Node[]) {
      const t = this.ty(a.type, f);
      this.declare(a.name, t);
      const builtin = (a.attributes as Node[] | undefined)?.find((x) => x.name === "builtin");
      if (isMain) {
        if (!builtin) this.fail(`entry-point argument ${a.name} needs a @builtin`, f);
        pre.push(`const w_${a.name} = __b.${builtin.value};`);
      } else params.push(`w_${a.name}`);
    }
    const body = this.block(f.body);
    this.scopes.pop();
    return `function${gen ? "*" : ""} w_${f.name}(${isMain ? "__b" : params.join(", ")}) {\n${pre.join("\n")}\n${body}\n}`;
  }

  private block(stmts: Node[]): string {
    this.scopes.push(new Map());
    const s = stmts.map((x) => this.stmt(x)).join("\n");
    this.scopes.pop();
    return s;
  }

  private guard(): string {
    return "if ((++__ops & 4095) === 0) __guard();";
  }

  private stmt(n: Node): string {
    switch (n.astNodeType) {
      case "let":
      case "const":
      case "var": {
        const declared = n.type ? this.ty(n.type, n) : null;
        if (!n.value) {
          if (!declared) this.fail(`var ${n.name} needs a type or a value`, n);
          this.declare(n.name, declared);
          return `let w_${n.name} = ${this.zero(declared)};`;
        }
        const v = this.expr(n.value);
        if (declared) this.checkAssignable(v.t, declared, n);
        const t = declared ?? concretize(v.t);
        this.declare(n.name, t);
        const init = t.k === "a" && n.value.astNodeType === "createExpr" ? v.c : this.copy(v);
        return `let w_${n.name} = ${this.coerce(init, v.t, t)};`;
      }
      case "assign":
        return this.assign(n);
      case "increment": {
        const target = this.expr(n.variable);
        const one = { c: "1", t: S("aint") };
        return this.assign({ astNodeType: "assign", operator: n.operator === "++" ? "+=" : "-=", variable: n.variable, value: null, line: n.line }, one, target);
      }
      case "call":
        return `${this.call(n).c};`;
      case "if": {
        let s = `if (${this.expr(n.condition).c}) {\n${this.block(n.body)}\n}`;
        for (const e of (n.elseif ?? []) as Node[]) s += ` else if (${this.expr(e.condition).c}) {\n${this.block(e.body)}\n}`;
        if (n.else) s += ` else {\n${this.block(n.else)}\n}`;
        return s;
      }
      case "for": {
        // continue must still run the increment: the body sits in a labeled block that continue breaks out of.
        this.scopes.push(new Map());
        const init = n.init ? this.stmt(n.init) : "";
        const cond = n.condition ? this.expr(n.condition).c : "true";
        const incr = n.increment ? this.stmt(n.increment) : "";
        const label = `__f${this.tmp++}`;
        this.loopLabels.push(label);
        const body = this.block(n.body);
        this.loopLabels.pop();
        this.scopes.pop();
        return `{ ${init}\nwhile (${cond}) {\n${this.guard()}\n${label}: {\n${body}\n}\n${incr}\n} }`;
      }
      case "while": {
        this.loopLabels.push(null);
        const body = this.block(n.body);
        this.loopLabels.pop();
        return `while (${this.expr(n.condition).c}) {\n${this.guard()}\n${body}\n}`;
      }
      case "loop": {
        const stmts = n.body as Node[];
        const cont = stmts.find((x) => x.astNodeType === "continuing");
        const rest = stmts.filter((x) => x !== cont);
        const label = cont ? `__c${this.tmp++}` : null;
        this.loopLabels.push(label);
        this.scopes.push(new Map());
        const body = rest.map((x) => this.stmt(x)).join("\n");
        const contBody = cont ? cont.body.map((x: Node) => this.stmt(x)).join("\n") : "";
        this.scopes.pop();
        this.loopLabels.pop();
        return label ? `while (true) {\n${this.guard()}\n${label}: {\n${body}\n}\n${contBody}\n}` : `while (true) {\n${this.guard()}\n${body}\n}`;
      }
      case "break":
        return "break;";
      case "continue": {
        const label = this.loopLabels[this.loopLabels.length - 1];
        return label ? `break ${label};` : "continue;";
      }
      case "return":
        // The parser gives a bare `return;` an empty constructor as its value.
        return n.value && !(n.value.astNodeType === "createExpr" && !n.value.type) ? `return ${this.expr(n.value).c};` : "return;";
      case "switch": {
        const cond = this.expr(n.condition).c;
        const cases = (n.cases as Node[])
          .map((c) => {
            const body = this.block(c.body);
            if (c.astNodeType === "default") return `default: {\n${body}\nbreak; }`;
            const sels = (c.selectors as Node[]).map((s) => (s.astNodeType === "defaultSelector" ? "default:" : `case ${this.expr(s).c}:`)).join(" ");
            return `${sels} {\n${body}\nbreak; }`;
          })
          .join("\n");
        this.loopLabels.push(null);
        this.loopLabels.pop();
        return `switch (${cond}) {\n${cases}\n}`;
      }
      case "staticAssert":
        return "";
      case "discard":
        return this.fail("discard in a compute shader", n);
      default:
        return this.fail(`statement ${n.astNodeType} is not supported`, n);
    }
  }

  /** An lvalue: either a JS assignable expression, or a storage vector element needing a store call. */
  private lvalue(n: Node): { get: string; set: (v: string) => string; t: Ty; pre: string } {
    if (n.astNodeType === "unaryOp" && n.operator === "*") return this.lvalue(n.right);
    if (n.astNodeType !== "varExpr") this.fail("assignment target", n);
    let t: Ty = this.lookup(n.name) ?? this.fail(`unknown variable ${n.name}`, n);
    let path = `w_${n.name}`;
    let pre = "";
    let p: Node | undefined = n.postfix;
    let storeVec: { buf: string; idx: string; n: number } | null = null;
    while (p) {
      if ("index" in p) {
        const ix = this.expr(p.index);
        const tv = `__t${this.tmp++}`;
        pre += `const ${tv} = ${ix.c};\n`;
        if (t.k === "buf") {
          if (t.elem.k === "v") {
            if (p.postfix) this.fail("assigning a component of a storage vector element is not supported; store a whole vector", n);
            storeVec = { buf: path, idx: tv, n: t.elem.n };
          }
          path = `${path}[${tv}]`;
          t = t.elem;
        } else if (t.k === "a") {
          path = `${path}[${tv}]`;
          t = t.elem;
        } else if (t.k === "v") {
          path = `${path}[${tv}]`;
          t = S(t.s);
        } else this.fail("indexing a non-array", n);
      } else if (p.astNodeType === "stringExpr") {
        if (t.k === "st") {
          const want: string = p.value;
          const f: { name: string; ty: Ty } = t.fields.find((x) => x.name === want) ?? this.fail(`no field ${want}`, n);
          path = `${path}.${want}`;
          t = f.ty;
        } else if (t.k === "v" && p.value.length === 1) {
          path = `${path}[${"xyzw".indexOf(p.value) >= 0 ? "xyzw".indexOf(p.value) : "rgba".indexOf(p.value)}]`;
          t = S(t.s);
        } else this.fail(`assigning to .${p.value}`, n);
      } else this.fail(`postfix ${p.astNodeType}`, n);
      p = p.postfix;
    }
    if (storeVec) {
      const sv = storeVec;
      return { get: `__ld(${sv.buf}, ${sv.idx}, ${sv.n})`, set: (v) => `__st(${sv.buf}, ${sv.idx}, ${sv.n}, ${v});`, t, pre };
    }
    return { get: path, set: (v) => `${path} = ${v};`, t, pre };
  }

  private assign(n: Node, rhsOverride?: Val, _target?: Val): string {
    if (n.variable.astNodeType === "varExpr" && n.variable.name === "_") return `${this.expr(n.value).c};`;
    const lv = this.lvalue(n.variable);
    const rhs = rhsOverride ?? this.expr(n.value);
    let value: string;
    if (n.operator === "=") {
      this.checkAssignable(rhs.t, lv.t, n);
      value = this.coerce(this.copy(rhs), rhs.t, lv.t);
    }
    else {
      const op = n.operator.slice(0, -1);
      value = this.binop(op, { c: lv.get, t: lv.t }, rhs, n).c;
    }
    return `{ ${lv.pre}${lv.set(value)} }`;
  }

  /** The type errors a WGSL compiler would report and the JS translation would silently accept. */
  private checkAssignable(from: Ty, to: Ty, n: Node) {
    const name = (t: Ty) => (t.k === "s" ? t.s : t.k === "v" ? `vec${t.n}<${t.s}>` : t.k);
    if ((from.k === "s" || from.k === "v") && (to.k === "s" || to.k === "v")) {
      const fs = elemScalar(from);
      const ts = elemScalar(to);
      const abstractOk = (fs === "aint" && ts !== "bool") || (fs === "afloat" && ts === "f32");
      if (from.k !== to.k || (from.k === "v" && to.k === "v" && from.n !== to.n) || (fs !== ts && !abstractOk)) {
        this.fail(`cannot assign ${name(from)} to ${name(to)}`, n);
      }
    }
  }

  private coerce(c: string, from: Ty, to: Ty): string {
    if (to.k === "s" && to.s === "f32" && from.k === "s" && from.s !== "f32") return `__fr(${c})`;
    if (to.k === "s" && to.s === "u32" && from.k === "s" && from.s === "aint") return `((${c}) >>> 0)`;
    if (to.k === "v" && from.k === "s") return `new Array(${to.n}).fill(${c})`;
    return c;
  }

  private expr(n: Node): Val {
    let v = this.primary(n);
    let p: Node | undefined = n.astNodeType === "varExpr" || n.astNodeType === "callExpr" || n.astNodeType === "createExpr" ? n.postfix : undefined;
    while (p) {
      v = this.postfix(v, p, n);
      p = p.postfix;
    }
    return v;
  }

  private postfix(v: Val, p: Node, n: Node): Val {
    const t = v.t;
    if ("index" in p) {
      const ix = this.expr(p.index).c;
      if (t.k === "buf") {
        if (t.elem.k === "v") return { c: `__ld(${v.c}, ${ix}, ${t.elem.n})`, t: t.elem };
        return { c: `__ldf(${v.c}, ${ix})`, t: t.elem };
      }
      if (t.k === "a") return { c: `${v.c}[${ix}]`, t: t.elem };
      if (t.k === "v") return { c: `${v.c}[${ix}]`, t: S(t.s) };
      return this.fail("indexing a non-array", n);
    }
    if (p.astNodeType === "stringExpr") {
      const name: string = p.value;
      if (t.k === "st") {
        const f = t.fields.find((x) => x.name === name);
        if (!f) this.fail(`no field ${name}`, n);
        return { c: `${v.c}.${name}`, t: f.ty };
      }
      if (t.k === "v") {
        const idx = [...name].map((ch) => ("xyzw".includes(ch) ? "xyzw".indexOf(ch) : "rgba".indexOf(ch)));
        if (idx.some((i) => i < 0)) this.fail(`swizzle .${name}`, n);
        if (idx.length === 1) return { c: `${v.c}[${idx[0]}]`, t: S(t.s) };
        const tv = `__s${this.tmp++}`;
        return { c: `((${tv}) => [${idx.map((i) => `${tv}[${i}]`).join(", ")}])(${v.c})`, t: { k: "v", n: idx.length, s: t.s } };
      }
    }
    return this.fail(`postfix ${p.astNodeType}`, n);
  }

  private primary(n: Node): Val {
    switch (n.astNodeType) {
      case "literalExpr": {
        const tn: string = n.value?.typeInfo?.name ?? n.type?.name;
        const raw = n.value?.data?.[0] ?? n.value;
        if (tn === "bool") return { c: raw ? "true" : "false", t: BOOL };
        const s: Scalar = tn === "u32" ? "u32" : tn === "i32" ? "i32" : tn === "f32" ? "f32" : tn === "x32" ? (Number.isInteger(raw) ? "aint" : "afloat") : "afloat";
        const num = Number(raw);
        const c = s === "f32" ? String(Math.fround(num)) : String(num);
        return { c: num < 0 ? `(${c})` : c, t: S(s) };
      }
      case "varExpr": {
        const t = this.lookup(n.name);
        if (!t) return this.fail(`unknown identifier ${n.name}`, n);
        return { c: `w_${n.name}`, t };
      }
      case "constExpr": {
        const t = this.lookup(n.name);
        return { c: `w_${n.name}`, t: t ?? concretize(this.expr(n.initializer).t) };
      }
      case "binaryOp":
        return this.binop(n.operator, this.expr(n.left), this.expr(n.right), n);
      case "unaryOp": {
        if (n.operator === "&") {
          const inner = this.expr(n.right);
          return { c: inner.c, t: inner.t };
        }
        if (n.operator === "*") return this.expr(n.right);
        const r = this.expr(n.right);
        const s = elemScalar(r.t);
        if (n.operator === "!") return { c: `(!${r.c})`, t: r.t };
        if (n.operator === "-") {
          if (r.t.k === "v") return { c: `__vmap1(${r.c}, (x) => -x${s === "i32" ? " | 0" : ""})`, t: r.t };
          return { c: s === "i32" ? `((-${r.c}) | 0)` : s === "u32" ? `((-${r.c}) >>> 0)` : `(-${r.c})`, t: r.t };
        }
        if (n.operator === "~") return { c: s === "u32" ? `((~${r.c}) >>> 0)` : `(~${r.c})`, t: r.t };
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
        if (to.k !== "s" || v.t.k !== "s") this.fail("bitcast of vectors", n);
        const w = (x: string) => `(() => { const b = new DataView(new ArrayBuffer(4)); b.${from === "f32" ? "setFloat32" : from === "i32" ? "setInt32" : "setUint32"}(0, ${x}); return b.${to.s === "f32" ? "getFloat32" : to.s === "i32" ? "getInt32" : "getUint32"}(0); })()`;
        return { c: w(v.c), t: to };
      }
      default:
        return this.fail(`expression ${n.astNodeType} is not supported`, n);
    }
  }

  private construct(n: Node): Val {
    const t = this.ty(n.type, n);
    const args = ((n.args ?? []) as Node[]).map((a) => this.expr(a));
    if (t.k === "s") {
      if (args.length === 0) return { c: this.zero(t), t };
      const a = args[0];
      const from = elemScalar(a.t);
      if (t.s === "f32") return { c: `__fr(${a.c})`, t };
      if (t.s === "u32") return { c: from === "f32" || from === "afloat" ? `__to_u32(${a.c})` : `((${a.c}) >>> 0)`, t };
      if (t.s === "i32") return { c: from === "f32" || from === "afloat" ? `__to_i32(${a.c})` : `((${a.c}) | 0)`, t };
      return { c: `Boolean(${a.c})`, t };
    }
    if (t.k === "v") {
      const conv = (c: string, from: Scalar) => (t.s === "f32" ? `__fr(${c})` : t.s === "u32" ? (from === "f32" ? `__to_u32(${c})` : `((${c}) >>> 0)`) : t.s === "i32" ? (from === "f32" ? `__to_i32(${c})` : `((${c}) | 0)`) : c);
      if (args.length === 0) return { c: this.zero(t), t };
      if (args.length === 1 && args[0].t.k === "s") return { c: `new Array(${t.n}).fill(${conv(args[0].c, elemScalar(args[0].t))})`, t };
      const parts = args.map((a) => (a.t.k === "v" ? `...(${a.c}).map((x) => ${conv("x", a.t.s)})` : conv(a.c, elemScalar(a.t))));
      return { c: `[${parts.join(", ")}]`, t };
    }
    if (t.k === "a") {
      const elemArgs = args.map((a) => this.copy(a));
      if (t.elem.k === "s" && t.elem.s === "f32") return { c: args.length ? `Float32Array.from([${elemArgs.join(", ")}])` : this.zero(t), t };
      return { c: args.length ? `[${elemArgs.join(", ")}]` : this.zero(t), t: { ...t, len: t.len || args.length } };
    }
    if (t.k === "st") return { c: `{ ${t.fields.map((f, i) => `${f.name}: ${args[i] ? this.copy(args[i]) : this.zero(f.ty)}`).join(", ")} }`, t };
    return this.fail("constructor", n);
  }

  private binop(op: string, l: Val, r: Val, n: Node): Val {
    const cmp = ["<", ">", "<=", ">=", "==", "!="];
    if (op === "&&" || op === "||") return { c: `(${l.c} ${op} ${r.c})`, t: BOOL };
    const rt = unify(l.t, r.t);
    const s = elemScalar(rt);
    if (cmp.includes(op)) {
      if (l.t.k === "v" || r.t.k === "v") return this.fail("vector comparisons are not supported", n);
      const jsop = op === "==" ? "===" : op === "!=" ? "!==" : op;
      return { c: `(${l.c} ${jsop} ${r.c})`, t: BOOL };
    }
    const scalarOp = (a: string, b: string): string => {
      switch (s) {
        case "f32":
          return op === "%" ? `__fr(${a} % ${b})` : `__fr(${a} ${op} ${b})`;
        case "afloat":
          return `(${a} ${op} ${b})`;
        case "u32":
          if (op === "*") return `(Math.imul(${a}, ${b}) >>> 0)`;
          if (op === "/") return `__udiv(${a}, ${b})`;
          if (op === "%") return `__umod(${a}, ${b})`;
          if (op === "<<") return `((${a} << (${b} & 31)) >>> 0)`;
          if (op === ">>") return `(${a} >>> (${b} & 31))`;
          return `((${a} ${op} ${b}) >>> 0)`;
        case "i32":
          if (op === "*") return `Math.imul(${a}, ${b})`;
          if (op === "/") return `__idiv(${a}, ${b})`;
          if (op === "%") return `__imod(${a}, ${b})`;
          if (op === ">>") return `(${a} >> (${b} & 31))`;
          return `((${a} ${op} ${b}) | 0)`;
        case "aint":
          if (op === "/") return `Math.trunc(${a} / ${b})`;
          return `(${a} ${op} ${b})`;
        default:
          return `(${a} ${op} ${b})`;
      }
    };
    if (rt.k === "v") return { c: `__vmap(${l.c}, ${r.c}, (a, b) => ${scalarOp("a", "b")})`, t: rt };
    return { c: scalarOp(l.c, r.c), t: rt };
  }

  private call(n: Node): Val {
    const name: string = n.name;
    const args = ((n.args ?? []) as Node[]).map((a) => this.expr(a));
    if (this.fns.has(name)) {
      const ret = this.fnRet.get(name)!;
      const c = `w_${name}(${args.map((a) => this.copy(a)).join(", ")})`;
      return { c: this.genFns.has(name) ? `(yield* ${c})` : c, t: ret };
    }
    if (name === "workgroupBarrier" || name === "storageBarrier") return { c: "(yield)", t: { k: "void" } };
    if (name === "workgroupUniformLoad") return args[0];
    if (name === "arrayLength") {
      const b = args[0];
      if (b.t.k !== "buf") this.fail("arrayLength of a non-storage array", n);
      const per = b.t.elem.k === "v" ? b.t.elem.n : 1;
      return { c: `Math.floor(${b.c}.length / ${per})`, t: U32 };
    }
    const t0 = args[0]?.t ?? F32;
    const s = elemScalar(args.length > 1 ? args.reduce((a, b) => ({ c: "", t: unify(a.t, b.t) })).t : t0);
    const outT = args.length > 1 ? args.reduce((a, b) => ({ c: "", t: unify(a.t, b.t) })).t : t0;
    const fr = (x: string) => (s === "f32" ? `__fr(${x})` : x);
    const unary = (f: (x: string) => string): Val => ({ c: outT.k === "v" ? `__vmap1(${args[0].c}, (x) => ${fr(f("x"))})` : fr(f(args[0].c)), t: outT });
    const binary = (f: (a: string, b: string) => string): Val => ({
      c: outT.k === "v" ? `__vmap(${args[0].c}, ${args[1].c}, (a, b) => ${fr(f("a", "b"))})` : fr(f(args[0].c, args[1].c)),
      t: outT,
    });
    switch (name) {
      case "exp":
      case "log":
      case "sqrt":
      case "floor":
      case "ceil":
      case "sin":
      case "cos":
      case "tan":
      case "tanh":
      case "abs":
      case "sign":
      case "trunc":
      case "log2":
      case "exp2":
      case "round":
        if (name === "abs" && s === "i32") return unary((x) => `Math.abs(${x}) | 0`);
        if (name === "abs" && s === "u32") return args[0];
        // Math has no exp2: 2 ** x, rounded to f32 like every other f32 result.
        if (name === "exp2") return unary((x) => `Math.pow(2, ${x})`);
        if (name === "round") return unary((x) => `(Math.abs(${x} % 1) === 0.5 ? 2 * Math.round(${x} / 2) : Math.round(${x}))`);
        return unary((x) => `Math.${name}(${x})`);
      case "inverseSqrt":
        return unary((x) => `1 / Math.sqrt(${x})`);
      case "fract":
        return unary((x) => `(${x} - Math.floor(${x}))`);
      case "saturate":
        return unary((x) => `Math.min(1, Math.max(0, ${x}))`);
      case "min":
        return binary((a, b) => `Math.min(${a}, ${b})`);
      case "max":
        return binary((a, b) => `Math.max(${a}, ${b})`);
      case "pow":
        return binary((a, b) => `Math.pow(${a}, ${b})`);
      case "step":
        return binary((a, b) => `(${b} >= ${a} ? 1 : 0)`);
      case "clamp":
        if (outT.k === "v") return { c: `__vmap(__vmap(${args[0].c}, ${args[1].c}, Math.max), ${args[2].c}, (a, b) => ${fr("Math.min(a, b)")})`, t: outT };
        return { c: fr(`Math.min(Math.max(${args[0].c}, ${args[1].c}), ${args[2].c})`), t: outT };
      case "fma":
      case "mix": {
        const f = name === "fma" ? (a: string, b: string, c: string) => `(${a} * ${b} + ${c})` : (a: string, b: string, c: string) => `(${a} * (1 - ${c}) + ${b} * ${c})`;
        if (outT.k === "v") return { c: `((A, B, C) => A.map((x, i) => ${fr(f("x", "(Array.isArray(B) ? B[i] : B)", "(Array.isArray(C) ? C[i] : C)"))}))(${args[0].c}, ${args[1].c}, ${args[2].c})`, t: outT };
        return { c: fr(f(args[0].c, args[1].c, args[2].c)), t: outT };
      }
      case "select":
        return { c: `(${args[2].c} ? ${args[1].c} : ${args[0].c})`, t: unify(args[0].t, args[1].t) };
      case "dot":
        return { c: `__fr(((A, B) => { let s = 0; for (let i = 0; i < A.length; i++) s += A[i] * B[i]; return s; })(${args[0].c}, ${args[1].c}))`, t: S(elemScalar(args[0].t)) };
      case "length":
        return { c: `__fr(Math.hypot(...[].concat(${args[0].c})))`, t: F32 };
      case "all":
        return { c: `[].concat(${args[0].c}).every(Boolean)`, t: BOOL };
      case "any":
        return { c: `[].concat(${args[0].c}).some(Boolean)`, t: BOOL };
      default:
        return this.fail(`built-in ${name} is not supported by the CPU fallback`, n);
    }
  }
}

function elemScalar(t: Ty): Scalar {
  if (t.k === "s" || t.k === "v") return t.s;
  return "f32";
}

function concretize(t: Ty): Ty {
  if (t.k === "s" && t.s === "aint") return S("i32");
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

/**
 * The grid directive: exactly one whole-line comment `// dispatch: X, Y, Z` whose sizes are integer
 * expressions over the problem's u32 parameters with + - * / (integer division), parentheses, integer
 * literals and ceil_div(a, b). Parsed once per attempt, evaluated once per case.
 */
export type DispatchExpr =
  | { kind: "num"; value: number }
  | { kind: "param"; name: string }
  | { kind: "bin"; op: "+" | "-" | "*" | "/"; left: DispatchExpr; right: DispatchExpr }
  | { kind: "ceil_div"; a: DispatchExpr; b: DispatchExpr };

export type ParsedDispatch = { line: number; text: string; sizes: [DispatchExpr, DispatchExpr, DispatchExpr] };

export type DirectiveResult = { ok: true; dispatch: ParsedDispatch } | { ok: false; message: string; line?: number };

const DIRECTIVE = /^\s*\/\/\s*dispatch\s*:(.*)$/;

export function parseDispatchDirective(source: string, paramNames: readonly string[]): DirectiveResult {
  const lines = source.split(/\r?\n/);
  const found: { line: number; body: string }[] = [];
  lines.forEach((l, i) => {
    const m = DIRECTIVE.exec(l);
    if (m) found.push({ line: i + 1, body: m[1] });
  });
  if (found.length === 0) {
    return {
      ok: false,
      message:
        "No dispatch directive: add one whole-line comment such as `// dispatch: ceil_div(S, 64), H, 1` giving the workgroup counts in x, y and z.",
    };
  }
  if (found.length > 1) {
    return {
      ok: false,
      line: found[1].line,
      message: `More than one dispatch directive (lines ${found.map((f) => f.line).join(", ")}): keep exactly one.`,
    };
  }
  const { line, body } = found[0];
  try {
    const parser = new ExprParser(body, paramNames);
    const sizes = parser.parseList();
    if (sizes.length !== 3) {
      return { ok: false, line, message: `The dispatch directive on line ${line} gives ${sizes.length} size(s); it needs exactly three: X, Y, Z.` };
    }
    return { ok: true, dispatch: { line, text: body.trim(), sizes: sizes as [DispatchExpr, DispatchExpr, DispatchExpr] } };
  } catch (e) {
    return { ok: false, line, message: `Dispatch directive on line ${line}: ${(e as Error).message}` };
  }
}

export function evalDispatchExpr(e: DispatchExpr, params: Record<string, number>): number {
  switch (e.kind) {
    case "num":
      return e.value;
    case "param":
      return params[e.name];
    case "ceil_div": {
      const a = evalDispatchExpr(e.a, params);
      const b = evalDispatchExpr(e.b, params);
      if (b === 0) throw new Error("ceil_div by zero");
      return Math.ceil(a / b);
    }
    case "bin": {
      const l = evalDispatchExpr(e.left, params);
      const r = evalDispatchExpr(e.right, params);
      if (e.op === "+") return l + r;
      if (e.op === "-") return l - r;
      if (e.op === "*") return l * r;
      if (r === 0) throw new Error("division by zero");
      return Math.floor(l / r);
    }
  }
}

export type GridResult = { ok: true; grid: [number, number, number] } | { ok: false; message: string };

/** Evaluates the three sizes for one case's parameters and checks each lies in 1..maxPerDimension. */
export function evaluateDispatch(d: ParsedDispatch, params: Record<string, number>, maxPerDimension: number): GridResult {
  const grid: number[] = [];
  const axes = ["X", "Y", "Z"];
  for (let i = 0; i < 3; i++) {
    let v: number;
    try {
      v = evalDispatchExpr(d.sizes[i], params);
    } catch (e) {
      return { ok: false, message: `dispatch ${axes[i]} on line ${d.line}: ${(e as Error).message}` };
    }
    if (!Number.isSafeInteger(v) || v < 1 || v > maxPerDimension) {
      const shown = Object.entries(params)
        .filter(([k]) => k !== "scale")
        .map(([k, x]) => `${k}=${x}`)
        .join(", ");
      return {
        ok: false,
        message: `dispatch ${axes[i]} = ${v} (line ${d.line}, with ${shown}) is outside 1..${maxPerDimension}, the device's maxComputeWorkgroupsPerDimension.`,
      };
    }
    grid.push(v);
  }
  return { ok: true, grid: grid as [number, number, number] };
}

class ExprParser {
  private pos = 0;
  private readonly tokens: string[];
  constructor(
    text: string,
    private readonly names: readonly string[],
  ) {
    const tokens = text.match(/\s*([A-Za-z_][A-Za-z0-9_]*|\d+[uU]?|[-+*/(),]|\S)/g) ?? [];
    this.tokens = tokens.map((t) => t.trim()).filter((t) => t.length > 0);
  }
  private peek(): string | undefined {
    return this.tokens[this.pos];
  }
  private next(): string {
    const t = this.tokens[this.pos++];
    if (t === undefined) throw new Error("the expression ends too early");
    return t;
  }
  private expect(t: string) {
    const got = this.next();
    if (got !== t) throw new Error(`expected "${t}" but found "${got}"`);
  }
  parseList(): DispatchExpr[] {
    if (this.tokens.length === 0) throw new Error("no sizes after `dispatch:`");
    const out = [this.parseExpr()];
    while (this.peek() === ",") {
      this.next();
      out.push(this.parseExpr());
    }
    if (this.peek() !== undefined) throw new Error(`unexpected "${this.peek()}"`);
    return out;
  }
  private parseExpr(): DispatchExpr {
    let left = this.parseTerm();
    while (this.peek() === "+" || this.peek() === "-") {
      const op = this.next() as "+" | "-";
      left = { kind: "bin", op, left, right: this.parseTerm() };
    }
    return left;
  }
  private parseTerm(): DispatchExpr {
    let left = this.parseFactor();
    while (this.peek() === "*" || this.peek() === "/") {
      const op = this.next() as "*" | "/";
      left = { kind: "bin", op, left, right: this.parseFactor() };
    }
    return left;
  }
  private parseFactor(): DispatchExpr {
    const t = this.next();
    if (/^\d+[uU]?$/.test(t)) return { kind: "num", value: parseInt(t, 10) };
    if (t === "(") {
      const e = this.parseExpr();
      this.expect(")");
      return e;
    }
    if (t === "ceil_div") {
      this.expect("(");
      const a = this.parseExpr();
      this.expect(",");
      const b = this.parseExpr();
      this.expect(")");
      return { kind: "ceil_div", a, b };
    }
    if (/^[A-Za-z_]/.test(t)) {
      if (!this.names.includes(t)) {
        throw new Error(`"${t}" is not a parameter of this problem (allowed: ${this.names.join(", ")}, ceil_div)`);
      }
      return { kind: "param", name: t };
    }
    throw new Error(`unexpected "${t}" (allowed: integers, ${this.names.join(", ")}, + - * / ( ) and ceil_div(a, b))`);
  }
}

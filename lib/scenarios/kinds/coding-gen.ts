import { z } from "zod";

/**
 * A size: one number, or one per language. Pyodide runs Python some 30-50x slower than V8 runs
 * TypeScript, so a size where the naive approach fails in TypeScript would take the Python reference
 * seconds; `{ python: 20000, typescript: 200000 }` keeps both references quick and both naive ones slow.
 */
const size = (max: number) => z.union([z.number().int().min(0).max(max), z.object({ python: z.number().int().min(0).max(max), typescript: z.number().int().min(0).max(max) })]);

/**
 * Generated arguments for performance cases: a 100,000-element list does not belong in a YAML file.
 * An argument written `{ $gen: ints, n: 100000, min: 0, max: 1000000000, seed: 1 }` is replaced by the
 * list it describes before the case runs. Generation is deterministic (a seeded mulberry32), so the
 * reference and the candidate see the same input, in any language and on any machine.
 */
export const genSpecSchema = z.discriminatedUnion("$gen", [
  /** n integers uniform in [min, max]; `sorted: true` sorts them ascending, `unique: true` draws without repeats. */
  z.object({
    $gen: z.literal("ints"),
    n: size(1_000_000),
    min: z.number().int(),
    max: z.number().int(),
    seed: z.number().int().default(1),
    sorted: z.boolean().default(false),
    unique: z.boolean().default(false),
  }),
  /** n floats uniform in [min, max), rounded to 6 decimals so every language reads the same value. */
  z.object({ $gen: z.literal("floats"), n: size(1_000_000), min: z.number(), max: z.number(), seed: z.number().int().default(1) }),
  /** A string of n characters drawn from `alphabet`. */
  z.object({ $gen: z.literal("string"), n: size(1_000_000), alphabet: z.string().min(1), seed: z.number().int().default(1) }),
  /** n lists of `width` integers in [min, max] (edges, intervals, jobs). */
  z.object({
    $gen: z.literal("rows"),
    n: size(200_000),
    width: z.number().int().min(1).max(64),
    min: z.number().int(),
    max: z.number().int(),
    seed: z.number().int().default(1),
  }),
  /** n intervals [start, start + length] with start in [0, maxStart] and length in [minLength, maxLength]. */
  z.object({
    $gen: z.literal("intervals"),
    n: size(200_000),
    maxStart: z.number().int().min(0),
    minLength: z.number().int().min(0).default(1),
    maxLength: z.number().int().min(0),
    seed: z.number().int().default(1),
  }),
  /** n words "w<id>" with ids uniform in [0, vocab) (token streams, word counts). */
  z.object({ $gen: z.literal("words"), n: size(1_000_000), vocab: z.number().int().min(1).max(1_000_000), seed: z.number().int().default(1) }),
  /** `value` repeated n times. */
  z.object({ $gen: z.literal("repeat"), n: size(1_000_000), value: z.unknown() }),
  /** min, min + 1, ..., min + n - 1 (descending when `descending: true`). */
  z.object({ $gen: z.literal("range"), n: size(1_000_000), min: z.number().int().default(0), descending: z.boolean().default(false) }),
]);
export type GenSpec = z.infer<typeof genSpecSchema>;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type GenLanguage = "python" | "typescript";

export function generate(raw: GenSpec, language: GenLanguage): unknown {
  const spec = { ...raw, n: typeof raw.n === "number" ? raw.n : raw.n[language] };
  switch (spec.$gen) {
    case "ints": {
      const r = mulberry32(spec.seed);
      const span = spec.max - spec.min + 1;
      let out: number[];
      if (spec.unique) {
        if (span < spec.n) throw new Error(`$gen ints: cannot draw ${spec.n} unique values from [${spec.min}, ${spec.max}]`);
        const seen = new Set<number>();
        out = [];
        while (out.length < spec.n) {
          const v = spec.min + Math.floor(r() * span);
          if (!seen.has(v)) (seen.add(v), out.push(v));
        }
      } else out = Array.from({ length: spec.n }, () => spec.min + Math.floor(r() * span));
      return spec.sorted ? out.sort((a, b) => a - b) : out;
    }
    case "floats": {
      const r = mulberry32(spec.seed);
      return Array.from({ length: spec.n }, () => Math.round((spec.min + r() * (spec.max - spec.min)) * 1e6) / 1e6);
    }
    case "string": {
      const r = mulberry32(spec.seed);
      const chars = [...spec.alphabet];
      let s = "";
      for (let i = 0; i < spec.n; i++) s += chars[Math.floor(r() * chars.length)];
      return s;
    }
    case "rows": {
      const r = mulberry32(spec.seed);
      const span = spec.max - spec.min + 1;
      return Array.from({ length: spec.n }, () => Array.from({ length: spec.width }, () => spec.min + Math.floor(r() * span)));
    }
    case "intervals": {
      const r = mulberry32(spec.seed);
      return Array.from({ length: spec.n }, () => {
        const start = Math.floor(r() * (spec.maxStart + 1));
        return [start, start + spec.minLength + Math.floor(r() * (spec.maxLength - spec.minLength + 1))];
      });
    }
    case "words": {
      const r = mulberry32(spec.seed);
      return Array.from({ length: spec.n }, () => `w${Math.floor(r() * spec.vocab)}`);
    }
    case "repeat":
      return Array.from({ length: spec.n }, () => structuredClone(spec.value));
    case "range":
      return Array.from({ length: spec.n }, (_, i) => (spec.descending ? spec.min + spec.n - 1 - i : spec.min + i));
  }
}

const isGen = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && "$gen" in v;

/** Replaces every `{ $gen: ... }` inside a test's arguments (at any depth) with the value it describes. */
export function expandArgs(args: unknown[], language: GenLanguage): unknown[] {
  const walk = (v: unknown): unknown => {
    if (isGen(v)) return generate(genSpecSchema.parse(v), language);
    if (Array.isArray(v)) return v.map(walk);
    return v;
  };
  return args.map(walk);
}

/** Problems with the generators inside a test's arguments, as zod issue paths and messages. */
export function genIssues(args: unknown[]): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (isGen(v)) {
      const r = genSpecSchema.safeParse(v);
      if (!r.success) for (const i of r.error.issues) issues.push({ path: [...path, ...(i.path as (string | number)[])], message: `${i.message} (generators: ints, floats, string, rows, intervals, words, repeat, range; see docs/coding-scenarios.md)` });
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
  };
  args.forEach((a, i) => walk(a, [i]));
  return issues;
}

export function hasGen(args: unknown[]): boolean {
  return genIssues(args).length > 0 || JSON.stringify(args).includes('"$gen"');
}

import type { Checker } from "./types";

/**
 * Compares a returned value with the expected one. Values, not printed text: both sides are JSON
 * values (the worker encodes NaN and infinities as {"$float": "nan" | "inf" | "-inf"}).
 */
export type CheckOutcome = { pass: true } | { pass: false; reason: string };

const MAX_SHOWN = 80;

export function check(checker: Checker, actual: unknown, expected: unknown): CheckOutcome {
  const a = decode(actual);
  const e = decode(expected);
  const reason =
    checker.kind === "exact"
      ? diff(a, e, "", exactLeaf)
      : checker.kind === "float"
        ? diff(a, e, "", floatLeaf(checker.rtol, checker.atol))
        : unorderedDiff(a, e, checker.rtol !== undefined || checker.atol !== undefined ? floatLeaf(checker.rtol ?? 0, checker.atol ?? 0) : exactLeaf);
  return reason === null ? { pass: true } : { pass: false, reason };
}

/** Turns the worker's markers back into numbers so NaN, Infinity and -Infinity compare as such. */
export function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "$float") {
      return o.$float === "nan" ? Number.NaN : o.$float === "inf" ? Number.POSITIVE_INFINITY : o.$float === "-inf" ? Number.NEGATIVE_INFINITY : v;
    }
    return Object.fromEntries(keys.map((k) => [k, decode(o[k])]));
  }
  return v;
}

type Leaf = (a: unknown, e: unknown) => string | null;

function show(v: unknown): string {
  let s: string;
  if (typeof v === "number") s = Number.isNaN(v) ? "NaN" : String(v);
  else if (v === undefined) s = "nothing";
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}

function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "list" : typeof v;
}

const exactLeaf: Leaf = (a, e) => {
  if (typeof a === "number" && typeof e === "number") {
    if (Number.isNaN(a) && Number.isNaN(e)) return null;
    return a === e ? null : `expected ${show(e)}, got ${show(a)}`;
  }
  return a === e ? null : `expected ${show(e)}, got ${show(a)}`;
};

function floatLeaf(rtol: number, atol: number): Leaf {
  return (a, e) => {
    if (typeof a === "number" && typeof e === "number") {
      if (Number.isNaN(a) || Number.isNaN(e)) return Number.isNaN(a) && Number.isNaN(e) ? null : `expected ${show(e)}, got ${show(a)}`;
      if (!Number.isFinite(a) || !Number.isFinite(e)) return a === e ? null : `expected ${show(e)}, got ${show(a)}`;
      const tol = atol + rtol * Math.abs(e);
      const d = Math.abs(a - e);
      return d <= tol ? null : `expected ${show(e)}, got ${show(a)} (|difference| ${d.toPrecision(3)} > tolerance ${tol.toPrecision(3)})`;
    }
    return exactLeaf(a, e);
  };
}

/** Structural comparison; the leaf decides for scalars. Returns null when equal, else where and why. */
function diff(a: unknown, e: unknown, at: string, leaf: Leaf): string | null {
  const where = at ? `at ${at}: ` : "";
  if (Array.isArray(e)) {
    if (!Array.isArray(a)) return `${where}expected a list, got ${typeName(a)} ${show(a)}`;
    if (a.length !== e.length) return `${where}expected ${e.length} items, got ${a.length} (${show(a)})`;
    for (let i = 0; i < e.length; i++) {
      const r = diff(a[i], e[i], `${at}[${i}]`, leaf);
      if (r) return r;
    }
    return null;
  }
  if (e !== null && typeof e === "object") {
    if (a === null || typeof a !== "object" || Array.isArray(a)) return `${where}expected an object, got ${typeName(a)} ${show(a)}`;
    const ek = Object.keys(e).sort();
    const ak = Object.keys(a).sort();
    const missing = ek.filter((k) => !(k in a));
    if (missing.length) return `${where}missing key ${JSON.stringify(missing[0])}`;
    const extra = ak.filter((k) => !(k in e));
    if (extra.length) return `${where}unexpected key ${JSON.stringify(extra[0])}`;
    for (const k of ek) {
      const r = diff((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${at}.${k}`, leaf);
      if (r) return r;
    }
    return null;
  }
  const r = leaf(a, e);
  return r ? `${where}${r}` : null;
}

/** Multiset equality of two lists: same items, any order. */
function unorderedDiff(a: unknown, e: unknown, leaf: Leaf): string | null {
  if (!Array.isArray(e)) return diff(a, e, "", leaf);
  if (!Array.isArray(a)) return `expected a list (any order), got ${typeName(a)} ${show(a)}`;
  if (a.length !== e.length) return `expected ${e.length} items (any order), got ${a.length} (${show(a)})`;
  if (leaf === exactLeaf) {
    // Exact items: count canonical forms, linear in the size of the lists.
    const counts = new Map<string, number>();
    for (const x of e) {
      const k = canonical(x);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const x of a) {
      const k = canonical(x);
      const n = counts.get(k) ?? 0;
      if (n === 0) return `unexpected item ${show(x)} (or it appears more often than expected)`;
      counts.set(k, n - 1);
    }
    return null;
  }
  if (e.every((x) => typeof x === "number") && a.every((x) => typeof x === "number")) {
    const sa = [...(a as number[])].sort((x, y) => x - y);
    const se = [...(e as number[])].sort((x, y) => x - y);
    for (let i = 0; i < se.length; i++) {
      const r = leaf(sa[i], se[i]);
      if (r) return `after sorting, at [${i}]: ${r}`;
    }
    return null;
  }
  // Items with tolerance that are not plain numbers: greedy matching (lists here are short).
  const left = [...e];
  for (const x of a) {
    const j = left.findIndex((y) => diff(x, y, "", leaf) === null);
    if (j < 0) return `unexpected item ${show(x)} (no expected item matches it within tolerance)`;
    left.splice(j, 1);
  }
  return null;
}

/** A key equal for deep-equal values whatever the order of object keys. */
function canonical(v: unknown): string {
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "0" : String(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "undefined";
}

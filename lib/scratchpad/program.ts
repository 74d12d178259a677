import { SCRATCHPAD_STDOUT_MAX, scratchpadOutputSchema, scratchpadSeriesSchema, type ScratchpadOutput } from "@/lib/grading/answers";
import type { RunError, RunRequest, RunResult } from "@/lib/runner/types";
import { z } from "zod";

/**
 * The scratchpad runs on the coding round's runner without changing it: the candidate's script is the
 * module the runner loads (so its top level runs, printing as it goes, under the load time limit), and
 * one "test case" calls a results function appended after it. That function reads the script's
 * top-level names: numbers become values ("use this value"), lists of numbers and {"x": [...], "y": [...]}
 * dicts become series (summarised and plotted), one level into dicts. It runs in Python so a
 * million-sample Monte Carlo crosses to the page as a 400-point sample, a histogram and its statistics.
 */
export const SCRATCHPAD_ENTRY = "__loopbench_results__";
export const SCRATCHPAD_LIMITS = { timeMs: 20_000, outputBytes: 64 * 1024 };

const RESULTS = String.raw`

def __loopbench_results__():
    import math as _m, types as _t
    _vals, _series = [], []
    def _num(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool) and _m.isfinite(v)
    def _r(x):
        return float(f"{x:.6g}")
    def _is_series(v):
        return isinstance(v, (list, tuple)) and len(v) >= 2 and all(_num(x) for x in v)
    def _add(name, ys, xs=None):
        if len(_series) >= 8:
            return
        ys = [float(y) for y in ys]
        n = len(ys)
        s = sorted(ys)
        mean = _m.fsum(ys) / n
        sd = _m.sqrt(_m.fsum((y - mean) ** 2 for y in ys) / (n - 1)) if n > 1 else 0.0
        def q(p):
            h = (n - 1) * p
            lo = int(h)
            hi = min(n - 1, lo + 1)
            return s[lo] + (h - lo) * (s[hi] - s[lo])
        stats = {"mean": mean, "sd": sd, "sem": sd / _m.sqrt(n), "min": s[0], "max": s[-1], "p5": q(0.05), "p50": q(0.5), "p95": q(0.95)}
        lo, hi = s[0], s[-1]
        bins = 30 if n >= 60 else max(3, n // 2)
        counts = [0] * bins
        width = (hi - lo) / bins if hi > lo else 1.0
        for y in s:
            counts[min(int((y - lo) / width), bins - 1) if hi > lo else 0] += 1
        idx = list(range(n)) if n <= 400 else [int(i * (n - 1) / 399) for i in range(400)]
        item = {"name": name, "kind": "list" if xs is None else "xy", "n": n, "stats": {k: _r(v) for k, v in stats.items()},
                "y": [_r(ys[i]) for i in idx], "hist": {"lo": _r(lo), "hi": _r(hi if hi > lo else lo + 1), "counts": counts}}
        if xs is not None:
            item["x"] = [_r(float(xs[i])) for i in idx]
        _series.append(item)
    def _visit(name, v):
        if _num(v):
            if len(_vals) < 50:
                _vals.append({"name": name, "value": _r(float(v))})
        elif _is_series(v):
            _add(name, v)
        elif isinstance(v, dict) and _is_series(v.get("x")) and _is_series(v.get("y")) and len(v["x"]) == len(v["y"]):
            _add(name, v["y"], v["x"])
    for _k, _v in list(globals().items()):
        if _k.startswith("_") or isinstance(_v, (_t.ModuleType, _t.FunctionType, _t.BuiltinFunctionType, type)):
            continue
        if isinstance(_v, dict) and not ("x" in _v and "y" in _v):
            for _kk, _vv in list(_v.items())[:50]:
                _visit(f"{_k}[{_kk!r}]", _vv)
        else:
            _visit(_k, _v)
    return {"values": _vals, "series": _series}
`;

/** Scripts run as __main__ (so `if __name__ == "__main__":` works); a __future__ import must stay first, so then they don't. */
function prelude(code: string): string {
  return /^\s*from\s+__future__\s+import/m.test(code) ? "" : '__name__ = "__main__"\n';
}

export function scratchpadProgram(code: string): { program: string; lineOffset: number; lines: number } {
  const pre = prelude(code);
  return { program: `${pre}${code}\n${RESULTS}`, lineOffset: pre ? 1 : 0, lines: code.split("\n").length };
}

export function scratchpadRequest(code: string, limits = SCRATCHPAD_LIMITS): RunRequest & { lineOffset: number; lines: number } {
  const { program, lineOffset, lines } = scratchpadProgram(code);
  return {
    language: "python",
    code: program,
    entry: SCRATCHPAD_ENTRY,
    tests: [{ name: "results", args: [], expected: null }],
    checker: { kind: "exact" },
    limits,
    lineOffset,
    lines,
  };
}

/** FNV-1a, to tell whether saved output came from the code now in the editor. */
export function codeHash(code: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    h ^= code.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

const resultsSchema = z.object({ values: scratchpadOutputSchema.shape.values, series: z.array(scratchpadSeriesSchema).max(8) });

function capText(s: string, max: number): string {
  if (new TextEncoder().encode(s).length <= max) return s;
  let out = s.slice(0, max);
  while (new TextEncoder().encode(out).length > max - 60) out = out.slice(0, Math.floor(out.length * 0.9));
  return `${out}\n… (output cut at ${Math.round(max / 1024)} KB)`;
}

/** The runner's result as the scratchpad shows and saves it: error lines in the candidate's numbering. */
export function toScratchpadOutput(r: RunResult, opts: { code: string; lineOffset: number; lines: number; ranAt?: Date }): ScratchpadOutput {
  const fix = (e: RunError | undefined): ScratchpadOutput["error"] => {
    if (!e) return undefined;
    const line = e.line === null ? null : e.line - opts.lineOffset;
    return { kind: e.kind.slice(0, 32), type: e.type.slice(0, 100), message: e.message.slice(0, 2000), line: line !== null && line >= 1 && line <= opts.lines ? line : null };
  };
  const base = { durationMs: Math.min(600_000, r.durationMs), ranAt: (opts.ranAt ?? new Date()).toISOString(), codeHash: codeHash(opts.code), values: [], series: [] };
  if (r.status !== "ok") {
    const error = fix(r.loadError);
    const status = r.status === "infra-error" ? "unavailable" : error?.kind === "timeout" ? "timeout" : "error";
    return { ...base, status, stdout: capText(r.loadStdout, SCRATCHPAD_STDOUT_MAX), error };
  }
  const c = r.cases[0];
  const stdout = capText(r.loadStdout + (c?.stdout ?? ""), SCRATCHPAD_STDOUT_MAX);
  if (!c || c.status === "error" || c.status === "not-run") {
    const error = fix(c?.error) ?? { kind: "crash", type: "NotRun", message: "the results were not read", line: null };
    return { ...base, status: error.kind === "timeout" ? "timeout" : "error", stdout, error: { ...error, message: `reading the results: ${error.message}`.slice(0, 2000) } };
  }
  const parsed = resultsSchema.safeParse(c.actual);
  if (!parsed.success) return { ...base, status: "ok", stdout, error: { kind: "runtime", type: "ResultsUnreadable", message: "the script ran, but its values could not be read", line: null } };
  return { ...base, status: "ok", stdout, values: parsed.data.values, series: parsed.data.series };
}

// The worker side of the runner, shared by the browser Web Worker (browser-worker.ts) and the Node
// worker thread (node-worker.mjs). Plain JavaScript because Node must load it in a worker_thread
// without a TypeScript loader, both under `next start` and under vitest; its types are in
// worker-core.d.mts and the protocol in types.ts.
//
// Candidate code never sees the expected values: the host sends arguments only and checks the
// returned values itself. Only strings cross between the sandbox and this code.

/** Python side of the harness: loads the solution in a fresh namespace and calls it per case. */
export const PYTHON_HARNESS = String.raw`
import sys, io, json, math, traceback, builtins

class _LbOutputLimit(BaseException):
    pass

class _LbWriter(io.TextIOBase):
    def __init__(self, cap):
        self.parts = []
        self.size = 0
        self.cap = cap
        self.hit = False
    def writable(self):
        return True
    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not " + type(s).__name__)
        if self.hit:
            raise _LbOutputLimit()
        b = s.encode("utf-8", "replace")
        if self.size + len(b) > self.cap:
            room = self.cap - self.size
            if room > 0:
                self.parts.append(b[:room].decode("utf-8", "ignore"))
            self.size = self.cap
            self.hit = True
            raise _LbOutputLimit()
        self.parts.append(s)
        self.size += len(b)
        return len(s)
    def getvalue(self):
        return "".join(self.parts)

def _lb_plain(v, depth=0):
    if depth > 64:
        raise ValueError("the return value is nested more than 64 levels deep")
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return {"$float": "nan"}
        if math.isinf(v):
            return {"$float": "inf" if v > 0 else "-inf"}
        return v
    if isinstance(v, (list, tuple)):
        return [_lb_plain(x, depth + 1) for x in v]
    if isinstance(v, (set, frozenset)):
        items = [_lb_plain(x, depth + 1) for x in v]
        items.sort(key=lambda x: json.dumps(x, sort_keys=True))
        return items
    if isinstance(v, dict):
        return {str(k): _lb_plain(x, depth + 1) for k, x in v.items()}
    if hasattr(v, "tolist"):
        return _lb_plain(v.tolist(), depth + 1)
    return {"$repr": repr(v)[:200]}

def _lb_error(e):
    line = None
    if isinstance(e, SyntaxError) and e.filename == "<solution>":
        line = e.lineno
    else:
        for fr in traceback.extract_tb(e.__traceback__):
            if fr.filename == "<solution>":
                line = fr.lineno
    if isinstance(e, RecursionError):
        kind = "recursion"
    elif isinstance(e, MemoryError):
        kind = "memory"
    elif isinstance(e, KeyboardInterrupt):
        kind = "timeout"
    elif isinstance(e, _LbOutputLimit):
        kind = "output-limit"
    elif isinstance(e, SyntaxError):
        kind = "syntax"
    else:
        kind = "runtime"
    if kind == "output-limit":
        msg = "printed more than the output limit"
    elif kind == "memory":
        msg = str(e) or "ran out of memory"
    elif kind == "timeout":
        msg = "interrupted at the time limit"
    elif isinstance(e, SyntaxError):
        msg = e.msg or str(e)
    else:
        msg = str(e)
    return {"kind": kind, "type": "OutputLimitExceeded" if kind == "output-limit" else type(e).__name__, "message": msg[:2000], "line": line}

def _lb_capture(cap, fn):
    w = _LbWriter(cap)
    old_out, old_err = sys.stdout, sys.stderr
    sys.stdout = w
    sys.stderr = w
    try:
        return w, fn(), None
    except BaseException as e:
        return w, None, e
    finally:
        sys.stdout, sys.stderr = old_out, old_err

_lb_ns = {}

def _lb_load(code, cap):
    global _lb_ns
    _lb_ns = {"__name__": "solution", "__builtins__": builtins}
    def go():
        exec(compile(code, "<solution>", "exec"), _lb_ns)
    w, _, e = _lb_capture(cap, go)
    if e is None and w.hit:
        e = _LbOutputLimit()
    out = {"ok": e is None, "stdout": w.getvalue()}
    if e is not None:
        out["error"] = _lb_error(e)
    return json.dumps(out)

def _lb_run(entry, args_json, cap):
    fn = _lb_ns.get(entry)
    if not callable(fn):
        return json.dumps({"ok": False, "stdout": "", "error": {"kind": "runtime", "type": "NameError", "message": "define a function named " + entry, "line": None}})
    args = json.loads(args_json)
    w, result, e = _lb_capture(cap, lambda: fn(*args))
    if e is None and w.hit:
        e = _LbOutputLimit()
    if e is not None:
        return json.dumps({"ok": False, "stdout": w.getvalue(), "error": _lb_error(e)})
    try:
        actual = json.dumps(_lb_plain(result))
    except (ValueError, RecursionError, TypeError) as err:
        return json.dumps({"ok": False, "stdout": w.getvalue(), "error": {"kind": "runtime", "type": type(err).__name__, "message": "could not read the return value: " + str(err), "line": None}})
    return '{"ok": true, "stdout": ' + json.dumps(w.getvalue()) + ', "actual": ' + actual + '}'
`;

/**
 * JavaScript side of the harness, evaluated inside the sandbox before the solution: a console that
 * captures output with a cap, and __lb.init/__lb.run that answer with JSON strings.
 */
export const JS_PRELUDE = String.raw`
(function (g) {
  "use strict";
  var stringify = JSON.stringify, parse = JSON.parse, isArray = Array.isArray, keys = Object.keys;
  var out = { parts: [], size: 0, cap: 0, hit: false };
  function OutputLimitExceeded() { this.name = "OutputLimitExceeded"; this.message = "printed more than the output limit"; }
  function reset(cap) { out.parts = []; out.size = 0; out.cap = cap; out.hit = false; }
  function utf8len(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) { var c = s.charCodeAt(i); n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3; }
    return n;
  }
  function write(s) {
    if (out.hit) throw new OutputLimitExceeded();
    var b = utf8len(s);
    if (out.size + b > out.cap) {
      var room = out.cap - out.size;
      if (room > 0) out.parts.push(s.slice(0, room));
      out.size = out.cap; out.hit = true;
      throw new OutputLimitExceeded();
    }
    out.parts.push(s); out.size += b;
  }
  function show(v, d) {
    if (typeof v === "string") return d ? stringify(v) : v;
    if (v === undefined) return "undefined";
    if (typeof v === "function") return "[Function " + (v.name || "anonymous") + "]";
    if (typeof v === "bigint") return String(v) + "n";
    if (typeof v !== "object" || v === null) return String(v);
    if (d > 3) return "…";
    if (v instanceof Error) return String(v.stack || v);
    if (isArray(v)) return "[" + Array.prototype.map.call(v, function (x) { return show(x, d + 1); }).join(", ") + "]";
    if (v instanceof Map) return "Map(" + v.size + ") {" + Array.from(v, function (kv) { return show(kv[0], d + 1) + " => " + show(kv[1], d + 1); }).join(", ") + "}";
    if (v instanceof Set) return "Set(" + v.size + ") {" + Array.from(v, function (x) { return show(x, d + 1); }).join(", ") + "}";
    return "{" + keys(v).map(function (k) { return k + ": " + show(v[k], d + 1); }).join(", ") + "}";
  }
  function log() { write(Array.prototype.map.call(arguments, function (x) { return show(x, 0); }).join(" ") + "\n"); }
  g.console = { log: log, info: log, warn: log, error: log, debug: log, trace: log };
  function plain(v, d) {
    if (d > 64) throw new RangeError("the return value is nested more than 64 levels deep");
    if (v === null || v === undefined) return null;
    switch (typeof v) {
      case "number":
        if (v !== v) return { $float: "nan" };
        if (v === Infinity) return { $float: "inf" };
        if (v === -Infinity) return { $float: "-inf" };
        return v === 0 ? 0 : v;
      case "string": case "boolean": return v;
      case "bigint": return Number(v);
      case "function": case "symbol": return { $repr: String(v).slice(0, 200) };
    }
    var r, i;
    if (isArray(v) || ArrayBuffer.isView(v)) { r = []; for (i = 0; i < v.length; i++) r.push(plain(v[i], d + 1)); return r; }
    if (v instanceof Set) return Array.from(v, function (x) { return plain(x, d + 1); });
    if (v instanceof Map) { r = {}; v.forEach(function (x, k) { r[String(k)] = plain(x, d + 1); }); return r; }
    r = {}; keys(v).forEach(function (k) { r[k] = plain(v[k], d + 1); }); return r;
  }
  function lineOf(e) {
    var m = /solution\.ts:(\d+)/.exec(String(e && e.stack));
    return m ? Number(m[1]) : null;
  }
  function errorOf(e) {
    var kind = "runtime";
    var msg = e && e.message !== undefined ? String(e.message) : String(e);
    if (e instanceof OutputLimitExceeded) kind = "output-limit";
    else if (e instanceof RangeError && /call stack/i.test(msg)) kind = "recursion";
    else if (e instanceof RangeError && /allocation failed|invalid array length|out of memory|invalid string length/i.test(msg)) kind = "memory";
    var type = e && typeof e === "object" && e.name ? String(e.name) : typeof e;
    return { kind: kind, type: type, message: msg.slice(0, 2000), line: kind === "recursion" ? null : lineOf(e) };
  }
  function text() { return out.parts.join(""); }
  var mod = null;
  g.__lb = {
    init: function (cap) {
      reset(cap);
      var module = { exports: {} };
      try {
        g.__lb_factory.call(undefined, module.exports, module, function (name) {
          throw new Error("require('" + name + "') is not available: solutions use the standard library only");
        });
        mod = module.exports;
      } catch (e) {
        return stringify({ ok: false, stdout: text(), error: errorOf(e) });
      }
      if (out.hit) return stringify({ ok: false, stdout: text(), error: errorOf(new OutputLimitExceeded()) });
      return stringify({ ok: true, stdout: text() });
    },
    run: function (entry, argsJson, cap) {
      reset(cap);
      var fn = mod && mod[entry];
      if (typeof fn !== "function") {
        return stringify({ ok: false, stdout: "", error: { kind: "runtime", type: "ReferenceError", message: "export a function named " + entry, line: null } });
      }
      var r;
      try { r = fn.apply(undefined, parse(argsJson)); } catch (e) { return stringify({ ok: false, stdout: text(), error: errorOf(e) }); }
      if (out.hit) return stringify({ ok: false, stdout: text(), error: errorOf(new OutputLimitExceeded()) });
      if (r && typeof r.then === "function") {
        return stringify({ ok: false, stdout: text(), error: { kind: "runtime", type: "TypeError", message: entry + " returned a Promise; return the value itself (no async)", line: null } });
      }
      var actual;
      try { actual = stringify(plain(r, 0)); } catch (e) {
        return stringify({ ok: false, stdout: text(), error: { kind: "runtime", type: e && e.name || "Error", message: "could not read the return value: " + (e && e.message), line: null } });
      }
      return '{"ok":true,"stdout":' + stringify(text()) + ',"actual":' + actual + "}";
    }
  };
})(globalThis);
`;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Wraps transpiled CommonJS so line N of the candidate's code stays line N, and exports the entry even without `export`. */
export function wrapSolution(js, entry) {
  if (!IDENT.test(entry)) throw new Error(`entry ${entry} is not an identifier`);
  return (
    `__lb_factory = function (exports, module, require) {${js}\n` +
    `;if (typeof ${entry} === "function" && typeof exports.${entry} !== "function") exports.${entry} = ${entry};\n}`
  );
}

/** Reads "(line:col)" from a sucrase parse error. */
function syntaxError(err) {
  const msg = String((err && err.message) || err);
  const m = /\((\d+):(\d+)\)/.exec(msg);
  return { kind: "syntax", type: "SyntaxError", message: msg.replace(/^Error transforming [^:]*: /, ""), line: m ? Number(m[1]) : null };
}

function lineFromStack(err) {
  const m = /solution\.ts:(\d+)/.exec(String(err && err.stack));
  return m ? Number(m[1]) : null;
}

/**
 * @param {import("./worker-core.d.mts").WorkerPlatform} platform
 */
export function createWorkerCore(platform) {
  /** @type {any} */
  let py = null;
  let pyLoad = null;
  let pyRun = null;
  let interrupt = null;

  async function initPython(buffer) {
    if (py) return;
    py = await platform.loadPython((message, loaded, total) => platform.post({ type: "progress", message, loaded, total }));
    py.setStdout({ batched: () => {} });
    py.setStderr({ batched: () => {} });
    try {
      py.setStdin({ error: true });
    } catch {
      /* older Pyodide: stdin stays as is */
    }
    if (buffer) {
      interrupt = new Int32Array(buffer);
      py.setInterruptBuffer(interrupt);
    }
    py.runPython(PYTHON_HARNESS);
    pyLoad = py.globals.get("_lb_load");
    pyRun = py.globals.get("_lb_run");
  }

  function clearInterrupt() {
    if (interrupt) Atomics.store(interrupt, 0, 0);
  }

  function runPython(msg) {
    clearInterrupt();
    const loaded = JSON.parse(pyLoad(msg.code, msg.outputBytes));
    platform.post({ type: "loaded", runId: msg.runId, ok: loaded.ok, stdout: loaded.stdout, error: loaded.error });
    if (!loaded.ok) return;
    for (const c of msg.cases) {
      clearInterrupt();
      platform.post({ type: "case-start", runId: msg.runId, index: c.index });
      const t0 = performance.now();
      let raw;
      try {
        raw = pyRun(msg.entry, c.argsJson, msg.outputBytes);
      } catch (err) {
        // A Python error escaping the harness means the interpreter itself failed (stack overflow in C, fatal error).
        const text = String(err && err.message ? err.message : err);
        const kind = /stack|recursion/i.test(text) ? "recursion" : /memory/i.test(text) ? "memory" : "crash";
        raw = JSON.stringify({ ok: false, stdout: "", error: { kind, type: "InterpreterError", message: text.slice(-2000), line: null } });
      }
      post(msg.runId, c.index, raw, performance.now() - t0);
    }
  }

  function runTypeScript(msg) {
    const sandbox = platform.newSandbox();
    sandbox.evaluate(JS_PRELUDE, "harness.js");
    let js;
    try {
      js = platform.transpile(msg.code);
    } catch (err) {
      platform.post({ type: "loaded", runId: msg.runId, ok: false, stdout: "", error: syntaxError(err) });
      return;
    }
    try {
      sandbox.evaluate(wrapSolution(js, msg.entry), "solution.ts");
    } catch (err) {
      // The transpiler accepted it but the engine did not (e.g. a duplicate declaration).
      const e = { kind: "syntax", type: (err && err.name) || "SyntaxError", message: String((err && err.message) || err), line: lineFromStack(err) };
      platform.post({ type: "loaded", runId: msg.runId, ok: false, stdout: "", error: e });
      return;
    }
    const loaded = JSON.parse(String(sandbox.evaluate(`__lb.init(${Number(msg.outputBytes)})`)));
    platform.post({ type: "loaded", runId: msg.runId, ok: loaded.ok, stdout: loaded.stdout, error: loaded.error });
    if (!loaded.ok) return;
    for (const c of msg.cases) {
      platform.post({ type: "case-start", runId: msg.runId, index: c.index });
      const t0 = performance.now();
      let raw;
      try {
        raw = String(sandbox.evaluate(`__lb.run(${JSON.stringify(msg.entry)}, ${JSON.stringify(c.argsJson)}, ${Number(msg.outputBytes)})`));
      } catch (err) {
        const text = String((err && err.message) || err);
        const kind = /call stack/i.test(text) ? "recursion" : /memory|allocation/i.test(text) ? "memory" : "crash";
        raw = JSON.stringify({ ok: false, stdout: "", error: { kind, type: (err && err.name) || "Error", message: text, line: null } });
      }
      post(msg.runId, c.index, raw, performance.now() - t0);
    }
  }

  function post(runId, index, raw, durationMs) {
    // The result stays a JSON string made inside the sandbox: the host decodes it, so no object
    // the solution built crosses over.
    platform.post({ type: "case", runId, index, resultJson: raw, durationMs });
  }

  async function handle(msg) {
    try {
      if (msg.type === "init") {
        const t0 = performance.now();
        if (msg.language === "python") await initPython(msg.interruptBuffer);
        platform.post({ type: "ready", language: msg.language, ms: performance.now() - t0 });
        return;
      }
      if (msg.type === "run") {
        if (msg.language === "python") {
          if (!py) await initPython();
          runPython(msg);
        } else {
          runTypeScript(msg);
        }
        platform.post({ type: "done", runId: msg.runId });
      }
    } catch (err) {
      platform.post({ type: "init-error", message: String((err && err.stack) || err) });
    }
  }

  return { handle };
}

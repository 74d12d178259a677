"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { CodeEditor } from "@/components/editor/code-editor";
import type { CodingAnswer } from "@/lib/grading/answers";
import { markRoundActivity } from "@/lib/loop/round-activity";
import { getBrowserRunner, onRuntimeState, runtimeState, warmRuntime, type CaseResult, type Language, type RunError, type RunResult, type RuntimeState } from "@/lib/runner/browser";
import type { PublicCodingView } from "@/lib/scenarios/kinds/coding";
import type { RoundProps } from "./types";

type ViewState = { kind: "loading" } | { kind: "ready"; view: PublicCodingView } | { kind: "error"; message: string };

/** The coding round: Monaco, the visible tests run in a Web Worker (Ctrl/Cmd+Enter), every run logged for review. */
export function CodingRound({ scenario, answer, onChange, disabled, sessionId, position }: RoundProps<CodingAnswer>) {
  const fromProps = (scenario as typeof scenario & { coding?: PublicCodingView }).coding;
  const [state, setState] = useState<ViewState>(fromProps ? { kind: "ready", view: fromProps } : { kind: "loading" });
  const languages = (state.kind === "ready" ? state.view.languages : (scenario.languages as Language[] | undefined)) ?? ["python"];
  const language = answer.language;
  const starter = state.kind === "ready" ? state.view.starter : (scenario.starter ?? {});

  useEffect(() => {
    if (fromProps) return;
    let live = true;
    fetch(`/api/scenarios/${encodeURIComponent(scenario.id)}/visible-tests`)
      .then(async (r) => {
        const body = await r.json();
        if (!r.ok) throw new Error(body.error ?? `HTTP ${r.status}`);
        if (live) setState({ kind: "ready", view: body as PublicCodingView });
      })
      .catch((err: Error) => live && setState({ kind: "error", message: `Could not load the visible tests: ${err.message}` }));
    return () => {
      live = false;
    };
  }, [scenario.id, fromProps]);

  const buffers = useLanguageBuffers(sessionId, position);
  useEffect(() => buffers.save(answer.language, answer.code), [buffers, answer.language, answer.code]);
  const runtime = useRuntime(language);
  // The runtime starts as the round opens, while the candidate reads the statement (Python takes
  // seconds): without waiting for the visible tests when they come by fetch; not for a round known ungraded.
  const ungraded = state.kind === "ready" && !state.view.graded;
  useEffect(() => {
    if (!ungraded) void warmRuntime(language).catch(() => undefined);
  }, [language, ungraded]);

  const [running, setRunning] = useState(false);
  const [partial, setPartial] = useState<(CaseResult | undefined)[]>([]);
  const [result, setResult] = useState<RunResult | null>(null);
  const [logNote, setLogNote] = useState<string | null>(null);
  const log = useRunLog(sessionId, position);
  const answerRef = useRef(answer);
  answerRef.current = answer;

  const run = useCallback(async () => {
    if (running || disabled || state.kind !== "ready") return;
    const view = state.view;
    const { language: lang, code } = answerRef.current;
    const entry = view.entry[lang];
    if (!entry) return;
    setRunning(true);
    setResult(null);
    setPartial([]);
    const t0 = performance.now();
    try {
      const r = await getBrowserRunner().run({
        language: lang,
        code,
        entry: entry.function,
        tests: view.visibleTests.map((t) => ({ ...t, hidden: false })),
        checker: view.checker,
        limits: view.limits,
        onCase: (c, i) => setPartial((p) => Object.assign([...p], { [i]: c })),
      });
      setResult(r);
      markRoundActivity(sessionId, position);
      if (r.restarts > 0) void warmRuntime(lang).catch(() => undefined);
      const note = await log({ language: lang, code, results: trimForLog(r), durationMs: Math.round(performance.now() - t0) });
      setLogNote(note);
    } finally {
      setRunning(false);
    }
  }, [running, disabled, state, log, sessionId, position]);

  const markers = useMemo(() => errorMarkers(result), [result]);

  if (state.kind === "error") return <p className="alert error" role="alert">{state.message}</p>;
  const view = state.kind === "ready" ? state.view : null;
  const entry = view?.entry[language];
  const shown = result?.cases ?? partial;

  return (
    <div className="card stack">
      <div className="row" style={{ alignItems: "center", flexWrap: "wrap", gap: 12 }}>
        <label htmlFor="code-language" style={{ margin: 0 }}>Language</label>
        <select
          id="code-language"
          value={language}
          disabled={disabled || running}
          onChange={(e) => {
            const next = e.target.value as CodingAnswer["language"];
            // One buffer per language: keep this one, reopen the other where it was left (or its starter).
            buffers.save(answer.language, answer.code);
            setResult(null);
            setPartial([]);
            onChange({ language: next, code: buffers.load(next) ?? starter[next] ?? "" });
          }}
        >
          {languages.map((l) => (
            <option key={l} value={l}>{l === "python" ? "Python" : "TypeScript"}</option>
          ))}
        </select>
        {entry && (
          <span className="small">
            Write <code>{entry.signature}</code>
          </span>
        )}
      </div>

      {view && <Examples view={view} language={language} />}

      <CodeEditor label="Code" language={language} value={answer.code} readOnly={disabled} onChange={(code) => onChange({ ...answer, code })} onRun={() => void run()} markers={markers} />

      <p className="muted small" data-testid="editor-keyboard-hint">
        In the editor, Tab indents. To move focus out with the keyboard, press <kbd>Esc</kbd> then <kbd>Tab</kbd>, or toggle Tab
        moving focus with <kbd>Ctrl</kbd>+<kbd>M</kbd> (<kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>M</kbd> on a Mac).
      </p>

      {view && !view.graded ? (
        <p className="muted small">This scenario has no tests: your code is autosaved and kept for review, and the round is not auto-graded.</p>
      ) : (
        <>
          <div className="row" style={{ alignItems: "center", gap: 12, flexWrap: "wrap" }}>
            <button type="button" className="primary" onClick={() => void run()} disabled={disabled || running || !view || !entry || runtime.phase === "error"}>
              {running ? "Running…" : "Run visible tests"}
            </button>
            <span className="muted small">
              <kbd>Ctrl</kbd>/<kbd>⌘</kbd>+<kbd>Enter</kbd> runs them. {view ? `${view.visibleTests.length} visible, ${view.hiddenCount} hidden; ` : ""}
              submitting runs the hidden tests on the server: every hidden test must pass (large cases within a time limit set by the reference solution) for a Yes. Limit {view ? view.limits.timeMs : "…"} ms per test.
            </span>
          </div>
          <RuntimeStatus language={language} state={runtime} />
          {view && entry && <CustomRun view={view} language={language} entry={entry.function} code={answer.code} disabled={disabled || running || runtime.phase === "error"} />}
          <Results result={result} cases={shown} running={running} total={view?.visibleTests.length ?? 0} logNote={logNote} />
        </>
      )}
    </div>
  );
}

/**
 * The code of each language, kept in the tab's sessionStorage so switching language (or reloading)
 * returns to what was written there. The saved answer holds the language being submitted.
 */
function useLanguageBuffers(sessionId: string | undefined, position: number | undefined) {
  return useMemo(() => {
    const key = (l: string) => `loopbench:code:${sessionId ?? "local"}:${position ?? 0}:${l}`;
    return {
      save(l: string, code: string) {
        try {
          sessionStorage.setItem(key(l), code);
        } catch {
          /* storage full or blocked: the other language reopens with its starter */
        }
      },
      load(l: string): string | null {
        try {
          return sessionStorage.getItem(key(l));
        } catch {
          return null;
        }
      },
    };
  }, [sessionId, position]);
}

/**
 * The console: run the function on arguments of the candidate's choosing and see what it returns and
 * prints, as on LeetCode's "custom input". Nothing is checked and nothing is logged as a test run.
 */
function CustomRun({ view, language, entry, code, disabled }: { view: PublicCodingView; language: Language; entry: string; code: string; disabled: boolean }) {
  const [input, setInput] = useState(() => JSON.stringify(view.visibleTests[0]?.args ?? []));
  const [out, setOut] = useState<{ text: string; stdout: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = "custom-input";
  const go = async () => {
    let args: unknown;
    try {
      args = JSON.parse(input);
    } catch (err) {
      setOut({ text: `The input is not JSON: ${(err as Error).message}`, stdout: "", error: true });
      return;
    }
    if (!Array.isArray(args)) {
      setOut({ text: "Write the arguments as a JSON array, e.g. [[1, 2, 3], 2]", stdout: "", error: true });
      return;
    }
    setBusy(true);
    try {
      const r = await getBrowserRunner().run({ language, code, entry, tests: [{ name: "custom input", args, expected: null }], checker: { kind: "exact" }, limits: view.limits });
      const c = r.cases[0];
      if (r.loadError) setOut({ text: `${r.loadError.type}${r.loadError.line ? ` at line ${r.loadError.line}` : ""}: ${r.loadError.message}`, stdout: r.loadStdout, error: true });
      else if (c?.error) setOut({ text: `${c.error.type}${c.error.line ? ` at line ${c.error.line}` : ""}: ${c.error.message}`, stdout: c.stdout, error: true });
      else setOut({ text: `${entry} returned ${JSON.stringify(c?.actual)} in ${c?.durationMs ?? 0} ms`, stdout: c?.stdout ?? "", error: false });
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="stack">
      <summary>Console: run with your own input</summary>
      <label htmlFor={id} className="small">
        Arguments as a JSON array (calls <code>{entry}(...)</code>)
      </label>
      <textarea id={id} className="mono small" rows={2} value={input} onChange={(e) => setInput(e.target.value)} spellCheck={false} />
      <div>
        <button type="button" onClick={() => void go()} disabled={disabled || busy}>
          {busy ? "Running…" : "Run with this input"}
        </button>
      </div>
      {out && (
        <div role="status" aria-live="polite" data-testid="console-output">
          <p className="small" style={{ margin: "4px 0", color: out.error ? "var(--danger)" : undefined }}>{out.text}</p>
          <pre className="small mono" aria-label="Printed output" style={{ maxHeight: 200, overflow: "auto" }}>{out.stdout || "(nothing printed)"}</pre>
        </div>
      )}
    </details>
  );
}

/** Worked examples: the visible tests as calls with their results, and the scenario's explanation. */
function Examples({ view, language }: { view: PublicCodingView; language: Language }) {
  const entry = view.entry[language];
  if (!entry || view.visibleTests.length === 0) return null;
  const show = (v: unknown) => {
    const text = JSON.stringify(v);
    return text.length > 160 ? `${text.slice(0, 157)}…` : text;
  };
  const call = (args: unknown[]) => `${entry.function}(${args.map(show).join(", ")})`;
  return (
    <section aria-label="Examples" className="stack small">
      <strong>Examples</strong>
      {view.visibleTests.map((t) => (
        <div key={t.name} className="card" style={{ padding: 8 }}>
          <code style={{ overflowWrap: "anywhere" }}>
            {call(t.args)} → {show(t.expected)}
          </code>
          {t.explain ? <div className="muted">{t.explain}</div> : null}
        </div>
      ))}
    </section>
  );
}

function useRuntime(language: Language): RuntimeState {
  const [s, setS] = useState<RuntimeState>(() => runtimeState(language));
  useEffect(() => {
    setS(runtimeState(language));
    return onRuntimeState((l, next) => l === language && setS(next));
  }, [language]);
  return s;
}

function RuntimeStatus({ language, state }: { language: Language; state: RuntimeState }) {
  if (state.phase === "idle") return null;
  const name = language === "python" ? "Python" : "TypeScript";
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const text =
    state.phase === "ready"
      ? `${name} runtime ready.`
      : state.phase === "error"
        ? `${name} runtime failed: ${state.message}`
        : `${state.message}${state.loaded !== undefined ? ` (${mb(state.loaded)}${state.total ? ` of ${mb(state.total)}` : ""} MB)` : ""}…`;
  return (
    <div className="small muted" role="status" aria-live="polite" data-runtime={state.phase}>
      {state.phase === "loading" && state.total ? <progress max={state.total} value={state.loaded ?? 0} style={{ marginRight: 8, verticalAlign: "middle" }} aria-label={`${name} download`} /> : null}
      {text}
    </div>
  );
}

function Results({ result, cases, running, total, logNote }: { result: RunResult | null; cases: (CaseResult | undefined)[]; running: boolean; total: number; logNote: string | null }) {
  if (!result && !running) return null;
  const done = cases.filter(Boolean).length;
  const passed = cases.filter((c) => c?.status === "pass").length;
  return (
    <section aria-label="Test results" className="stack">
      <p role="status" aria-live="polite" data-run-summary={result ? result.status : "running"}>
        {result
          ? result.status === "ok"
            ? `${passed}/${result.total} visible tests passed in ${result.durationMs} ms.`
            : result.status === "load-error"
              ? "Your code did not load."
              : "The runner failed."
          : `Running… ${done}/${total}`}
        {result && result.restarts > 0 ? " The worker was restarted after a limit was hit." : ""}
      </p>
      {result?.loadError && <ErrorBox error={result.loadError} stdout={result.loadStdout} />}
      {result && logNote && <p className="muted small">{logNote}</p>}
      <ol className="stack" style={{ listStyle: "none", padding: 0 }}>
        {cases.map((c, i) => (c ? <CaseRow key={i} c={c} /> : null))}
      </ol>
    </section>
  );
}

function CaseRow({ c }: { c: CaseResult }) {
  const label = c.status === "pass" ? "✓ PASS" : c.status === "fail" ? "FAIL" : c.status === "error" ? "ERROR" : "NOT RUN";
  // The page's own colours: --ok (#2b8a3e) is 4.2:1 on white, under AA for small bold text, so a pass
  // reads in the text colour with a check mark; failures in --danger, which passes in light and dark.
  const color = c.status === "pass" ? "var(--fg)" : "var(--danger)";
  return (
    <li data-testid="test-result" data-status={c.status} className="card" style={{ padding: 8 }}>
      <div className="row" style={{ gap: 8 }}>
        <strong style={{ color }}>{label}</strong>
        <span>{c.name}</span>
        <span className="muted small">{c.durationMs} ms</span>
      </div>
      <dl className="small mono" style={{ margin: "4px 0 0", display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: 8 }}>
        <dt>args</dt>
        <dd style={{ margin: 0, overflowWrap: "anywhere" }}>{short(c.args)}</dd>
        <dt>expected</dt>
        <dd style={{ margin: 0, overflowWrap: "anywhere" }}>{short(c.expected)}</dd>
        {c.actual !== undefined && (
          <>
            <dt>actual</dt>
            <dd style={{ margin: 0, overflowWrap: "anywhere" }}>{short(c.actual)}</dd>
          </>
        )}
      </dl>
      {c.mismatch && <p className="small" style={{ margin: "4px 0" }}>{c.mismatch}</p>}
      {c.error && <ErrorBox error={c.error} />}
      {c.stdout && (
        <details open={c.status !== "pass"}>
          <summary className="small">stdout</summary>
          <pre className="small" style={{ maxHeight: 200, overflow: "auto" }}>{c.stdout}</pre>
        </details>
      )}
    </li>
  );
}

function ErrorBox({ error, stdout }: { error: RunError; stdout?: string }) {
  const what =
    error.kind === "timeout" ? "Time limit" : error.kind === "recursion" ? "Recursion too deep" : error.kind === "memory" ? "Out of memory" : error.kind === "output-limit" ? "Output limit" : error.type;
  return (
    <div className="alert error small" data-error-kind={error.kind}>
      <strong>{what}</strong>
      {error.line ? ` at line ${error.line}` : ""}: {error.message}
      {stdout ? <pre style={{ maxHeight: 160, overflow: "auto" }}>{stdout}</pre> : null}
    </div>
  );
}

function short(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

function errorMarkers(r: RunResult | null): { line: number; message: string }[] {
  if (!r) return [];
  const errs = [r.loadError, ...r.cases.map((c) => c.error)].filter((e): e is RunError => !!e && !!e.line);
  const seen = new Set<number>();
  return errs.filter((e) => !seen.has(e.line!) && seen.add(e.line!)).map((e) => ({ line: e.line!, message: `${e.type}: ${e.message}` }));
}

/** What the event log keeps of a run: capped, so a noisy run still fits the request limit. */
function trimForLog(r: RunResult) {
  const cap = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
  const err = (e: RunError | undefined) => (e ? { ...e, type: cap(e.type, 100), message: cap(e.message, 2000) } : undefined);
  return {
    status: r.status,
    loadError: err(r.loadError),
    loadStdout: cap(r.loadStdout, 4000),
    cases: r.cases.slice(0, 100).map((c) => {
      const actual = c.actual === undefined ? undefined : JSON.stringify(c.actual).length > 4000 ? `${JSON.stringify(c.actual).slice(0, 4000)}…` : c.actual;
      return { name: cap(c.name, 80), status: c.status, actual, mismatch: c.mismatch ? cap(c.mismatch, 500) : undefined, stdout: cap(c.stdout, 4000), error: err(c.error), durationMs: c.durationMs };
    }),
    passed: r.passed,
    total: r.total,
  };
}

/** Records each run in the round's event log, so the review page can replay it. */
function useRunLog(sessionId: string, position: number) {
  return useCallback(
    async (payload: unknown): Promise<string | null> => {
      try {
        const res = await fetch(`/api/sessions/${sessionId}/rounds/${position}/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
        if (res.ok) return null;
        const body = await res.json().catch(() => ({}));
        return `This run was not recorded: ${body.error ?? `HTTP ${res.status}`}`;
      } catch (err) {
        return `This run was not recorded: ${(err as Error).message}`;
      }
    },
    [sessionId, position],
  );
}

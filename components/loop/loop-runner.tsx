"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Interviewer } from "@/components/rounds/types";
import type { RoundView, SessionView } from "@/lib/loop/service";
import { Countdown } from "./countdown";
import { RoundHeading } from "./round-heading";
import { formatDuration } from "@/lib/time";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { hadRoundActivity } from "@/lib/loop/round-activity";
import { emptyParts } from "@/lib/loop/submit-check";

// One chunk per round kind: a page loads the code of the round it shows, not of all five.
const loadingRound = () => <p className="muted" role="status">Loading the round…</p>;
const DesignRound = dynamic(() => import("@/components/rounds/design-round").then((m) => m.DesignRound), { loading: loadingRound });
const BehavioralRound = dynamic(() => import("@/components/rounds/behavioral-round").then((m) => m.BehavioralRound), { loading: loadingRound });
const ModelingRound = dynamic(() => import("@/components/rounds/modeling-round").then((m) => m.ModelingRound), { loading: loadingRound });
const CodingRound = dynamic(() => import("@/components/rounds/coding-round").then((m) => m.CodingRound), { loading: loadingRound });
const KernelRound = dynamic(() => import("@/components/rounds/kernel-round").then((m) => m.KernelRound), { loading: loadingRound });
// A grade shows only after a round is submitted: its code (with the coding debrief) loads then.
const GradeDetails = dynamic(() => import("./grade-details").then((m) => m.GradeDetails), {
  loading: () => <p className="muted" role="status">Loading the grade…</p>,
});

const AUTOSAVE_MS = 3000;
/** Matches the server's save grace (lib/loop/engine.ts SAVE_GRACE_MS) plus a margin. */
const DEADLINE_CHECK_MS = 3800;
/** After the deadline, how often and how long the page asks whether the server has submitted the round. */
const DEADLINE_POLL_MS = 2000;
const DEADLINE_POLLS = 180;

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: string } | { kind: "error"; message: string };

function emptyAnswer(round: RoundView): unknown {
  const s = round.scenario;
  switch (round.kind) {
    case "design":
      return { sections: {} };
    case "behavioral":
      return { situation: "", task: "", action: "", result: "" };
    case "modeling":
      return { values: {}, assumptions: "" };
    case "coding": {
      const language = (s.languages?.[0] ?? "python") as "python" | "typescript";
      return { language, code: s.starter?.[language] ?? "" };
    }
    case "kernel":
      return { source: s.starter?.wgsl ?? "" };
    default:
      return {};
  }
}

async function api(path: string, body?: unknown, init?: RequestInit) {
  const res = await fetch(path, {
    method: body === undefined && !init?.method ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    ...init,
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(data.error ?? `HTTP ${res.status}`), { status: res.status });
  return data;
}

/**
 * The running loop. `prompts` are the rounds' prompts rendered to HTML on the server (by position),
 * so the Markdown renderer never ships to the browser for them.
 */
export function LoopRunner({ initial, prompts }: { initial: SessionView; prompts: Record<number, ReactNode> }) {
  const [view, setView] = useState(initial);
  const [offset, setOffset] = useState(() => new Date(initial.serverNow).getTime() - Date.now());
  const current = view.currentPosition === null ? null : view.rounds[view.currentPosition];
  const lastDone = [...view.rounds].reverse().find((r) => r.status === "submitted");
  const [draft, setDraft] = useState<unknown>(() => (current ? (current.answer ?? emptyAnswer(current)) : null));
  const dirty = useRef(false);
  const draftRef = useRef(draft);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/sessions/${view.id}/rounds/${current?.position ?? 0}`;

  const refresh = useCallback(async () => {
    const next: SessionView = await api(`/api/sessions/${view.id}`);
    setOffset(new Date(next.serverNow).getTime() - Date.now());
    setView(next);
    return next;
  }, [view.id]);

  // A new current round (or a reload) starts from what the server saved.
  const currentKey = current ? `${current.position}:${current.status === "pending" ? "p" : "a"}` : "none";
  // On the first render the draft already holds it: replacing it then would re-render the round
  // before its lazily loaded code arrives, and React would drop the server-rendered round for the
  // loading placeholder.
  const draftKey = useRef(currentKey);
  useEffect(() => {
    if (!current) return;
    if (draftKey.current !== currentKey) {
      draftKey.current = currentKey;
      const a = current.answer ?? emptyAnswer(current);
      setDraft(a);
      draftRef.current = a;
      dirty.current = false;
    }
    setSave(current.answerSavedAt ? { kind: "saved", at: current.answerSavedAt } : { kind: "idle" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [currentKey]);

  const editable = !!current && (current.status === "active" || current.status === "paused");

  const saveNow = useCallback(
    async (opts?: { keepalive?: boolean }) => {
      if (!current || !editable || !dirty.current) return;
      dirty.current = false;
      setSave({ kind: "saving" });
      try {
        const r = await api(`${base}/answer`, { answer: draftRef.current }, { keepalive: opts?.keepalive });
        setSave({ kind: "saved", at: r.savedAt });
      } catch (err) {
        const e = err as Error & { status?: number };
        if (e.status === 409) {
          setSave({ kind: "error", message: e.message });
          await refresh();
        } else {
          dirty.current = true; // keep the change and retry on the next tick
          setSave({ kind: "error", message: `Not saved yet (${e.message}); retrying.` });
        }
      }
    },
    [base, current, editable, refresh],
  );

  // Autosave every few seconds, and when the page is hidden or closed.
  useEffect(() => {
    const t = setInterval(() => void saveNow(), AUTOSAVE_MS);
    const onHide = () => void saveNow({ keepalive: true });
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      clearInterval(t);
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onHide);
    };
  }, [saveNow]);

  // Ctrl/Cmd+S saves now.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void saveNow();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [saveNow]);

  // The interviewer asks at each follow-up moment (design rounds): save first, so the question
  // reads the latest answer, then ask the server, which decides what is due and records it.
  const [asking, setAsking] = useState(false);
  const followupRetryAt = useRef(0);
  const askFollowup = useCallback(
    async (early: boolean) => {
      if (!current) return;
      setAsking(true);
      try {
        await saveNow();
        await api(`${base}/followup`, { early });
      } catch (err) {
        if (early) setError((err as Error).message);
        else followupRetryAt.current = Date.now() + 10_000; // the server refused: do not retry in a tight loop
      } finally {
        setAsking(false);
        await refresh().catch(() => {});
      }
    },
    [base, current, refresh, saveNow],
  );
  useEffect(() => {
    if (!current || current.nextFollowupInMs === null || current.status !== "active") return;
    const wait = Math.max(current.nextFollowupInMs + 250, followupRetryAt.current - Date.now());
    const t = setTimeout(() => void askFollowup(false), wait);
    return () => clearTimeout(t);
  }, [current, askFollowup]);

  // Submitting with time left asks first, naming what is still empty; at or past the deadline it does not.
  const [confirm, setConfirm] = useState<{ position: number; empty: string[]; leftMs: number } | null>(null);
  const leftMs = () => (current?.deadlineAt ? new Date(current.deadlineAt).getTime() - (Date.now() + offset) : 0);
  function requestSubmit() {
    if (!current) return;
    const left = current.status === "paused" ? current.remainingMs : leftMs();
    if (left <= 0) {
      void act("submit");
      return;
    }
    const ran = current.runs > 0 || hadRoundActivity(view.id, current.position);
    const empty = emptyParts({ kind: current.kind, scenario: current.scenario, answer: draftRef.current, followups: current.followups, ran });
    setConfirm({ position: current.position, empty, leftMs: left });
  }

  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const expiringPosition = current?.position;
  const onExpire = useCallback(async () => {
    // Save what is typed, then let the server submit the round at its deadline. A coding or kernel round
    // is graded in the background (its candidate code runs in the sandbox), so keep asking until it is in.
    setConfirm(null); // time is up: nothing is left to confirm
    await saveNow();
    for (let i = 0; i < DEADLINE_POLLS && mounted.current; i++) {
      await new Promise((r) => setTimeout(r, i === 0 ? DEADLINE_CHECK_MS : DEADLINE_POLL_MS));
      if (!mounted.current) return;
      try {
        const next = await refresh();
        const round = next.rounds.find((r) => r.position === expiringPosition);
        if (!round || round.status === "submitted") return;
      } catch {
        // A failed poll is retried.
      }
    }
  }, [refresh, saveNow, expiringPosition]);

  const change = useCallback((next: unknown) => {
    draftRef.current = next;
    dirty.current = true;
    setDraft(next);
  }, []);
  const interviewer = useMemo<Interviewer | undefined>(
    () =>
      current?.kind === "design"
        ? { followups: current.followups, left: current.followupsLeft, nextInMs: current.nextFollowupInMs, askNow: () => askFollowup(true), asking }
        : undefined,
    [current, askFollowup, asking],
  );

  async function act(action: "submit" | "pause" | "resume" | "start", position = current?.position ?? 0) {
    setBusy(true);
    setError(null);
    try {
      if (action === "submit") {
        await api(`/api/sessions/${view.id}/rounds/${position}/submit`, { answer: draftRef.current });
        dirty.current = false;
      } else {
        if (action === "pause") await saveNow();
        await api(`/api/sessions/${view.id}/rounds/${position}/${action}`, {});
      }
      await refresh();
    } catch (err) {
      setError((err as Error).message);
      await refresh().catch(() => {});
    } finally {
      setBusy(false);
    }
  }

  if (view.status === "completed" || !current) {
    return (
      <div className="card">
        <h2>Loop complete</h2>
        <p>Every round is submitted. {view.decision ? <>Decision: <strong>{view.decision}</strong>.</> : null}</p>
        <Link className="button primary" href={`/loop/${view.id}/debrief`}>See debrief</Link>
      </div>
    );
  }

  const showResult = current.status === "pending" && lastDone;

  return (
    <div>
      <div className="roundbar">
        <ol className="steps" aria-label="Rounds">
          {view.rounds.map((r) => (
            <li key={r.position} className={r.status === "submitted" ? "done" : r.position === current.position ? "current" : ""} aria-current={r.position === current.position ? "step" : undefined}>
              {r.position + 1}. {r.kind}
            </li>
          ))}
        </ol>
        {current.status !== "pending" && (
          <div className="row">
            <SaveIndicator state={save} />
            <Countdown
              key={`${current.position}-${current.deadlineAt}-${current.status}`}
              deadlineAt={current.deadlineAt}
              remainingMs={current.remainingMs}
              paused={current.status === "paused"}
              offsetMs={offset}
              onExpire={onExpire}
            />
            {view.mode === "practice" && (current.status === "paused" ? (
              <button type="button" onClick={() => act("resume")} disabled={busy}>Resume</button>
            ) : (
              <button type="button" onClick={() => act("pause")} disabled={busy}>Pause</button>
            ))}
            <button type="button" className="primary" onClick={requestSubmit} disabled={busy || current.status === "paused"}>
              Submit round
            </button>
          </div>
        )}
      </div>
      {error && <p className="alert error" role="alert">{error}</p>}
      <ConfirmDialog
        open={!!confirm && confirm.position === current.position && current.status === "active"}
        title="Submit this round now?"
        cancelLabel="Keep working"
        confirmLabel="Submit now"
        busy={busy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const position = confirm?.position;
          setConfirm(null);
          void act("submit", position);
        }}
      >
        <p style={{ marginTop: 0 }}>
          You have {formatDuration(Math.max(0, confirm?.leftMs ?? 0))} left. Submitting is final: the round is graded as it stands.
        </p>
        {confirm?.empty.length ? (
          <>
            <p style={{ marginBottom: 0 }}>Still empty:</p>
            <ul data-testid="submit-empty">
              {confirm.empty.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>Every part has an answer.</p>
        )}
      </ConfirmDialog>

      {showResult ? (
        <section className="card" aria-labelledby="between-rounds">
          <h2 id="between-rounds">Round {lastDone.position + 1} submitted{lastDone.submitReason === "deadline" ? " at its deadline" : ""}</h2>
          {lastDone.submitReason === "deadline" && <p>Time ran out: your last saved answer was submitted automatically.</p>}
          <p>
            Score: <strong>{lastDone.score === null ? "not auto-graded" : `${lastDone.score}/100`}</strong>
            {lastDone.grade?.decision ? <> — {lastDone.grade.decision}</> : null}
          </p>
          <p className="muted">The full evidence is in the debrief. Next up: {current.title}{current.title.endsWith(current.scenario.title) ? "" : ` — ${current.scenario.title}`} ({formatDuration(current.durationMs)}).</p>
          <button type="button" className="primary" onClick={() => act("start", current.position)} disabled={busy} autoFocus>
            Next round
          </button>
        </section>
      ) : current.status === "pending" ? (
        <section className="card">
          <RoundHeading title={current.title} scenarioTitle={current.scenario.title} />
          <button type="button" className="primary" onClick={() => act("start", current.position)} disabled={busy}>Start round</button>
        </section>
      ) : (
        <section aria-labelledby="round-title">
          <RoundHeading id="round-title" level={1} title={current.title} scenarioTitle={current.scenario.title} style={{ marginTop: 16, marginBottom: 4 }} />
          <p className="muted small">
            Round {current.position + 1} of {view.rounds.length} · {view.templateTitle} · {view.mode} mode · answers autosave every {AUTOSAVE_MS / 1000} s (<kbd>Ctrl</kbd>+<kbd>S</kbd> saves now)
          </p>
          <div className="card">{prompts[current.position] ?? <p>{current.scenario.prompt}</p>}</div>
          {current.status === "paused" && <p className="alert">Paused. The clock is stopped; resume to keep writing.</p>}
          <div onBlur={() => void saveNow()}>
            <RoundBody
              sessionId={view.id}
              round={current}
              answer={draft}
              onChange={change}
              disabled={current.status !== "active"}
              interviewer={interviewer}
            />
          </div>
        </section>
      )}
      {lastDone?.grade && showResult ? <GradeDetails grade={lastDone.grade} compact /> : null}
    </div>
  );
}

// Memoised: the countdown and the save indicator re-render the runner often; the round re-renders
// only when its own props change.
const RoundBody = memo(function RoundBody({
  sessionId,
  round,
  answer,
  onChange,
  disabled,
  interviewer,
}: {
  sessionId: string;
  round: RoundView;
  answer: unknown;
  onChange: (a: unknown) => void;
  disabled: boolean;
  interviewer?: Interviewer;
}) {
  const props = { scenario: round.scenario, answer: answer as never, onChange, disabled, sessionId, position: round.position };
  switch (round.kind) {
    case "design":
      return <DesignRound {...props} interviewer={interviewer} />;
    case "behavioral":
      return <BehavioralRound {...props} />;
    case "modeling":
      return <ModelingRound {...props} />;
    case "coding":
      return <CodingRound {...props} />;
    case "kernel":
      return <KernelRound {...props} />;
    default:
      return <p className="alert">This round kind ({round.kind}) is not supported by this version.</p>;
  }
});

function SaveIndicator({ state }: { state: SaveState }) {
  const text =
    state.kind === "saving" ? "Saving…" : state.kind === "saved" ? `Saved ${new Date(state.at).toLocaleTimeString()}` : state.kind === "error" ? state.message : "Not saved yet";
  return (
    <span className={`saved${state.kind === "error" ? " error" : ""}`} role="status" aria-live="polite" data-save-state={state.kind}>
      {text}
    </span>
  );
}

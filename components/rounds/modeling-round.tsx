"use client";
import { useCallback, useMemo, useRef, useState } from "react";
import type { ModelingAnswer, ModelingValue, ScratchpadOutput } from "@/lib/grading/answers";
import { unitFromName, scratchpadOptions, type UseOption } from "@/lib/scratchpad/use-options";
import { unitsFor, type BaseUnit } from "@/lib/units";
import styles from "./modeling.module.css";
import { DEFAULT_SCRATCHPAD, Scratchpad } from "./scratchpad";
import type { RoundProps } from "./types";

type Question = NonNullable<RoundProps<ModelingAnswer>["scenario"]["questions"]>[number];

const parse = (s: string) => (s === "" ? null : Number(s));

/**
 * The modeling round: a Python scratchpad to compute or simulate, numeric answers as a value or a
 * range (low-high) in any unit of the right dimension, each fillable from a scratchpad result, and
 * the assumptions. Everything, scratchpad included, is one answer that autosaves.
 */
export function ModelingRound({ scenario, answer, onChange, disabled }: RoundProps<ModelingAnswer>) {
  const questions = scenario.questions ?? [];
  // Async results (a run finishing) must apply to the answer as it is then, not as it was when the run started.
  const latest = useRef(answer);
  latest.current = answer;
  const code = answer.scratchpad?.code ?? scenario.scratchpad?.starter ?? DEFAULT_SCRATCHPAD;
  const output = answer.scratchpad?.output ?? null;
  const options = useMemo(() => scratchpadOptions(output), [output]);

  const onCode = useCallback((next: string) => onChange({ ...latest.current, scratchpad: { code: next, output: latest.current.scratchpad?.output ?? null } }), [onChange]);
  const onOutput = useCallback(
    (o: ScratchpadOutput, ran: string) => onChange({ ...latest.current, scratchpad: { code: latest.current.scratchpad?.code ?? ran, output: o } }),
    [onChange],
  );

  return (
    <div className="stack">
      <Scratchpad code={code} output={output} disabled={disabled} onCode={onCode} onOutput={onOutput} />
      <section className="card" aria-labelledby="answers-heading">
        <h2 id="answers-heading" style={{ margin: "0 0 4px", fontSize: 18 }}>Answers</h2>
        <p className="muted small" style={{ marginTop: 0 }}>
          Give each answer as a value or, when you are unsure, a range. A range that contains the expected value earns credit in proportion to how tight it is; a
          value or range that misses it earns nothing.
        </p>
        {questions.map((q, i) => (
          <QuestionField
            key={q.id}
            q={q}
            index={i}
            value={answer.values[q.id]}
            options={options}
            disabled={disabled}
            onChange={(v) => onChange({ ...latest.current, values: { ...latest.current.values, [q.id]: v } })}
          />
        ))}
      </section>
      <div className="card">
        <label htmlFor="assumptions">Assumptions</label>
        <p className="muted small" id="assumptions-hint" style={{ marginTop: 0 }}>
          State what you assumed (distributions, rates, units, overheads), what your model leaves out, and how sure you are. Comments in the scratchpad count too. Clear
          assumptions earn credit even when a number is off.
        </p>
        <textarea id="assumptions" aria-describedby="assumptions-hint" value={answer.assumptions} disabled={disabled} onChange={(e) => onChange({ ...latest.current, assumptions: e.target.value })} />
      </div>
    </div>
  );
}

function QuestionField({ q, index, value, options, disabled, onChange }: { q: Question; index: number; value: ModelingValue | undefined; options: UseOption[]; disabled: boolean; onChange: (v: ModelingValue) => void }) {
  const units = unitsFor(q.unit as BaseUnit);
  const current: ModelingValue = value ?? { value: null, unit: units.includes(q.unit) ? q.unit : units[0] };
  const mode = current.mode ?? "value";
  const n = index + 1;
  // Typing replaces a number that came from the scratchpad, so the "from" note no longer applies.
  const set = (patch: Partial<ModelingValue>, keepFrom = false) => onChange({ ...current, ...patch, ...(keepFrom ? {} : { from: undefined }) });
  const [pick, setPick] = useState("");
  const chosen = options.find((o) => o.key === pick);

  function use(o: UseOption) {
    const unit = unitFromName(o.from, units) ?? current.unit;
    if (o.mode === "value") set({ mode: "value", value: o.value, unit, from: o.from }, true);
    else set({ mode: "range", low: o.low, high: o.high, unit, from: o.from }, true);
  }

  return (
    <div className={styles.question} data-question={q.id}>
      <label htmlFor={mode === "value" ? `q-${q.id}` : `q-${q.id}-low`} id={`q-${q.id}-label`} style={{ fontWeight: 600, display: "block", marginBottom: 6 }}>
        {n}. {q.prompt}
      </label>
      <div className="row">
        <div className={styles.modes} role="radiogroup" aria-label={`Answer ${n} as`}>
          {(["value", "range"] as const).map((m) => (
            <label key={m}>
              <input type="radio" name={`mode-${q.id}`} value={m} checked={mode === m} disabled={disabled} onChange={() => set({ mode: m }, true)} />
              <span>{m === "value" ? "Value" : "Range"}</span>
            </label>
          ))}
        </div>
        <div className={`row ${styles.numbers}`}>
          {mode === "value" ? (
            <input id={`q-${q.id}`} type="number" step="any" inputMode="decimal" value={current.value ?? ""} disabled={disabled} onChange={(e) => set({ value: parse(e.target.value) })} />
          ) : (
            <>
              <input id={`q-${q.id}-low`} aria-label={`Low end for question ${n}`} type="number" step="any" inputMode="decimal" value={current.low ?? ""} disabled={disabled} onChange={(e) => set({ low: parse(e.target.value) })} />
              <span aria-hidden="true">–</span>
              <input aria-label={`High end for question ${n}`} type="number" step="any" inputMode="decimal" value={current.high ?? ""} disabled={disabled} onChange={(e) => set({ high: parse(e.target.value) })} />
            </>
          )}
          <select aria-label={`Unit for question ${n}`} value={current.unit} disabled={disabled} onChange={(e) => set({ unit: e.target.value }, true)}>
            {units.map((u) => (
              <option key={u} value={u}>{u || "(count)"}</option>
            ))}
          </select>
        </div>
      </div>
      {mode === "range" && current.low != null && current.high != null && current.low > current.high && (
        <p className="small" style={{ color: "var(--warn)", margin: "4px 0 0" }}>The low end is above the high end; they will be read the other way round.</p>
      )}
      {current.from && <p className={styles.from} style={{ margin: "4px 0 0" }}>From the scratchpad: {current.from}</p>}
      {options.length > 0 && !disabled && (
        <div className={`row ${styles.use}`}>
          <select aria-label={`Scratchpad result for question ${n}`} value={chosen?.key ?? ""} onChange={(e) => setPick(e.target.value)} className="small">
            <option value="">Fill from a scratchpad result…</option>
            {options.map((o) => (
              <option key={o.key} value={o.key}>{o.label}</option>
            ))}
          </select>
          <button type="button" className="small" disabled={!chosen} onClick={() => chosen && use(chosen)} aria-label={`Use this value for question ${n}`}>
            Use this value
          </button>
        </div>
      )}
    </div>
  );
}

"use client";
import type { ModelingAnswer } from "@/lib/grading/answers";
import { unitsFor, type BaseUnit } from "@/lib/units";
import type { RoundProps } from "./types";

/** Numeric questions with a unit picker per answer (any unit of the right dimension), and assumptions. */
export function ModelingRound({ scenario, answer, onChange, disabled }: RoundProps<ModelingAnswer>) {
  const questions = scenario.questions ?? [];
  return (
    <div className="stack">
      {questions.map((q, i) => {
        const units = unitsFor(q.unit as BaseUnit);
        const current = answer.values[q.id] ?? { value: null, unit: units.includes(q.unit) ? q.unit : units[0] };
        const set = (patch: Partial<typeof current>) => onChange({ ...answer, values: { ...answer.values, [q.id]: { ...current, ...patch } } });
        return (
          <div key={q.id} className="card">
            <label htmlFor={`q-${q.id}`}>
              {i + 1}. {q.prompt}
            </label>
            <div className="row">
              <input
                id={`q-${q.id}`}
                type="number"
                step="any"
                inputMode="decimal"
                value={current.value ?? ""}
                disabled={disabled}
                onChange={(e) => set({ value: e.target.value === "" ? null : Number(e.target.value) })}
              />
              <select aria-label={`Unit for question ${i + 1}`} value={current.unit} disabled={disabled} onChange={(e) => set({ unit: e.target.value })}>
                {units.map((u) => (
                  <option key={u} value={u}>{u || "(count)"}</option>
                ))}
              </select>
            </div>
          </div>
        );
      })}
      <div className="card">
        <label htmlFor="assumptions">Assumptions</label>
        <p className="muted small" id="assumptions-hint" style={{ marginTop: 0 }}>
          State what you assumed (efficiencies, GB vs GiB, overheads) and what you left out. Clear assumptions earn credit even when a number is off.
        </p>
        <textarea id="assumptions" aria-describedby="assumptions-hint" value={answer.assumptions} disabled={disabled} onChange={(e) => onChange({ ...answer, assumptions: e.target.value })} />
      </div>
    </div>
  );
}

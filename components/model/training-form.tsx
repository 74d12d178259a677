"use client";

import { TRAINING_DEFAULTS, TRAINING_FIELDS as F } from "./training-fields";
import type { FormOptions } from "./sandbox-fields";
import { useUrlState } from "./url-state";
import styles from "./model.module.css";

/** The training run's fields; the server computes the figures from the URL (training-panel.tsx). */
export function TrainingForm({ options, invalid }: { options: FormOptions; invalid: string[] }) {
  const { q, set } = useUrlState();
  const val = (k: string) => q.get(k) ?? F[k]?.def ?? "";
  const field = (k: string) => (
    <div className={styles.field} key={k}>
      <label htmlFor={`tr-${k}`}>{F[k].label}</label>
      <input id={`tr-${k}`} type="number" min={F[k].min} max={F[k].max} step={F[k].int ? 1 : "any"} value={val(k)} aria-invalid={invalid.includes(k)} onChange={(e) => set({ [k]: e.target.value })} />
    </div>
  );
  return (
    <form className={`${styles.panel} ${styles.form}`} aria-label="Training run" onSubmit={(e) => e.preventDefault()}>
      <div className={styles.field}>
        <label htmlFor="tr-model">Model</label>
        <select id="tr-model" value={q.get("t.model") ?? TRAINING_DEFAULTS.model} onChange={(e) => set({ "t.model": e.target.value })}>{options.models.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}</select>
      </div>
      <div className={styles.field}>
        <label htmlFor="tr-gpu">GPU</label>
        <select id="tr-gpu" value={q.get("t.gpu") ?? TRAINING_DEFAULTS.gpu} onChange={(e) => set({ "t.gpu": e.target.value })}>{options.gpus.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}</select>
      </div>
      <div className={styles.field}>
        <label htmlFor="tr-prec">Math precision</label>
        <select id="tr-prec" value={q.get("t.prec") ?? TRAINING_DEFAULTS.prec} onChange={(e) => set({ "t.prec": e.target.value })}>{options.precisions.map((p) => <option key={p} value={p}>{p}</option>)}</select>
      </div>
      {Object.keys(F).map(field)}
      <label className={styles.check}><input type="checkbox" checked={q.get("t.rc") === "1"} onChange={(e) => set({ "t.rc": e.target.checked ? "1" : undefined })} />Full activation recompute (8ND instead of 6ND)</label>
    </form>
  );
}

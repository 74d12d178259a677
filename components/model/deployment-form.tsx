"use client";

import { useRef } from "react";
import { fmtBytes, trim } from "@/lib/model/explain";
import { CUSTOM, KNOB_GROUPS, LABELS, rawField, type FieldError, type FormOptions } from "./sandbox-fields";
import { useUrlState } from "./url-state";
import styles from "./model.module.css";

export function Field(props: { id: string; label: string; error?: string; children: React.ReactNode; hint?: string }) {
  return (
    <div className={styles.field}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? <span className="muted small">{props.hint}</span> : null}
      {props.error ? <span className={styles.fieldError} id={`${props.id}-err`}>{props.error}</span> : null}
    </div>
  );
}

const TABS = [["inference", "Inference"], ["simulator", "Serving simulator"], ["training", "Training"]] as const;

/** The three views; arrow keys move between them (the WAI-ARIA tabs pattern). */
export function SandboxTabs() {
  const { q, set } = useUrlState();
  const tab = q.get("tab") ?? "inference";
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: React.KeyboardEvent, i: number) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const j = (i + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length;
    set({ tab: TABS[j][0] });
    refs.current[j]?.focus();
  };
  return (
    <div className={styles.tabs} role="tablist" aria-label="Sandbox views">
      {TABS.map(([id, label], i) => (
        <button
          key={id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${id}`}
          aria-selected={tab === id}
          aria-controls={`panel-${id}`}
          tabIndex={tab === id ? 0 : -1}
          onClick={() => set({ tab: id })}
          onKeyDown={(e) => onKey(e, i)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/** A knob in SI units, read the way people say it: 4e-5 s is 40 µs, 1073741824 B is 1 GiB. */
function readableKnob(unit: string, v: number): string {
  if (!Number.isFinite(v)) return "";
  if (unit === "s") return v === 0 ? "" : v < 1e-3 ? `= ${trim(v * 1e6)} µs` : `= ${trim(v * 1e3)} ms`;
  if (unit === "B") return `= ${fmtBytes(v)}`;
  if (unit === "B/s") return `= ${trim(v / 1e9)} GB/s`;
  return "";
}

/** The deployment: every field shows the URL's raw value and, from the server's check, what is wrong with it. */
export function DeploymentForm({ options, errors }: { options: FormOptions; errors: FieldError[] }) {
  const { q, set } = useUrlState();
  const raw = (key: string) => rawField(q, key, options.defaults);
  const errOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const num = (key: string, min: number, max: number, step = 1) => (
    <Field id={`m-${key}`} label={LABELS[key]} error={errOf(key)}>
      <input id={`m-${key}`} type="number" min={min} max={max} step={step} value={raw(key)} aria-invalid={!!errOf(key)} aria-describedby={errOf(key) ? `m-${key}-err` : undefined} onChange={(e) => set({ [key]: e.target.value })} />
    </Field>
  );
  const tab = raw("tab");
  const mode = raw("mode");
  const presetId = raw("preset");
  const preset = options.presets.find((p) => p.id === presetId);
  const base = options.presetKnobs[presetId] ?? options.presetKnobs[options.defaults.preset] ?? {};
  const gpuId = raw("gpu");
  const modelId = raw("model");
  const price = raw("price") || String(options.prices[gpuId] ?? 2);
  const changedKnobs = Object.keys(options.knobRanges).filter((k) => {
    const s = q.get(`k.${k}`);
    return s != null && s !== "" && Number(s) !== base[k];
  });
  const knobErrors = Object.keys(options.knobRanges).some((k) => errOf(`k.${k}`) != null);
  const gpusN = Number(raw("tp")) * Number(raw("pp"));
  return (
    <form className={`${styles.panel} ${styles.form}`} aria-label="Deployment" onSubmit={(e) => e.preventDefault()}>
      <Field id="m-preset" label={LABELS.preset} error={errOf("preset")} hint={preset ? `${preset.description} Status: ${preset.status}.` : undefined}>
        <select id="m-preset" value={presetId} onChange={(e) => set({ preset: e.target.value })}>
          {options.presets.map((p) => <option key={p.id} value={p.id}>{p.name}{p.status === "validated" ? "" : ` (${p.status})`}</option>)}
        </select>
      </Field>
      <Field id="m-gpu" label={LABELS.gpu} error={errOf("gpu")}>
        <select id="m-gpu" value={gpuId} onChange={(e) => set({ gpu: e.target.value })}>
          {options.gpus.map((g) => <option key={g.id} value={g.id}>{g.name}{g.unverified ? " (some figures unverified)" : ""}</option>)}
          <option value={CUSTOM}>Custom GPU…</option>
        </select>
      </Field>
      {gpuId === CUSTOM ? (
        <fieldset className={styles.form} style={{ border: "none", padding: 0, margin: 0 }}>
          <legend className="small muted">Custom GPU (dense peaks)</legend>
          <Field id="m-g.name" label={LABELS["g.name"]}><input id="m-g.name" value={q.get("g.name") ?? ""} onChange={(e) => set({ "g.name": e.target.value })} /></Field>
          <div className={styles.row}>{num("g.bf16", 1, 100000, 1)}{num("g.fp8", 1, 200000, 1)}</div>
          <div className={styles.row}>{num("g.mem", 1, 10000, 1)}{num("g.bw", 1, 100000, 1)}</div>
          {num("g.link", 1, 100000, 1)}
        </fieldset>
      ) : null}
      <Field id="m-model" label={LABELS.model} error={errOf("model")}>
        <select id="m-model" value={modelId} onChange={(e) => set({ model: e.target.value })}>
          {options.models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          <option value={CUSTOM}>Custom (paste config.json)…</option>
        </select>
      </Field>
      {modelId === CUSTOM ? (
        <Field id="m-cfg" label="Hugging Face config.json" error={errOf("cfg")}>
          <textarea id="m-cfg" value={q.get("cfg") ?? ""} aria-invalid={!!errOf("cfg")} placeholder='{"num_hidden_layers": 32, "hidden_size": 4096, ...}' onChange={(e) => set({ cfg: e.target.value })} />
        </Field>
      ) : null}
      <div className={styles.row}>
        <Field id="m-prec" label={LABELS.precision} error={errOf("precision")}>
          <select id="m-prec" value={raw("precision")} onChange={(e) => set({ precision: e.target.value })}>
            {options.precisions.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </Field>
        <Field id="m-kv" label={LABELS.kv} error={errOf("kv")}>
          <select id="m-kv" value={q.get("kv") ?? ""} onChange={(e) => set({ kv: e.target.value })}>
            <option value="">same as weights</option>
            {options.precisions.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </Field>
      </div>
      <div className={styles.row}>{num("tp", 1, 64)}{num("pp", 1, 64)}</div>
      <div className={styles.row}>{num("ep", 1, 64)}</div>
      <label className={styles.check}>
        <input type="checkbox" checked={q.get("rkv") === "1"} onChange={(e) => set({ rkv: e.target.checked ? "1" : undefined })} />
        Replicate KV heads when TP exceeds them
      </label>
      {tab === "inference" ? (
        <Field id="m-mode" label={LABELS.mode} error={errOf("mode")}>
          <select id="m-mode" value={mode} onChange={(e) => set({ mode: e.target.value })}>
            <option value="static">Static batch (fixed batch size)</option>
            <option value="max-throughput">In-flight batching (max throughput)</option>
          </select>
        </Field>
      ) : null}
      {tab === "inference" && mode === "static" ? num("batch", 1, 4096) : null}
      <div className={styles.row}>{num("input", 1, 1_000_000)}{num("output", 1, 1_000_000)}</div>
      <Field id="m-price" label={LABELS.price} error={errOf("price")}>
        <input id="m-price" type="number" min={0.01} max={1000} step={0.1} value={price} aria-invalid={!!errOf("price")} onChange={(e) => set({ price: e.target.value })} />
      </Field>
      <details open={changedKnobs.length > 0 || knobErrors ? true : undefined}>
        <summary className="small">Engine knobs ({changedKnobs.length} changed from the preset)</summary>
        {KNOB_GROUPS.map(([legend, keys]) => (
          <fieldset key={legend} className={styles.knobGroup}>
            <legend>{legend}</legend>
            <div className={styles.knobs}>
              {keys.map((k) => {
                const r = options.knobRanges[k];
                const id = `m-k-${k}`;
                const v = q.get(`k.${k}`) ?? String(base[k]);
                const err = errOf(`k.${k}`);
                const changed = changedKnobs.includes(k);
                const readable = readableKnob(r.unit, Number(v));
                return (
                  <Field key={k} id={id} label={`${k}${r.unit && r.unit !== "fraction" ? ` (${r.unit})` : ""}`} error={err} hint={`${options.knobDescriptions[k]}${readable ? ` (${readable})` : ""}${changed ? `; preset: ${base[k]}` : ""}`}>
                    <input id={id} className={changed ? styles.changed : undefined} type="number" min={r.min} max={r.max} step={r.step} value={v} aria-invalid={!!err} onChange={(e) => set({ [`k.${k}`]: e.target.value === String(base[k]) ? undefined : e.target.value })} />
                  </Field>
                );
              })}
            </div>
          </fieldset>
        ))}
        <button type="button" className="small" style={{ marginTop: 8 }} onClick={() => set(Object.fromEntries(Object.keys(options.knobRanges).map((k) => [`k.${k}`, undefined])))}>Reset knobs to the preset</button>
      </details>
      <p className="muted small" style={{ margin: 0 }}>
        {Number.isFinite(gpusN) ? gpusN : "?"} GPU(s). The URL holds this configuration: copy it to share.
      </p>
    </form>
  );
}

"use client";

import { useEffect, useRef, useState } from "react";
import type { DeploymentInput } from "@/lib/model";
import { trim } from "@/lib/model/explain";
import type { RatePoint, SimConfig } from "@/lib/model/simulator";
import { XYChart } from "./charts";
import { useUrlState } from "./url-state";
import styles from "./model.module.css";

const SIM_FIELDS: Record<string, { label: string; min: number; max: number; def: string; int?: boolean }> = {
  "s.req": { label: "Requests per run (at least)", min: 10, max: 5000, def: "300", int: true },
  "s.sigma": { label: "Length spread (lognormal sigma)", min: 0, max: 3, def: "0.8" },
  "s.hit": { label: "Prefix-cache hit rate", min: 0, max: 1, def: "0" },
  "s.k": { label: "Draft tokens per step", min: 1, max: 16, def: "4", int: true },
  "s.acc": { label: "Draft acceptance rate", min: 0, max: 1, def: "0.7" },
  "s.ttft": { label: "SLO: TTFT (ms)", min: 1, max: 1e6, def: "2000" },
  "s.itl": { label: "SLO: inter-token latency (ms)", min: 0.1, max: 1e5, def: "100" },
  "s.seed": { label: "Seed", min: 0, max: 1e9, def: "1", int: true },
};

type Outcome = { points: RatePoint[]; best: number; elapsedMs: number } | null;

/** What the server computed for the simulator: the engine itself runs only in the worker, when a run starts. */
export type SimulatorProps = {
  input: number;
  output: number;
  preset: string;
  maxContext: number;
  /** Steady-state capacity in requests/s, or null when the configuration does not fit. */
  capacity: number | null;
  deployment: DeploymentInput;
  draftModels: { id: string; name: string }[];
};

export function SimulatorPanel(props: SimulatorProps) {
  const { q, set } = useUrlState();
  const cfg = props;
  const models = props.draftModels;
  const deployment = props.deployment;
  const val = (k: string) => q.get(k) ?? SIM_FIELDS[k]?.def ?? "";
  const errors: string[] = [];
  const num = (k: string) => {
    const f = SIM_FIELDS[k];
    const v = Number(val(k));
    if (val(k).trim() === "" || !Number.isFinite(v) || v < f.min || v > f.max || (f.int && !Number.isInteger(v))) {
      errors.push(`${f.label}: must be ${f.int ? "a whole number" : "a number"} from ${f.min} to ${f.max} (got "${val(k)}")`);
      return NaN;
    }
    return v;
  };
  const dist = val("s.dist") || "fixed";
  if (!["fixed", "uniform", "lognormal"].includes(dist)) errors.push(`Length distribution: "${dist}" is not one of fixed, uniform, lognormal`);
  const draft = val("s.draft");
  if (draft && !models.some((m) => m.id === draft)) errors.push(`Draft model: "${draft}" is not a catalog model`);
  const requests = num("s.req");
  const sigma = num("s.sigma");
  const hit = num("s.hit");
  const k = num("s.k");
  const acc = num("s.acc");
  const ttft = num("s.ttft");
  const itl = num("s.itl");
  const seed = num("s.seed");

  // Rates: a sweep around the engine's steady-state capacity in requests/s, unless the user lists them.
  const capacity = props.capacity ?? NaN;
  const ratesText = val("s.rates");
  let rates: number[] = [];
  if (ratesText.trim()) {
    rates = ratesText.split(",").map((s) => Number(s.trim()));
    if (rates.length > 12 || rates.some((r) => !Number.isFinite(r) || r <= 0 || r > 1e5)) errors.push(`Request rates: give up to 12 positive numbers (requests/s) separated by commas (got "${ratesText}")`);
  } else if (Number.isFinite(capacity)) rates = [0.2, 0.4, 0.6, 0.8, 0.9, 1, 1.15].map((f) => +(f * capacity).toPrecision(3));
  if (!Number.isFinite(capacity) && !ratesText.trim()) errors.push("This configuration does not fit in memory at these lengths, so there is nothing to simulate; see the Inference tab");

  const lengths = (mean: number) =>
    dist === "uniform" ? { kind: "uniform" as const, min: Math.max(1, Math.round(mean * 0.5)), max: Math.max(1, Math.round(mean * 1.5)) } : dist === "lognormal" ? { kind: "lognormal" as const, median: mean, sigma, max: Math.max(1, Math.min(cfg.maxContext / 2, mean * 8)) } : { kind: "fixed" as const, value: mean };

  const [state, setState] = useState<{ running: boolean; progress: number; outcome: Outcome; error: string | null }>({ running: false, progress: 0, outcome: null, error: null });
  const worker = useRef<Worker | null>(null);
  useEffect(() => () => worker.current?.terminate(), []);

  const run = () => {
    if (errors.length) return;
    const base: Omit<SimConfig, "arrivals"> = {
      requests, seed, input: lengths(cfg.input), output: lengths(cfg.output), prefixCacheHitRate: hit,
      speculative: draft ? { draftModel: draft as never, draftTokens: k, acceptanceRate: acc } : null,
      slo: { ttftMs: ttft, itlMs: itl },
    };
    worker.current?.terminate();
    const w = new Worker(new URL("./sim.worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    setState({ running: true, progress: 0, outcome: null, error: null });
    w.onmessage = (e) => {
      const m = e.data;
      if (m.type === "progress") setState((s) => ({ ...s, progress: m.fraction }));
      else if (m.type === "done") {
        setState({ running: false, progress: 1, outcome: { points: m.points, best: m.best, elapsedMs: m.elapsedMs }, error: null });
        w.terminate();
      } else if (m.type === "error") {
        setState({ running: false, progress: 0, outcome: null, error: m.message });
        w.terminate();
      }
    };
    w.onerror = (e) => setState({ running: false, progress: 0, outcome: null, error: e.message || "the simulation worker failed" });
    w.postMessage({ deployment, base, rates, sloSearchHi: Math.max(...rates) * 2 });
  };

  const field = (key: string) => (
    <div className={styles.field} key={key}>
      <label htmlFor={`sim-${key}`}>{SIM_FIELDS[key].label}</label>
      <input id={`sim-${key}`} type="number" min={SIM_FIELDS[key].min} max={SIM_FIELDS[key].max} step={SIM_FIELDS[key].int ? 1 : "any"} value={val(key)} onChange={(e) => set({ [key]: e.target.value })} />
    </div>
  );
  const o = state.outcome;
  return (
    <section aria-label="Serving simulator">
      <div className={`${styles.panel} ${styles.form}`}>
        <p className="small muted" style={{ margin: 0 }}>
          Poisson arrivals of requests with {cfg.input} input and {cfg.output} output tokens ({dist}); continuous batching with chunked prefill, step times from the engine ({cfg.preset} preset). Steady-state capacity: {Number.isFinite(capacity) ? `${trim(capacity)} requests/s` : "n/a"}.
        </p>
        <div className={styles.knobs}>
          <div className={styles.field}>
            <label htmlFor="sim-rates">Request rates (req/s)</label>
            <input id="sim-rates" value={ratesText} placeholder={rates.join(", ")} aria-describedby="sim-rates-hint" onChange={(e) => set({ "s.rates": e.target.value })} />
            <span id="sim-rates-hint" className="muted small">comma-separated; empty = a sweep around capacity</span>
          </div>
          <div className={styles.field}>
            <label htmlFor="sim-dist">Length distribution</label>
            <select id="sim-dist" value={dist} onChange={(e) => set({ "s.dist": e.target.value })}>
              <option value="fixed">fixed</option>
              <option value="uniform">uniform (0.5x to 1.5x)</option>
              <option value="lognormal">lognormal (ShareGPT-like)</option>
            </select>
          </div>
          {field("s.req")}
          {dist === "lognormal" ? field("s.sigma") : null}
          {field("s.hit")}
          <div className={styles.field}>
            <label htmlFor="sim-draft">Speculative decoding draft model</label>
            <select id="sim-draft" value={draft} onChange={(e) => set({ "s.draft": e.target.value })}>
              <option value="">none</option>
              {models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
          </div>
          {draft ? field("s.k") : null}
          {draft ? field("s.acc") : null}
          {field("s.ttft")}
          {field("s.itl")}
          {field("s.seed")}
        </div>
        {errors.length ? (
          <div className={styles.errors} role="alert"><ul>{errors.map((e) => <li key={e}>{e}</li>)}</ul></div>
        ) : null}
        <div>
          <button type="button" onClick={run} disabled={state.running || errors.length > 0}>{state.running ? "Simulating…" : "Run simulation"}</button>
        </div>
        {state.running ? (
          <progress className={styles.progress} aria-label="Simulation progress" max={1} value={state.progress}>{Math.round(state.progress * 100)}%</progress>
        ) : null}
        {state.error ? <div className={styles.warn} role="alert">Simulation failed: {state.error}</div> : null}
      </div>
      {o ? (
        <div className={styles.section}>
          <h2>Latency and throughput against request rate</h2>
          <p className="small">
            Highest rate the deployment sustains while meeting the SLO (TTFT ≤ {ttft} ms and mean inter-token latency ≤ {itl} ms for 90% of requests): <strong>{trim(o.best)} requests/s</strong>
            {Number.isFinite(capacity) ? ` (steady-state capacity ${trim(capacity)} requests/s)` : ""}. {o.points.length} runs in {trim(o.elapsedMs / 1000)} s; each is lengthened until its arrivals span five median end-to-end latencies, so a short burst cannot pass for a sustainable rate.
          </p>
          {o.points.some((p) => !p.result.sustained) ? (
            <p className="small" role="note">
              <strong>Overloaded</strong> at {o.points.filter((p) => !p.result.sustained).map((p) => trim(p.rate)).join(", ")} requests/s: arrivals outpace completions, the queue (and TTFT) grows for as long as the load lasts, and the latencies shown are those of a run of this length only.
            </p>
          ) : null}
          <div className={styles.charts}>
            <div className={styles.panel}>
              <XYChart title="Time to first token against request rate" xs={o.points.map((p) => p.rate)} xLabel="request rate (req/s)" yLabel="TTFT (ms)" hline={{ y: ttft, label: "SLO" }}
                series={[{ label: "TTFT p50", ys: o.points.map((p) => p.result.ttftMs.p50), cls: "line1" }, { label: "TTFT p99", ys: o.points.map((p) => p.result.ttftMs.p99), cls: "line4", dashed: true }]} />
              <div className={styles.legend}><span><span className={`${styles.swatch} ${styles.segWeights}`} />p50</span><span><span className={`${styles.swatch} ${styles.ptDecode}`} />p99 (dashed)</span></div>
            </div>
            <div className={styles.panel}>
              <XYChart title="Inter-token latency against request rate" xs={o.points.map((p) => p.rate)} xLabel="request rate (req/s)" yLabel="inter-token latency (ms)" hline={{ y: itl, label: "SLO" }}
                series={[{ label: "ITL p50", ys: o.points.map((p) => p.result.itlMs.p50), cls: "line2" }, { label: "ITL p99", ys: o.points.map((p) => p.result.itlMs.p99), cls: "line3", dashed: true }]} />
              <div className={styles.legend}><span><span className={`${styles.swatch} ${styles.segKv}`} />p50</span><span><span className={`${styles.swatch} ${styles.segAct}`} />p99 (dashed)</span></div>
            </div>
            <div className={styles.panel}>
              <XYChart title="Throughput and goodput against request rate" xs={o.points.map((p) => p.rate)} xLabel="request rate (req/s)" yLabel="requests/s"
                series={[{ label: "offered", ys: o.points.map((p) => p.rate), cls: "line3", dashed: true, noDots: true }, { label: "throughput", ys: o.points.map((p) => p.result.requestsPerSecond), cls: "line1" }, { label: "goodput", ys: o.points.map((p) => p.result.goodput), cls: "line2", dashed: true }]} />
              <div className={styles.legend}><span><span className={`${styles.swatch} ${styles.segWeights}`} />completed req/s (steady state)</span><span><span className={`${styles.swatch} ${styles.segKv}`} />goodput (dashed)</span><span><span className={`${styles.swatch} ${styles.segAct}`} />offered rate (dashed)</span></div>
            </div>
          </div>
          <table className={styles.table}>
            <caption className="small muted">Each row: one seeded run of at least {requests} requests (lengthened to reach steady state)</caption>
            <thead>
              <tr><th scope="col">rate (req/s)</th><th scope="col">requests run</th><th scope="col">TTFT p50 / p99 (ms)</th><th scope="col">ITL p50 / p99 (ms)</th><th scope="col">E2E p50 / p99 (s)</th><th scope="col">output tok/s</th><th scope="col">goodput (req/s)</th><th scope="col">SLO met</th></tr>
            </thead>
            <tbody>
              {o.points.map((p) => (
                <tr key={p.rate}>
                  <td>{trim(p.rate)}{p.result.sustained ? "" : " (overloaded)"}</td>
                  <td>{p.result.requestsTotal.toLocaleString("en-US")}</td>
                  <td>{trim(p.result.ttftMs.p50)} / {trim(p.result.ttftMs.p99)}</td>
                  <td>{trim(p.result.itlMs.p50)} / {trim(p.result.itlMs.p99)}</td>
                  <td>{trim(p.result.e2eMs.p50 / 1e3)} / {trim(p.result.e2eMs.p99 / 1e3)}</td>
                  <td>{trim(p.result.outputTokensPerSecond)}</td>
                  <td>{trim(p.result.goodput)}</td>
                  <td>{trim(p.result.sloAttainment * 100)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : !state.running ? (
        <p className="muted small">Set the load and press <strong>Run simulation</strong>: the runs happen in a background worker, so the page stays responsive.</p>
      ) : null}
    </section>
  );
}

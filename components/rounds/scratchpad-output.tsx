"use client";
import type { ScratchpadOutput } from "@/lib/grading/answers";
import styles from "./modeling.module.css";
import { SeriesPlot } from "./scratchpad-plot";

const num = (x: number) => x.toLocaleString("en-US", { maximumSignificantDigits: 6 });

/** A scratchpad run as the round, the debrief and the review show it: status, error, printed output, values, plots. */
export function ScratchpadOutputView({ output, stale = false, headingLevel = 3 }: { output: ScratchpadOutput; stale?: boolean; headingLevel?: 3 | 4 }) {
  const H = `h${headingLevel}` as const;
  const secs = (output.durationMs / 1000).toFixed(output.durationMs < 10_000 ? 2 : 1);
  const status =
    output.status === "ok"
      ? `Ran in ${secs} s.`
      : output.status === "timeout"
        ? `Stopped at the time limit after ${secs} s.`
        : output.status === "unavailable"
          ? "Python could not start."
          : "The script stopped with an error.";
  return (
    <div className={`${styles.output} stack`} data-scratchpad-status={output.status} data-ran-at={output.ranAt}>
      <p className="small" style={{ margin: 0 }}>
        {status} <span className="muted">{new Date(output.ranAt).toLocaleTimeString()}</span>
        {stale && <span className={styles.stale}> · The code changed since this run: run it again to refresh.</span>}
      </p>
      {output.error && (
        <div className="alert error small" role="alert" data-error-kind={output.error.kind}>
          <strong>{output.error.kind === "timeout" ? "Time limit" : output.error.type}</strong>
          {output.error.line ? ` at line ${output.error.line}` : ""}: {output.error.message}
        </div>
      )}
      {output.stdout && (
        <div>
          <H className="small muted" style={{ margin: 0 }}>Printed output</H>
          <pre className={`${styles.stdout} small`} data-testid="scratchpad-stdout" tabIndex={0} aria-label="Printed output">{output.stdout}</pre>
        </div>
      )}
      {output.values.length > 0 && (
        <div>
          <H className="small muted" style={{ margin: 0 }}>Values</H>
          <table className={styles.values} data-testid="scratchpad-values">
            <thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>
            <tbody>
              {output.values.map((v) => (
                <tr key={v.name}><td className="mono">{v.name}</td><td>{num(v.value)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {output.series.length > 0 && (
        <div>
          <H className="small muted" style={{ margin: "0 0 6px" }}>Series</H>
          <div className={styles.plots}>
            {output.series.map((s) => <SeriesPlot key={s.name} series={s} />)}
          </div>
        </div>
      )}
      {output.status === "ok" && !output.stdout && !output.values.length && !output.series.length && (
        <p className="muted small">The script ran and printed nothing. Print a result, or leave numbers and lists of numbers at the top level to see them here.</p>
      )}
    </div>
  );
}

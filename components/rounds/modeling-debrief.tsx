import { Markdown } from "@/components/ui/markdown";
import { modelingAnswerSchema, type ModelingValue } from "@/lib/grading/answers";
import { scoreModelingQuestion } from "@/lib/grading/modeling-score";
import type { PublicScenario } from "@/lib/loop/public-scenario";
import { formatQuantity, type BaseUnit } from "@/lib/units";
import styles from "./modeling.module.css";

const fmt = (x: number, unit: string) => formatQuantity(x, unit as BaseUnit);

/**
 * A modeling round after submission: for each question the expected value and its band, the
 * candidate's value or range against them (a picture and words), the credit, and the derivation.
 */
export function ModelingDebrief({ scenario, answer }: { scenario: PublicScenario; answer: unknown }) {
  const parsed = modelingAnswerSchema.safeParse(answer);
  const values = parsed.success ? parsed.data.values : {};
  const questions = (scenario.questions ?? []).filter((q) => q.expected !== undefined && q.tolerance);
  if (!questions.length) return null;
  return (
    <section aria-label="Expected answers against yours" data-testid="modeling-debrief">
      <h3 style={{ marginBottom: 4 }}>Expected answers against yours</h3>
      <p className="muted small" style={{ marginTop: 0 }}>
        The green band is the tolerance around the expected value (black tick); your value or range is in blue when it earned credit, red when it did not.
      </p>
      {questions.map((q, i) => {
        const a = values[q.id] as ModelingValue | undefined;
        const r = scoreModelingQuestion({ expected: q.expected!, unit: q.unit as BaseUnit, tolerance: q.tolerance! }, a);
        const t = q.tolerance!.relative;
        const half = q.expected === 0 ? t : t * Math.abs(q.expected!);
        return (
          <div key={q.id} className={styles.bandRow} data-question={q.id}>
            <p style={{ margin: "0 0 4px" }}>
              <strong>{i + 1}. {q.prompt}</strong>
            </p>
            <p className="small" style={{ margin: 0 }}>
              Expected <strong data-testid="expected">{fmt(q.expected!, q.unit)}</strong> ± {(t * 100).toFixed(t < 0.1 ? 1 : 0)}% (band {fmt(q.expected! - half, q.unit)} to {fmt(q.expected! + half, q.unit)})
              {q.simulated ? <> · from a seeded reference simulation; a {q.simulated.candidateTrials.toLocaleString("en-US")}-trial Monte Carlo varies by ±{fmt(q.simulated.sd, q.unit)} (1 sd)</> : null}
              <br />
              Yours: <strong data-testid="given">{r.given ? `${r.given}${a?.mode === "range" ? " (range)" : ""}` : "no answer"}</strong>
              {a?.from ? <span className="muted"> · from the scratchpad: {a.from}</span> : null} ·{" "}
              <span className={`${styles.credit} ${r.credit === 1 ? styles.creditFull : r.credit > 0 ? styles.creditPart : styles.creditNone}`}>{Math.round(r.credit * 100)}% credit</span>
            </p>
            <BandPicture expected={q.expected!} half={half} given={r.base} credit={r.credit} unit={q.unit} />
            <p className="small muted" style={{ margin: "2px 0" }}>{r.note}. {q.tolerance!.reason}</p>
            {q.derivation && (
              <details>
                <summary className="small">Derivation</summary>
                <div className="small"><Markdown>{q.derivation}</Markdown></div>
              </details>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** The band, the expected value and the answer on one axis, scaled to fit all three. */
function BandPicture({ expected, half, given, credit, unit }: { expected: number; half: number; given: { low: number; high: number } | null; credit: number; unit: string }) {
  const pts = [expected - half, expected + half, ...(given ? [given.low, given.high] : [])];
  let lo = Math.min(...pts);
  let hi = Math.max(...pts);
  const pad = (hi - lo) * 0.08 || Math.abs(expected) * 0.1 || 1;
  lo -= pad;
  hi += pad;
  const W = 520;
  const x = (v: number) => 10 + ((v - lo) / (hi - lo)) * (W - 20);
  const desc = `Band ${fmt(expected - half, unit)} to ${fmt(expected + half, unit)}, expected ${fmt(expected, unit)}` + (given ? `, yours ${given.low === given.high ? fmt(given.low, unit) : `${fmt(given.low, unit)} to ${fmt(given.high, unit)}`}` : ", no answer");
  return (
    <svg className={styles.bandSvg} viewBox={`0 0 ${W} 34`} role="img" aria-label={desc}>
      <line className={styles.axis} x1={10} x2={W - 10} y1={17} y2={17} />
      <rect className={styles.bandFill} x={x(expected - half)} y={6} width={Math.max(1, x(expected + half) - x(expected - half))} height={22} rx={3} />
      {given && (given.low === given.high ? (
        <circle className={credit > 0 ? styles.givenBar : styles.givenMiss} cx={x(given.low)} cy={17} r={5} />
      ) : (
        <rect className={credit > 0 ? styles.givenBar : styles.givenMiss} x={x(given.low)} y={13} width={Math.max(2, x(given.high) - x(given.low))} height={8} rx={2} />
      ))}
      <line className={styles.expectedTick} x1={x(expected)} x2={x(expected)} y1={2} y2={32} />
      <text x={10} y={33}>{fmt(lo, unit)}</text>
      <text x={W - 10} y={33} textAnchor="end">{fmt(hi, unit)}</text>
    </svg>
  );
}

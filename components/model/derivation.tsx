import type { Estimate } from "@/lib/model";
import styles from "./model.module.css";

/** A number that opens into its derivation (formula, numbers substituted, bound). */
export function Derivation({ label, value, estimate }: { label: string; value: string; estimate: Estimate }) {
  return (
    <details className={styles.metric}>
      <summary>
        <div className={styles.metricLabel}>{label}</div>
        <div className={styles.metricValue}>
          {value}
          {estimate.bound ? <span className={styles.bound}>{estimate.bound}-bound</span> : null}
        </div>
      </summary>
      <pre>{[estimate.formula, estimate.substituted, ...(estimate.notes ?? [])].join("\n")}</pre>
    </details>
  );
}

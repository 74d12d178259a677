import { fmtBytes } from "@/lib/model/explain";
import type { MemoryPlan } from "@/lib/model";
import styles from "./model.module.css";

/** Stacked bar of one GPU's memory: weights, KV cache, activations, runtime, against capacity. */
export function MemoryBar({ plan }: { plan: MemoryPlan }) {
  const parts = [
    { key: "weights", label: "weights", v: plan.weightsPerGpu.value, cls: styles.segWeights },
    { key: "kv", label: "KV cache", v: plan.kvCachePerGpu.value, cls: styles.segKv },
    { key: "act", label: "activations", v: plan.activationsPerGpu.value, cls: styles.segAct },
    { key: "rt", label: "runtime", v: plan.runtimeOverheadPerGpu.value, cls: styles.segRuntime },
  ];
  const scale = Math.max(plan.capacityPerGpu, plan.totalPerGpu.value);
  return (
    <div>
      <div className={styles.bar} role="img" aria-label={`Memory per GPU: ${parts.map((p) => `${p.label} ${fmtBytes(p.v)}`).join(", ")}; capacity ${fmtBytes(plan.capacityPerGpu)}`}>
        {parts.map((p) => (
          <div key={p.key} className={p.cls} style={{ width: `${(100 * p.v) / scale}%` }} title={`${p.label}: ${fmtBytes(p.v)}`} />
        ))}
      </div>
      <div className={styles.legend} style={{ marginTop: 6 }}>
        {parts.map((p) => (
          <span key={p.key}>
            <span className={`${styles.swatch} ${p.cls}`} />
            {p.label} {fmtBytes(p.v)}
          </span>
        ))}
        <span>
          total {fmtBytes(plan.totalPerGpu.value)} / {fmtBytes(plan.capacityPerGpu)}{" "}
          {plan.fits ? <span className={styles.ok}>✓ fits</span> : <strong style={{ color: "var(--danger, #c92a2a)" }}>over by {fmtBytes(plan.overBy)}</strong>}
        </span>
      </div>
    </div>
  );
}

import { deviceLabel, kernelMetrics } from "@/lib/history/kernel-metrics";

export type KernelAttemptView = { id: string; problemId: string; backend: string; adapter: unknown; verdict: string; result: unknown; createdAt: string };

/** Kernel results with their metrics and the device that produced them. */
export function KernelAttempts({ attempts }: { attempts: KernelAttemptView[] }) {
  return (
    <div className="stack">
      {attempts.map((k) => (
        <div key={k.id} className="card">
          <p style={{ marginTop: 0 }}>
            <strong>{k.problemId}</strong> <span className={`badge ${k.verdict === "pass" ? "ok" : "bad"}`}>{k.verdict}</span>{" "}
            <span className="muted small">on {deviceLabel(k.adapter, k.backend)} · {k.createdAt.slice(0, 19).replace("T", " ")} UTC</span>
          </p>
          <table>
            <tbody>
              {kernelMetrics(k.result).map((m) => (
                <tr key={m.key}><th scope="row">{m.label}</th><td>{m.value}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

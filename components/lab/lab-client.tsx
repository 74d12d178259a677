"use client";
import { useCallback, useEffect, useState } from "react";
import type { KernelResult } from "@/lib/gpu/result";
import { KernelWorkbench } from "./kernel-workbench";

export type LabProblem = { id: string; title: string; summary: string; starter: string; naive: string; bindings: { binding: number; name: string; role: string; element: string; layout: string }[]; params: { name: string; type: string }[] };

type AttemptSummary = { id: string; verdict: string; backend: string; createdAt: string; result: KernelResult; reportedBy?: "browser" | "server" };

export function LabClient({ problems, initialProblem }: { problems: LabProblem[]; initialProblem: string }) {
  const [problemId, setProblemId] = useState(initialProblem);
  const problem = problems.find((p) => p.id === problemId) ?? problems[0];
  const [sources, setSources] = useState<Record<string, string>>(() => Object.fromEntries(problems.map((p) => [p.id, p.starter])));
  const [attempts, setAttempts] = useState<AttemptSummary[]>([]);
  const [compare, setCompare] = useState<string[]>([]);

  const load = useCallback(async () => {
    const r = await fetch(`/api/kernel-attempts?problemId=${problem.id}`);
    if (r.ok) setAttempts((await r.json()).attempts);
  }, [problem.id]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (result: KernelResult, source: string) => {
    await fetch("/api/kernel-attempts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ problemId: problem.id, source, result }) });
    void load();
  };
  const picked = attempts.filter((a) => compare.includes(a.id));
  return (
    <div className="stack">
      <nav className="row" aria-label="Problems">
        {problems.map((p) => (
          <button key={p.id} type="button" aria-pressed={p.id === problem.id} onClick={() => setProblemId(p.id)}>{p.title}</button>
        ))}
      </nav>
      <section className="card stack">
        <h2>{problem.title}</h2>
        <p>{problem.summary}</p>
        <p className="small mono">
          params {"{ "}{problem.params.map((p) => `${p.name}: ${p.type}`).join(", ")}{" }"} · {problem.bindings.map((b) => `${b.binding} ${b.name} (${b.role}, ${b.element}) ${b.layout}`).join(" · ")}
        </p>
        <KernelWorkbench
          key={problem.id}
          problemId={problem.id}
          value={sources[problem.id]}
          onChange={(v) => setSources((s) => ({ ...s, [problem.id]: v }))}
          naiveSource={problem.naive}
          onResult={save}
        />
      </section>
      <section className="card stack">
        <h3>History</h3>
        {attempts.length === 0 ? (
          <p className="muted">No attempts yet.</p>
        ) : (
          <table>
            <thead><tr><th>compare</th><th>when</th><th>verdict</th><th>backend</th><th>median ms</th><th>GFLOP/s</th><th>GB/s</th><th>% roofline</th></tr></thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id}>
                  <td><input type="checkbox" checked={compare.includes(a.id)} onChange={(e) => setCompare((c) => (e.target.checked ? [...c, a.id].slice(-2) : c.filter((x) => x !== a.id)))} aria-label={`compare ${a.id}`} /></td>
                  <td>{new Date(a.createdAt).toLocaleString()}</td>
                  <td>{a.verdict}{a.reportedBy !== "server" && <span className="small"> (reported by your browser)</span>}</td>
                  <td>{a.backend} ({a.result.adapter.label})</td>
                  <td>{a.result.timing?.medianMs.toPrecision(3) ?? "-"}</td>
                  <td>{a.result.timing?.gflops.toPrecision(3) ?? "-"}</td>
                  <td>{a.result.timing?.gbps.toPrecision(3) ?? "-"}</td>
                  <td>{a.result.timing?.rooflineFraction != null ? (a.result.timing.rooflineFraction * 100).toFixed(1) : "-"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {picked.length === 2 && <CompareAttempts ids={picked.map((p) => p.id)} />}
      </section>
    </div>
  );
}

function CompareAttempts({ ids }: { ids: string[] }) {
  const [rows, setRows] = useState<{ id: string; source: string; result: KernelResult }[]>([]);
  useEffect(() => {
    void Promise.all(ids.map((id) => fetch(`/api/kernel-attempts/${id}`).then((r) => r.json()))).then(setRows);
  }, [ids]);
  return (
    <div className="row" style={{ alignItems: "flex-start" }}>
      {rows.map((r) => (
        <div key={r.id} className="stack" style={{ flex: 1, minWidth: 0 }}>
          <strong>{r.result.verdict}</strong>
          <span className="small">{r.result.timing ? `${r.result.timing.medianMs.toPrecision(3)} ms, ${r.result.timing.gflops.toPrecision(3)} GFLOP/s, ${r.result.timing.gbps.toPrecision(3)} GB/s` : r.result.message}</span>
          <pre className="mono small" style={{ maxHeight: 320, overflow: "auto" }}>{r.source}</pre>
        </div>
      ))}
    </div>
  );
}

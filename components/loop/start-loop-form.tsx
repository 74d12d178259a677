"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { matchesRoundFilter, type RoundFilter } from "@/lib/scenarios/round-filter";

type LoopInfo = { id: string; title: string; rounds: ({ kind: string; minutes: number; scenario?: string } & RoundFilter)[] };
type ScenarioChoice = { id: string; kind: string; title: string; tags: string[]; difficulty: string };

const kinds = ["coding", "design", "modeling", "behavioral", "kernel"] as const;

export function StartLoopForm({ loop, scenarios }: { loop: LoopInfo; scenarios: ScenarioChoice[] }) {
  const router = useRouter();
  const uid = useId();
  const [mode, setMode] = useState<"strict" | "practice">("strict");
  const [kind, setKind] = useState<string>("design");
  const [seed, setSeed] = useState("");
  const [chosen, setChosen] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hasAny = loop.rounds.some((r) => r.kind === "any");

  async function start(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const scenarioIds = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v));
      const res = await fetch("/api/sessions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          templateId: loop.id,
          mode,
          ...(seed.trim() ? { seed: Number(seed) } : {}),
          ...(hasAny ? { kind } : {}),
          ...(Object.keys(scenarioIds).length ? { scenarioIds } : {}),
        }),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      router.push(body.url);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={start} className="stack">
      <div className="row">
        <div>
          <label htmlFor={`${uid}-mode`}>Mode</label>
          <select id={`${uid}-mode`} value={mode} onChange={(e) => setMode(e.target.value as "strict" | "practice")}>
            <option value="strict">Strict (never pauses)</option>
            <option value="practice">Practice (may pause)</option>
          </select>
        </div>
        {hasAny && (
          <div>
            <label htmlFor={`${uid}-kind`}>Round kind</label>
            <select id={`${uid}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
              {kinds.map((k) => (
                <option key={k} value={k}>{k}</option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor={`${uid}-seed`}>Seed (optional)</label>
          <input id={`${uid}-seed`} inputMode="numeric" pattern="[0-9]*" placeholder="random" value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: "8em" }} />
        </div>
      </div>
      <details>
        <summary className="small">Choose scenarios instead of drawing them</summary>
        {loop.rounds.map((r, i) => {
          const k = r.kind === "any" ? kind : r.kind;
          return (
            <div key={i} style={{ marginTop: 6 }}>
              <label htmlFor={`${uid}-s${i}`} className="small">Round {i + 1} scenario</label>
              <select id={`${uid}-s${i}`} value={chosen[i] ?? ""} onChange={(e) => setChosen({ ...chosen, [i]: e.target.value })}>
                <option value="">Random ({k})</option>
                {scenarios.filter((s) => s.kind === k && matchesRoundFilter(s, r)).map((s) => (
                  <option key={s.id} value={s.id}>{[s.title, s.difficulty, s.tags.join(", ")].filter(Boolean).join(" · ")}</option>
                ))}
              </select>
            </div>
          );
        })}
      </details>
      {error && <p className="alert error" role="alert">{error}</p>}
      <button type="submit" className="primary" disabled={busy} aria-label={`Start loop: ${loop.title}`}>
        {busy ? "Starting…" : "Start loop"}
      </button>
    </form>
  );
}

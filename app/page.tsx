import Link from "next/link";
import { getDb } from "@/db/client";
import { listSessions } from "@/db/queries/sessions";
import { StartLoopForm } from "@/components/loop/start-loop-form";
import { ScenarioWarnings } from "@/components/loop/scenario-warnings";
import { getScenarioLibrary } from "@/lib/scenarios";
import { kindLabel } from "@/lib/loop";

export const dynamic = "force-dynamic";

export default async function Home() {
  const library = getScenarioLibrary();
  const recent = await listSessions({ db: await getDb(), limit: 8, offset: 0 });
  const scenarioChoices = library.scenarios.map((s) => ({ id: s.id, kind: s.kind, title: s.title, difficulty: s.difficulty, tags: s.tags }));
  return (
    <>
      <h1>Practice a loop</h1>
      <p className="muted">
        Timed rounds kept by the server, autosaved answers, explained rubrics and a hiring decision at the end. Strict mode never pauses, as in a real loop.
      </p>
      <ScenarioWarnings errors={library.errors} />
      <div className="grid">
        {library.loops.map((loop) => (
          <section key={loop.id} className="card" aria-labelledby={`loop-${loop.id}`}>
            <h2 id={`loop-${loop.id}`} style={{ marginTop: 0 }}>{loop.title}</h2>
            <p className="muted small">{loop.description}</p>
            <ol className="small">
              {loop.rounds.map((r, i) => (
                <li key={i}>
                  {r.kind === "any" ? "A round of your choice" : kindLabel(r.kind)} — {r.minutes} min
                </li>
              ))}
            </ol>
            <StartLoopForm loop={{ id: loop.id, title: loop.title, rounds: loop.rounds }} scenarios={scenarioChoices} />
          </section>
        ))}
      </div>
      {library.loops.length === 0 && <p className="alert">No valid loop template was found in scenarios/loops/. Run <code>npm run scenarios:check</code> to see why.</p>}
      <h2>Recent sessions</h2>
      {recent.length === 0 ? (
        <p className="muted">No sessions yet. Start a loop above; it will be listed here and in History.</p>
      ) : (
        <table>
          <thead>
            <tr><th>Started</th><th>Loop</th><th>Mode</th><th>Status</th><th>Decision</th></tr>
          </thead>
          <tbody>
            {recent.map((s) => (
              <tr key={s.id}>
                <td><time dateTime={s.createdAt.toISOString()}>{s.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</time></td>
                <td><Link href={s.status === "completed" ? `/loop/${s.id}/debrief` : `/loop/${s.id}`}>{s.templateTitle}</Link></td>
                <td>{s.mode}</td>
                <td>{s.status === "completed" ? "completed" : "in progress"}</td>
                <td>{s.decision ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

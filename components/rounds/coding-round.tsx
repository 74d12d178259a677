"use client";
import type { CodingAnswer } from "@/lib/grading/answers";
import type { RoundProps } from "./types";

/** The coding round's slot: language choice and the code, autosaved. Running tests arrives with the runner. */
export function CodingRound({ scenario, answer, onChange, disabled }: RoundProps<CodingAnswer>) {
  const languages = scenario.languages ?? ["python"];
  return (
    <div className="card stack">
      <div className="row">
        <label htmlFor="code-language" style={{ margin: 0 }}>Language</label>
        <select
          id="code-language"
          value={answer.language}
          disabled={disabled}
          onChange={(e) => {
            const language = e.target.value as CodingAnswer["language"];
            const untouched = !answer.code.trim() || answer.code === scenario.starter?.[answer.language];
            onChange({ language, code: untouched ? (scenario.starter?.[language] ?? "") : answer.code });
          }}
        >
          {languages.map((l) => (
            <option key={l} value={l}>{l}</option>
          ))}
        </select>
      </div>
      <label htmlFor="code">Code</label>
      <textarea id="code" className="mono" spellCheck={false} style={{ minHeight: 360 }} value={answer.code} disabled={disabled} onChange={(e) => onChange({ ...answer, code: e.target.value })} />
      <p className="muted small">Your code is autosaved and kept for review. Running the visible and hidden tests in the browser is not available yet, so this round does not vote in the decision.</p>
    </div>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

type Status =
  | { kind: "idle" | "busy" }
  | { kind: "error" | "ok"; message: string }
  /** The server already has this session: link to it, or import a second copy on purpose. */
  | { kind: "duplicate"; message: string; existingUrl: string; text: string; fileName: string; allow: string };

type ImportAnswer = { id?: string; url?: string; error?: string; duplicateOf?: { id: string; url: string }; allowDuplicate?: string };

/** Upload a JSON export; the server checks it and answers with the new session, the field that is wrong, or the session it already has. */
export function ImportForm() {
  const router = useRouter();
  const inputId = useId();
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  async function send(text: string, fileName: string, query = "") {
    setStatus({ kind: "busy" });
    const res = await fetch(`/api/sessions/import${query}`, { method: "POST", headers: { "content-type": "application/json" }, body: text });
    const body = (await res.json().catch(() => ({}))) as ImportAnswer;
    if (res.status === 409 && body.duplicateOf) {
      setStatus({ kind: "duplicate", message: body.error ?? "This session is already in your history.", existingUrl: body.duplicateOf.url, text, fileName, allow: body.allowDuplicate ?? "?duplicate=allow" });
      return;
    }
    if (!res.ok || !body.url) {
      setStatus({ kind: "error", message: `${fileName} was not imported: ${body.error ?? `HTTP ${res.status}`}` });
      return;
    }
    setStatus({ kind: "ok", message: `Imported ${fileName}.` });
    router.push(body.url);
  }

  async function onChange(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      await send(await file.text(), file.name);
    } catch (err) {
      setStatus({ kind: "error", message: `Could not read ${file.name}: ${(err as Error).message}` });
    } finally {
      e.target.value = "";
    }
  }

  return (
    <div>
      <label htmlFor={inputId}>Import a session (JSON export)</label>
      <input id={inputId} type="file" accept="application/json,.json" onChange={onChange} disabled={status.kind === "busy"} />
      <div aria-live="polite">
        {status.kind === "busy" && <p className="muted small">Importing…</p>}
        {status.kind === "error" && <p className="alert error" role="alert">{status.message}</p>}
        {status.kind === "ok" && <p className="muted small">{status.message}</p>}
        {status.kind === "duplicate" && (
          <div className="alert" role="alert" data-testid="import-duplicate">
            <p style={{ marginTop: 0 }}>{status.fileName} was not imported. {status.message}</p>
            <div className="row">
              <Link className="button primary" href={status.existingUrl}>Open the session already here</Link>
              <button type="button" onClick={() => void send(status.text, status.fileName, status.allow).catch((err) => setStatus({ kind: "error", message: (err as Error).message }))}>
                Import a second copy anyway
              </button>
              <button type="button" onClick={() => setStatus({ kind: "idle" })}>Cancel</button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

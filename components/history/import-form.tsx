"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";

/** Upload a JSON export; the server checks it and answers with the new session, or the field that is wrong. */
export function ImportForm() {
  const router = useRouter();
  const inputId = useId();
  const [status, setStatus] = useState<{ kind: "idle" | "busy" | "error" | "ok"; message?: string }>({ kind: "idle" });

  async function onChange(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setStatus({ kind: "busy" });
    try {
      const text = await file.text();
      const res = await fetch("/api/sessions/import", { method: "POST", headers: { "content-type": "application/json" }, body: text });
      const body = (await res.json().catch(() => ({}))) as { id?: string; url?: string; error?: string };
      if (!res.ok || !body.url) {
        setStatus({ kind: "error", message: `${file.name} was not imported: ${body.error ?? `HTTP ${res.status}`}` });
        return;
      }
      setStatus({ kind: "ok", message: `Imported ${file.name}.` });
      router.push(body.url);
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
      </div>
    </div>
  );
}

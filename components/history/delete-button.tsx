"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Deletes a session after a confirmation; the history list is where the user lands. */
export function DeleteSessionButton({ id, label }: { id: string; label: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onClick() {
    if (!window.confirm(`Delete "${label}" with its answers and event log? This cannot be undone; export it first to keep a copy.`)) return;
    setBusy(true);
    const res = await fetch(`/api/sessions/${encodeURIComponent(id)}/delete`, { method: "POST" });
    setBusy(false);
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      setError(body.error ?? `HTTP ${res.status}`);
      return;
    }
    router.push("/history");
    router.refresh();
  }
  return (
    <>
      <button type="button" className="danger" onClick={onClick} disabled={busy}>
        {busy ? "Deleting…" : "Delete session"}
      </button>
      {error && <span className="alert error" role="alert">{error}</span>}
    </>
  );
}

"use client";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import type { Diagram } from "@/lib/diagram/scene";
import type { WhiteboardEditorProps } from "./whiteboard-editor";

// The picture of a saved drawing (the SVG renderer) loads only when there is a drawing to show.
const DiagramImage = dynamic(() => import("./diagram-image").then((m) => m.DiagramImage));

const WhiteboardEditor = dynamic<WhiteboardEditorProps>(
  async () => {
    // Before Excalidraw loads: its fonts come from this app, never from its CDN fallback. (Imported
    // here, not at the top, so pages that never open the whiteboard do not download it.)
    (await import("./excalidraw-env")).prepareExcalidraw();
    return (await import("./whiteboard-editor")).default;
  },
  {
    ssr: false,
    loading: () => (
      <div className="whiteboard-frame whiteboard-loading" role="status">
        Loading the whiteboard…
      </div>
    ),
  },
);

/**
 * The design round's whiteboard. Closed, it costs nothing but this file: a saved drawing shows as a
 * picture. Open, it loads Excalidraw (about a megabyte) on demand. It stays open across reloads of
 * the same round (sessionStorage), as a tab the candidate left open would.
 */
export function Whiteboard({ diagram, onChange, disabled, storageKey }: { diagram: Diagram | null | undefined; onChange: (d: Diagram | null) => void; disabled: boolean; storageKey: string }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (sessionStorage.getItem(storageKey) === "open") setOpen(true);
  }, [storageKey]);
  function toggle(next: boolean) {
    setOpen(next);
    if (next) sessionStorage.setItem(storageKey, "open");
    else sessionStorage.removeItem(storageKey);
  }
  const count = diagram?.elements.length ?? 0;
  return (
    <section className="card" aria-labelledby="whiteboard-heading">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="whiteboard-heading" className="section-title">Whiteboard</h2>
        <div className="row">
          <span className="muted small">{count ? `${count} element${count === 1 ? "" : "s"}, saved with your answer` : "Draw the architecture: boxes, arrows, labels."}</span>
          {open ? (
            <button type="button" onClick={() => toggle(false)}>Close whiteboard</button>
          ) : (
            <button type="button" className={count ? undefined : "primary"} onClick={() => toggle(true)}>
              {count ? "Edit whiteboard" : "Open whiteboard"}
            </button>
          )}
        </div>
      </div>
      {open ? (
        <WhiteboardEditor diagram={diagram} onChange={onChange} disabled={disabled} label="Whiteboard drawing area" />
      ) : count ? (
        <DiagramImage diagram={diagram} />
      ) : null}
    </section>
  );
}

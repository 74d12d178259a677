"use client";
import "@excalidraw/excalidraw/index.css";
import { Excalidraw, exportToSvg, getSceneVersion } from "@excalidraw/excalidraw";
import type { ExcalidrawImperativeAPI } from "@excalidraw/excalidraw/types";
import { useCallback, useMemo, useRef, useState } from "react";
import { useAppTheme } from "@/components/ui/use-app-theme";
import { useExcalidrawA11yFixes } from "./excalidraw-a11y";
import { MAX_DIAGRAM_BYTES, droppedImageCount, jsonBytes, toStoredDiagram, type Diagram } from "@/lib/diagram/scene";

export type WhiteboardEditorProps = {
  diagram: Diagram | null | undefined;
  onChange: (diagram: Diagram | null) => void;
  disabled: boolean;
  /** Accessible name of the drawing area. */
  label: string;
};

/**
 * Excalidraw, loaded only when the candidate opens the whiteboard (this module is imported lazily).
 * Its fonts come from this app (window.EXCALIDRAW_ASSET_PATH, set before the import); features
 * that would reach a server (collaboration, sharing links, AI, images) are off. Every change of the
 * elements becomes the answer's `diagram`, which the round autosaves with the rest.
 */
export default function WhiteboardEditor({ diagram, onChange, disabled, label }: WhiteboardEditorProps) {
  const theme = useAppTheme();
  const api = useRef<ExcalidrawImperativeAPI | null>(null);
  const lastVersion = useRef<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  useExcalidrawA11yFixes(frame);
  // Excalidraw reads its initial scene once; later changes come from the editor itself.
  const initialData = useMemo(
    () => ({
      elements: (diagram?.elements ?? []) as never[],
      appState: { viewBackgroundColor: diagram?.appState?.viewBackgroundColor, ...(diagram?.appState?.gridSize ? { gridSize: diagram.appState.gridSize } : {}) },
      scrollToContent: true,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const handleChange = useCallback(
    (elements: readonly unknown[], appState: { viewBackgroundColor?: string; gridSize?: number | null }) => {
      const key = `${getSceneVersion(elements as never)}|${appState.viewBackgroundColor ?? ""}|${appState.gridSize ?? ""}`;
      if (lastVersion.current === null) {
        lastVersion.current = key; // the initial scene is what was saved already
        return;
      }
      if (key === lastVersion.current) return; // a selection, a scroll or a zoom: nothing to save
      lastVersion.current = key;
      const raw = elements as readonly Record<string, unknown>[];
      const stored = toStoredDiagram(raw, appState);
      const images = droppedImageCount(raw);
      const bytes = stored ? jsonBytes(stored) : 0;
      if (bytes > MAX_DIAGRAM_BYTES) {
        setWarning(`This drawing is ${Math.ceil(bytes / 1024)} KiB, over the ${MAX_DIAGRAM_BYTES / 1024} KiB an answer can hold: the last version under the limit is the one saved. Remove freehand strokes to save again.`);
        return;
      }
      setWarning(images ? `Images are not kept in answers (${images} on the board): draw or label the idea instead.` : null);
      onChange(stored);
    },
    [onChange],
  );

  const downloadSvg = useCallback(async () => {
    const a = api.current;
    if (!a) return;
    const svg = await exportToSvg({ elements: a.getSceneElements(), appState: { ...a.getAppState(), exportBackground: true, exportWithDarkMode: false }, files: a.getFiles() });
    const url = URL.createObjectURL(new Blob([svg.outerHTML], { type: "image/svg+xml" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "loopbench-diagram.svg";
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, []);

  return (
    <div>
      <div className="whiteboard-frame" role="region" aria-label={label} ref={frame}>
        <Excalidraw
          excalidrawAPI={(a) => (api.current = a)}
          initialData={initialData}
          onChange={handleChange as never}
          theme={theme}
          viewModeEnabled={disabled}
          aiEnabled={false}
          handleKeyboardGlobally={false}
          autoFocus
          name="loopbench-diagram"
          validateEmbeddable={false}
          UIOptions={{
            canvasActions: { loadScene: false, saveToActiveFile: false, toggleTheme: null, export: false, saveAsImage: true, clearCanvas: !disabled, changeViewBackgroundColor: true },
            tools: { image: false },
          }}
        />
      </div>
      <div className="row small" style={{ marginTop: 6 }}>
        <button type="button" onClick={() => void downloadSvg()}>Download SVG</button>
        <span className="muted">Tip: double-click a shape or an arrow to label it; labels count as part of your answer.</span>
      </div>
      {warning && <p className="alert" role="status">{warning}</p>}
    </div>
  );
}

import { diagramLabels, type Diagram } from "@/lib/diagram/scene";
import { diagramToSvg, svgDataUrl } from "@/lib/diagram/to-svg";

/**
 * A stored drawing as a picture, without loading the whiteboard: the SVG from lib/diagram in an
 * <img> (which runs no script, whatever the drawing holds), its labels as the text alternative and
 * listed under it. Dark mode inverts it as Excalidraw's own dark theme does.
 */
export function DiagramImage({ diagram, caption = true, className }: { diagram: Diagram | null | undefined; caption?: boolean; className?: string }) {
  const svg = diagramToSvg(diagram);
  if (!svg) return null;
  const labels = diagramLabels(diagram).map((l) => l.text);
  const alt = labels.length ? `Diagram with the labels: ${labels.join("; ")}` : "Diagram without labels";
  return (
    <figure className={`diagram${className ? ` ${className}` : ""}`}>
      <img src={svgDataUrl(svg)} alt={alt} data-testid="diagram-image" />
      {caption && labels.length > 0 && (
        <figcaption className="small muted">
          Diagram labels: {labels.map((l, i) => (
            <span key={i}>
              {i > 0 && " · "}
              <q>{l}</q>
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}

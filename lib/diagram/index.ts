export {
  MAX_DIAGRAM_BYTES,
  MAX_DIAGRAM_ELEMENTS,
  diagramElementTypes,
  compactElement,
  withDefaults,
  toStoredDiagram,
  droppedImageCount,
  diagramLabels,
  diagramText,
  diagramKey,
  jsonBytes,
  type Diagram,
  type DiagramElement,
} from "./scene";
export { diagramSchema, diagramElementSchema } from "./schema";
export { diagramToSvg, svgDataUrl } from "./to-svg";

import { diagramLabels, withDefaults, type Diagram, type DiagramElement } from "./scene";

/**
 * A stored drawing as a standalone SVG, without Excalidraw and without a DOM: for the Markdown
 * export, the history replay and the read-only views, where loading the whiteboard (about a
 * megabyte of JavaScript) to show a picture would be waste. Shapes are drawn clean rather than
 * hand-drawn; text uses the system's fonts, so the file refers to nothing outside itself.
 */

const PAD = 16;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const n = (x: number) => String(Math.round(x * 10) / 10);

/** System font stacks for Excalidraw's font families (hand-drawn ones fall back to a rounded sans). */
function fontFamily(id: unknown): string {
  switch (id) {
    case 3:
    case 8:
      return "ui-monospace, Menlo, Consolas, monospace";
    case 2:
    case 6:
    case 9:
      return "system-ui, Helvetica, Arial, sans-serif";
    default:
      return "'Comic Sans MS', 'Segoe Print', system-ui, sans-serif";
  }
}

const colour = (c: unknown, fallback: string) => (typeof c === "string" && /^(#[0-9a-fA-F]{3,8}|[a-z]+|rgba?\([\d\s.,%]+\))$/.test(c) ? c : fallback);

type Box = { minX: number; minY: number; maxX: number; maxY: number };

function pointsOf(e: DiagramElement): [number, number][] {
  return Array.isArray(e.points) ? e.points.map(([px, py]) => [e.x + px, e.y + py] as [number, number]) : [];
}

function boundsOf(elements: DiagramElement[]): Box | null {
  let b: Box | null = null;
  const add = (x: number, y: number) => {
    if (!b) b = { minX: x, minY: y, maxX: x, maxY: y };
    else (b.minX = Math.min(b.minX, x)), (b.minY = Math.min(b.minY, y)), (b.maxX = Math.max(b.maxX, x)), (b.maxY = Math.max(b.maxY, y));
  };
  for (const e of elements) {
    const pts = pointsOf(e);
    if (pts.length) pts.forEach(([x, y]) => add(x, y));
    else add(e.x, e.y), add(e.x + (e.width ?? 0), e.y + (e.height ?? 0));
  }
  return b;
}

function strokeAttrs(e: ReturnType<typeof withDefaults>): string {
  const width = typeof e.strokeWidth === "number" ? e.strokeWidth : 2;
  const dash = e.strokeStyle === "dashed" ? ` stroke-dasharray="${n(width * 4)} ${n(width * 3)}"` : e.strokeStyle === "dotted" ? ` stroke-dasharray="${n(width)} ${n(width * 2.5)}"` : "";
  return `stroke="${esc(colour(e.strokeColor, "#1e1e1e"))}" stroke-width="${n(width)}"${dash} stroke-linecap="round" stroke-linejoin="round"`;
}

function fillAttrs(e: ReturnType<typeof withDefaults>): string {
  const bg = colour(e.backgroundColor, "transparent");
  if (bg === "transparent") return `fill="none"`;
  // Hachure and cross-hatch read as a lighter tint of the colour.
  return `fill="${esc(bg)}"${e.fillStyle === "solid" ? "" : ` fill-opacity="0.45"`}`;
}

function arrowhead(kind: unknown, tip: [number, number], from: [number, number], size: number, stroke: string): string {
  if (!kind) return "";
  const ang = Math.atan2(tip[1] - from[1], tip[0] - from[0]);
  const wing = (da: number): [number, number] => [tip[0] - size * Math.cos(ang + da), tip[1] - size * Math.sin(ang + da)];
  const [a, b] = [wing(Math.PI / 7), wing(-Math.PI / 7)];
  if (kind === "dot" || kind === "circle" || kind === "circle_outline") {
    return `<circle cx="${n(tip[0])}" cy="${n(tip[1])}" r="${n(size / 3)}" ${stroke} fill="${kind === "circle_outline" ? "none" : "currentColor"}"/>`;
  }
  if (kind === "bar") {
    const [c, d] = [wing(Math.PI / 2), wing(-Math.PI / 2)].map(([x, y]) => [x + size * Math.cos(ang), y + size * Math.sin(ang)]);
    return `<path d="M${n(c[0])} ${n(c[1])}L${n(d[0])} ${n(d[1])}" ${stroke} fill="none"/>`;
  }
  const closed = kind === "triangle" || kind === "triangle_outline" || kind === "diamond" || kind === "diamond_outline";
  const fill = closed && !String(kind).endsWith("_outline") ? "currentColor" : "none";
  return `<path d="M${n(a[0])} ${n(a[1])}L${n(tip[0])} ${n(tip[1])}L${n(b[0])} ${n(b[1])}${closed ? "Z" : ""}" ${stroke} fill="${fill}"/>`;
}

function shape(raw: DiagramElement, linearIds: ReadonlySet<string>, bg: string): string {
  const e = withDefaults(raw);
  const w = e.width ?? 0;
  const h = e.height ?? 0;
  const cx = e.x + w / 2;
  const cy = e.y + h / 2;
  const rotate = e.angle ? ` transform="rotate(${n((e.angle * 180) / Math.PI)} ${n(cx)} ${n(cy)})"` : "";
  const opacity = typeof e.opacity === "number" && e.opacity < 100 ? ` opacity="${n(Math.max(0, e.opacity) / 100)}"` : "";
  const common = `${rotate}${opacity}`;
  const stroke = strokeAttrs(e);
  switch (e.type) {
    case "rectangle": {
      const r = e.roundness ? Math.min(32, 0.25 * Math.min(w, h)) : 0;
      return `<rect x="${n(e.x)}" y="${n(e.y)}" width="${n(w)}" height="${n(h)}"${r ? ` rx="${n(r)}"` : ""} ${stroke} ${fillAttrs(e)}${common}/>`;
    }
    case "ellipse":
      return `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(w / 2)}" ry="${n(h / 2)}" ${stroke} ${fillAttrs(e)}${common}/>`;
    case "diamond":
      return `<path d="M${n(cx)} ${n(e.y)}L${n(e.x + w)} ${n(cy)}L${n(cx)} ${n(e.y + h)}L${n(e.x)} ${n(cy)}Z" ${stroke} ${fillAttrs(e)}${common}/>`;
    case "line":
    case "arrow":
    case "freedraw": {
      const pts = pointsOf(raw);
      if (pts.length < 2) return "";
      const d = pts.map(([x, y], i) => `${i ? "L" : "M"}${n(x)} ${n(y)}`).join("");
      const closedLine = e.type === "line" && pts.length > 2 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1];
      const fill = closedLine ? fillAttrs(e) : `fill="none"`;
      const size = Math.max(10, (typeof e.strokeWidth === "number" ? e.strokeWidth : 2) * 6);
      const heads =
        e.type === "arrow"
          ? arrowhead(raw.endArrowhead === undefined ? "arrow" : raw.endArrowhead, pts[pts.length - 1], pts[pts.length - 2], size, stroke) +
            arrowhead(raw.startArrowhead, pts[0], pts[1], size, stroke)
          : "";
      return `<g color="${esc(colour(e.strokeColor, "#1e1e1e"))}"${common}><path d="${d}" ${stroke} ${fill}/>${heads}</g>`;
    }
    case "text": {
      const size = typeof e.fontSize === "number" ? e.fontSize : 20;
      const lh = (typeof raw.lineHeight === "number" ? raw.lineHeight : 1.25) * size;
      const align = raw.textAlign === "center" ? "middle" : raw.textAlign === "right" ? "end" : "start";
      const x = align === "middle" ? cx : align === "end" ? e.x + w : e.x;
      const lines = String(e.text ?? "").split("\n");
      const tspans = lines.map((line, i) => `<tspan x="${n(x)}" y="${n(e.y + lh * (i + 0.5))}">${esc(line) || " "}</tspan>`).join("");
      // A label on an arrow or a line hides the stroke behind it, as in the editor.
      const mask = typeof raw.containerId === "string" && linearIds.has(raw.containerId) ? `<rect x="${n(e.x - 4)}" y="${n(e.y)}" width="${n(w + 8)}" height="${n(h)}" fill="${esc(bg)}"/>` : "";
      return `${mask}<text font-family="${esc(fontFamily(raw.fontFamily))}" font-size="${n(size)}" fill="${esc(colour(e.strokeColor, "#1e1e1e"))}" text-anchor="${align}" dominant-baseline="central"${common}>${tspans}</text>`;
    }
    case "frame":
    case "magicframe": {
      const name = typeof raw.name === "string" && raw.name ? raw.name : "Frame";
      return `<g${common}><rect x="${n(e.x)}" y="${n(e.y)}" width="${n(w)}" height="${n(h)}" rx="8" stroke="#888" stroke-width="1" fill="none"/><text x="${n(e.x)}" y="${n(e.y - 6)}" font-family="system-ui, sans-serif" font-size="13" fill="#888">${esc(name)}</text></g>`;
    }
    default:
      // Embeds draw as a labelled placeholder: the file never loads anything from outside.
      return `<g${common}><rect x="${n(e.x)}" y="${n(e.y)}" width="${n(w)}" height="${n(h)}" stroke="#888" stroke-dasharray="6 4" fill="none"/><text x="${n(cx)}" y="${n(cy)}" font-family="system-ui, sans-serif" font-size="13" fill="#888" text-anchor="middle">${esc(e.type)}</text></g>`;
  }
}

/** The drawing as an SVG document, or null when it holds nothing to draw. */
export function diagramToSvg(diagram: Diagram | null | undefined, opts: { title?: string } = {}): string | null {
  const elements = (diagram?.elements ?? []).filter((e) => (e as { isDeleted?: boolean }).isDeleted !== true);
  const b = boundsOf(elements);
  if (!b) return null;
  const width = b.maxX - b.minX + 2 * PAD;
  const height = b.maxY - b.minY + 2 * PAD;
  const bg = colour(diagram?.appState?.viewBackgroundColor, "#ffffff");
  const labels = diagramLabels(diagram).map((l) => l.text);
  const title = opts.title ?? (labels.length ? `Diagram: ${labels.join(", ")}` : "Diagram");
  const linearIds = new Set(elements.filter((e) => e.type === "arrow" || e.type === "line").map((e) => e.id));
  // Frames first (they sit behind), then the rest in the stored (z-) order.
  const ordered = [...elements.filter((e) => e.type === "frame" || e.type === "magicframe"), ...elements.filter((e) => e.type !== "frame" && e.type !== "magicframe")];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(b.minX - PAD)} ${n(b.minY - PAD)} ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img">` +
    `<title>${esc(title)}</title>` +
    `<rect x="${n(b.minX - PAD)}" y="${n(b.minY - PAD)}" width="${n(width)}" height="${n(height)}" fill="${esc(bg)}"/>` +
    ordered.map((e) => shape(e, linearIds, bg)).join("") +
    `</svg>`
  );
}

/** The SVG as a data: URL, for an <img> (which runs no script, whatever the drawing holds) or a Markdown image. */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(bin)}`;
}

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { designAnswerSchema } from "@/lib/grading/answers";
import { MAX_DIAGRAM_BYTES, compactElement, diagramLabels, diagramSchema, diagramText, diagramToSvg, jsonBytes, toStoredDiagram, withDefaults } from "./index";

const scene = JSON.parse(fs.readFileSync(path.join(process.cwd(), "tests/fixtures/diagrams/two-boxes.excalidraw.json"), "utf8")) as {
  elements: Record<string, unknown>[];
  appState: { viewBackgroundColor: string; gridSize: number };
};

describe("the stored drawing", () => {
  const stored = toStoredDiagram(scene.elements, scene.appState)!;

  it("keeps live elements only: deleted ones and images (whose pixels are not stored) are dropped", () => {
    expect(stored.elements.map((e) => e.id)).toEqual(["box-router", "label-router", "box-kv", "label-kv", "arrow-1", "label-arrow", "note"]);
    expect(stored.appState).toEqual({ gridSize: 20 });
  });

  it("is compact: defaults and bookkeeping are left out, coordinates rounded, the rest kept", () => {
    const box = stored.elements[0];
    expect(box).not.toHaveProperty("version");
    expect(box).not.toHaveProperty("versionNonce");
    expect(box).not.toHaveProperty("strokeColor"); // the default
    expect(box).not.toHaveProperty("opacity");
    expect(box.x).toBe(100.1);
    expect(box.y).toBe(100.5);
    expect(box.backgroundColor).toBe("#a5d8ff");
    expect(box.seed).toBe(11); // the hand-drawn look stays the same on reload
    expect(stored.elements[4].points).toEqual([[0, 0], [148.3, 0]]);
    expect(jsonBytes(stored)).toBeLessThan(jsonBytes(scene.elements) * 0.6);
    // Putting the defaults back restores what was left out.
    expect(withDefaults(box)).toMatchObject({ strokeColor: "#1e1e1e", opacity: 100, angle: 0, groupIds: [] });
  });

  it("parses at the API boundary, and an empty board stores nothing", () => {
    expect(diagramSchema.safeParse(stored).success).toBe(true);
    expect(toStoredDiagram([{ id: "x", type: "rectangle", x: 0, y: 0, isDeleted: true }])).toBeNull();
    expect(designAnswerSchema.safeParse({ sections: {}, diagram: stored }).success).toBe(true);
    expect(designAnswerSchema.safeParse({ sections: {}, diagram: null }).success).toBe(true);
  });

  it("refuses images, unknown types, duplicates and drawings over the size limit, naming the field", () => {
    const bad = (elements: unknown[]) => {
      const r = diagramSchema.safeParse({ elements });
      return r.success ? "" : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    };
    expect(bad([{ id: "p", type: "image", x: 0, y: 0 }])).toMatch(/elements\.0\.type: .*images are not stored/);
    expect(bad([{ id: "a", type: "rectangle", x: 0, y: 0 }, { id: "a", type: "ellipse", x: 1, y: 1 }])).toMatch(/elements\.1\.id: duplicate element id "a"/);
    expect(bad([{ id: "a", type: "rectangle", x: Number.NaN, y: 0 }])).toMatch(/elements\.0\.x/);
    const stroke = Array.from({ length: 4000 }, (_, i) => [i * 1.1, i * 2.2]);
    const huge = Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, type: "freedraw", x: 0, y: 0, points: stroke }));
    expect(jsonBytes({ elements: huge })).toBeGreaterThan(MAX_DIAGRAM_BYTES);
    expect(bad(huge)).toMatch(/the drawing is \d+ KiB; the limit is 256 KiB/);
  });

  it("gives the grader its words: labels of boxes and arrows and free text, in reading order", () => {
    expect(diagramLabels(stored)).toEqual([
      { id: "label-router", text: "API router", containerId: "box-router" },
      { id: "label-arrow", text: "blocks", containerId: "arrow-1" },
      { id: "label-kv", text: "Paged KV cache", containerId: "box-kv" },
      { id: "note", text: "Chunked prefill 512 tokens", containerId: null },
    ]);
    expect(diagramText(stored)).toBe("API router\nblocks\nPaged KV cache\nChunked prefill 512 tokens");
    expect(diagramText(null)).toBe("");
  });

  it("compacts an element without losing fields it does not know", () => {
    expect(compactElement({ id: "n", type: "rectangle", x: 1.26, y: 2, futureField: { a: 1 }, angle: 0, updated: 5 })).toEqual({ id: "n", type: "rectangle", x: 1.3, y: 2, futureField: { a: 1 } });
  });
});

describe("the drawing as SVG, without Excalidraw", () => {
  const stored = toStoredDiagram(scene.elements, scene.appState)!;
  const svg = diagramToSvg(stored)!;

  it("draws every shape, arrowhead and label", () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<rect /g)!.length).toBe(4); // background, two boxes, and the arrow label's mask
    expect(svg).toMatch(/<rect x="336" y="127.5" width="78" height="25" fill="#ffffff"\/><text[^>]*><tspan x="375" y="140">blocks</);
    expect(svg).toContain('fill="#a5d8ff"');
    expect(svg).toMatch(/<g color="#1e1e1e"><path d="M301 140L449.3 140"/);
    for (const label of ["API router", "Paged KV cache", "blocks", "Chunked prefill", "512 tokens"]) expect(svg).toContain(label);
    expect(svg).toContain("<title>Diagram: API router, blocks, Paged KV cache, Chunked prefill 512 tokens</title>");
  });

  it("refers to nothing outside itself: no URL but the SVG namespace, no script", () => {
    expect(svg.match(/https?:\/\/[^"\s)]+/g)).toEqual(["http://www.w3.org/2000/svg"]);
    expect(svg).not.toMatch(/@font-face|url\(|<script|href=/i);
  });

  it("escapes text so a label cannot inject markup", () => {
    const evil = diagramToSvg({ elements: [{ id: "t", type: "text", x: 0, y: 0, width: 10, height: 10, text: '</text><script>alert(1)</script><a href="x">' }] })!;
    expect(evil).not.toContain("<script>");
    expect(evil).toContain("&lt;/text&gt;&lt;script&gt;");
    const colour = diagramToSvg({ elements: [{ id: "r", type: "rectangle", x: 0, y: 0, width: 10, height: 10, strokeColor: '" onload="alert(1)' }] })!;
    expect(colour).not.toContain("onload");
  });

  it("is null for an empty drawing", () => {
    expect(diagramToSvg(null)).toBeNull();
    expect(diagramToSvg({ elements: [] })).toBeNull();
  });
});

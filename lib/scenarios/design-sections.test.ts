import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioLibrary } from "./loader";
import { defaultSectionsByDesignKind, designScenarioSchema } from "./schema";

const library = loadScenarioLibrary([path.join(process.cwd(), "scenarios")]);
const designs = library.scenarios.filter((s) => s.kind === "design");

const minimal = {
  id: "x-design",
  kind: "design",
  title: "A design",
  source: { seed: "001_ffd3690e418448a4.txt", point: "A point of the seed, in a sentence." },
  prompt: "Design something large and explain it well.",
  rubric: { concepts: Array.from({ length: 8 }, (_, i) => ({ id: `c${i}`, label: `Concept ${i}`, synonyms: [`term ${i}`] })) },
};

describe("design sections per scenario, with defaults per kind of design", () => {
  it("gives a service the API section and a training stack or a data pipeline none", () => {
    const ids = (designKind?: string) => designScenarioSchema.parse({ ...minimal, ...(designKind ? { designKind } : {}) }).sections.map((s) => s.id);
    expect(ids()).toContain("api");
    expect(ids("service")).toContain("api");
    expect(ids("training")).not.toContain("api");
    expect(ids("pipeline")).not.toContain("api");
    expect(ids("training")).toEqual(defaultSectionsByDesignKind.training.map((s) => s.id));
  });

  it("keeps a scenario's own sections over the defaults", () => {
    const own = designScenarioSchema.parse({ ...minimal, designKind: "training", sections: [{ id: "layout", title: "Layout" }] });
    expect(own.sections).toEqual([{ id: "layout", title: "Layout", hint: "" }]);
  });

  it("names the field and the values when designKind is wrong", () => {
    const r = designScenarioSchema.safeParse({ ...minimal, designKind: "website" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["designKind"], message: "designKind must be one of service, training, pipeline" });
  });

  it("the library's training-stack and pretraining-data designs have no API section", () => {
    for (const id of ["distributed-training-stack", "multilingual-pretraining-data"]) {
      const s = designs.find((d) => d.id === id);
      expect(s, id).toBeDefined();
      expect(s!.kind === "design" && s!.sections.map((x) => x.id)).not.toContain("api");
    }
  });
});

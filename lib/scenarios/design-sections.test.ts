import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { loadScenarioLibrary } from "./loader";
import { defaultSectionsByDesignKind, designScenarioSchema } from "./schema";

const library = loadScenarioLibrary([path.join(process.cwd(), "scenarios")]);
const designs = library.scenarios.filter((s) => s.kind === "design");

// A real library scenario, stripped of its sections and kind, so only the defaults are under test.
const raw = YAML.parse(fs.readFileSync(path.join(process.cwd(), "scenarios/design/cost-per-token-serving.yaml"), "utf8"));
delete raw.sections;
delete raw.designKind;
const minimal = { ...raw, id: "x-design" };

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

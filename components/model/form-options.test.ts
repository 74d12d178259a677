import { describe, expect, it } from "vitest";
import { formOptions, ungroupedKnobs } from "./form-options";
import { parseSandbox } from "./sandbox-config";

describe("the model sandbox's form options", () => {
  it("puts every engine knob in one of the form's groups", () => {
    expect(ungroupedKnobs()).toEqual([]);
  });
  it("is plain data the server can hand to the client form", () => {
    const o = formOptions();
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
    expect(o.presets.map((p) => p.id)).toContain(o.defaults.preset);
    expect(o.presetKnobs[o.defaults.preset].bandwidthEfficiency).toBeGreaterThan(0);
  });
  it("flags an emptied number field instead of using its default", () => {
    const { errors } = parseSandbox(new URLSearchParams("input="));
    expect(errors.map((e) => e.field)).toContain("input");
  });
});

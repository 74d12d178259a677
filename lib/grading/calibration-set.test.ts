import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isSealedPart, listCalibrationParts, loadCalibrationPart } from "./calibration-set";

describe("sealed calibration parts stay sealed", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "calib-"));
  for (const p of ["tuned", "held-out", "sealed", "sealed-2"]) fs.mkdirSync(path.join(root, p));
  it("skips every part whose name starts with 'sealed' unless LOOPBENCH_CALIBRATION_SEALED=1", () => {
    expect(isSealedPart("sealed-2")).toBe(true);
    expect(listCalibrationParts(root, undefined, {})).toEqual(["held-out", "tuned"]);
    expect(listCalibrationParts(root, ["sealed", "tuned"], {})).toEqual(["tuned"]);
    expect(listCalibrationParts(root, undefined, { LOOPBENCH_CALIBRATION_SEALED: "1" })).toEqual(["held-out", "sealed", "sealed-2", "tuned"]);
  });
  it("refuses to load a sealed part without the switch", () => {
    expect(() => loadCalibrationPart(root, "sealed-2", {})).toThrow(/sealed/);
  });
});

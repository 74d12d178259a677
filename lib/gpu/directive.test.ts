import { describe, expect, it } from "vitest";
import { evaluateDispatch, parseDispatchDirective } from "./directive";

const names = ["H", "S", "D"];
const params = { H: 8, S: 77, D: 64, scale: 0.125 };

function grid(src: string, max = 65535) {
  const d = parseDispatchDirective(src, names);
  if (!d.ok) return d.message;
  const g = evaluateDispatch(d.dispatch, params, max);
  return g.ok ? g.grid : g.message;
}

describe("dispatch directive", () => {
  it.each([
    ["// dispatch: ceil_div(S, 64), H, 1", [2, 8, 1]],
    ["  //dispatch:S,H,1", [77, 8, 1]],
    ["// dispatch: (S + 15) / 16 * 2, H * D / 64, 3 - 1", [10, 8, 2]],
    ["// dispatch: ceil_div(S * H, 2 * 32), ceil_div(ceil_div(D, 4), 16), 1u", [10, 1, 1]],
  ])("%s", (src, want) => {
    expect(grid(`fn x() {}\n${src}\n`)).toEqual(want);
  });

  it.each([
    ["fn main() {}", /No dispatch directive/],
    ["// dispatch: S, H, 1\n// dispatch: S, H, 1", /More than one dispatch directive \(lines 1, 2\)/],
    ["// dispatch: S, H", /needs exactly three/],
    ["// dispatch: S, B, 1", /"B" is not a parameter/],
    ["// dispatch: S, scale, 1", /"scale" is not a parameter/],
    ["// dispatch: S % 2, H, 1", /unexpected "%"/],
    ["// dispatch: ceil_div(S), H, 1", /expected ","/],
    ["// dispatch: S, H - 8, 1", /dispatch Y = 0 .* outside 1\.\.65535/],
    ["// dispatch: S * 1000, H, 1", /dispatch X = 77000/],
    ["// dispatch: S / (H - 8), H, 1", /division by zero/],
  ])("rejects %s", (src, re) => {
    expect(grid(src)).toMatch(re);
  });

  it("ignores a directive-like text that is not a whole-line comment", () => {
    expect(grid("let x = 1; // dispatch: 1, 1, 1\n// dispatch: 2, 2, 2")).toEqual([2, 2, 2]);
  });
});

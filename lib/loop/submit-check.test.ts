import { describe, expect, it } from "vitest";
import type { PublicScenario } from "./public-scenario";
import { emptyParts } from "./submit-check";

const sc = (x: Partial<PublicScenario>) => ({ id: "s", kind: "design", title: "T", prompt: "p", ...x }) as PublicScenario;

describe("emptyParts", () => {
  it("names empty design sections by title (whitespace counts as empty) and unanswered follow-ups", () => {
    const scenario = sc({ sections: [{ id: "a", title: "Requirements", hint: "" }, { id: "b", title: "Scaling", hint: "" }] });
    const followups = [{ id: "f1", question: "What breaks first?", source: "scripted" as const, askedAtMs: 1, answer: "" }];
    const out = emptyParts({ kind: "design", scenario, answer: { sections: { a: "QPS 10k", b: "  \n" }, followups: [] }, followups });
    expect(out).toEqual(["Section “Scaling” is empty", "Follow-up question not answered: “What breaks first?”"]);
    const typed = emptyParts({ kind: "design", scenario, answer: { sections: { a: "x", b: "y" }, followups: [{ ...followups[0], answer: "the KV cache" }] }, followups });
    expect(typed).toEqual([]);
  });
  it("names empty STAR parts", () => {
    expect(emptyParts({ kind: "behavioral", scenario: sc({ kind: "behavioral" }), answer: { situation: "s", task: "", action: " ", result: "r" } })).toEqual(["Task is empty", "Action is empty"]);
  });
  it("names unanswered modeling questions (a half range is unanswered) and empty assumptions", () => {
    const scenario = sc({ kind: "modeling", questions: [{ id: "q1", prompt: "Tokens/s?", unit: "" }, { id: "q2", prompt: "GPUs?", unit: "" }, { id: "q3", prompt: "Cost?", unit: "" }] as PublicScenario["questions"] });
    const answer = { values: { q1: { value: 0, unit: "" }, q2: { mode: "range", low: 1, high: null, unit: "" } }, assumptions: "" };
    expect(emptyParts({ kind: "modeling", scenario, answer })).toEqual(["Question 2 not answered: “GPUs?”", "Question 3 not answered: “Cost?”", "Assumptions are empty"]);
  });
  it("coding: an untouched starter and no run; edited code that ran is fine", () => {
    const scenario = sc({ kind: "coding", starter: { python: "def f(x):\n    pass\n" } });
    expect(emptyParts({ kind: "coding", scenario, answer: { language: "python", code: "def f(x):\n    pass" }, ran: false })).toEqual(["The code is still the starter", "Tests never run in this round"]);
    expect(emptyParts({ kind: "coding", scenario, answer: { language: "python", code: "def f(x):\n    return x" }, ran: true })).toEqual([]);
  });
  it("kernel: never checked", () => {
    const scenario = sc({ kind: "kernel", starter: { wgsl: "// start" } });
    expect(emptyParts({ kind: "kernel", scenario, answer: { source: "fn main() {}" }, ran: false })).toEqual(["Never checked: Check has not been run in this round"]);
  });
});

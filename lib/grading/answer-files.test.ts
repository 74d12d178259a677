import { describe, expect, it } from "vitest";
import { AnswerFileError, normalizeTitle, parseBehavioralAnswer, parseDesignAnswer, parseModelingAnswer, splitMarkdownSections } from "./answer-files";

const sections = [
  { id: "requirements", title: "Requirements" },
  { id: "estimates", title: "Estimates" },
  { id: "deep-dives", title: "Deep dives" },
];

describe("design answer files", () => {
  it("maps '## <Section title>' headings to section ids, by title or id, ignoring case and punctuation", () => {
    const text = "Intro line.\n\n## Requirements\nServe chat.\n\n## ESTIMATES:\n128 KiB per token.\n\n### deep-dives\nPaged KV.";
    const { answer, warnings } = parseDesignAnswer(text, sections);
    expect(answer.sections).toEqual({ requirements: "Intro line.\n\nServe chat.", estimates: "128 KiB per token.", "deep-dives": "Paged KV." });
    expect(warnings).toEqual([]);
  });

  it("keeps text under an unknown heading in the section above it, and says so", () => {
    const { answer, warnings } = parseDesignAnswer("## Estimates\nA.\n## Memory\nB.", sections);
    expect(answer.sections.estimates).toBe("A.\n\nMemory\nB.");
    expect(warnings.join(" ")).toMatch(/"Memory" names no section/);
    expect(warnings.join(" ")).toMatch(/no text for section\(s\): Requirements, Deep dives/);
  });

  it("ignores '#' lines inside fenced code blocks", () => {
    const parts = splitMarkdownSections("## Estimates\n```py\n# not a heading\n```\n");
    expect(parts).toEqual([{ title: "Estimates", body: "```py\n# not a heading\n```" }]);
  });

  it("returns every section, empty when the file is empty", () => {
    expect(parseDesignAnswer("", sections)).toEqual({ answer: { sections: { requirements: "", estimates: "", "deep-dives": "" } }, warnings: [] });
    expect(normalizeTitle("**Deep-dives:**")).toBe("deep dives");
  });
});

describe("behavioral answer files", () => {
  it("reads 'Situation:' prefixes, bold labels and headings", () => {
    const text = "**Situation:** p99 was 1.8 s.\nTask - I owned latency.\n## Action\nI profiled.\nI shipped a pinned pool.\nResult: p99 420 ms.";
    const { answer, warnings } = parseBehavioralAnswer(text);
    expect(answer).toEqual({ situation: "p99 was 1.8 s.", task: "I owned latency.", action: "I profiled.\nI shipped a pinned pool.", result: "p99 420 ms." });
    expect(warnings).toEqual([]);
  });

  it("does not mistake a sentence starting with a STAR word for a label", () => {
    const { answer } = parseBehavioralAnswer("Situation: x\nResults were mixed at first.\nAction items came later.");
    expect(answer.situation).toBe("x\nResults were mixed at first.\nAction items came later.");
  });

  it("reads unlabelled text as the situation and warns", () => {
    const { answer, warnings } = parseBehavioralAnswer("I fixed it.");
    expect(answer).toEqual({ situation: "I fixed it.", task: "", action: "", result: "" });
    expect(warnings[0]).toMatch(/no "Situation:"/);
  });
});

describe("modeling answer files", () => {
  it("reads YAML and JSON, and warns about unknown or missing question ids", () => {
    const y = parseModelingAnswer("values:\n  kv-per-token: { value: 128, unit: KiB }\n  extra: { value: 1, unit: B }\nassumptions: BF16 cache, 80 GB GPU.\n", ["kv-per-token", "weights"]);
    expect(y.answer.values["kv-per-token"]).toEqual({ value: 128, unit: "KiB" });
    expect(y.answer.assumptions).toBe("BF16 cache, 80 GB GPU.");
    expect(y.warnings.join(" ")).toMatch(/unknown question id\(s\) extra/);
    expect(y.warnings.join(" ")).toMatch(/no value for: weights/);
    const j = parseModelingAnswer('{"values": {"weights": {"value": 14.5, "unit": "GB"}}}');
    expect(j.answer).toEqual({ values: { weights: { value: 14.5, unit: "GB" } }, assumptions: "" });
  });

  it("reads a range without a value, as docs/rubric-method.md writes it", () => {
    const r = parseModelingAnswer("values:\n  delay: { mode: range, low: 135, high: 160, unit: ms }\n");
    expect(r.answer.values.delay).toEqual({ mode: "range", low: 135, high: 160, unit: "ms", value: null });
  });

  it("names the field of a malformed file", () => {
    const err = (() => {
      try {
        parseModelingAnswer("values:\n  weights: { value: lots, unit: GB }\n");
      } catch (e) {
        return e as AnswerFileError;
      }
    })();
    expect(err).toBeInstanceOf(AnswerFileError);
    expect(err!.field).toBe("values.weights.value");
    expect(() => parseModelingAnswer("values: [1, 2")).toThrow(/not valid YAML or JSON/);
  });
});

import { describe, expect, it } from "vitest";
import { findPhrase, findQuantities, phraseRegex } from "./text-match";

describe("rubric phrase matching", () => {
  it("matches whole words, case-insensitively, with spaces and hyphens interchangeable and a plural allowed", () => {
    expect(phraseRegex("kv cache").test("We size the KV-caches first")).toBe(true);
    expect(phraseRegex("tp").test("a stop sign")).toBe(false);
    expect(phraseRegex("fsdp").test("FSDP.")).toBe(true);
  });

  it("treats a trailing * as a stem", () => {
    expect(phraseRegex("quantiz*").test("we quantized the weights")).toBe(true);
    expect(phraseRegex("quantiz*").test("quantization to FP8")).toBe(true);
    expect(phraseRegex("quantiz*").test("unquantized")).toBe(false);
    expect(phraseRegex("prefix cach*").test("Prefix caching shares prompts")).toBe(true);
    expect(phraseRegex("prefix cach").test("Prefix caching shares prompts")).toBe(false);
  });

  it("quotes the sentence around the first phrase found", () => {
    expect(findPhrase("Intro. We use paged attention here. Done.", ["block table", "paged attention"])).toEqual({ phrase: "paged attention", quote: "We use paged attention here." });
  });

  it("counts numbers with units, not bare numbers", () => {
    expect(findQuantities("128 KiB per token, 3,350 GB/s, 40 ms, 8 GPUs, and 42")).toEqual(["128 KiB", "3,350 GB/s", "40 ms", "8 GPUs"]);
  });
});

describe("evidence quotes", () => {
  it("read hard-wrapped Markdown as one sentence", () => {
    const text = "## Architecture\nEach replica keeps its KV in a paged KV\ncache with block tables.\n\nNext paragraph.";
    expect(findPhrase(text, ["paged kv"])!.quote).toBe("Each replica keeps its KV in a paged KV cache with block tables.");
  });
});

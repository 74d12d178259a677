import bm25Vectorizer from "wink-nlp/utilities/bm25-vectorizer";
import similarity from "wink-nlp/utilities/similarity";
import { sentenceTokens, type Token } from "./nlp";

/**
 * How on-topic an answer is: BM25-weighted cosine similarity (wink-nlp) between the answer's content
 * lemmas and the scenario's own text (prompt, model answer, concept labels and phrases, estimates,
 * misconceptions, follow-up questions). Term weights (IDF) are learned over the scenario and a
 * background of the library's design, behavioral and modeling prompts, so words every infrastructure question shares
 * ("latency", "requests", "cache") weigh little and the scenario's own vocabulary weighs a lot.
 * Relevance scales the structure and figure points, never the concepts (they carry their own
 * evidence), so a strong answer in plain words loses nothing here.
 */
let background: string[] = [];
let backgroundKey = "";

/** The library's scenario prompts, registered by the loader. */
export function setTopicBackground(texts: string[]): void {
  background = texts.filter(Boolean);
  backgroundKey = String(background.length) + ":" + background.map((t) => t.length).join(",");
}

export function contentLemmas(tokens: Token[]): string[] {
  return tokens.filter((t) => t.type === "word" && !t.stop && t.norm.length > 1 && /\p{L}/u.test(t.norm)).map((t) => t.lemma.toLowerCase());
}

function lemmasOf(text: string): string[] {
  return sentenceTokens(text.replace(/\s+/g, " ")).flatMap(contentLemmas);
}

export type TopicModel = { similarity(lemmas: string[]): number };

const cache = new Map<string, TopicModel>();

export function topicModel(docs: string[]): TopicModel {
  const topicText = docs.filter(Boolean).join("\n");
  const key = backgroundKey + "|" + topicText;
  const hit = cache.get(key);
  if (hit) return hit;
  const v = bm25Vectorizer();
  const topic = lemmasOf(topicText);
  v.learn(topic);
  for (const b of background) if (b !== topicText && !topicText.includes(b.slice(0, 200))) v.learn(lemmasOf(b));
  const topicBow = v.bowOf(topic);
  const model: TopicModel = {
    similarity(lemmas: string[]) {
      if (!lemmas.length || !topic.length) return 0;
      return similarity.bow.cosine(v.bowOf(lemmas), topicBow);
    },
  };
  if (cache.size > 200) cache.clear();
  cache.set(key, model);
  return model;
}

/** Cosine at or below which an answer is off topic, and at or above which it is fully on topic. */
export const OFF_TOPIC_AT = 0.15;
export const ON_TOPIC_AT = 0.3;

export function relevanceFactor(cosine: number): number {
  return Math.max(0, Math.min(1, (cosine - OFF_TOPIC_AT) / (ON_TOPIC_AT - OFF_TOPIC_AT)));
}

import { sentenceTokens } from "@/lib/grading/nlp";
for (const s of sentenceTokens(process.argv[2])) console.log(s.map((t) => `${t.norm}/${t.lemma}/${t.pos}${t.neg ? "!" : ""}`).join(" "));

import { z } from "zod";
import { base } from "./common";

/** Coding rounds (runner and tests arrive with their own issue): prompt, language and starter code. */
export const codingScenarioSchema = z.object({
  ...base,
  kind: z.literal("coding"),
  languages: z.array(z.enum(["python", "typescript"])).min(1).default(["python", "typescript"]),
  starter: z.record(z.string(), z.string()).default({}),
});


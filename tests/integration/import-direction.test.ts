import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The house rule: app -> components -> lib / kernels / scenarios -> db. A lint rule in test form,
// so a wrong-way import fails CI instead of relying on memory.
const root = process.cwd();
const layers: Record<string, string[]> = {
  lib: ["@/app/", "@/components/"],
  kernels: ["@/app/", "@/components/"],
  db: ["@/app/", "@/components/", "@/lib/", "@/kernels/"],
  components: ["@/app/"],
};

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sourceFiles(p);
    return /\.(ts|tsx|mts|mjs)$/.test(e.name) ? [p] : [];
  });
}

describe("imports flow one way", () => {
  for (const [layer, forbidden] of Object.entries(layers)) {
    it(`${layer}/ imports nothing from ${forbidden.join(", ")}`, () => {
      const offenders: string[] = [];
      for (const file of sourceFiles(path.join(root, layer))) {
        const text = fs.readFileSync(file, "utf8");
        // Type-only imports vanish at run time; they may name a higher layer's types.
        for (const m of text.matchAll(/(import\s+type\s[^;]*?from\s+|from\s+|import\s*\(\s*)["']([^"']+)["']/g)) {
          if (m[1].startsWith("import type")) continue;
          if (forbidden.some((f) => m[2].startsWith(f))) offenders.push(`${path.relative(root, file)} imports ${m[2]}`);
        }
      }
      expect(offenders).toEqual([]);
    });
  }
});

// ESLint flat config: Next's rules (core web vitals, TypeScript) plus the rules that keep code
// evaluation where it is meant to be. `npm run lint`; `npm test` runs it first.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", ".next-*/**", "data/**", "test-results/**", "playwright-report/**", "public/**", "**/*.d.ts", "**/*.d.mts", "next-env.d.ts"],
  },
  {
    rules: {
      // Strings never become code, except in the few places below that say why.
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      // Existing code predates the linter; these flag style more than bugs, so they warn (not fail) for now.
      "@typescript-eslint/no-explicit-any": "warn",
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "react-hooks/exhaustive-deps": "warn",
      "@next/next/no-img-element": "warn",
    },
  },
  {
    // Code evaluation by design: the runner worker evaluates the candidate's transpiled TypeScript (in a
    // browser worker, or the sandbox's), and the CPU fallback compiles WGSL translated to JavaScript.
    files: ["lib/runner/browser-worker.ts", "lib/runner/worker-core.mjs", "lib/runner/node-worker.mjs", "lib/gpu/wgsl-to-js.ts", "lib/gpu/cpu-pool.ts", "lib/gpu/cpu-workers-*.ts"],
    rules: { "no-eval": "off", "no-implied-eval": "off", "no-new-func": "off" },
  },
];

export default config;

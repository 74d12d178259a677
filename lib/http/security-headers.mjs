// Security headers for every response (next.config.ts headers()). Plain JavaScript so next.config.ts
// and the tests import the same policy.
//
// Why each relaxation is there:
// - script-src 'unsafe-inline': Next.js writes its React Server Components payload as inline scripts,
//   and most pages here are prerendered, where no per-request nonce can be given (nonces would force
//   every page to render per request). Remote scripts, eval and plugins stay blocked.
// - 'unsafe-eval' only under /lab and /loop: the kernel lab's CPU fallback (lib/gpu/wgsl-to-js.ts)
//   translates WGSL to JavaScript and compiles it with new Function on the page and in blob: workers,
//   which inherit the page's policy. Kernel rounds are under /loop/<id>, and the path does not say a
//   round's kind, so every loop page gets it. Nowhere else.
// - Worker scripts (/_next/static/..., /pyodide/...) carry their own policy (a worker is governed by
//   the CSP of its script's response): the code runner's worker evaluates the candidate's transpiled
//   TypeScript and compiles Pyodide's WebAssembly, in the candidate's own browser, hence 'unsafe-eval'
//   and 'wasm-unsafe-eval' there. That header does nothing to a script loaded by a page.
// - style-src 'unsafe-inline': React style props, Monaco and Excalidraw set inline styles.
// - blob: workers: Monaco's (empty) editor worker and the CPU fallback's pool.
// - connect-src 'self': the app talks only to itself; WebGPU needs no network.

const dev = process.env.NODE_ENV === "development";

/** @param {{ eval: boolean }} o */
export function pageCsp(o) {
  const evalSrc = o.eval || dev ? " 'unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${evalSrc}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "media-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const WORKER_SCRIPT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

const common = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/** next.config.ts headers(): later entries override earlier ones for the same header. */
export function securityHeaders() {
  return [
    { source: "/:path*", headers: [...common, { key: "Content-Security-Policy", value: pageCsp({ eval: false }) }] },
    { source: "/lab", headers: [{ key: "Content-Security-Policy", value: pageCsp({ eval: true }) }] },
    { source: "/lab/:path*", headers: [{ key: "Content-Security-Policy", value: pageCsp({ eval: true }) }] },
    { source: "/loop/:path*", headers: [{ key: "Content-Security-Policy", value: pageCsp({ eval: true }) }] },
    { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: WORKER_SCRIPT_CSP }] },
    { source: "/pyodide/:path*", headers: [{ key: "Content-Security-Policy", value: WORKER_SCRIPT_CSP }] },
  ];
}

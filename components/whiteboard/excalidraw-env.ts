/**
 * What Excalidraw needs from the page before it loads, so that it asks nothing of another host.
 *
 * - `window.EXCALIDRAW_ASSET_PATH` points its fonts at this app's copy (lib/cli/excalidraw-assets.mjs
 *   copies them to public/ at build time).
 * - Excalidraw 0.18 still appends a CDN (esm.sh) to every font face's `src` as a fallback, and there
 *   is no option to turn that off. Chromium checks every `src` URL against the Content-Security-Policy
 *   as soon as a face is registered, so each of its ~230 faces logged a blocked request even though
 *   the font itself came from this app. The FontFace constructor is wrapped to drop sources on other
 *   hosts while a same-origin (or data:) source remains; faces are otherwise untouched.
 */
export const EXCALIDRAW_ASSET_PATH = "/excalidraw-assets/";

const marker = Symbol.for("loopbench.selfHostedFontFace");

/** Keeps the `url(...)` sources of a FontFace `src` list that point at `origin` (or are data: URLs). */
export function selfHostedFontSources(src: string, origin: string): string {
  const parts = splitSources(src);
  const own = parts.filter((part) => {
    const url = /^url\(\s*(['"]?)(.*?)\1\s*\)/i.exec(part)?.[2];
    if (url === undefined) return true; // local(...) and anything else that is not a URL stays
    if (url.startsWith("data:")) return true;
    try {
      return new URL(url, origin).origin === origin;
    } catch {
      return false;
    }
  });
  return own.length ? own.join(", ") : src;
}

/** Splits a `src` descriptor on its top-level commas (a data: URL holds commas of its own). */
function splitSources(src: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === "," && depth === 0) {
      parts.push(src.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(src.slice(start).trim());
  return parts.filter(Boolean);
}

/** Sets the asset path and wraps FontFace once; call before importing Excalidraw. */
export function prepareExcalidraw(): void {
  const w = window as unknown as { EXCALIDRAW_ASSET_PATH?: string; FontFace: typeof FontFace & { [marker]?: true } };
  w.EXCALIDRAW_ASSET_PATH = EXCALIDRAW_ASSET_PATH;
  if (w.FontFace[marker]) return;
  const Native = w.FontFace;
  const origin = window.location.origin;
  class SelfHostedFontFace extends Native {
    constructor(family: string, source: string | BufferSource, descriptors?: FontFaceDescriptors) {
      super(family, typeof source === "string" ? selfHostedFontSources(source, origin) : source, descriptors);
    }
  }
  Object.defineProperty(SelfHostedFontFace, marker, { value: true });
  w.FontFace = SelfHostedFontFace;
}

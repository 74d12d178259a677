import { describe, expect, it } from "vitest";
import { selfHostedFontSources } from "./excalidraw-env";

const origin = "http://127.0.0.1:3000";

describe("selfHostedFontSources", () => {
  it("drops Excalidraw's CDN fallback and keeps the app's own copy", () => {
    const src = `url(${origin}/excalidraw-assets/fonts/Cascadia/CascadiaCode-Regular.woff2) format('woff2'), url(https://esm.sh/@excalidraw/excalidraw@0.18.1/dist/prod/fonts/Cascadia/CascadiaCode-Regular.woff2) format('woff2')`;
    expect(selfHostedFontSources(src, origin)).toBe(`url(${origin}/excalidraw-assets/fonts/Cascadia/CascadiaCode-Regular.woff2) format('woff2')`);
  });

  it("keeps relative, quoted, data: and local() sources, and commas inside a data: URL", () => {
    const src = `local("Comic Shanns"), url("/fonts/a.woff2") format("woff2"), url(data:font/woff2;base64,AA,BB), url('https://cdn.example/b.woff2')`;
    expect(selfHostedFontSources(src, origin)).toBe(`local("Comic Shanns"), url("/fonts/a.woff2") format("woff2"), url(data:font/woff2;base64,AA,BB)`);
  });

  it("leaves a list with no same-origin source as it was (the font still has somewhere to come from)", () => {
    const src = "url(https://esm.sh/x.woff2) format('woff2')";
    expect(selfHostedFontSources(src, origin)).toBe(src);
  });

  it("treats another port on the same host as another origin", () => {
    expect(selfHostedFontSources("url(http://127.0.0.1:9999/x.woff2), url(/y.woff2)", origin)).toBe("url(/y.woff2)");
  });
});

// Copies Excalidraw's fonts from its npm package to public/excalidraw-assets, so the whiteboard
// loads them from this app (window.EXCALIDRAW_ASSET_PATH points there) and never from a CDN.
// Runs when next.config.ts loads (every build, dev server and start) and skips the copy when the
// copied version matches the installed one. `node lib/cli/excalidraw-assets.mjs` runs it by hand.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the browser finds the assets (the value of window.EXCALIDRAW_ASSET_PATH). */
export const EXCALIDRAW_ASSET_URL = "/excalidraw-assets/";

export function copyExcalidrawAssets(root = process.cwd()) {
  const pkgDir = path.join(root, "node_modules", "@excalidraw", "excalidraw");
  const pkgJson = path.join(pkgDir, "package.json");
  if (!fs.existsSync(pkgJson)) return { copied: false, reason: "@excalidraw/excalidraw is not installed" };
  const version = JSON.parse(fs.readFileSync(pkgJson, "utf8")).version;
  const from = path.join(pkgDir, "dist", "prod", "fonts");
  const target = path.join(root, "public", "excalidraw-assets");
  const stamp = path.join(target, ".version");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === version) return { copied: false, reason: `version ${version} already copied` };
  if (!fs.existsSync(from)) throw new Error(`Excalidraw ${version} has no fonts at ${from}: the whiteboard would fetch them from a CDN. Reinstall the package (npm ci).`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.cpSync(from, path.join(target, "fonts"), { recursive: true });
  fs.writeFileSync(stamp, `${version}\n`);
  return { copied: true, reason: `copied Excalidraw ${version} fonts` };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(`[excalidraw-assets] ${copyExcalidrawAssets().reason}`);
}

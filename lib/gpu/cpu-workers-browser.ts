/**
 * Web Workers for the CPU fallback's pool (lib/gpu/cpu-pool.ts) in a page: the lab, a kernel round, the
 * headless harness. Shared memory only where the page is cross-origin isolated; otherwise each worker works on
 * copies and the pool merges what they wrote. Null where workers cannot be created (the fallback then runs on
 * the page's own thread).
 */
import type { WorkerLike, WorkerPlatform } from "./cpu-pool";

export function browserWorkerPlatform(): WorkerPlatform | null {
  if (typeof Worker === "undefined" || typeof Blob === "undefined" || typeof URL === "undefined") return null;
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  let url: string | null = null;
  return {
    cores: Math.max(1, Math.min(g.navigator?.hardwareConcurrency ?? 2, 16)),
    shared: typeof SharedArrayBuffer !== "undefined" && g.crossOriginIsolated === true,
    spawn(source: string): WorkerLike {
      url ??= URL.createObjectURL(new Blob([`${source}\nself.onmessage = (e) => { const r = handle(e.data); if (r) self.postMessage(r); };`], { type: "text/javascript" }));
      const w = new Worker(url);
      const like: WorkerLike = {
        postMessage: (m) => w.postMessage(m),
        onmessage: null,
        onerror: null,
        terminate: () => w.terminate(),
      };
      w.onmessage = (e) => like.onmessage?.(e.data);
      w.onerror = (e) => like.onerror?.(e.message || "worker error");
      return like;
    },
  };
}

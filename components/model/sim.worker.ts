/// <reference lib="webworker" />
// Runs the serving simulator off the main thread so the page stays responsive; reports progress.
import { resolveDeployment, type DeploymentInput } from "@/lib/model";
import { sweepRates, maxRateUnderSlo, type SimConfig } from "@/lib/model/simulator";

export interface SimRequest {
  deployment: DeploymentInput;
  base: Omit<SimConfig, "arrivals">;
  rates: number[];
  sloSearchHi: number;
}

self.onmessage = (e: MessageEvent<SimRequest>) => {
  try {
    const d = resolveDeployment(e.data.deployment);
    const t0 = performance.now();
    const points = sweepRates(d, e.data.base, e.data.rates, (f) => self.postMessage({ type: "progress", fraction: f * 0.8 }));
    self.postMessage({ type: "progress", fraction: 0.85 });
    const best = maxRateUnderSlo(d, e.data.base, { hiRate: e.data.sloSearchHi, iterations: 8 });
    self.postMessage({ type: "done", points, best: best.rate, elapsedMs: performance.now() - t0 });
  } catch (err) {
    self.postMessage({ type: "error", message: (err as Error).message });
  }
};

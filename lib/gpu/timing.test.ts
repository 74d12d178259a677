import { describe, expect, it } from "vitest";
import type { PreparedCase, TimingMethod } from "./backend";
import { timePrepared } from "./driver";
import { timestampsQuantized } from "./webgpu-backend";

describe("timestamp quantization detection", () => {
  it("sees Dawn's 65.5 us mask and Chrome's 100 us grid, not nanosecond timestamps", () => {
    const dawn = [0x1234_0000n, 0x1234_0000n, 0x1235_0000n, 0x1235_0000n];
    expect(timestampsQuantized(dawn, 4)).toBe(true);
    expect(timestampsQuantized([123_400_000n, 123_500_000n], 2)).toBe(true);
    expect(timestampsQuantized([0x1234_0000n, 0x1234_2f31n], 2)).toBe(false);
    expect(timestampsQuantized([987_654_321n, 987_666_000n, 987_670_001n, 987_680_113n], 4)).toBe(false);
  });
});

describe("timePrepared", () => {
  function fakeCase(msPerRun: number) {
    const calls: number[] = [];
    const busy: boolean[] = [];
    const p: PreparedCase = {
      async run() {
        return {};
      },
      async time(runs: number, force?: TimingMethod, keepBusy?: boolean) {
        calls.push(runs);
        busy.push(Boolean(keepBusy));
        await new Promise((r) => setTimeout(r, 1));
        return { totalMs: runs * msPerRun, method: force ?? ("timestamp-query" as const) };
      },
      async readOutputs() {
        return {};
      },
      release() {},
    };
    return { p, calls, busy };
  }

  it("warms up for at least warmupMs of wall clock before sampling", async () => {
    const { p, calls, busy } = fakeCase(0.5);
    const t0 = performance.now();
    const r = await timePrepared(p, { budgetMs: 5, warmupMs: 60 });
    expect(r.warmupMs).toBeGreaterThanOrEqual(60);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(60);
    expect(r.samplesMs.length).toBeGreaterThanOrEqual(3);
    // Warm-up batches are sized to about 25 ms of device time; samples to about 5 ms.
    expect(calls.slice(0, 3)).toEqual([2, 1, 50]);
    expect(r.runsPerSample).toBe(10);
    // Untimed runs keep the device busy between batches, but never after the last sample (its output is checked).
    expect(busy.slice(1, -1).every(Boolean)).toBe(true);
    expect(busy[busy.length - 1]).toBe(false);
  });

  it("adds no warm-up time when warmupMs is 0 (slow backends)", async () => {
    const { p, calls } = fakeCase(20);
    const r = await timePrepared(p, { budgetMs: 1, warmupMs: 0, force: "submitted-work-done", keepBusy: false });
    expect(calls.slice(0, 2)).toEqual([2, 1]);
    expect(calls.length).toBe(2 + r.samplesMs.length);
    expect(r.method).toBe("submitted-work-done");
  });
});

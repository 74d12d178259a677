import { describe, expect, it } from "vitest";
import { getKernelProblem, kernelProblems } from "@/kernels";
import { attentionPrefillReference } from "@/kernels/attention-prefill/reference";
import { pagedDecodeReference } from "@/kernels/paged-decode-attention/reference";
import { kvCacheAppendReference } from "@/kernels/kv-cache-append/reference";
import { UNUSED_BLOCK } from "@/kernels/rng";
import { slidingWindowReference, windowSlots } from "@/kernels/sliding-window-decode/reference";
import { int8DecodeReference } from "@/kernels/int8-kv-decode/reference";
import { packInt8, unpackInt8 } from "@/kernels/int8-kv-decode/cases";
import { kvAppendRopeReference, ropeTable } from "@/kernels/kv-append-rope/reference";
import { readKernelFile } from "@/kernels/files";
import type { CaseProfile } from "@/kernels/types";

const profiles: CaseProfile[] = ["full", "reduced", "cpu"];

describe("problem registry", () => {
  it("has the three contract problems and Mistral's three, each with its files on disk and at least 4 known-wrong solutions", () => {
    expect(kernelProblems.map((p) => p.id)).toEqual([
      "attention-prefill",
      "paged-decode-attention",
      "kv-cache-append",
      "sliding-window-decode",
      "int8-kv-decode",
      "kv-append-rope",
    ]);
    for (const p of kernelProblems) {
      for (const f of [p.files.starter, p.files.naive, p.files.fast, ...p.files.wrong.map((w) => w.file)]) {
        expect(readKernelFile(p.id, f).length, `${p.id}/${f}`).toBeGreaterThan(50);
      }
      for (const prof of profiles) expect(p.cases[prof].filter((c) => c.timing)).toHaveLength(1);
      expect(p.files.wrong.length, p.id).toBeGreaterThanOrEqual(4);
    }
  });
});

describe("attention-prefill reference and cases", () => {
  const p = getKernelProblem("attention-prefill")!;
  it("S = 1 returns v itself, and a row attends only to keys j <= i", () => {
    const D = 4;
    const q = Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0]);
    const k = Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0]);
    const v = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const one = attentionPrefillReference({ H: 1, S: 1, D, scale: 0.5 }, q.slice(0, 4), k.slice(0, 4), v.slice(0, 4));
    expect(Array.from(one)).toEqual([1, 2, 3, 4]);
    const two = attentionPrefillReference({ H: 1, S: 2, D, scale: 0.5 }, q, k, v);
    // row 1: scores [0, 0.5] -> weights e^0, e^0.5
    const w0 = 1 / (1 + Math.exp(0.5));
    expect(two[4]).toBeCloseTo(w0 * 1 + (1 - w0) * 5, 12);
    expect(Array.from(two.slice(0, 4))).toEqual([1, 2, 3, 4]);
  });
  it("covers S = 1, a non-tile S, D = 64 and 128, several heads, and scores near +-100", () => {
    const shapes = p.cases.full.map((c) => c.shape);
    expect(shapes.some((s) => s.S === 1)).toBe(true);
    expect(shapes.some((s) => (s.S as number) % 16 !== 0 && (s.S as number) > 64)).toBe(true);
    expect(shapes.some((s) => s.D === 64) && shapes.some((s) => s.D === 128)).toBe(true);
    expect(p.cases.full.find((c) => c.timing)!.shape).toEqual({ H: 8, S: 1024, D: 64 });
    const big = p.generate(p.cases.full.find((c) => c.largeScores)!, 7);
    const { H, S, D, scale } = big.params;
    let m = 0;
    const q = big.inputs.q as Float32Array;
    const k = big.inputs.k as Float32Array;
    for (let h = 0; h < H; h++)
      for (let i = 0; i < S; i++)
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let d = 0; d < D; d++) s += q[(h * S + i) * D + d] * k[(h * S + j) * D + d];
          m = Math.max(m, s * scale);
        }
    expect(m).toBeGreaterThan(95);
    expect(m).toBeLessThan(105);
  });
  it("is deterministic for a seed and changes with the hidden seed", () => {
    const c = p.cases.full[1];
    expect(p.generate(c, 1).inputs.q).toEqual(p.generate(c, 1).inputs.q);
    expect(p.generate(c, 1).inputs.q).not.toEqual(p.generate(c, 2).inputs.q);
    const q = p.generate(c, 3).inputs.q as Float32Array;
    expect(Math.min(...q)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...q)).toBeLessThan(1);
  });
  it("counts FLOPs and bytes as the contract does", () => {
    const g = p.generate(p.cases.full.find((c) => c.timing)!, 1);
    expect(p.work(g)).toEqual({ flops: (4 * 8 * 64 * 1024 * 1025) / 2, bytes: 4 * 4 * 8 * 1024 * 64 });
  });
});

describe("paged-decode-attention reference and cases", () => {
  const p = getKernelProblem("paged-decode-attention")!;
  it("follows the block table and the GQA mapping", () => {
    // Two blocks of 1 slot, table [1, 0]: token 0 lives in block 1, token 1 in block 0.
    const params = { B: 1, Hq: 2, Hkv: 1, D: 4, block_size: 1, max_blocks: 2, scale: 1 };
    const q = Float32Array.from([0, 0, 0, 0, 0, 0, 0, 0]);
    const k = new Float32Array(8);
    const v = Float32Array.from([10, 10, 10, 10, 20, 20, 20, 20]);
    const out = pagedDecodeReference(params, q, k, v, Uint32Array.from([1, 0]), Uint32Array.from([1]));
    // Only token 0 (block 1 -> values 20) is in context, for both query heads.
    expect(Array.from(out)).toEqual([20, 20, 20, 20, 20, 20, 20, 20]);
  });
  it("cases: shuffled tables, mixed lengths (1 and mid-block), GQA 1, 4 and 8, unused entries 0xFFFFFFFF", () => {
    const ratios = new Set<number>();
    let sawOne = false;
    let sawMid = false;
    for (const c of p.cases.full.filter((c) => !c.timing)) {
      const g = p.generate(c, 5);
      ratios.add(g.params.Hq / g.params.Hkv);
      const table = g.inputs.block_table as Uint32Array;
      const lens = g.inputs.context_lens as Uint32Array;
      const { B, max_blocks, block_size } = g.params;
      let identity = true;
      for (let b = 0; b < B; b++) {
        const used = Math.ceil(lens[b] / block_size);
        for (let i = 0; i < max_blocks; i++) {
          const e = table[b * max_blocks + i];
          if (i < used) {
            if (e !== b * max_blocks + i) identity = false;
          } else expect(e).toBe(UNUSED_BLOCK);
        }
        if (lens[b] === 1) sawOne = true;
        if (lens[b] % block_size !== 0) sawMid = true;
      }
      expect(identity, c.name).toBe(false);
    }
    expect([...ratios].sort((a, b) => a - b)).toEqual([1, 4, 8]);
    expect(sawOne && sawMid).toBe(true);
    const t = p.cases.full.find((c) => c.timing)!.shape;
    expect([t.B, t.Hq, t.Hkv, t.D]).toEqual([16, 32, 8, 128]);
  });
  it("the timing case's caches exceed the 128 MiB default binding size", () => {
    const g = p.generate(p.cases.full.find((c) => c.timing)!, 1);
    expect(g.inputs.k_cache.byteLength).toBeGreaterThan(128 * 1024 * 1024);
  });
});

describe("kv-cache-append reference and cases", () => {
  const p = getKernelProblem("kv-cache-append")!;
  it("writes exactly one slot per sequence and head and marks the rest untouched", () => {
    const params = { B: 1, Hkv: 1, D: 4, block_size: 2, max_blocks: 2 };
    const cache = new Float32Array(3 * 2 * 4).fill(9);
    const r = kvCacheAppendReference(params, Float32Array.from([1, 2, 3, 4]), Float32Array.from([5, 6, 7, 8]), Uint32Array.from([2, 0]), Uint32Array.from([3]), cache, cache);
    // p = 3 -> table[1] = block 0, slot 1 -> offset 4.
    expect(Array.from(r.k.slice(4, 8))).toEqual([1, 2, 3, 4]);
    expect(Array.from(r.v.slice(4, 8))).toEqual([5, 6, 7, 8]);
    expect(r.written.reduce((a, b) => a + b, 0)).toBe(4);
  });
  it("fills caches with non-zero known values and counts traffic only", () => {
    const g = p.generate(p.cases.full[0], 3);
    expect((g.inputs.k_cache as Float32Array).every((x) => x !== 0)).toBe(true);
    expect(p.work(g)).toEqual({ flops: 0, bytes: 4 * 4 * 3 * 2 * 64 });
  });
});

describe("sliding-window-decode reference and cases", () => {
  const p = getKernelProblem("sliding-window-decode")!;
  it("attends to the last W tokens, token t in slot t mod W", () => {
    expect(windowSlots(4, 0)).toEqual([0]);
    expect(windowSlots(4, 2)).toEqual([0, 1, 2]);
    expect(windowSlots(4, 3)).toEqual([0, 1, 2, 3]);
    expect(windowSlots(4, 4)).toEqual([1, 2, 3, 0]);
    expect(windowSlots(5, 13)).toEqual([4, 0, 1, 2, 3]);
    // W = 2, newest token at position 0: only slot 0 counts, whatever slot 1 holds.
    const params = { B: 1, Hq: 1, Hkv: 1, D: 4, W: 2, scale: 1 };
    const v = Float32Array.from([1, 1, 1, 1, 9, 9, 9, 9]);
    const z = new Float32Array(8);
    expect(Array.from(slidingWindowReference(params, new Float32Array(4), z, v, Uint32Array.from([0])))).toEqual([1, 1, 1, 1]);
    expect(Array.from(slidingWindowReference(params, new Float32Array(4), z, v, Uint32Array.from([7])))).toEqual([5, 5, 5, 5]);
  });
  it("cases: filling buffers, the wrap edges (W - 1, W, many wraps), W not a power of two, GQA 1, 4 and 8, W = 4096 timing", () => {
    const all = p.cases.full.filter((c) => !c.timing).map((c) => p.generate(c, 3));
    const pairs = all.flatMap((g) => Array.from(g.inputs.positions as Uint32Array, (pos) => [pos, g.params.W]));
    expect(pairs.some(([pos, W]) => pos < W - 1)).toBe(true);
    expect(pairs.some(([pos, W]) => pos === W - 1)).toBe(true);
    expect(pairs.some(([pos, W]) => pos === W)).toBe(true);
    expect(pairs.some(([pos, W]) => pos > 3 * W)).toBe(true);
    expect(all.some((g) => (g.params.W & (g.params.W - 1)) !== 0)).toBe(true);
    expect(new Set(all.map((g) => g.params.Hq / g.params.Hkv))).toEqual(new Set([1, 4, 8]));
    expect(p.cases.full.find((c) => c.timing)!.shape.W).toBe(4096);
  });
});

describe("int8-kv-decode reference and cases", () => {
  const p = getKernelProblem("int8-kv-decode")!;
  it("packs element 4w + j into byte j of word w, two's complement", () => {
    const w = packInt8(Int8Array.from([1, -1, -128, 127]));
    expect(w[0]).toBe(0x7f80ff01);
    expect(Array.from(unpackInt8(w))).toEqual([1, -1, -128, 127]);
  });
  it("dequantizes with each block's own scale: the same as f32 decode over the dequantized cache", () => {
    const g = p.generate(p.cases.cpu[1], 9);
    const { B, Hq, Hkv, D, max_len, scale } = g.params;
    const k8 = unpackInt8(g.inputs.k_cache as Uint32Array);
    const v8 = unpackInt8(g.inputs.v_cache as Uint32Array);
    const ks = g.inputs.k_scale as Float32Array;
    const vs = g.inputs.v_scale as Float32Array;
    const kf = Float32Array.from(k8, (x, i) => x * ks[Math.floor(i / 32)]);
    const vf = Float32Array.from(v8, (x, i) => x * vs[Math.floor(i / 32)]);
    // One block of max_len slots per sequence, the identity table: the paged reference over floats.
    const table = Uint32Array.from({ length: B }, (_, b) => b);
    const expected = pagedDecodeReference({ B, Hq, Hkv, D, block_size: max_len, max_blocks: 1, scale }, g.inputs.q as Float32Array, kf, vf, table, g.inputs.context_lens as Uint32Array);
    const got = p.reference(g).out.expected;
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i], 5);
    const direct = int8DecodeReference(g.params as never, g.inputs.q as Float32Array, k8, v8, ks, vs, g.inputs.context_lens as Uint32Array);
    expect(Array.from(direct)).toEqual(Array.from(got));
  });
  it("cases hold -128 and block scales over two orders of magnitude; traffic counts int8 bytes and scales", () => {
    const g = p.generate(p.cases.full[0], 4);
    expect(unpackInt8(g.inputs.k_cache as Uint32Array).includes(-128)).toBe(true);
    const ks = Array.from(g.inputs.k_scale as Float32Array);
    expect(Math.max(...ks) / Math.min(...ks)).toBeGreaterThan(30);
    const spec = p.cases.full.find((c) => c.timing)!;
    const lens = Uint32Array.from(spec.shape.lens as number[]);
    const total = lens.reduce((a, b) => a + b, 0);
    const work = p.work({ spec, params: { B: 16, Hq: 32, Hkv: 8, D: 128, max_len: 2112, scale: 0 }, inputs: { context_lens: lens }, outputSizes: {} });
    expect(work.bytes).toBe(total * 8 * 2 * (128 + 16) + 4 * 2 * 16 * 32 * 128 + 4 * 16);
    expect(work.flops).toBe(4 * 32 * 128 * total);
  });
});

describe("kv-append-rope reference and cases", () => {
  const p = getKernelProblem("kv-append-rope")!;
  it("rotates interleaved pairs of K by p * theta^(-2i/D) and copies V; position 0 is the identity", () => {
    const D = 4;
    const table = ropeTable(3, D, 10_000);
    expect(table[2 * D + 0]).toBeCloseTo(Math.cos(2), 6);
    expect(table[2 * D + 2]).toBeCloseTo(Math.sin(2), 6);
    expect(table[2 * D + 1]).toBeCloseTo(Math.cos(2 / 100), 6);
    const params = { B: 1, Hkv: 1, D, block_size: 1, max_blocks: 3 };
    const k = Float32Array.from([1, 0, 0, 1]);
    const v = Float32Array.from([5, 6, 7, 8]);
    const cache = new Float32Array(3 * D).fill(9);
    const r = kvAppendRopeReference(params, k, v, Uint32Array.from([2, 1, 0]), Uint32Array.from([2]), table, cache, cache);
    // Position 2 -> table[2] = block 0. Pair 0 (1, 0) turns by 2 rad; pair 1 (0, 1) by 0.02 rad.
    expect(r.k[0]).toBeCloseTo(Math.cos(2), 6);
    expect(r.k[1]).toBeCloseTo(Math.sin(2), 6);
    expect(r.k[2]).toBeCloseTo(-Math.sin(0.02), 6);
    expect(r.k[3]).toBeCloseTo(Math.cos(0.02), 6);
    expect(Array.from(r.v.slice(0, 4))).toEqual([5, 6, 7, 8]);
    expect(r.written.reduce((a, b) => a + b, 0)).toBe(4);
    const r0 = kvAppendRopeReference(params, k, v, Uint32Array.from([2, 1, 0]), Uint32Array.from([0]), table, cache, cache);
    expect(Array.from(r0.k.slice(8, 12))).toEqual([1, 0, 0, 1]);
  });
  it("cases include position 0, a far position, shared prefix blocks and unused entries", () => {
    const g = p.generate(p.cases.full[1], 2);
    const pos = g.inputs.positions as Uint32Array;
    expect(Math.max(...pos)).toBeGreaterThanOrEqual(4000);
    expect((g.inputs.cos_sin as Float32Array).length).toBe(g.params.max_blocks * g.params.block_size * g.params.D);
    const t = g.inputs.block_table as Uint32Array;
    expect(t.includes(UNUSED_BLOCK)).toBe(true);
    expect(p.cases.full[0].shape.positions).toContain(0);
  });
});

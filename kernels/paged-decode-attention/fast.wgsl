// Paged decode, flash-decoding style, one workgroup per (KV head, sequence): every query head of the GQA
// group that shares the KV head is served by the same workgroup, so each K and V byte is read once.
// The context is walked in chunks of 256 tokens:
//   1. scores: invocation t takes token t of the chunk, follows the block table once (the row offset is
//      kept in workgroup memory for step 2), reads the token's K row as vec4 and scores it against every
//      query head of the group (q, pre-scaled by scale * log2(e), sits in workgroup memory).
//   2. values: the invocations split into groups of D/4; group s owns a contiguous slice of the chunk's
//      tokens and invocation d4 of it owns output vec4 d4 of every head. Each keeps its own online-softmax
//      state (running max, sum, accumulator per head; the max is only rescaled when it grows), and reads
//      V rows coalesced, eight tokens' loads in flight before they are used.
// At the end the groups' states are merged in workgroup memory (max of maxes, rescaled sums).
// One dispatch, no second pass. Limits: D <= 128 (like the naive kernel); any GQA ratio (heads are
// taken eight at a time).
// dispatch: Hkv, B, 1

struct Params {
  B: u32,
  Hq: u32,
  Hkv: u32,
  D: u32,
  block_size: u32,
  max_blocks: u32,
  scale: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> k_cache: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> v_cache: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> block_table: array<u32>;
@group(0) @binding(5) var<storage, read> context_lens: array<u32>;
@group(0) @binding(6) var<storage, read_write> out: array<vec4<f32>>;

const WG: u32 = 256u; // WebGPU's guaranteed maximum (SwiftShader's too); 512 ran at 57% of an H100's bandwidth, 256 at 31%
const T: u32 = 256u; // tokens per chunk: one per invocation in the score step
const MAXG: u32 = 8u; // query heads per pass
const MAXD4: u32 = 32u; // D <= 128
const UNROLL: u32 = 8u;
const LOG2E: f32 = 1.4426950408889634;
const NEG: f32 = -3.0e38;

var<workgroup> qs: array<vec4<f32>, 256>; // MAXG * MAXD4
var<workgroup> sc: array<f32, 2048>; // MAXG * T scores; reused for the final merge
var<workgroup> rows: array<u32, 256>; // T row offsets (in vec4)
var<workgroup> ml: array<f32, 512>; // per group: max, then sum

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let g = wid.x;
  let b = wid.y;
  let tid = lid.x;
  let D4 = params.D / 4u;
  let G = params.Hq / params.Hkv;
  let Hkv = params.Hkv;
  let bs = params.block_size;
  let n = context_lens[b];
  let nsplit = WG / D4;
  let sp = tid / D4;
  let d4 = tid % D4;
  let in_split = sp < nsplit;
  let per = (T + nsplit - 1u) / nsplit;
  let qscale = params.scale * LOG2E;
  let tbase = b * params.max_blocks;

  for (var h0 = 0u; h0 < G; h0 += MAXG) {
    let gc = min(MAXG, G - h0);
    workgroupBarrier();
    for (var e = tid; e < MAXG * MAXD4; e += WG) {
      let hh = e / MAXD4;
      let d = e % MAXD4;
      var qv = vec4<f32>(0.0);
      if (hh < gc && d < D4) {
        qv = q[(b * params.Hq + g * G + h0 + hh) * D4 + d] * qscale;
      }
      qs[e] = qv;
    }
    var m: array<f32, MAXG>;
    var l: array<f32, MAXG>;
    var acc: array<vec4<f32>, MAXG>;
    for (var hh = 0u; hh < MAXG; hh++) {
      m[hh] = NEG;
      l[hh] = 0.0;
      acc[hh] = vec4<f32>(0.0);
    }

    for (var c0 = 0u; c0 < n; c0 += T) {
      let cn = min(T, n - c0);
      workgroupBarrier();
      // 1. scores
      if (tid < cn) {
        let tok = c0 + tid;
        let blk = block_table[tbase + tok / bs];
        let off = ((blk * bs + tok % bs) * Hkv + g) * D4;
        rows[tid] = off;
        var dot: array<vec4<f32>, MAXG>;
        for (var hh = 0u; hh < MAXG; hh++) {
          dot[hh] = vec4<f32>(0.0);
        }
        var d = 0u;
        loop {
          if (d + 4u > D4) {
            break;
          }
          let k0 = k_cache[off + d];
          let k1 = k_cache[off + d + 1u];
          let k2 = k_cache[off + d + 2u];
          let k3 = k_cache[off + d + 3u];
          for (var hh = 0u; hh < MAXG; hh++) {
            if (hh < gc) {
              let qb = hh * MAXD4 + d;
              dot[hh] += qs[qb] * k0 + qs[qb + 1u] * k1 + qs[qb + 2u] * k2 + qs[qb + 3u] * k3;
            }
          }
          d += 4u;
        }
        for (; d < D4; d++) {
          let kv = k_cache[off + d];
          for (var hh = 0u; hh < MAXG; hh++) {
            if (hh < gc) {
              dot[hh] += qs[hh * MAXD4 + d] * kv;
            }
          }
        }
        for (var hh = 0u; hh < MAXG; hh++) {
          if (hh < gc) {
            let dv = dot[hh];
            sc[hh * T + tid] = dv.x + dv.y + dv.z + dv.w;
          }
        }
      }
      workgroupBarrier();
      // 2. values, online softmax per group of invocations
      if (in_split) {
        let t_end = min(cn, sp * per + per);
        var t = sp * per;
        loop {
          if (t >= t_end) {
            break;
          }
          var vv: array<vec4<f32>, UNROLL>;
          for (var u = 0u; u < UNROLL; u++) {
            vv[u] = v_cache[rows[min(t + u, t_end - 1u)] + d4];
          }
          for (var u = 0u; u < UNROLL; u++) {
            if (t + u < t_end) {
              for (var hh = 0u; hh < MAXG; hh++) {
                if (hh < gc) {
                  let s = sc[hh * T + t + u];
                  if (s > m[hh]) {
                    let corr = exp2(m[hh] - s);
                    l[hh] *= corr;
                    acc[hh] *= corr;
                    m[hh] = s;
                  }
                  let p = exp2(s - m[hh]);
                  l[hh] += p;
                  acc[hh] += p * vv[u];
                }
              }
            }
          }
          t += UNROLL;
        }
      }
    }

    // Merge the groups' states, one head at a time (sc and ml are free again).
    for (var hh = 0u; hh < MAXG; hh++) {
      if (hh < gc) {
        workgroupBarrier();
        if (in_split) {
          let a = acc[hh];
          sc[tid * 4u] = a.x;
          sc[tid * 4u + 1u] = a.y;
          sc[tid * 4u + 2u] = a.z;
          sc[tid * 4u + 3u] = a.w;
          if (d4 == 0u) {
            ml[sp] = m[hh];
            ml[256u + sp] = l[hh];
          }
        }
        workgroupBarrier();
        if (tid < D4) {
          var mx = NEG;
          for (var s = 0u; s < nsplit; s++) {
            mx = max(mx, ml[s]);
          }
          var lsum = 0.0;
          var o = vec4<f32>(0.0);
          for (var s = 0u; s < nsplit; s++) {
            let f = exp2(ml[s] - mx);
            lsum += ml[256u + s] * f;
            let e = (s * D4 + tid) * 4u;
            o += vec4<f32>(sc[e], sc[e + 1u], sc[e + 2u], sc[e + 3u]) * f;
          }
          out[(b * params.Hq + g * G + h0 + hh) * D4 + tid] = o / lsum;
        }
      }
    }
  }
}

// int8 decode, flash-decoding style, one dispatch: the paged decode kernel's structure
// (kernels/paged-decode-attention/fast.wgsl: 256 invocations, each KV head split over 2 workgroups that
// serve half of the GQA group each, 64-token chunks software-pipelined with one barrier per chunk, online
// softmax in base 2, a merge of the value groups in workgroup memory) with int8 rows dequantized in
// registers. A row of K is D bytes, D / 16 vec4<u32> words: in the score step the four invocations of a
// quad take vec4s p and p + 4 of the token's row (a quad's load covers 64 contiguous bytes), 16 elements
// each, unpack them with shifts (sign-extending) and scale the partial dot of each block of 32 once.
// In the value step invocation d4 of a value group takes word d4 of each V row (4 elements) and its
// block's scale. Every byte of the cache is read once per workgroup, as in the f32 kernel, but a token
// costs a quarter of the bytes, so more tokens are in flight per load.
// Limits: D <= 128, D a multiple of 32; any GQA ratio.
// dispatch: Hkv * 2, B, 1

struct Params {
  B: u32,
  Hq: u32,
  Hkv: u32,
  D: u32,
  max_len: u32,
  scale: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> k_cache: array<vec4<u32>>;
@group(0) @binding(3) var<storage, read> v_cache: array<u32>;
@group(0) @binding(4) var<storage, read> k_scale: array<f32>;
@group(0) @binding(5) var<storage, read> v_scale: array<f32>;
@group(0) @binding(6) var<storage, read> context_lens: array<u32>;
@group(0) @binding(7) var<storage, read_write> out: array<vec4<f32>>;

const WG: u32 = 256u;
const NSPLIT: u32 = 2u; // workgroups per KV head (each takes a slice of the group's query heads)
const T: u32 = 64u; // tokens per chunk
const MAXG: u32 = 2u; // query heads per pass
const MAXD4: u32 = 32u; // D <= 128
const KJ: u32 = 2u; // vec4<u32> of a K row per invocation (a row is at most 8)
const UNROLL: u32 = 8u; // tokens per value group: T / (WG / D4) <= T / 8 for D4 <= 32
const LOG2E: f32 = 1.4426950408889634;
const NEG: f32 = -3.0e38;

var<workgroup> qs: array<vec4<f32>, 64>; // MAXG * MAXD4
var<workgroup> sc: array<f32, 1024>; // [2][MAXG][T][4] partial scores; reused for the merge
var<workgroup> rows: array<u32, 128>; // [2][T] row indices
var<workgroup> ml: array<f32, 512>; // per value group: max, then sum

// Four int8 of a word as f32, sign-extended: element j is byte j.
fn unpack(w: u32) -> vec4<f32> {
  return vec4<f32>(f32(i32(w << 24u) >> 24u), f32(i32(w << 16u) >> 24u), f32(i32(w << 8u) >> 24u), f32(i32(w) >> 24u));
}

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let g = wid.x / NSPLIT;
  let slice = wid.x % NSPLIT;
  let b = wid.y;
  let tid = lid.x;
  let D4 = params.D / 4u;
  let D16 = params.D / 16u;
  let NB = params.D / 32u;
  let G = params.Hq / params.Hkv;
  let hw = (G + NSPLIT - 1u) / NSPLIT;
  let hs = slice * hw;
  if (hs >= G) {
    return;
  }
  let hn = min(hw, G - hs);
  let Hkv = params.Hkv;
  let n = context_lens[b];
  let nch = (n + T - 1u) / T;
  let nsplit = WG / D4;
  let sp = tid / D4;
  let d4 = tid % D4;
  let in_split = sp < nsplit;
  let per = (T + nsplit - 1u) / nsplit;
  let quad = tid / 4u;
  let p = tid % 4u;
  let qscale = params.scale * LOG2E;
  let rbase = b * params.max_len;
  let hbase = b * params.Hq + g * G + hs;

  for (var h0 = 0u; h0 < hn; h0 += MAXG) {
    let gc = min(MAXG, hn - h0);
    workgroupBarrier();
    for (var e = tid; e < MAXG * MAXD4; e += WG) {
      let hh = e / MAXD4;
      let d = e % MAXD4;
      var qv = vec4<f32>(0.0);
      if (hh < gc && d < D4) {
        qv = q[(hbase + h0 + hh) * D4 + d] * qscale;
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
    workgroupBarrier();

    for (var it = 0u; it <= nch; it++) {
      let cur = it & 1u;
      let prv = cur ^ 1u;
      let doK = it < nch;
      let doV = it > 0u && in_split;
      // Issue the loads: K words and scales of chunk it, V words and scales of chunk it - 1.
      var kw: array<vec4<u32>, KJ>;
      var ks: array<f32, KJ>;
      var row = 0u;
      if (doK) {
        let tok = min(it * T + quad, n - 1u);
        row = (rbase + tok) * Hkv + g;
        for (var j = 0u; j < KJ; j++) {
          let v = min(j * 4u + p, D16 - 1u);
          kw[j] = k_cache[row * D16 + v];
          ks[j] = k_scale[row * NB + v / 2u];
        }
      }
      var vw: array<u32, UNROLL>;
      var vs: array<f32, UNROLL>;
      if (doV) {
        for (var u = 0u; u < UNROLL; u++) {
          let r = rows[prv * T + min(sp * per + u, T - 1u)];
          vw[u] = v_cache[r * D4 + d4];
          vs[u] = v_scale[r * NB + d4 / 8u];
        }
      }
      // Scores of chunk it (partial sums over this invocation's 32 or fewer elements).
      if (doK) {
        if (p == 0u) {
          rows[cur * T + quad] = row;
        }
        for (var hh = 0u; hh < MAXG; hh++) {
          if (hh < gc) {
            var sv = 0.0;
            for (var j = 0u; j < KJ; j++) {
              let v = j * 4u + p;
              if (v < D16) {
                let w = kw[j];
                let qb = hh * MAXD4 + v * 4u;
                let dv = qs[qb] * unpack(w.x) + qs[qb + 1u] * unpack(w.y) + qs[qb + 2u] * unpack(w.z) + qs[qb + 3u] * unpack(w.w);
                sv += ks[j] * ((dv.x + dv.y) + (dv.z + dv.w));
              }
            }
            sc[((cur * MAXG + hh) * T + quad) * 4u + p] = sv;
          }
        }
      }
      // Values of chunk it - 1.
      if (doV) {
        let c0 = (it - 1u) * T;
        let cn = min(T, n - c0);
        var vv: array<vec4<f32>, UNROLL>;
        for (var u = 0u; u < UNROLL; u++) {
          vv[u] = unpack(vw[u]) * vs[u];
        }
        for (var hh = 0u; hh < MAXG; hh++) {
          if (hh < gc) {
            var s: array<f32, UNROLL>;
            var mx = m[hh];
            for (var u = 0u; u < UNROLL; u++) {
              let t = sp * per + u;
              let e = ((prv * MAXG + hh) * T + min(t, T - 1u)) * 4u;
              let sv = (sc[e] + sc[e + 1u]) + (sc[e + 2u] + sc[e + 3u]);
              if (u < per && t < cn) {
                s[u] = sv;
                mx = max(mx, sv);
              } else {
                s[u] = NEG;
              }
            }
            let corr = exp2(m[hh] - mx);
            var lh = l[hh] * corr;
            var ah = acc[hh] * corr;
            for (var u = 0u; u < UNROLL; u++) {
              if (s[u] > NEG) {
                let pr = exp2(s[u] - mx);
                lh += pr;
                ah += pr * vv[u];
              }
            }
            m[hh] = mx;
            l[hh] = lh;
            acc[hh] = ah;
          }
        }
      }
      workgroupBarrier();
    }

    // Merge the value groups' states, one head at a time (sc and ml are free again).
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
          out[(hbase + h0 + hh) * D4 + tid] = o / lsum;
        }
      }
    }
  }
}

// Tiled causal flash attention (forward). A workgroup owns BQ = 32 query rows of one head; its 128
// invocations are 4 key-splits x 32 rows: invocation (split s, row r) keeps row r's q (pre-scaled by
// scale * log2(e)) and its output accumulator in registers, and takes keys 8s .. 8s + 7 of every 32-key
// tile. K and V tiles are staged in workgroup memory with coalesced vec4 loads; within a warp every lane
// reads the same K/V element (broadcast), so each staged vec4 feeds 4 FMAs per lane. Softmax is online in
// base 2 (running max and sum per split, rescaled once per tile); tiles past the diagonal are never
// loaded and the diagonal tile is masked. The four splits of a row are merged in workgroup memory at the
// end. Row blocks are taken heaviest (last) first so the long causal rows start early.
// D is a runtime parameter: D <= 64 takes one pass; larger D (up to 128) takes one pass per 64 output
// dimensions, each recomputing the scores (the q dimensions past 64 are then read from memory).
// dispatch: ceil_div(S, 32), H, 1

struct Params {
  H: u32,
  S: u32,
  D: u32,
  scale: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> k: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> v: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> out: array<vec4<f32>>;

const BQ: u32 = 32u;
const BK: u32 = 32u;
const NS: u32 = 4u;
const WG: u32 = 128u; // BQ * NS
const KPT: u32 = 8u; // keys per invocation per tile: BK / NS
const RD4: u32 = 16u; // output vec4s per pass (64 dimensions)
const LOG2E: f32 = 1.4426950408889634;
const NEG: f32 = -3.0e38;

var<workgroup> kt: array<vec4<f32>, 1024>; // BK rows of D/4 (D <= 128)
var<workgroup> vt: array<vec4<f32>, 512>; // BK rows of RD4, zero past D
var<workgroup> mls: array<f32, 256>; // per invocation: max, then sum

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let S = params.S;
  let D4 = params.D / 4u;
  let h = wid.y;
  let tid = lid.x;
  let r = tid % BQ;
  let sp = tid / BQ;
  let nb = (S + BQ - 1u) / BQ;
  let blk = nb - 1u - wid.x;
  let i = blk * BQ + r;
  let valid = i < S;
  let base = h * S * D4;
  let qrow = base + min(i, S - 1u) * D4;
  let qscale = params.scale * LOG2E;
  let keys_end = min(S, blk * BQ + BQ);

  var qr: array<vec4<f32>, RD4>;
  for (var d = 0u; d < RD4; d++) {
    var qv = vec4<f32>(0.0);
    if (d < D4) {
      qv = q[qrow + d] * qscale;
    }
    qr[d] = qv;
  }

  for (var op = 0u; op < D4; op += RD4) {
    var m = NEG;
    var l = 0.0;
    var acc: array<vec4<f32>, RD4>;
    for (var d = 0u; d < RD4; d++) {
      acc[d] = vec4<f32>(0.0);
    }

    for (var j0 = 0u; j0 < keys_end; j0 += BK) {
      workgroupBarrier();
      for (var e = tid; e < BK * D4; e += WG) {
        let j = min(j0 + e / D4, S - 1u);
        kt[e] = k[base + j * D4 + e % D4];
      }
      for (var e = tid; e < BK * RD4; e += WG) {
        let j = min(j0 + e / RD4, S - 1u);
        let c = op + e % RD4;
        var vv = vec4<f32>(0.0);
        if (c < D4) {
          vv = v[base + j * D4 + c];
        }
        vt[e] = vv;
      }
      workgroupBarrier();

      // Scores of this invocation's KPT keys (masked past the diagonal).
      var s: array<f32, KPT>;
      var tmax = m;
      for (var u = 0u; u < KPT; u++) {
        let jr = sp * KPT + u;
        let kb = jr * D4;
        var dv = vec4<f32>(0.0);
        for (var d = 0u; d < RD4; d++) {
          dv += qr[d] * kt[kb + d];
        }
        for (var d = RD4; d < D4; d++) {
          dv += q[qrow + d] * qscale * kt[kb + d];
        }
        var sv = dv.x + dv.y + dv.z + dv.w;
        if (j0 + jr > i) {
          sv = NEG;
        }
        s[u] = sv;
        tmax = max(tmax, sv);
      }
      let corr = exp2(m - tmax);
      l *= corr;
      for (var d = 0u; d < RD4; d++) {
        acc[d] *= corr;
      }
      for (var u = 0u; u < KPT; u++) {
        let jr = sp * KPT + u;
        var p = exp2(s[u] - tmax);
        if (j0 + jr > i) {
          p = 0.0;
        }
        l += p;
        let vb = jr * RD4;
        for (var d = 0u; d < RD4; d++) {
          acc[d] += p * vt[vb + d];
        }
      }
      m = tmax;
    }

    // Merge the NS splits of each row: splits 1 and 2 park their accumulators in kt, split 3 in vt.
    workgroupBarrier();
    mls[tid] = m;
    mls[WG + tid] = l;
    if (sp == 1u) {
      for (var d = 0u; d < RD4; d++) {
        kt[r * RD4 + d] = acc[d];
      }
    } else if (sp == 2u) {
      for (var d = 0u; d < RD4; d++) {
        kt[BQ * RD4 + r * RD4 + d] = acc[d];
      }
    } else if (sp == 3u) {
      for (var d = 0u; d < RD4; d++) {
        vt[r * RD4 + d] = acc[d];
      }
    }
    workgroupBarrier();
    if (sp == 0u && valid) {
      let m1 = mls[BQ + r];
      let m2 = mls[2u * BQ + r];
      let m3 = mls[3u * BQ + r];
      let mx = max(max(m, m1), max(m2, m3));
      let f0 = exp2(m - mx);
      let f1 = exp2(m1 - mx);
      let f2 = exp2(m2 - mx);
      let f3 = exp2(m3 - mx);
      let lsum = l * f0 + mls[WG + BQ + r] * f1 + mls[WG + 2u * BQ + r] * f2 + mls[WG + 3u * BQ + r] * f3;
      let inv = 1.0 / lsum;
      for (var d = 0u; d < RD4; d++) {
        if (op + d < D4) {
          let o = acc[d] * f0 + kt[r * RD4 + d] * f1 + kt[BQ * RD4 + r * RD4 + d] * f2 + vt[r * RD4 + d] * f3;
          out[qrow + op + d] = o * inv;
        }
      }
    }
  }
}

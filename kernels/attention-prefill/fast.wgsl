// Tiled causal attention (flash-attention style, one query row per invocation):
// a workgroup owns BQ query rows of one head and streams the keys and values it needs through
// workgroup memory in tiles of BK rows, so each K/V row is read from global memory once per
// workgroup instead of once per query. Softmax is online (running max and sum), rescaled once per tile.
// dispatch: ceil_div(S, 64), H, 1

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

const BQ: u32 = 64u;
const BK: u32 = 16u;
const MAXD4: u32 = 32u; // D <= 128

var<workgroup> ks: array<vec4<f32>, 512>; // BK * MAXD4
var<workgroup> vs: array<vec4<f32>, 512>;

@compute @workgroup_size(BQ)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let S = params.S;
  let D4 = params.D / 4u;
  let h = wid.y;
  let i = wid.x * BQ + lid.x;
  let valid = i < S;
  let base = h * S * D4;
  let qrow = base + min(i, S - 1u) * D4;

  var qr: array<vec4<f32>, MAXD4>;
  var acc: array<vec4<f32>, MAXD4>;
  for (var d = 0u; d < D4; d++) {
    qr[d] = q[qrow + d] * params.scale;
    acc[d] = vec4<f32>(0.0);
  }
  var m = -3.0e38;
  var l = 0.0;
  var s: array<f32, BK>;

  let keys_end = min(S, wid.x * BQ + BQ);
  for (var j0 = 0u; j0 < keys_end; j0 += BK) {
    workgroupBarrier();
    for (var e = lid.x; e < BK * D4; e += BQ) {
      let r = e / D4;
      let c = e % D4;
      let j = min(j0 + r, S - 1u);
      ks[r * MAXD4 + c] = k[base + j * D4 + c];
      vs[r * MAXD4 + c] = v[base + j * D4 + c];
    }
    workgroupBarrier();
    if (valid && i >= j0) {
      let cnt = min(BK, i + 1u - j0);
      var tile_max = m;
      for (var r = 0u; r < cnt; r++) {
        var dot4 = vec4<f32>(0.0);
        for (var d = 0u; d < D4; d++) {
          dot4 += qr[d] * ks[r * MAXD4 + d];
        }
        s[r] = dot4.x + dot4.y + dot4.z + dot4.w;
        tile_max = max(tile_max, s[r]);
      }
      let corr = exp(m - tile_max);
      l *= corr;
      for (var d = 0u; d < D4; d++) {
        acc[d] *= corr;
      }
      for (var r = 0u; r < cnt; r++) {
        let p = exp(s[r] - tile_max);
        l += p;
        for (var d = 0u; d < D4; d++) {
          acc[d] += p * vs[r * MAXD4 + d];
        }
      }
      m = tile_max;
    }
  }
  if (valid) {
    let inv = 1.0 / l;
    for (var d = 0u; d < D4; d++) {
      out[qrow + d] = acc[d] * inv;
    }
  }
}

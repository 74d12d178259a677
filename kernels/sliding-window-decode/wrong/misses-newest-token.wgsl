// KNOWN WRONG: attends to the tokens before p only; the newest token is already in the cache and
// belongs to its own window.
// dispatch: ceil_div(B * Hq, 64), 1, 1

struct Params {
  B: u32,
  Hq: u32,
  Hkv: u32,
  D: u32,
  W: u32,
  scale: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k_cache: array<f32>;
@group(0) @binding(3) var<storage, read> v_cache: array<f32>;
@group(0) @binding(4) var<storage, read> positions: array<u32>;
@group(0) @binding(5) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x;
  if (idx >= params.B * params.Hq) {
    return;
  }
  let b = idx / params.Hq;
  let h = idx % params.Hq;
  let D = params.D;
  let W = params.W;
  let g = h / (params.Hq / params.Hkv);
  let p = positions[b];
  let qo = idx * D;
  var acc: array<f32, 128>;
  for (var d = 0u; d < D; d++) {
    acc[d] = 0.0;
  }
  var m = -3.0e38;
  var l = 0.0;
  let n = min(p, W - 1u);
  let start = p - n;
  for (var i = 0u; i < n; i++) {
    let t = start + i;
    let slot = t % W;
    let ko = ((b * W + slot) * params.Hkv + g) * D;
    var s = 0.0;
    for (var d = 0u; d < D; d++) {
      s += q[qo + d] * k_cache[ko + d];
    }
    s *= params.scale;
    let m_new = max(m, s);
    let corr = exp(m - m_new);
    let e = exp(s - m_new);
    l = l * corr + e;
    for (var d = 0u; d < D; d++) {
      acc[d] = acc[d] * corr + e * v_cache[ko + d];
    }
    m = m_new;
  }
  for (var d = 0u; d < D; d++) {
    out[qo + d] = select(0.0, acc[d] / l, l > 0.0);
  }
}

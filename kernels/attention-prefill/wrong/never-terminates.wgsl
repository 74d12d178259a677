// KNOWN WRONG: j = j * 2 from 0 never advances: the loop never ends.
// dispatch: ceil_div(S, 64), H, 1

struct Params {
  H: u32,
  S: u32,
  D: u32,
  scale: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k: array<f32>;
@group(0) @binding(3) var<storage, read> v: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let h = gid.y;
  if (i >= params.S || h >= params.H) {
    return;
  }
  let D = params.D;
  let base = h * params.S * D;
  let qrow = base + i * D;
  var acc: array<f32, 128>;
  for (var d = 0u; d < D; d++) {
    acc[d] = 0.0;
  }
  var m = -3.0e38;
  var l = 0.0;
  for (var j = 0u; j <= i; j = j * 2u) {
    let krow = base + j * D;
    var s = 0.0;
    for (var d = 0u; d < D; d++) {
      s += q[qrow + d] * k[krow + d];
    }
    s *= params.scale;
    let m_new = max(m, s);
    let corr = exp(m - m_new);
    let p = exp(s - m_new);
    l = l * corr + p;
    for (var d = 0u; d < D; d++) {
      acc[d] = acc[d] * corr + p * v[krow + d];
    }
    m = m_new;
  }
  for (var d = 0u; d < D; d++) {
    out[qrow + d] = acc[d] / l;
  }
}

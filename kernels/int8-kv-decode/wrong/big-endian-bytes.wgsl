// KNOWN WRONG: takes element 4w + j from byte 3 - j (big-endian order).
// dispatch: ceil_div(B * Hq, 64), 1, 1

struct Params {
  B: u32,
  Hq: u32,
  Hkv: u32,
  D: u32,
  max_len: u32,
  scale: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k_cache: array<u32>;
@group(0) @binding(3) var<storage, read> v_cache: array<u32>;
@group(0) @binding(4) var<storage, read> k_scale: array<f32>;
@group(0) @binding(5) var<storage, read> v_scale: array<f32>;
@group(0) @binding(6) var<storage, read> context_lens: array<u32>;
@group(0) @binding(7) var<storage, read_write> out: array<f32>;

fn int8_at(w: u32, j: u32) -> f32 {
  return f32(i32(w << (8u * j)) >> 24u);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x;
  if (idx >= params.B * params.Hq) {
    return;
  }
  let b = idx / params.Hq;
  let h = idx % params.Hq;
  let D = params.D;
  let g = h / (params.Hq / params.Hkv);
  let n = context_lens[b];
  let qo = idx * D;
  var acc: array<f32, 128>;
  for (var d = 0u; d < D; d++) {
    acc[d] = 0.0;
  }
  var m = -3.0e38;
  var l = 0.0;
  for (var t = 0u; t < n; t++) {
    // Row (b, t, g): D / 4 packed words of K (and V) and D / 32 scales.
    let r = (b * params.max_len + t) * params.Hkv + g;
    var s = 0.0;
    for (var d = 0u; d < D; d++) {
      s += q[qo + d] * int8_at(k_cache[r * (D / 4u) + d / 4u], d % 4u) * k_scale[r * (D / 32u) + d / 32u];
    }
    s *= params.scale;
    let m_new = max(m, s);
    let corr = exp(m - m_new);
    let e = exp(s - m_new);
    l = l * corr + e;
    for (var d = 0u; d < D; d++) {
      acc[d] = acc[d] * corr + e * int8_at(v_cache[r * (D / 4u) + d / 4u], d % 4u) * v_scale[r * (D / 32u) + d / 32u];
    }
    m = m_new;
  }
  for (var d = 0u; d < D; d++) {
    out[qo + d] = acc[d] / l;
  }
}

// Paged decode, one workgroup per (query head, sequence). Tokens are processed in chunks:
// every invocation scores a strided subset of the chunk's tokens (q lives in workgroup memory, K is
// read as vec4), the chunk max and sum are tree-reduced in workgroup memory, then invocation d
// accumulates output dimension d over the chunk, so each V row is read once, coalesced.
// dispatch: Hq, B, 1

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
@group(0) @binding(3) var<storage, read> v_cache: array<f32>;
@group(0) @binding(4) var<storage, read> block_table: array<u32>;
@group(0) @binding(5) var<storage, read> context_lens: array<u32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;

const WG: u32 = 128u;
const CHUNK: u32 = 1024u;

var<workgroup> qs: array<vec4<f32>, 32>;
var<workgroup> sc: array<f32, CHUNK>;
var<workgroup> red: array<f32, WG>;

fn row(b: u32, tok: u32, g: u32) -> u32 {
  let blk = block_table[b * params.max_blocks + tok / params.block_size];
  return (blk * params.block_size + tok % params.block_size) * params.Hkv + g;
}

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let h = wid.x;
  let b = wid.y;
  let tid = lid.x;
  let D = params.D;
  let D4 = D / 4u;
  let g = h / (params.Hq / params.Hkv);
  let n = context_lens[b];
  if (tid < D4) {
    qs[tid] = q[(b * params.Hq + h) * D4 + tid] * params.scale;
  }
  workgroupBarrier();

  var m = -3.0e38;
  var l = 0.0;
  var acc = 0.0;
  for (var c0 = 0u; c0 < n; c0 += CHUNK) {
    let cn = min(CHUNK, n - c0);
    var local_max = -3.0e38;
    for (var t = tid; t < cn; t += WG) {
      let off4 = row(b, c0 + t, g) * D4;
      var dot4 = vec4<f32>(0.0);
      for (var d = 0u; d < D4; d++) {
        dot4 += qs[d] * k_cache[off4 + d];
      }
      let s = dot4.x + dot4.y + dot4.z + dot4.w;
      sc[t] = s;
      local_max = max(local_max, s);
    }
    red[tid] = local_max;
    workgroupBarrier();
    for (var st = WG / 2u; st > 0u; st >>= 1u) {
      if (tid < st) {
        red[tid] = max(red[tid], red[tid + st]);
      }
      workgroupBarrier();
    }
    let m_new = max(m, red[0]);
    workgroupBarrier();
    var local_sum = 0.0;
    for (var t = tid; t < cn; t += WG) {
      let p = exp(sc[t] - m_new);
      sc[t] = p;
      local_sum += p;
    }
    red[tid] = local_sum;
    workgroupBarrier();
    for (var st = WG / 2u; st > 0u; st >>= 1u) {
      if (tid < st) {
        red[tid] = red[tid] + red[tid + st];
      }
      workgroupBarrier();
    }
    let corr = exp(m - m_new);
    l = l * corr + red[0];
    if (tid < D) {
      var a = acc * corr;
      for (var t = 0u; t < cn; t++) {
        a += sc[t] * v_cache[row(b, c0 + t, g) * D + tid];
      }
      acc = a;
    }
    m = m_new;
    workgroupBarrier();
  }
  if (tid < D) {
    out[(b * params.Hq + h) * D + tid] = acc / l;
  }
}

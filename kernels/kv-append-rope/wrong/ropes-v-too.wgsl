// KNOWN WRONG: rotates V too; RoPE applies to queries and keys only.
// dispatch: ceil_div(B * Hkv * D / 2, 64), 1, 1

struct Params {
  B: u32,
  Hkv: u32,
  D: u32,
  block_size: u32,
  max_blocks: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> k_new: array<f32>;
@group(0) @binding(2) var<storage, read> v_new: array<f32>;
@group(0) @binding(3) var<storage, read> block_table: array<u32>;
@group(0) @binding(4) var<storage, read> positions: array<u32>;
@group(0) @binding(5) var<storage, read> cos_sin: array<f32>;
@group(0) @binding(6) var<storage, read_write> k_cache: array<f32>;
@group(0) @binding(7) var<storage, read_write> v_cache: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  // One invocation per (sequence, head, pair i): elements 2i and 2i + 1 of K and of V.
  let idx = gid.x;
  let D = params.D;
  let half = D / 2u;
  if (idx >= params.B * params.Hkv * half) {
    return;
  }
  let b = idx / (params.Hkv * half);
  let h = (idx / half) % params.Hkv;
  let i = idx % half;
  let p = positions[b];
  let blk = block_table[b * params.max_blocks + p / params.block_size];
  let dst = ((blk * params.block_size + p % params.block_size) * params.Hkv + h) * D;
  let src = (b * params.Hkv + h) * D;
  let c = cos_sin[p * D + i];
  let s = cos_sin[p * D + half + i];
  let x0 = k_new[src + 2u * i];
  let x1 = k_new[src + 2u * i + 1u];
  k_cache[dst + 2u * i] = x0 * c - x1 * s;
  k_cache[dst + 2u * i + 1u] = x0 * s + x1 * c;
  let y0 = v_new[src + 2u * i];
  let y1 = v_new[src + 2u * i + 1u];
  v_cache[dst + 2u * i] = y0 * c - y1 * s;
  v_cache[dst + 2u * i + 1u] = y0 * s + y1 * c;
}

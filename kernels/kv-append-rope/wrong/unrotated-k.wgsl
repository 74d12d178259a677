// KNOWN WRONG: a plain append; K is written without its rotation (right only at position 0).
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
  k_cache[dst + 2u * i] = k_new[src + 2u * i] + 0.0 * c;
  k_cache[dst + 2u * i + 1u] = k_new[src + 2u * i + 1u] + 0.0 * s;
  v_cache[dst + 2u * i] = v_new[src + 2u * i];
  v_cache[dst + 2u * i + 1u] = v_new[src + 2u * i + 1u];
}

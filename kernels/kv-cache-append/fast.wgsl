// Vectorized append: one invocation per 4 consecutive elements (D is a multiple of 4), 256 per workgroup.
// dispatch: ceil_div(B * Hkv * D, 1024), 1, 1

struct Params {
  B: u32,
  Hkv: u32,
  D: u32,
  block_size: u32,
  max_blocks: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> k_new: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> v_new: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> block_table: array<u32>;
@group(0) @binding(4) var<storage, read> positions: array<u32>;
@group(0) @binding(5) var<storage, read_write> k_cache: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read_write> v_cache: array<vec4<f32>>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x;
  let per_seq = params.Hkv * params.D / 4u;
  if (idx >= params.B * per_seq) {
    return;
  }
  let b = idx / per_seq;
  let hd = idx % per_seq;
  let p = positions[b];
  let blk = block_table[b * params.max_blocks + p / params.block_size];
  let dst = (blk * params.block_size + p % params.block_size) * per_seq + hd;
  k_cache[dst] = k_new[idx];
  v_cache[dst] = v_new[idx];
}

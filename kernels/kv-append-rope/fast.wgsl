// Fused RoPE append, vectorized: one invocation per 4 consecutive elements (two rotated pairs) of a
// (sequence, head) row, 256 per workgroup; vec4 loads of K and V, one vec4 of cos and one of sin for the
// two pairs (cos_sin viewed as vec2: pairs 2j and 2j + 1 of a row share a vec2 of cos and one of sin),
// vec4 stores. The whole op is data movement; the 6 FLOPs per pair hide under the loads.
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
@group(0) @binding(5) var<storage, read> cos_sin: array<vec2<f32>>;
@group(0) @binding(6) var<storage, read_write> k_cache: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read_write> v_cache: array<vec4<f32>>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x;
  let D4 = params.D / 4u;
  let per_seq = params.Hkv * D4;
  if (idx >= params.B * per_seq) {
    return;
  }
  let b = idx / per_seq;
  let hd = idx % per_seq;
  let j = hd % D4; // vec4 j of the row: pairs 2j and 2j + 1
  let p = positions[b];
  let blk = block_table[b * params.max_blocks + p / params.block_size];
  let dst = (blk * params.block_size + p % params.block_size) * per_seq + hd;
  // Row p of the table as vec2: cos at vec2 j of the first half, sin at vec2 j of the second.
  let row = p * (params.D / 2u);
  let c = cos_sin[row + j];
  let s = cos_sin[row + D4 + j];
  let x = k_new[idx];
  k_cache[dst] = vec4<f32>(x.x * c.x - x.y * s.x, x.x * s.x + x.y * c.x, x.z * c.y - x.w * s.y, x.z * s.y + x.w * c.y);
  v_cache[dst] = v_new[idx];
}

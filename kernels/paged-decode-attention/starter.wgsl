// paged-decode-attention: one new token per sequence over a paged KV cache, with GQA.
// out[b][h] = softmax over t < context_lens[b] of (scale * q[b][h] . k_t), applied to v_t,
// where query head h reads KV head h / (Hq / Hkv) and token t lives in physical block
// block_table[b * max_blocks + t / block_size], slot t % block_size.
// Caches: [num_blocks][block_size][Hkv][D]; q and out: [B][Hq][D]. Unused table entries are 0xFFFFFFFF.
// dispatch: ceil_div(B * Hq, 64), 1, 1

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
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k_cache: array<f32>;
@group(0) @binding(3) var<storage, read> v_cache: array<f32>;
@group(0) @binding(4) var<storage, read> block_table: array<u32>;
@group(0) @binding(5) var<storage, read> context_lens: array<u32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x;
  if (idx >= params.B * params.Hq) {
    return;
  }
  for (var d = 0u; d < params.D; d++) {
    // TODO: attention over the sequence's cached tokens.
    out[idx * params.D + d] = 0.0;
  }
}

// int8-kv-decode: decode attention (one new token per sequence) over an int8 KV cache.
// K and V are stored as int8, four to a u32: element 4w + j of a row is byte j of word w (bits 8j..8j+7),
// two's complement. Each block of 32 consecutive elements of a row has its own f32 scale:
//   k[b][t][g][d] = int8 * k_scale[((b * max_len + t) * Hkv + g) * (D / 32) + d / 32], likewise V.
// out[b][h] = softmax over t < context_lens[b] of (scale * q[b][h] . k_t), applied to v_t;
// query head h reads KV head h / (Hq / Hkv).
// Caches: [B][max_len][Hkv][D / 4] words; scales: [B][max_len][Hkv][D / 32]; q and out: [B][Hq][D].
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

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x;
  if (idx >= params.B * params.Hq) {
    return;
  }
  for (var d = 0u; d < params.D; d++) {
    // TODO: dequantize K and V and attend over the sequence's cached tokens.
    out[idx * params.D + d] = 0.0;
  }
}

// sliding-window-decode: Mistral 7B's sliding-window attention for one new token per sequence.
// The newest token of sequence b sits at position p = positions[b] and attends to the last W tokens,
// max(0, p - W + 1) ..= p. The KV cache is a rolling buffer of W slots per sequence: token t lives in
// slot t % W (the newest token's K and V are already written). While a buffer is still filling
// (p < W - 1) its later slots hold a previous sequence's data, which must not be attended to.
// out[b][h] = softmax over those tokens of (scale * q[b][h] . k_t), applied to v_t; query head h reads
// KV head h / (Hq / Hkv).
// Caches: [B][W][Hkv][D]; q and out: [B][Hq][D].
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
  for (var d = 0u; d < params.D; d++) {
    // TODO: attention over the window's cached tokens.
    out[idx * params.D + d] = 0.0;
  }
}

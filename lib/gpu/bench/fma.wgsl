// Device f32 FMA-throughput micro-benchmark: eight independent vec4 multiply-add chains per invocation,
// ITERS steps each; the result is stored so the compiler cannot drop the work.
// FLOPs = invocations * ITERS * 8 chains * 4 lanes * 2.

@group(0) @binding(0) var<storage, read> seed: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> sink: array<vec4<f32>>;

const WG: u32 = 256u;
const ITERS: u32 = 256u;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let s = seed[gid.x % arrayLength(&seed)];
  let m = vec4<f32>(0.9999, 1.0001, 0.9998, 1.0002);
  var a0 = s; var a1 = s + 1.0; var a2 = s + 2.0; var a3 = s + 3.0;
  var a4 = s + 4.0; var a5 = s + 5.0; var a6 = s + 6.0; var a7 = s + 7.0;
  for (var i = 0u; i < ITERS; i++) {
    a0 = fma(a0, m, s); a1 = fma(a1, m, s); a2 = fma(a2, m, s); a3 = fma(a3, m, s);
    a4 = fma(a4, m, s); a5 = fma(a5, m, s); a6 = fma(a6, m, s); a7 = fma(a7, m, s);
  }
  sink[gid.x] = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
}

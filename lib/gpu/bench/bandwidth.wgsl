// Device bandwidth micro-benchmark: a grid-stride copy of vec4<f32>, read once and written once.
// (Harness-owned; not a problem attempt.)

@group(0) @binding(0) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4<f32>>;

const WG: u32 = 256u;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let stride = nwg.x * WG;
  let n = arrayLength(&src);
  for (var i = gid.x; i < n; i += stride) {
    dst[i] = src[i];
  }
}

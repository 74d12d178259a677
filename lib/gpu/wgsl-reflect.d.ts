// wgsl_reflect's CommonJS entry does not expose named exports to Node's ESM loader, so the harness imports
// the package's ES module build, which ships no declarations of its own: they are the package's.
declare module "wgsl_reflect/wgsl_reflect.module.js" {
  export * from "wgsl_reflect";
}

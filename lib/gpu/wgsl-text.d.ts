// The browser bundle imports .wgsl files as text (esbuild's text loader).
declare module "*.wgsl" {
  const source: string;
  export default source;
}

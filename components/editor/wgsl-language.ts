import type * as Monaco from "monaco-editor";

/** A Monarch tokenizer for WGSL: keywords, types, attributes, built-ins, numbers, comments. */
export const WGSL_LANGUAGE_ID = "wgsl";

export const wgslMonarch: Monaco.languages.IMonarchLanguage = {
  keywords: ["fn", "let", "var", "const", "override", "struct", "return", "if", "else", "for", "while", "loop", "continuing", "break", "continue", "switch", "case", "default", "discard", "enable", "requires", "alias", "true", "false", "diagnostic"],
  types: ["f32", "f16", "i32", "u32", "bool", "vec2", "vec3", "vec4", "vec2f", "vec3f", "vec4f", "vec2u", "vec3u", "vec4u", "vec2i", "vec3i", "vec4i", "mat2x2", "mat3x3", "mat4x4", "mat4x4f", "array", "atomic", "ptr", "storage", "uniform", "workgroup", "private", "function", "read", "write", "read_write"],
  builtins: ["workgroupBarrier", "storageBarrier", "arrayLength", "exp", "exp2", "log", "max", "min", "clamp", "fma", "dot", "select", "sqrt", "inverseSqrt", "abs", "floor", "ceil", "ceil_div", "bitcast", "atomicAdd", "atomicLoad", "atomicStore", "subgroupAdd", "subgroupMax"],
  tokenizer: {
    root: [
      [/\/\/\s*dispatch\s*:.*$/, "keyword.directive"],
      [/\/\/.*$/, "comment"],
      [/\/\*/, "comment", "@comment"],
      [/@[a-zA-Z_]\w*/, "annotation"],
      [/[a-zA-Z_]\w*/, { cases: { "@keywords": "keyword", "@types": "type", "@builtins": "predefined", "@default": "identifier" } }],
      [/0[xX][0-9a-fA-F]+[iu]?/, "number.hex"],
      [/\d*\.\d+([eE][-+]?\d+)?[fh]?|\d+[eE][-+]?\d+[fh]?|\d+\.[fh]?|\d+[fh]/, "number.float"],
      [/\d+[iu]?/, "number"],
      [/[{}()[\]<>]/, "@brackets"],
      [/[;,.:]/, "delimiter"],
      [/[-+*/%&|^!~=<>]+/, "operator"],
    ],
    comment: [
      [/[^/*]+/, "comment"],
      [/\*\//, "comment", "@pop"],
      [/[/*]/, "comment"],
    ],
  },
};

"use client";
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";

/**
 * Monaco from the local package, never a CDN, shared by every editor. No language workers: WGSL,
 * Python and TypeScript are highlighted by Monarch tokenizers on the main thread and the harness or
 * runner does the real checking, so Monaco gets an empty worker instead of a bundler-resolved URL
 * that Turbopack cannot serve (that failed with "Failed to load worker script").
 */
type MonacoGlobal = typeof globalThis & { MonacoEnvironment?: { getWorker: () => Worker } };
const g = globalThis as MonacoGlobal;
g.MonacoEnvironment ??= { getWorker: () => new Worker(URL.createObjectURL(new Blob([""], { type: "text/javascript" }))) };
loader.config({ monaco });

export { monaco };

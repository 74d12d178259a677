import type { ExecBackend } from "./backend";
export class CpuBackend {}

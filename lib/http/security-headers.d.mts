export function pageCsp(o: { eval: boolean }): string;
export const WORKER_SCRIPT_CSP: string;
export function securityHeaders(): { source: string; headers: { key: string; value: string }[] }[];

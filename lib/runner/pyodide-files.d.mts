export declare const PYODIDE_FILES: Record<string, string>;
export declare function installedPyodideVersion(root?: string): string | undefined;
export declare function pyodideHeaders(version?: string): { source: string; headers: { key: string; value: string }[] }[];

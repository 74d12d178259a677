export const EXCALIDRAW_ASSET_URL: string;
export function copyExcalidrawAssets(root?: string): { copied: boolean; reason: string };

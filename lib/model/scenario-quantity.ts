// Placeholder until the modeling engine lands (issue 4): modeling scenarios that declare
// `compute:` are reported as invalid by the loader with this message.
export function computeScenarioQuantity(fn: string, _args: Record<string, unknown>): { value: number; unit: string; explanation: string } {
  throw new Error(`unknown quantity "${fn}": the modeling engine does not define it`);
}

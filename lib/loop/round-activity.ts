/**
 * What the candidate did in a round that its answer does not show: a coding round's test run, a kernel
 * round's Check. Kept per tab (sessionStorage), so the submit confirmation can say "tests never run"
 * without a round trip; the server's count of logged runs covers a reload in another tab.
 */
const key = (sessionId: string, position: number) => `loopbench-activity-${sessionId}-${position}`;
const memory = new Set<string>();

export function markRoundActivity(sessionId: string, position: number): void {
  const k = key(sessionId, position);
  memory.add(k);
  try {
    window.sessionStorage.setItem(k, "1");
  } catch {
    // Storage blocked (private mode, quota): the in-memory mark still holds for this page.
  }
}

export function hadRoundActivity(sessionId: string, position: number): boolean {
  const k = key(sessionId, position);
  if (memory.has(k)) return true;
  try {
    return window.sessionStorage.getItem(k) === "1";
  } catch {
    return false;
  }
}

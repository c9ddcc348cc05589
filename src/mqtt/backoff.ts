/** Reconnect delay after `attempt` failed tries: doubles from `minMs`, capped at `maxMs`. Pure. */
export function backoffMs(attempt: number, minMs: number, maxMs: number): number {
  const exp = Math.min(30, Math.max(0, attempt));
  return Math.min(maxMs, minMs * 2 ** exp);
}

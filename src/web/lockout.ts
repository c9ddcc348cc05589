/**
 * Lockout after repeated failed sign-ins (pure). A run of `maxFailures` failures within `windowMinutes`,
 * with no success after them, locks the account for `lockMinutes` from the last failure.
 */
export interface LockoutPolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export interface Attempt {
  at: number;
  ok: boolean;
}

type LockState = { locked: false; failuresLeft: number } | { locked: true; until: number };

export function lockState(attempts: readonly Attempt[], now: number, policy: LockoutPolicy): LockState {
  const sorted = [...attempts].sort((a, b) => a.at - b.at);
  // Only failures after the last success count: a good PIN resets the count.
  const lastOk = sorted.reduce((t, a) => (a.ok ? a.at : t), Number.NEGATIVE_INFINITY);
  const failures = sorted.filter((a) => !a.ok && a.at > lastOk && a.at > now - policy.windowMinutes * 60_000);
  if (failures.length >= policy.maxFailures) {
    const until = (failures.at(-1) as Attempt).at + policy.lockMinutes * 60_000;
    if (now < until) return { locked: true, until };
    return { locked: false, failuresLeft: policy.maxFailures };
  }
  return { locked: false, failuresLeft: policy.maxFailures - failures.length };
}

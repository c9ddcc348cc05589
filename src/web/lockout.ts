/**
 * Who may try a PIN now (pure). Two rules, so that guessing is slow and staff cannot be locked out from
 * one address:
 *
 * - **Per client address, a growing delay.** Its wrong PINs in the last day (for any name, known or not;
 *   a wrong PIN the same address later got right for the same name does not count: a typo) are free up to
 *   `freeTries`; after that each next try waits 5 s, 10 s, 20 s … after the last failure, at most
 *   `lockMinutes`. One address thus gets about four tries an hour once warmed up.
 * - **Per account, a lock** after `maxFailures` wrong PINs within `windowMinutes` (with no success after
 *   them) coming from **at least two addresses**: only then is it locked for everyone, for `lockMinutes`
 *   from the last failure. A technician can lift it at once (/lockouts): failures before the lift no
 *   longer count, neither for the account nor for the addresses that made them.
 *
 * While refused, even the right PIN is not checked (no oracle) and nothing is counted.
 */
export interface LockoutPolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
  /** Wrong PINs an address may make before its delay starts. */
  freeTries: number;
}

export interface Attempt {
  readonly at: number;
  readonly ok: boolean;
  readonly personId: string;
  readonly client: string;
}

export type Decision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: 'locked' | 'slow-down'; readonly until: number };

const dayMs = 86_400_000;
/** The wait after the first failure beyond the free tries; it doubles with each further one. */
const firstDelayMs = 5000;

/** The account's lock: `attempts` are the account's own, after its last lift. */
export function accountLock(
  attempts: readonly Attempt[],
  now: number,
  policy: LockoutPolicy,
): { locked: false } | { locked: true; until: number } {
  const sorted = [...attempts].sort((a, b) => a.at - b.at);
  const lastOk = sorted.reduce((t, a) => (a.ok ? a.at : t), Number.NEGATIVE_INFINITY);
  const failures = sorted.filter((a) => !a.ok && a.at > lastOk && a.at > now - policy.windowMinutes * 60_000);
  const clients = new Set(failures.map((a) => a.client));
  if (failures.length < policy.maxFailures || clients.size < 2) return { locked: false };
  const until = (failures.at(-1) as Attempt).at + policy.lockMinutes * 60_000;
  return now < until ? { locked: true, until } : { locked: false };
}

/** When the address may try again: `attempts` are the address's own of the last day, after the lifts. */
export function addressWait(attempts: readonly Attempt[], now: number, policy: LockoutPolicy): number {
  const recent = [...attempts].filter((a) => a.at > now - dayMs).sort((a, b) => a.at - b.at);
  const failures = recent.filter(
    (a, i) => !a.ok && !recent.slice(i + 1).some((b) => b.ok && b.personId === a.personId),
  );
  const beyond = failures.length - policy.freeTries;
  if (beyond < 0) return now;
  const delay = Math.min(firstDelayMs * 2 ** beyond, policy.lockMinutes * 60_000);
  return Math.max(now, (failures.at(-1) as Attempt).at + delay);
}

export function decide(
  account: readonly Attempt[],
  client: readonly Attempt[],
  now: number,
  policy: LockoutPolicy,
): Decision {
  const lock = accountLock(account, now, policy);
  if (lock.locked) return { allowed: false, reason: 'locked', until: lock.until };
  const wait = addressWait(client, now, policy);
  if (wait > now) return { allowed: false, reason: 'slow-down', until: wait };
  return { allowed: true };
}

import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { PersonConfig } from '../config/schema.js';
import type { WebConfig } from '../config/sections/web.js';
import type { Role } from '../domain/access.js';
import { AttemptLog } from './attempt-log.js';
import { newToken } from './csrf.js';
import { accountLock, addressWait, decide, type LockoutPolicy } from './lockout.js';
import { dummyPinHash, verifyPin } from './pin-hash.js';
import { PinPool } from './pin-pool.js';
import { unknownPerson, type WebRepo } from './web-repo.js';

export interface Account {
  personId: string;
  name: string;
  role: Role;
  pinHash: string;
}

export interface WebUser {
  personId: string;
  name: string;
  role: Role;
  csrf: string;
  sessionHash: string;
}

const roleOfPerson: Record<PersonConfig['role'], Role> = {
  staff: 'staff',
  // The zone lead answers for the zone and may close any fault, like the technician.
  lead: 'technician',
  technician: 'technician',
  admin: 'admin',
};

/** Joins `web.accounts` with `people`; an account naming an unknown person is reported and left out. */
export function accountsFrom(
  web: Pick<WebConfig, 'accounts'>,
  people: readonly PersonConfig[],
): { accounts: Account[]; problems: string[] } {
  const accounts: Account[] = [];
  const problems: string[] = [];
  web.accounts.forEach((a, i) => {
    const p = people.find((x) => x.id === a.person);
    if (!p) {
      problems.push(`web.accounts[${i}].person: unknown person "${a.person}"`);
      return;
    }
    accounts.push({ personId: p.id, name: p.name, role: a.role ?? roleOfPerson[p.role], pinHash: a.pinHash });
  });
  return { accounts, problems };
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type SignIn =
  | { ok: true; cookieValue: string; user: WebUser; expiresAt: number }
  | { ok: false; reason: 'bad-pin' }
  /** `locked`: the account (failures from several addresses); `slow-down`: this address must wait; `busy`: too many sign-ins at once. */
  | { ok: false; reason: 'locked' | 'slow-down' | 'busy'; until: number };

interface SessionsDeps {
  repo: WebRepo;
  clock: Clock;
  accounts: readonly Account[];
  lockout: LockoutPolicy;
  sessionMinutes: number;
  /** Where PIN hashes are checked, at most one at a time (shared by the whole app). */
  pool?: PinPool;
}

export type Sessions = ReturnType<typeof createSessions>;

/** How long the answer "busy" asks a client to wait before trying again. */
const busyRetryMs = 2000;

/**
 * Sign-in with PIN (lockout.ts: a growing delay per address, a lock per account) and the session behind
 * the cookie. Each attempt is decided and recorded — as a failure, before its PIN is checked — in one
 * synchronous step over the in-memory log (attempt-log.ts), so attempts made in parallel, for one account
 * or from one address, are counted one after the other: none can slip past the limits. The slow check
 * then runs in the bounded pool; a success turns the record into one.
 */
export function createSessions(deps: SessionsDeps) {
  const { repo, clock } = deps;
  const byId = new Map(deps.accounts.map((a) => [a.personId, a]));
  const pool = deps.pool ?? new PinPool();
  const log = new AttemptLog(repo);
  // Unknown names are checked against a hash as slow as a real account's.
  const dummy = dummyPinHash(deps.accounts[0]?.pinHash);

  const lockSince = (now: number) =>
    now - Math.max(deps.lockout.windowMinutes, deps.lockout.lockMinutes) * 60_000 * 2;

  const hashOf = (client: string) => sha256(`zoneops-web-client:${client}`).slice(0, 16);

  /** When `client` must wait before its next try, whatever name it gives (checked before a form is read). */
  async function addressWaitUntil(client: string): Promise<number | undefined> {
    const now = clock.now();
    await log.ready(now);
    const until = addressWait(log.fromClient(hashOf(client), now - 86_400_000), now, deps.lockout);
    return until > now ? until : undefined;
  }

  async function signIn(personId: string, pin: string, client: string): Promise<SignIn> {
    const account = byId.get(personId);
    const recordAs = account ? personId : unknownPerson;
    const clientHash = hashOf(client);
    await log.ready(clock.now());
    // From here to the record, nothing awaits: the decision and the record are one step.
    const now = clock.now();
    const d = decide(
      account ? log.forAccount(personId, lockSince(now)) : [],
      log.fromClient(clientHash, now - 86_400_000),
      now,
      deps.lockout,
    );
    // While refused, even the right PIN is not checked (no oracle) and nothing is counted.
    if (!d.allowed) return { ok: false, reason: d.reason, until: d.until };
    if (pool.busy) return { ok: false, reason: 'busy', until: now + busyRetryMs };
    const entry = log.add(recordAs, clientHash, now);
    await entry.id;
    const checked = await pool.run(() => verifyPin(pin, account?.pinHash ?? dummy));
    if (checked === undefined) {
      await log.forget(entry);
      return { ok: false, reason: 'busy', until: clock.now() + busyRetryMs };
    }
    if (!checked.value || !account) {
      // The failure that completes a lock says so at once.
      const lock = account
        ? accountLock(log.forAccount(personId, lockSince(now)), clock.now(), deps.lockout)
        : undefined;
      return lock?.locked
        ? { ok: false, reason: 'locked', until: lock.until }
        : { ok: false, reason: 'bad-pin' };
    }
    await log.succeed(entry);
    const cookieValue = randomBytes(32).toString('base64url');
    const expiresAt = now + deps.sessionMinutes * 60_000;
    const csrf = newToken();
    const idHash = sha256(cookieValue);
    await repo.createSession({ idHash, personId, role: account.role, csrf, createdAt: now, expiresAt });
    await repo.prune(now);
    log.prune(now);
    return {
      ok: true,
      cookieValue,
      expiresAt,
      user: { personId, name: account.name, role: account.role, csrf, sessionHash: idHash },
    };
  }

  /** Each account: locked until when, and its wrong PINs since its last success (the technician's /lockouts page). */
  async function lockoutView(): Promise<Array<{ account: Account; lockedUntil?: number; failures: number }>> {
    const now = clock.now();
    await log.ready(now);
    const out: Array<{ account: Account; lockedUntil?: number; failures: number }> = [];
    for (const a of deps.accounts) {
      const attempts = log.forAccount(a.personId, lockSince(now));
      const lastOk = attempts.reduce((t, x) => (x.ok ? x.at : t), Number.NEGATIVE_INFINITY);
      const failures = attempts.filter((x) => !x.ok && x.at > lastOk).length;
      const lock = accountLock(attempts, now, deps.lockout);
      out.push(lock.locked ? { account: a, lockedUntil: lock.until, failures } : { account: a, failures });
    }
    return out;
  }

  async function liftLockout(personId: string, by: string): Promise<boolean> {
    if (!byId.has(personId)) return false;
    await log.ready(clock.now());
    await log.lift(personId, clock.now(), by);
    return true;
  }

  async function current(cookieValue: string | undefined): Promise<WebUser | undefined> {
    if (!cookieValue) return undefined;
    const s = await repo.session(sha256(cookieValue), clock.now());
    if (!s) return undefined;
    // An account removed from the config (or whose role changed) loses its session at once.
    const account = byId.get(s.personId);
    if (!account || account.role !== s.role) return undefined;
    return {
      personId: s.personId,
      name: account.name,
      role: account.role,
      csrf: s.csrf,
      sessionHash: s.idHash,
    };
  }

  return {
    signIn,
    addressWaitUntil,
    lockoutView,
    liftLockout,
    current,
    signOut: (user: WebUser) => repo.deleteSession(user.sessionHash),
    accounts: deps.accounts,
  };
}

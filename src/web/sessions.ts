import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { PersonConfig } from '../config/schema.js';
import type { WebConfig } from '../config/sections/web.js';
import type { Role } from '../domain/access.js';
import { newToken } from './csrf.js';
import { type LockoutPolicy, lockState } from './lockout.js';
import { dummyPinHash, verifyPin } from './pin-hash.js';
import type { WebRepo } from './web-repo.js';

interface Account {
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
  | { ok: false; reason: 'locked'; until: number };

interface SessionsDeps {
  repo: WebRepo;
  clock: Clock;
  accounts: readonly Account[];
  lockout: LockoutPolicy;
  sessionMinutes: number;
}

export type Sessions = ReturnType<typeof createSessions>;

/** Sign-in with PIN and lockout, and the session behind the cookie. */
export function createSessions(deps: SessionsDeps) {
  const { repo, clock } = deps;
  const byId = new Map(deps.accounts.map((a) => [a.personId, a]));

  async function signIn(personId: string, pin: string, client: string): Promise<SignIn> {
    const now = clock.now();
    const account = byId.get(personId);
    const clientHash = sha256(`zoneops-web-client:${client}`).slice(0, 16);
    // The same slow hash runs for an unknown name, so timing does not tell which names exist.
    if (!account) {
      await verifyPin(pin, dummyPinHash);
      return { ok: false, reason: 'bad-pin' };
    }
    const since = now - Math.max(deps.lockout.windowMinutes, deps.lockout.lockMinutes) * 60_000 * 2;
    const before = lockState(await repo.attempts(personId, since), now, deps.lockout);
    // While locked, even the right PIN is refused and not counted (no oracle, no extension).
    if (before.locked) return { ok: false, reason: 'locked', until: before.until };
    const ok = await verifyPin(pin, account.pinHash);
    await repo.recordAttempt(personId, now, ok, clientHash);
    if (!ok) {
      const after = lockState(await repo.attempts(personId, since), now, deps.lockout);
      return after.locked
        ? { ok: false, reason: 'locked', until: after.until }
        : { ok: false, reason: 'bad-pin' };
    }
    const cookieValue = randomBytes(32).toString('base64url');
    const expiresAt = now + deps.sessionMinutes * 60_000;
    const csrf = newToken();
    const idHash = sha256(cookieValue);
    await repo.createSession({ idHash, personId, role: account.role, csrf, createdAt: now, expiresAt });
    await repo.prune(now);
    return {
      ok: true,
      cookieValue,
      expiresAt,
      user: { personId, name: account.name, role: account.role, csrf, sessionHash: idHash },
    };
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
    current,
    signOut: (user: WebUser) => repo.deleteSession(user.sessionHash),
    accounts: deps.accounts,
  };
}

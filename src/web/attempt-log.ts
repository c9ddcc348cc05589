import type { Attempt } from './lockout.js';
import type { WebRepo } from './web-repo.js';

interface Entry {
  readonly at: number;
  ok: boolean;
  readonly personId: string;
  readonly client: string;
  /** The row's id once written. */
  id?: Promise<number>;
}

const dayMs = 86_400_000;
/** Far more than the pool can check in a day from every address (one PIN hash at a time): a bound, not a limit. */
const maxEntries = 200_000;

/**
 * The last day of sign-in attempts, in memory (the database keeps them across restarts and is read once,
 * at the first sign-in). Deciding from memory is synchronous, so two attempts cannot race between check
 * and record, and a refused attempt costs no database work at all: a burst of them cannot stall the
 * queries /healthz and the API make.
 */
export class AttemptLog {
  readonly #byPerson = new Map<string, Entry[]>();
  readonly #byClient = new Map<string, Entry[]>();
  #size = 0;
  #lifts = new Map<string, number>();
  #loaded: Promise<void> | undefined;

  constructor(private readonly repo: WebRepo) {}

  ready(now: number): Promise<void> {
    this.#loaded ??= (async () => {
      const [rows, lifts] = await Promise.all([this.repo.recentAttempts(now - dayMs), this.repo.lifts()]);
      this.#lifts = lifts;
      for (const r of rows) this.#index({ ...r });
    })();
    return this.#loaded;
  }

  #index(e: Entry): void {
    for (const [map, key] of [
      [this.#byPerson, e.personId],
      [this.#byClient, e.client],
    ] as const) {
      const list = map.get(key);
      if (list) list.push(e);
      else map.set(key, [e]);
    }
    this.#size++;
  }

  #after(e: Entry, since: number): boolean {
    return e.at >= since && e.at > (this.#lifts.get(e.personId) ?? -1);
  }

  /** The account's attempts since `since`, after its last lift. */
  forAccount(personId: string, since: number): Attempt[] {
    return (this.#byPerson.get(personId) ?? []).filter((e) => this.#after(e, since));
  }

  /** The address's attempts since `since` (for any name), each after its account's last lift. */
  fromClient(client: string, since: number): Attempt[] {
    return (this.#byClient.get(client) ?? []).filter((e) => this.#after(e, since));
  }

  /** Records an attempt as failed before its PIN is checked; the row is written in the background. */
  add(personId: string, client: string, at: number): Entry {
    if (this.#size >= maxEntries) this.prune(at);
    const e: Entry = { at, ok: false, personId, client };
    e.id = this.repo.reserveAttempt(personId, at, client);
    this.#index(e);
    return e;
  }

  async succeed(e: Entry): Promise<void> {
    e.ok = true;
    if (e.id) await this.repo.markSucceeded(await e.id);
  }

  /** An attempt whose PIN was never checked does not count. */
  async forget(e: Entry): Promise<void> {
    for (const map of [this.#byPerson, this.#byClient]) {
      for (const [k, list] of map) {
        const i = list.indexOf(e);
        if (i >= 0) {
          list.splice(i, 1);
          if (list.length === 0) map.delete(k);
        }
      }
    }
    this.#size--;
    if (e.id) await this.repo.forgetAttempt(await e.id);
  }

  async lift(personId: string, at: number, by: string): Promise<void> {
    this.#lifts.set(personId, at);
    await this.repo.liftLockout(personId, at, by);
  }

  /** Forgets attempts older than a day (the database is pruned with the sessions). */
  prune(now: number): void {
    let size = 0;
    for (const map of [this.#byPerson, this.#byClient]) {
      for (const [k, list] of map) {
        const kept = list.filter((e) => e.at >= now - dayMs);
        if (kept.length === 0) map.delete(k);
        else map.set(k, kept);
        if (map === this.#byPerson) size += kept.length;
      }
    }
    this.#size = size;
  }
}

import sqlite3 from 'sqlite3';
import { createSerial } from '../serial.js';

export type SqlValue = string | number | bigint | null | Buffer;
type Params = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

interface RunResult {
  lastId: number;
  changes: number;
}

/** The statements available inside and outside a transaction. Only repositories use these. */
export interface Queries {
  run(sql: string, params?: Params): Promise<RunResult>;
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  all<T>(sql: string, params?: Params): Promise<T[]>;
  /** Runs several statements without parameters (migrations only). */
  exec(sql: string): Promise<void>;
}

/**
 * A small promise facade over one `sqlite3` connection. All SQL is parameterised.
 * Every statement and transaction is queued on one lock: sqlite3 runs statements of one
 * connection one after another anyway, and the lock keeps a transaction's statements from
 * interleaving with another caller's across `await`s.
 */
export class Database implements Queries {
  readonly #db: sqlite3.Database;
  // One statement or transaction at a time on the one connection, in the order asked.
  readonly #serial = createSerial();
  #closed = false;

  private constructor(db: sqlite3.Database) {
    this.#db = db;
  }

  static async open(path: string): Promise<Database> {
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(db)));
    });
    const db = new Database(raw);
    // WAL: readers never block the writer; a kill -9 mid-write leaves a WAL that the next open replays.
    // synchronous=FULL: a committed record (a cleaning log entry, a queued notification) survives power loss too.
    await db.#exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
    );
    return db;
  }

  get closed(): boolean {
    return this.#closed;
  }

  run(sql: string, params: Params = []): Promise<RunResult> {
    return this.#locked(() => this.#run(sql, params));
  }

  get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return this.#locked(() => this.#get<T>(sql, params));
  }

  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return this.#locked(() => this.#all<T>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.#locked(() => this.#exec(sql));
  }

  /** Runs `fn` in one IMMEDIATE transaction: all of it commits, or none of it. */
  transaction<T>(fn: (tx: Queries) => Promise<T>): Promise<T> {
    return this.#locked(async () => {
      await this.#exec('BEGIN IMMEDIATE');
      try {
        const tx: Queries = {
          run: (sql, params = []) => this.#run(sql, params),
          get: <R>(sql: string, params: Params = []) => this.#get<R>(sql, params),
          all: <R>(sql: string, params: Params = []) => this.#all<R>(sql, params),
          exec: (sql) => this.#exec(sql),
        };
        const result = await fn(tx);
        await this.#exec('COMMIT');
        return result;
      } catch (err) {
        try {
          await this.#exec('ROLLBACK');
        } catch {
          // SQLite has already rolled back (it does on SQLITE_FULL, for one): the error below says why.
        }
        throw err;
      }
    });
  }

  /** Waits for queued work, checkpoints the WAL and closes the connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#serial.idle();
    this.#closed = true;
    try {
      await this.#exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } catch {
      // Not checkpointed now: the WAL stays next to the database and is replayed on the next open.
    }
    await new Promise<void>((resolve, reject) => this.#db.close((err) => (err ? reject(err) : resolve())));
  }

  #locked<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('database is closed'));
    return this.#serial(fn);
  }

  #run(sql: string, params: Params): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      this.#db.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ lastId: this.lastID, changes: this.changes });
      });
    });
  }

  #get<T>(sql: string, params: Params): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.#db.get(sql, params, (err: Error | null, row: T | undefined) =>
        err ? reject(err) : resolve(row),
      );
    });
  }

  #all<T>(sql: string, params: Params): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.#db.all(sql, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
    });
  }

  #exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.#db.exec(sql, (err) => (err ? reject(err) : resolve())));
  }
}

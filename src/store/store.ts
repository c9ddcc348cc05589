import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AuditRepo } from './audit-repo.js';
import { Database } from './db.js';
import { DevicesRepo } from './devices-repo.js';
import { MaintenanceRepo } from './maintenance-repo.js';
import { migrate } from './migrations.js';

/** The opened database with its repositories. Only repositories touch SQL. */
export interface Store {
  readonly db: Database;
  readonly devices: DevicesRepo;
  readonly audit: AuditRepo;
  readonly maintenance: MaintenanceRepo;
  /** A cheap query proving the database answers (for /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openStore(path: string, now: number): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = await Database.open(path);
  try {
    await migrate(db, now);
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    db,
    devices: new DevicesRepo(db),
    audit: new AuditRepo(db),
    maintenance: new MaintenanceRepo(db),
    async ping() {
      try {
        return (await db.get<{ ok: number }>('SELECT 1 AS ok'))?.ok === 1;
      } catch {
        return false;
      }
    },
    close: () => db.close(),
  };
}

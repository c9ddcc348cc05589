import { describe, expect, it } from 'vitest';
import { SqliteBaselineStore } from '../../../src/probes/snmp/baseline-store.js';
import { Database } from '../../../src/store/db.js';
import { migrate, migrations } from '../../../src/store/migrations.js';

describe('SqliteBaselineStore', () => {
  it('stores, reads back and replaces a baseline', async () => {
    const db = await Database.open(':memory:');
    try {
      await migrate(db, 0, migrations);
      await db.run(
        `INSERT INTO devices (id, name, type, location, asset_no, vendor_json, service_provider_json, responsible,
           protocols, power_method, created_at, updated_at) VALUES ('pc-01','PC','pc','hall','A1','{}','{}','x','snmp','none',0,0)`,
      );
      const store = new SqliteBaselineStore(db);
      expect(await store.get('pc-01')).toBeNull();
      await store.put(
        'pc-01',
        { installed: ['WPS Office', '微信'], hardware: ['processor: Intel'], takenAt: 5 },
        'first-poll',
      );
      expect(await store.get('pc-01')).toEqual({
        installed: ['WPS Office', '微信'],
        hardware: ['processor: Intel'],
        takenAt: 5,
      });
      await store.put('pc-01', { installed: [], hardware: [], takenAt: 9 }, 'cli');
      expect(await store.get('pc-01')).toEqual({ installed: [], hardware: [], takenAt: 9 });
    } finally {
      await db.close();
    }
  });
});

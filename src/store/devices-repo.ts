import type { AssetRecord, Contact, DeviceType, PowerMethod, Protocol } from '../domain/device.js';
import type { DeviceStatus } from '../domain/status.js';
import type { Database } from './db.js';

export interface DeviceRow extends AssetRecord {
  readonly active: boolean;
  readonly status: DeviceStatus;
  readonly statusSince: number | null;
  readonly lastObservedAt: number | null;
  readonly conditions: readonly string[];
  /** null: the conditions are current; else when the (now silent) device last reported them. */
  readonly conditionsAsOf: number | null;
}

interface RawDevice {
  id: string;
  name: string;
  type: DeviceType;
  location: string;
  asset_no: string;
  vendor_json: string;
  service_provider_json: string;
  purchased_on: string | null;
  warranty_until: string | null;
  responsible: string;
  protocols: string;
  power_method: PowerMethod;
  active: number;
  status: DeviceStatus | null;
  since: number | null;
  last_observed_at: number | null;
  conditions_json: string | null;
  detail_json: string | null;
}

const selectDevices = `
  SELECT d.*, s.status, s.since, s.last_observed_at, s.conditions_json, s.detail_json
  FROM devices d LEFT JOIN device_status s ON s.device_id = d.id`;

/** The asset register in the database, kept in step with the config. */
export class DevicesRepo {
  constructor(private readonly db: Database) {}

  /**
   * Makes the stored register match the config: new devices added, changed ones updated,
   * removed ones marked inactive (kept, because faults and records refer to them).
   */
  async sync(
    assets: readonly AssetRecord[],
    now: number,
  ): Promise<{ added: number; updated: number; retired: number }> {
    return this.db.transaction(async (tx) => {
      const existing = new Map(
        (await tx.all<{ id: string; active: number }>('SELECT id, active FROM devices')).map((r) => [
          r.id,
          r.active,
        ]),
      );
      let added = 0;
      let updated = 0;
      for (const a of assets) {
        const values = [
          a.name,
          a.type,
          a.location,
          a.assetNo,
          JSON.stringify(a.vendor),
          JSON.stringify(a.serviceProvider),
          a.purchasedOn,
          a.warrantyUntil,
          a.responsible,
          a.protocols.join(','),
          a.powerMethod,
        ];
        if (existing.has(a.id)) {
          await tx.run(
            `UPDATE devices SET name=?, type=?, location=?, asset_no=?, vendor_json=?, service_provider_json=?,
               purchased_on=?, warranty_until=?, responsible=?, protocols=?, power_method=?, active=1, updated_at=?
             WHERE id=?`,
            [...values, now, a.id],
          );
          updated++;
        } else {
          await tx.run(
            `INSERT INTO devices (name, type, location, asset_no, vendor_json, service_provider_json, purchased_on,
               warranty_until, responsible, protocols, power_method, active, created_at, updated_at, id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
            [...values, now, now, a.id],
          );
          await tx.run('INSERT INTO device_status (device_id, status, since) VALUES (?, ?, ?)', [
            a.id,
            'unknown',
            now,
          ]);
          added++;
        }
      }
      const keep = new Set(assets.map((a) => a.id));
      let retired = 0;
      for (const [id, active] of existing) {
        if (!keep.has(id) && active === 1) {
          await tx.run('UPDATE devices SET active=0, updated_at=? WHERE id=?', [now, id]);
          retired++;
        }
      }
      return { added, updated, retired };
    });
  }

  async list(options: { includeRetired?: boolean } = {}): Promise<DeviceRow[]> {
    const where = options.includeRetired ? '' : ' WHERE d.active = 1';
    const rows = await this.db.all<RawDevice>(`${selectDevices}${where} ORDER BY d.id`);
    return rows.map(toRow);
  }

  /**
   * One page of the active register in id order (keyset: the rows after `after`), filtered by type,
   * status and location; `next` is the cursor of the following page, null on the last one.
   */
  async page(q: {
    after?: string | undefined;
    limit: number;
    type?: string | undefined;
    status?: string | undefined;
    location?: string | undefined;
  }): Promise<{ rows: DeviceRow[]; next: string | null }> {
    const where = ['d.active = 1'];
    const params: Array<string | number> = [];
    const add = (sql: string, v: string | undefined) => {
      if (v === undefined) return;
      where.push(sql);
      params.push(v);
    };
    add('d.id > ?', q.after);
    add('d.type = ?', q.type);
    add("COALESCE(s.status, 'unknown') = ?", q.status);
    add('d.location = ?', q.location);
    const rows = await this.db.all<RawDevice>(
      `${selectDevices} WHERE ${where.join(' AND ')} ORDER BY d.id LIMIT ?`,
      [...params, q.limit + 1],
    );
    const more = rows.length > q.limit;
    const page = (more ? rows.slice(0, q.limit) : rows).map(toRow);
    return { rows: page, next: more ? (page.at(-1)?.id ?? null) : null };
  }

  async countByTypeAndStatus(): Promise<Array<{ type: string; status: string; n: number }>> {
    return this.db.all(
      `SELECT d.type AS type, COALESCE(s.status, 'unknown') AS status, COUNT(*) AS n
       FROM devices d LEFT JOIN device_status s ON s.device_id = d.id
       WHERE d.active = 1 GROUP BY d.type, COALESCE(s.status, 'unknown')`,
    );
  }

  async get(id: string): Promise<DeviceRow | undefined> {
    const row = await this.db.get<RawDevice>(`${selectDevices} WHERE d.id = ?`, [id]);
    return row ? toRow(row) : undefined;
  }
}

function toRow(r: RawDevice): DeviceRow {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    location: r.location,
    assetNo: r.asset_no,
    vendor: JSON.parse(r.vendor_json) as Contact,
    serviceProvider: JSON.parse(r.service_provider_json) as Contact,
    purchasedOn: r.purchased_on,
    warrantyUntil: r.warranty_until,
    responsible: r.responsible,
    protocols: r.protocols === '' ? [] : (r.protocols.split(',') as Protocol[]),
    powerMethod: r.power_method,
    active: r.active === 1,
    status: r.status ?? 'unknown',
    statusSince: r.since,
    lastObservedAt: r.last_observed_at,
    conditions: r.conditions_json ? (JSON.parse(r.conditions_json) as string[]) : [],
    conditionsAsOf: r.detail_json
      ? ((JSON.parse(r.detail_json) as { conditionsAsOf?: number }).conditionsAsOf ?? null)
      : null,
  };
}

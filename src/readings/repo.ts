import type { SupplyFact } from '../domain/report-input.js';
import type { Database } from '../store/db.js';

/** One stored supply level (a real percentage; unknown and special levels are never stored). */
export type SupplySample = SupplyFact;

interface CounterSample {
  readonly deviceId: string;
  readonly at: number;
  readonly value: number;
}

interface RawSupply {
  device_id: string;
  supply_index: number;
  at: number;
  percent: number;
  type: string;
  color: string | null;
  description: string;
  receptacle: number;
}

const toSupply = (r: RawSupply): SupplySample => ({
  deviceId: r.device_id,
  index: r.supply_index,
  at: r.at,
  percent: r.percent,
  type: r.type,
  color: r.color,
  description: r.description,
  receptacle: r.receptacle === 1,
});

/** The readings history tables (migration 7). Only this class touches them. */
export class ReadingsRepo {
  constructor(private readonly db: Database) {}

  async addPages(deviceId: string, at: number, pages: number): Promise<void> {
    await this.db.run('INSERT INTO reading_pages (device_id, at, pages) VALUES (?, ?, ?)', [
      deviceId,
      at,
      pages,
    ]);
  }

  async addEnergy(deviceId: string, at: number, kwh: number): Promise<void> {
    await this.db.run('INSERT INTO reading_energy (device_id, at, kwh) VALUES (?, ?, ?)', [
      deviceId,
      at,
      kwh,
    ]);
  }

  async addSupply(s: SupplySample): Promise<void> {
    await this.db.run(
      `INSERT INTO reading_supplies (device_id, supply_index, at, percent, type, color, description, receptacle)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        s.deviceId,
        s.index,
        s.at,
        s.percent,
        s.type,
        s.color,
        s.description.slice(0, 200),
        s.receptacle ? 1 : 0,
      ],
    );
  }

  async addUsage(deviceId: string, at: number, cpuPercent: number): Promise<void> {
    await this.db.run('INSERT INTO reading_usage (device_id, at, cpu_percent) VALUES (?, ?, ?)', [
      deviceId,
      at,
      cpuPercent,
    ]);
  }

  /** Processor-load samples in [from, to), oldest first. */
  async usage(
    from: number,
    to: number,
  ): Promise<Array<{ deviceId: string; at: number; cpuPercent: number }>> {
    const rows = await this.db.all<{ device_id: string; at: number; cpu_percent: number }>(
      'SELECT device_id, at, cpu_percent FROM reading_usage WHERE at >= ? AND at < ? ORDER BY device_id, at, rowid',
      [from, to],
    );
    return rows.map((r) => ({ deviceId: r.device_id, at: r.at, cpuPercent: r.cpu_percent }));
  }

  /** A supply's samples in [from, to), oldest first. */
  async supplyHistory(deviceId: string, index: number, from: number, to: number): Promise<SupplySample[]> {
    const rows = await this.db.all<RawSupply>(
      `SELECT * FROM reading_supplies WHERE device_id = ? AND supply_index = ? AND at >= ? AND at < ?
       ORDER BY at, rowid`,
      [deviceId, index, from, to],
    );
    return rows.map(toSupply);
  }

  /** Every supply sample in [from, to) plus, per supply, the last one before `from` (the baseline). */
  async supplies(from: number, to: number): Promise<SupplySample[]> {
    const rows = await this.db.all<RawSupply>(
      `SELECT * FROM reading_supplies s WHERE (s.at >= ? AND s.at < ?)
         OR s.at = (SELECT MAX(b.at) FROM reading_supplies b
                    WHERE b.device_id = s.device_id AND b.supply_index = s.supply_index AND b.at < ?)
       ORDER BY s.device_id, s.supply_index, s.at, s.rowid`,
      [from, to, from],
    );
    return rows.map(toSupply);
  }

  /** Page counter samples in [from, to) plus each device's last one before `from`. */
  pages(from: number, to: number): Promise<CounterSample[]> {
    return this.#counter('reading_pages', 'pages', from, to);
  }

  /** Plug energy samples (kWh counter) in [from, to) plus each device's last one before `from`. */
  energy(from: number, to: number): Promise<CounterSample[]> {
    return this.#counter('reading_energy', 'kwh', from, to);
  }

  /** The time of each device's latest sample of each table, so a restart keeps the hourly pace. */
  async latest(): Promise<Array<{ deviceId: string; table: 'pages' | 'energy' | 'usage'; at: number }>> {
    const rows = await this.db.all<{ device_id: string; t: 'pages' | 'energy' | 'usage'; at: number }>(
      `SELECT device_id, 'pages' AS t, MAX(at) AS at FROM reading_pages GROUP BY device_id
       UNION ALL SELECT device_id, 'energy' AS t, MAX(at) AS at FROM reading_energy GROUP BY device_id
       UNION ALL SELECT device_id, 'usage' AS t, MAX(at) AS at FROM reading_usage GROUP BY device_id`,
    );
    return rows.map((r) => ({ deviceId: r.device_id, table: r.t, at: r.at }));
  }

  /** Each supply's latest sample. */
  async latestSupplies(): Promise<SupplySample[]> {
    const rows = await this.db.all<RawSupply>(
      `SELECT * FROM reading_supplies s WHERE s.at = (SELECT MAX(b.at) FROM reading_supplies b
         WHERE b.device_id = s.device_id AND b.supply_index = s.supply_index)`,
    );
    return rows.map(toSupply);
  }

  /** Deletes samples older than `before`; returns how many went. */
  async prune(before: number): Promise<number> {
    let n = 0;
    for (const table of ['reading_pages', 'reading_supplies', 'reading_energy', 'reading_usage'] as const) {
      n += (await this.db.run(`DELETE FROM ${table} WHERE at < ?`, [before])).changes;
    }
    return n;
  }

  async #counter(
    table: 'reading_pages' | 'reading_energy',
    column: 'pages' | 'kwh',
    from: number,
    to: number,
  ): Promise<CounterSample[]> {
    const rows = await this.db.all<{ device_id: string; at: number; v: number }>(
      `SELECT device_id, at, ${column} AS v FROM ${table} s WHERE (s.at >= ? AND s.at < ?)
         OR s.at = (SELECT MAX(b.at) FROM ${table} b WHERE b.device_id = s.device_id AND b.at < ?)
       ORDER BY device_id, at, rowid`,
      [from, to, from],
    );
    return rows.map((r) => ({ deviceId: r.device_id, at: r.at, value: r.v }));
  }
}

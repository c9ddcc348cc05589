import type { Database, Queries } from '../store/db.js';

interface PublicReport {
  readonly id: number;
  readonly at: number;
  readonly deviceId: string;
  readonly description: string;
  readonly contact: string | null;
  readonly faultId: number | null;
}

/** Reports from members of the public ("facilities not working" is a complaint the zone must take). */
export class PublicReportRepo {
  constructor(private readonly db: Database) {}

  async add(
    q: Queries,
    r: {
      at: number;
      deviceId: string;
      description: string;
      contact: string | null;
      clientHash: string;
      faultId: number;
    },
  ): Promise<number> {
    const res = await q.run(
      `INSERT INTO public_reports (at, device_id, description, contact, client_hash, fault_id)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [r.at, r.deviceId, r.description, r.contact, r.clientHash, r.faultId],
    );
    return res.lastId;
  }

  async forFault(faultId: number): Promise<PublicReport[]> {
    const rows = await this.db.all<{
      id: number;
      at: number;
      device_id: string;
      description: string;
      contact: string | null;
      fault_id: number | null;
    }>(
      'SELECT id, at, device_id, description, contact, fault_id FROM public_reports WHERE fault_id = ? ORDER BY id',
      [faultId],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      deviceId: r.device_id,
      description: r.description,
      contact: r.contact,
      faultId: r.fault_id,
    }));
  }

  async count(): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM public_reports'))?.n ?? 0;
  }
}

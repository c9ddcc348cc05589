import type { Database } from './db.js';

export const maintenanceKinds = ['repair', 'service', 'inspection', 'replacement', 'other'] as const;
export type MaintenanceKind = (typeof maintenanceKinds)[number];

export interface MaintenanceRecord {
  id: number;
  deviceId: string;
  kind: MaintenanceKind;
  note: string;
  /** Who did the work: the vendor's engineer, the service provider, the technician. */
  performedBy: string;
  performedOn: string;
  recordedBy: string;
  recordedAt: number;
}

/** Maintenance and repair history of the state assets (维修保养记录), kept by the party-government office. */
export class MaintenanceRepo {
  constructor(private readonly db: Database) {}

  async add(r: Omit<MaintenanceRecord, 'id'>): Promise<MaintenanceRecord> {
    const res = await this.db.run(
      `INSERT INTO maintenance_records (device_id, kind, note, performed_by, performed_on, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [r.deviceId, r.kind, r.note, r.performedBy, r.performedOn, r.recordedBy, r.recordedAt],
    );
    return { id: res.lastId, ...r };
  }

  async listForDevice(deviceId: string): Promise<MaintenanceRecord[]> {
    const rows = await this.db.all<{
      id: number;
      device_id: string;
      kind: MaintenanceKind;
      note: string;
      performed_by: string;
      performed_on: string;
      recorded_by: string;
      recorded_at: number;
    }>('SELECT * FROM maintenance_records WHERE device_id = ? ORDER BY performed_on DESC, id DESC', [
      deviceId,
    ]);
    return rows.map((r) => ({
      id: r.id,
      deviceId: r.device_id,
      kind: r.kind,
      note: r.note,
      performedBy: r.performed_by,
      performedOn: r.performed_on,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    }));
  }
}

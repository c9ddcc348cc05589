import { createHash } from 'node:crypto';
import type { AssetRecord } from '../domain/device.js';
import { defaultKindSeverity } from '../domain/fault-kinds.js';
import type { Queries } from '../store/db.js';
import type { FaultRepo } from './fault-repo.js';
import type { FaultWrites } from './fault-writes.js';
import type { PublicReportRepo } from './public-report-repo.js';

/**
 * A citizen's report about a device, in the caller's transaction: it opens (or adds to) the device's
 * `public-report` fault and is stored with a hash of the client (for rate limits), never the address.
 */
export async function recordPublicReport(
  tx: Queries,
  deps: { writes: FaultWrites; faults: FaultRepo; reports: PublicReportRepo },
  device: AssetRecord,
  r: { description: string; contact?: string; client: string },
  now: number,
) {
  const clientHash = createHash('sha256')
    .update(`zoneops-public-report:${r.client}`)
    .digest('hex')
    .slice(0, 16);
  const signal = {
    kind: 'public-report' as const,
    severity: defaultKindSeverity['public-report'],
    detail: r.description,
  };
  const fault = await deps.writes.upsert(tx, device, signal, now, 'public');
  const reportId = await deps.reports.add(tx, {
    at: now,
    deviceId: device.id,
    description: r.description,
    contact: r.contact ?? null,
    clientHash,
    faultId: fault.id,
  });
  await deps.faults.addEvent(tx, fault.id, now, 'public-report', 'public', { reportId });
  return { reportId, fault };
}

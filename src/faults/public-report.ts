import type { AssetRecord } from '../domain/device.js';
import { defaultKindSeverity, type FaultKind } from '../domain/fault-kinds.js';
import type { Queries } from '../store/db.js';
import type { FaultRepo } from './fault-repo.js';
import type { FaultWrites } from './fault-writes.js';

/** What a citizen's report asks of the fault engine: the fault kinds it joins, else the one it opens. */
export interface ReportRequest {
  readonly deviceId: string;
  readonly join: readonly FaultKind[];
  readonly open: FaultKind;
  readonly detail: string;
}
export type ReportRecord<T> = (tx: Queries, faultId: number) => Promise<T>;
export type ReportValue = { complaintId: number; caseNo: string };

/**
 * A citizen's report about a device, in the caller's transaction: joins an open fault of one of `join`
 * on the device (the first found, in that order), else opens (or reopens) one of kind `open`; then
 * `record` writes the complaint, and the fault's timeline notes the report by its case number.
 */
export async function faultForReport<T extends ReportValue>(
  tx: Queries,
  deps: { faults: FaultRepo; writes: FaultWrites },
  device: AssetRecord,
  r: ReportRequest,
  record: ReportRecord<T>,
  now: number,
): Promise<{ fault: { id: number; opened: boolean; created: boolean }; value: T }> {
  let fault: { id: number; opened: boolean; created: boolean } | undefined;
  for (const kind of r.join) {
    const f = await deps.faults.findOpen(tx, device.id, kind);
    if (f) {
      fault = { id: f.id, opened: false, created: false };
      break;
    }
  }
  fault ??= await deps.writes.upsert(
    tx,
    device,
    { kind: r.open, severity: defaultKindSeverity[r.open], detail: r.detail },
    now,
    'public',
  );
  const value = await record(tx, fault.id);
  await deps.faults.addEvent(tx, fault.id, now, 'public-report', 'public', {
    complaintId: value.complaintId,
    caseNo: value.caseNo,
    detail: r.detail,
  });
  return { fault, value };
}

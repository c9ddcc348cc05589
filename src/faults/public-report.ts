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
  /** The fault's detail, naming the report's case number. */
  readonly detail: (caseNo: string) => string;
}
export type ReportValue = { complaintId: number; caseNo: string };

/** The complaint's side of the transaction: write it first (it gets its case number), link it last. */
export interface ReportSteps<T extends ReportValue> {
  record(tx: Queries): Promise<T>;
  link(tx: Queries, value: T, faultId: number): Promise<void>;
}

/**
 * A citizen's report about a device, in the caller's transaction: the complaint is written, then an
 * open fault of one of `join` on the device is joined (the first found, in that order) or one of kind
 * `open` opened (or reopened), with the case number in its detail and on its timeline; then the two
 * are linked. A report is never stored without its fault, nor a fault without its report.
 */
export async function faultForReport<T extends ReportValue>(
  tx: Queries,
  deps: { faults: FaultRepo; writes: FaultWrites },
  device: AssetRecord,
  r: ReportRequest,
  steps: ReportSteps<T>,
  now: number,
): Promise<{ fault: { id: number; opened: boolean; created: boolean }; value: T }> {
  const value = await steps.record(tx);
  const detail = r.detail(value.caseNo);
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
    { kind: r.open, severity: defaultKindSeverity[r.open], detail },
    now,
    'public',
  );
  await deps.faults.addEvent(tx, fault.id, now, 'public-report', 'public', {
    complaintId: value.complaintId,
    caseNo: value.caseNo,
    detail,
  });
  await steps.link(tx, value, fault.id);
  return { fault, value };
}

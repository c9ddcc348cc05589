import type { FaultFact, IncidentLine, KindLine, VendorSummary } from './report-types.js';

/**
 * Fault figures of the month (pure), over the faults opened in it:
 * - acknowledged: the first action of a person (acknowledged, vendor-contacted or resolved), as the
 *   `zoneops_fault_ack_seconds` histogram counts it; MTTA is the mean of (that − opened);
 * - closed: resolved by a person or cleared by itself (paper refilled, device back); MTTR is the mean
 *   of (closed − opened): how long the service was impaired, whoever ended it;
 * - vendor response: from the first `vendor-contacted` event to the fault closing; a promise
 *   (`promisedAt` on that event) is kept when the fault closed by then.
 */

const personActions = new Set(['acknowledged', 'vendor-contacted', 'resolved']);

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

function ackAt(f: FaultFact): number | null {
  return f.events.find((e) => personActions.has(e.type))?.at ?? null;
}

function kindLine(kind: string, faults: readonly FaultFact[]): KindLine {
  const acks = faults.map((f) => ({ f, at: ackAt(f) })).filter((x) => x.at !== null);
  const closed = faults.filter((f) => f.closedAt !== null);
  return {
    kind,
    opened: faults.length,
    acknowledged: acks.length,
    closed: closed.length,
    resolved: closed.filter((f) => f.state === 'resolved').length,
    cleared: closed.filter((f) => f.state === 'cleared').length,
    stillOpen: faults.length - closed.length,
    mttaSeconds: secs(mean(acks.map((x) => (x.at as number) - x.f.openedAt))),
    mttrSeconds: secs(mean(closed.map((f) => (f.closedAt as number) - f.openedAt))),
  };
}

const secs = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

export function faultsByKind(faults: readonly FaultFact[]): { byKind: KindLine[]; totals: KindLine } {
  const kinds = [...new Set(faults.map((f) => f.kind))].sort();
  return {
    byKind: kinds.map((k) =>
      kindLine(
        k,
        faults.filter((f) => f.kind === k),
      ),
    ),
    totals: kindLine('*', faults),
  };
}

export function vendorSummary(faults: readonly FaultFact[], now: number): VendorSummary {
  const called = faults
    .map((f) => ({ f, call: f.events.find((e) => e.type === 'vendor-contacted') }))
    .filter((x): x is { f: FaultFact; call: FaultFact['events'][number] } => x.call !== undefined);
  const closed = called.filter((x) => x.f.closedAt !== null);
  let kept = 0;
  let missed = 0;
  for (const { f, call } of called) {
    const promised = call.data.promisedAt;
    if (typeof promised !== 'number') continue;
    if (f.closedAt !== null && f.closedAt <= promised) kept++;
    else if ((f.closedAt ?? now) > promised) missed++;
  }
  return {
    contacted: called.length,
    closed: closed.length,
    meanResponseSeconds: secs(mean(closed.map((x) => (x.f.closedAt as number) - x.call.at))),
    promisesKept: kept,
    promisesMissed: missed,
  };
}

export function incidents(faults: readonly FaultFact[], kind: string): IncidentLine[] {
  return faults
    .filter((f) => f.kind === kind)
    .sort((a, b) => a.openedAt - b.openedAt)
    .map((f) => ({
      faultId: f.id,
      deviceId: f.deviceId,
      openedAt: f.openedAt,
      state: f.state,
      detail: f.detail,
    }));
}

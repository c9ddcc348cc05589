import type { FaultEventFact, FaultFact, ReportDevice } from './report-input.js';
import type { CauseLine, FaultCause, FaultFigures, IncidentLine } from './report-types.js';
import { faultCauses } from './report-types.js';

/**
 * Faults of the month by cause (pure). Definitions:
 * - cause: equipment (the device does not work), consumables (paper, toner, orders), hygiene (cleaning
 *   or disinfection overdue), citizens' reports, management (forbidden or changed software, changed
 *   hardware, left on after hours) — each on its own line, never added into one "faults" figure;
 * - an incident is one fault, except that a PC that would not start is one incident however many
 *   faults it raised: `unreachable` overlapping a `power-on-failed` of the same device folds into it
 *   (the fault engine may already suppress it; faults it marked suppressed are not counted at all);
 * - a plug's fault counts on the device it feeds;
 * - 平均响应时间 = mean of (first person action − opened) — acknowledged, vendor contacted or resolved;
 *   平均修复时间 = mean of (closed − opened), closed by a repair or by itself; both in minutes;
 * - only what happened before counting stopped counts: an acknowledgement or repair after it is not
 *   seen, so the same stored history always gives the same figures.
 */

const causes: Readonly<Record<string, FaultCause>> = {
  'paper-low': 'consumables',
  'paper-out': 'consumables',
  'toner-low': 'consumables',
  'toner-out': 'consumables',
  'supply-order-due': 'consumables',
  'cleaning-overdue': 'hygiene',
  'disinfection-overdue': 'hygiene',
  'public-report': 'citizens',
  'forbidden-software': 'management',
  'software-changed': 'management',
  'hardware-changed': 'management',
  'still-on-after-hours': 'management',
};

/** The cause of a fault kind; a kind not listed (unreachable, jam, service-requested …) is equipment. */
export function faultCause(kind: string): FaultCause {
  return causes[kind] ?? 'equipment';
}

/** Marked by the fault engine's inhibition (state or timeline), however it spells it. */
export function isSuppressed(f: FaultFact): boolean {
  const mark = /^(suppressed|inhibited)$/;
  return mark.test(f.state) || f.events.some((e) => mark.test(e.type));
}

const personActions = new Set(['acknowledged', 'vendor-contacted', 'resolved']);

/** An incident with the facts the vendor figures need. */
export interface Incident extends IncidentLine {
  readonly calls: ReadonlyArray<FaultEventFact>;
}

/** Which device a fault belongs to: a plug's fault belongs to the one device it feeds. */
export function ownerOf(devices: readonly ReportDevice[]): (deviceId: string) => string {
  const fed = new Map<string, string[]>();
  for (const d of devices) if (d.plug !== null) fed.set(d.plug, [...(fed.get(d.plug) ?? []), d.id]);
  return (id) => {
    const list = fed.get(id);
    return list?.length === 1 ? (list[0] as string) : id;
  };
}

interface Seen {
  readonly fault: FaultFact;
  readonly device: string;
  readonly ack: number | null;
  readonly closed: number | null;
  readonly end: number;
  readonly calls: FaultEventFact[];
}

function seen(f: FaultFact, device: string, countedTo: number): Seen {
  const before = f.events.filter((e) => e.at < countedTo);
  const closed = f.closedAt !== null && f.closedAt <= countedTo ? f.closedAt : null;
  return {
    fault: f,
    device,
    ack: before.find((e) => personActions.has(e.type))?.at ?? null,
    closed,
    end: closed ?? countedTo,
    calls: before.filter((e) => e.type === 'vendor-contacted'),
  };
}

const minOf = (xs: ReadonlyArray<number | null>): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === 0 ? null : Math.min(...v);
};

function incident(group: readonly Seen[]): Incident {
  const first = group[0] as Seen;
  const calls = group.flatMap((g) => g.calls).sort((a, b) => a.at - b.at);
  const party = calls[0]?.data.party;
  return {
    deviceId: first.device,
    cause: faultCause(first.fault.kind),
    kinds: [...new Set(group.map((g) => g.fault.kind))],
    faultIds: group.map((g) => g.fault.id),
    openedAt: Math.min(...group.map((g) => g.fault.openedAt)),
    acknowledgedAt: minOf(group.map((g) => g.ack)),
    closedAt: group.every((g) => g.closed !== null)
      ? Math.max(...group.map((g) => g.closed as number))
      : null,
    contacted:
      party === 'vendor' || party === 'service-provider' ? party : calls.length > 0 ? 'vendor' : null,
    calls,
  };
}

/**
 * Every incident whose first fault opened in [from, countedTo), oldest first. `faults` may include
 * faults opened before the month (an unreachable fault then folds into an older incident, uncounted).
 */
export function incidentsOf(
  faults: readonly FaultFact[],
  devices: readonly ReportDevice[],
  from: number,
  countedTo: number,
): { incidents: Incident[]; all: Incident[]; folded: number; suppressed: number } {
  const owner = ownerOf(devices);
  const live = faults.filter((f) => f.openedAt < countedTo && !isSuppressed(f));
  const suppressed = faults.filter((f) => f.openedAt >= from && f.openedAt < countedTo && isSuppressed(f));
  const facts = live
    .map((f) => seen(f, owner(f.deviceId), countedTo))
    .sort((a, b) => a.fault.openedAt - b.fault.openedAt);
  const failedStarts = facts.filter((s) => s.fault.kind === 'power-on-failed');
  const overlaps = (a: Seen, b: Seen) => a.fault.openedAt < b.end && b.fault.openedAt < a.end;
  const groups = new Map<Seen, Seen[]>();
  const out: Seen[][] = [];
  let folded = 0;
  for (const s of facts) {
    const host =
      s.fault.kind === 'unreachable'
        ? failedStarts.find((p) => p.device === s.device && overlaps(p, s))
        : undefined;
    if (host === undefined) {
      const g = groups.get(s) ?? [s];
      groups.set(s, g);
      out.push(g);
      continue;
    }
    const g = groups.get(host) ?? [host];
    if (!groups.has(host)) groups.set(host, g);
    g.push(s);
    if (host.fault.openedAt >= from) folded++;
  }
  const named = (a: Seen, b: Seen) =>
    Number(b.fault.kind === 'power-on-failed') - Number(a.fault.kind === 'power-on-failed');
  const all = out.map((g) => incident([...g].sort(named)));
  const incidents = all.filter((i) => i.openedAt >= from && i.openedAt < countedTo);
  return { incidents, all, folded, suppressed: suppressed.length };
}

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

/** Minutes, one decimal. */
export const minutes = (ms: number | null): number | null =>
  ms === null ? null : Math.round(ms / 6000) / 10;

function causeLine(cause: CauseLine['cause'], list: readonly IncidentLine[]): CauseLine {
  const acked = list.filter((i) => i.acknowledgedAt !== null);
  const closed = list.filter((i) => i.closedAt !== null);
  return {
    cause,
    incidents: list.length,
    acknowledged: acked.length,
    closed: closed.length,
    stillOpen: list.length - closed.length,
    mttaMinutes: minutes(mean(acked.map((i) => (i.acknowledgedAt as number) - i.openedAt))),
    mttrMinutes: minutes(mean(closed.map((i) => (i.closedAt as number) - i.openedAt))),
  };
}

export function faultFigures(
  faults: readonly FaultFact[],
  devices: readonly ReportDevice[],
  from: number,
  countedTo: number,
  citizensSameAsFault: number,
): FaultFigures & { readonly month: readonly Incident[]; readonly all: readonly Incident[] } {
  const { incidents, all, folded, suppressed } = incidentsOf(faults, devices, from, countedTo);
  const byCause = faultCauses.map((c) =>
    causeLine(
      c,
      incidents.filter((i) => i.cause === c),
    ),
  );
  return {
    byCause,
    total: causeLine('total', incidents),
    incidents: incidents.map(({ calls: _calls, ...line }) => line),
    folded,
    suppressed,
    citizensSameAsFault,
    month: incidents,
    all,
  };
}

import type { Availability } from './report-availability.js';
import { type Interval, intersect, totalMs } from './report-calendar.js';
import type { IncidentLine, IntegrityFigures } from './report-types.js';

/**
 * Equipment is what citizens use: the register less the smart plugs (they only carry power) and the
 * `area-*` entries the cleaning plan keeps for rooms. Only equipment is in 可用率 and 设备完好率.
 */
export function isEquipment(d: { readonly id: string; readonly type: string }): boolean {
  return d.type !== 'plug' && !d.id.startsWith('area-');
}

const MIN = 60_000;

/**
 * 设备完好率, two ways (pure):
 * - at the end: equipment monitored in the month with no equipment fault open when counting stopped,
 *   ÷ equipment monitored in the month;
 * - time-weighted: Σ monitored opening minutes without an open equipment fault ÷ Σ monitored opening
 *   minutes (a fault opened before the month counts while it stays open).
 * Consumables, cleaning, citizens' reports and software are not equipment faults.
 */
export function integrityOf(
  devices: ReadonlyArray<{ readonly id: string; readonly availability: Availability }>,
  incidents: readonly IncidentLine[],
  countedTo: number,
): {
  figures: IntegrityFigures;
  perDevice: Map<string, { intactAtEnd: boolean | null; ratio: number | null }>;
} {
  const perDevice = new Map<string, { intactAtEnd: boolean | null; ratio: number | null }>();
  let monitored = 0;
  let intactAtEnd = 0;
  let sumMonitored = 0;
  let sumIntact = 0;
  const broken: Array<{ deviceId: string; kinds: string[] }> = [];
  for (const d of devices) {
    const mine = incidents.filter((i) => i.deviceId === d.id && i.cause === 'equipment');
    const faulty: Interval[] = mine.map((i) => ({ from: i.openedAt, to: i.closedAt ?? countedTo }));
    const known = d.availability.monitoredMinutes;
    const lost = Math.round(totalMs(intersect(merge(faulty), d.availability.monitored)) / MIN);
    const intact = Math.max(0, known - lost);
    const openAtEnd = mine.filter((i) => i.closedAt === null);
    const seen = known > 0 || mine.length > 0;
    if (seen) {
      monitored++;
      if (openAtEnd.length === 0) intactAtEnd++;
      else broken.push({ deviceId: d.id, kinds: [...new Set(openAtEnd.flatMap((i) => i.kinds))] });
    }
    sumMonitored += known;
    sumIntact += intact;
    perDevice.set(d.id, {
      intactAtEnd: seen ? openAtEnd.length === 0 : null,
      ratio: known === 0 ? null : intact / known,
    });
  }
  return {
    figures: {
      monitored,
      intactAtEnd,
      ratioAtEnd: monitored === 0 ? null : intactAtEnd / monitored,
      timeWeighted: sumMonitored === 0 ? null : sumIntact / sumMonitored,
      broken,
    },
    perDevice,
  };
}

/** Overlapping intervals merged (two faults open at once lose the time once). */
function merge(list: readonly Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.from <= last.to) out[out.length - 1] = { from: last.from, to: Math.max(last.to, i.to) };
    else out.push({ ...i });
  }
  return out;
}

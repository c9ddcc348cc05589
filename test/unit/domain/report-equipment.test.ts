import { describe, expect, it } from 'vitest';
import type { Availability } from '../../../src/domain/report-availability.js';
import type { Interval } from '../../../src/domain/report-calendar.js';
import { integrityOf, isEquipment } from '../../../src/domain/report-equipment.js';
import type { FaultCause, IncidentLine } from '../../../src/domain/report-types.js';

/**
 * 设备完好率 (src/domain/report-equipment.ts) on hand-made availability and incidents. The day is Tuesday
 * 3 November 2026 in Beijing time, open 09:00–12:00 and 14:00–17:30 (390 minutes); counting stops at
 * 4 November 00:00. Each expectation is worked out in the comment beside it.
 */
const bj = (s: string) => Date.parse(`${s}+08:00`);
const countedTo = bj('2026-11-04T00:00');
const morning = { from: bj('2026-11-03T09:00'), to: bj('2026-11-03T12:00') };
const afternoon = { from: bj('2026-11-03T14:00'), to: bj('2026-11-03T17:30') };

/** Availability as report-availability.ts gives it: only `monitored` and its minutes matter here. */
const seen = (monitored: readonly Interval[]): Availability => {
  const minutes = Math.round(monitored.reduce((n, i) => n + (i.to - i.from), 0) / 60_000);
  return {
    expectedMinutes: 390,
    monitoredMinutes: minutes,
    upMinutes: minutes,
    unavailableMinutes: 0,
    downMinutes: 0,
    coverage: minutes / 390,
    availability: minutes === 0 ? null : 1,
    offScheduledHours: 0,
    monitored,
  };
};
const wholeDay = seen([morning, afternoon]);
const never = seen([]);

let nextId = 1;
const incident = (
  deviceId: string,
  openedAt: string,
  closedAt: string | null,
  kinds: readonly string[] = ['jam'],
  cause: FaultCause = 'equipment',
): IncidentLine => ({
  deviceId,
  cause,
  kinds,
  faultIds: [nextId++],
  openedAt: bj(openedAt),
  acknowledgedAt: null,
  closedAt: closedAt === null ? null : bj(closedAt),
  contacted: null,
});

describe('what counts as equipment', () => {
  it('is what citizens use: PCs, kiosks, printers, copiers, MFPs and other devices', () => {
    for (const type of ['pc', 'kiosk', 'printer', 'copier', 'mfp', 'other'])
      expect(isEquipment({ id: `${type}-01`, type })).toBe(true);
  });

  it('leaves out the smart plugs, which only carry power', () => {
    expect(isEquipment({ id: 'plug-01', type: 'plug' })).toBe(false);
  });

  it('leaves out the rooms the cleaning plan keeps as area-* entries, and only those', () => {
    expect(isEquipment({ id: 'area-lobby', type: 'other' })).toBe(false);
    expect(isEquipment({ id: 'pc-area-1', type: 'pc' })).toBe(true);
  });
});

describe('设备完好率 at the end of counting', () => {
  it('is the share of monitored equipment with no equipment fault open when counting stopped', () => {
    // pc-01: a jam 10:00–11:00, repaired → intact at the end. printer-01: a fault still open → broken.
    // kiosk-01: no fault. 2 of 3 intact → 2/3.
    const r = integrityOf(
      [
        { id: 'pc-01', availability: wholeDay },
        { id: 'printer-01', availability: wholeDay },
        { id: 'kiosk-01', availability: wholeDay },
      ],
      [
        incident('pc-01', '2026-11-03T10:00', '2026-11-03T11:00'),
        incident('printer-01', '2026-11-03T16:30', null, ['service-requested']),
      ],
      countedTo,
    );
    expect(r.figures.monitored).toBe(3);
    expect(r.figures.intactAtEnd).toBe(2);
    expect(r.figures.ratioAtEnd).toBeCloseTo(2 / 3, 10);
    expect(r.figures.broken).toEqual([{ deviceId: 'printer-01', kinds: ['service-requested'] }]);
    expect(r.perDevice.get('pc-01')?.intactAtEnd).toBe(true);
    expect(r.perDevice.get('printer-01')?.intactAtEnd).toBe(false);
    expect(r.perDevice.get('kiosk-01')?.intactAtEnd).toBe(true);
  });

  it('lists each kind of the open faults of a broken device once, in the order they came', () => {
    const r = integrityOf(
      [{ id: 'printer-01', availability: wholeDay }],
      [
        incident('printer-01', '2026-11-03T09:10', null, ['jam', 'door-open']),
        incident('printer-01', '2026-11-03T09:20', null, ['jam']),
        incident('printer-01', '2026-11-03T09:30', '2026-11-03T09:40', ['offline']),
      ],
      countedTo,
    );
    expect(r.figures.broken).toEqual([{ deviceId: 'printer-01', kinds: ['jam', 'door-open'] }]);
    expect(r.figures.ratioAtEnd).toBe(0);
  });

  it('does not count consumables, cleaning, citizens’ reports or software as equipment faults', () => {
    const causes: FaultCause[] = ['consumables', 'hygiene', 'citizens', 'management'];
    const r = integrityOf(
      [{ id: 'printer-01', availability: wholeDay }],
      causes.map((c) => incident('printer-01', '2026-11-03T09:00', null, ['paper-out'], c)),
      countedTo,
    );
    expect(r.figures).toEqual({ monitored: 1, intactAtEnd: 1, ratioAtEnd: 1, timeWeighted: 1, broken: [] });
    expect(r.perDevice.get('printer-01')).toEqual({ intactAtEnd: true, ratio: 1 });
  });

  it('does not put one device’s fault on another', () => {
    const r = integrityOf(
      [{ id: 'pc-01', availability: wholeDay }],
      [incident('pc-02', '2026-11-03T09:00', null)],
      countedTo,
    );
    expect(r.figures).toEqual({ monitored: 1, intactAtEnd: 1, ratioAtEnd: 1, timeWeighted: 1, broken: [] });
  });

  it('leaves out equipment never monitored and without a fault: no figure, not 100 %', () => {
    const r = integrityOf([{ id: 'pc-01', availability: never }], [], countedTo);
    expect(r.figures).toEqual({
      monitored: 0,
      intactAtEnd: 0,
      ratioAtEnd: null,
      timeWeighted: null,
      broken: [],
    });
    expect(r.perDevice.get('pc-01')).toEqual({ intactAtEnd: null, ratio: null });
  });

  it('counts equipment never monitored but with an open fault as seen and broken', () => {
    // The fault came (e.g. from its plug) while its own status was never known: 0 of 1 intact.
    const r = integrityOf(
      [{ id: 'pc-01', availability: never }],
      [incident('pc-01', '2026-10-30T09:00', null, ['power-on-failed', 'unreachable'])],
      countedTo,
    );
    expect(r.figures).toEqual({
      monitored: 1,
      intactAtEnd: 0,
      ratioAtEnd: 0,
      timeWeighted: null,
      broken: [{ deviceId: 'pc-01', kinds: ['power-on-failed', 'unreachable'] }],
    });
    expect(r.perDevice.get('pc-01')).toEqual({ intactAtEnd: false, ratio: null });
  });
});

describe('设备完好率 by time', () => {
  it('takes the faulty minutes out of the monitored opening minutes, lunch break not counted', () => {
    // A jam 11:00–15:00 loses 11:00–12:00 and 14:00–15:00 = 120 of 390 minutes → 270/390.
    const r = integrityOf(
      [{ id: 'printer-01', availability: wholeDay }],
      [incident('printer-01', '2026-11-03T11:00', '2026-11-03T15:00')],
      countedTo,
    );
    expect(r.perDevice.get('printer-01')).toEqual({ intactAtEnd: true, ratio: 270 / 390 });
    expect(r.figures.timeWeighted).toBe(270 / 390);
  });

  it('counts a fault opened before the month and still open up to the end of counting', () => {
    // Open since 30 October: every monitored minute of 3 November is lost → 0.
    const r = integrityOf(
      [{ id: 'printer-01', availability: wholeDay }],
      [incident('printer-01', '2026-10-30T09:00', null)],
      countedTo,
    );
    expect(r.perDevice.get('printer-01')).toEqual({ intactAtEnd: false, ratio: 0 });
    expect(r.figures.timeWeighted).toBe(0);
  });

  it('loses the time once when two faults are open at the same time, in whatever order they come', () => {
    // 10:00–11:00 inside 09:30–11:30, given the inner one first: 120 minutes lost, not 150 nor 90 → 270/390.
    // A third fault 14:00–14:30 loses 30 more → 240/390.
    const r = integrityOf(
      [{ id: 'printer-01', availability: wholeDay }],
      [
        incident('printer-01', '2026-11-03T10:00', '2026-11-03T11:00'),
        incident('printer-01', '2026-11-03T09:30', '2026-11-03T11:30'),
        incident('printer-01', '2026-11-03T14:00', '2026-11-03T14:30'),
      ],
      countedTo,
    );
    expect(r.perDevice.get('printer-01')?.ratio).toBe(240 / 390);
  });

  it('merges faults that overlap in part into one stretch', () => {
    // 09:00–10:00 and 09:30–10:30 → 09:00–10:30 = 90 minutes lost → 300/390.
    const r = integrityOf(
      [{ id: 'printer-01', availability: wholeDay }],
      [
        incident('printer-01', '2026-11-03T09:00', '2026-11-03T10:00'),
        incident('printer-01', '2026-11-03T09:30', '2026-11-03T10:30'),
      ],
      countedTo,
    );
    expect(r.perDevice.get('printer-01')?.ratio).toBe(300 / 390);
  });

  it('sums intact minutes over all equipment and divides by all monitored minutes', () => {
    // pc-01 monitored only in the morning (180 min), a fault 09:00–10:00 → 120 intact;
    // printer-01 the whole day (390), no fault → 390; pc-02 never monitored (0 of 0).
    // (120 + 390) / (180 + 390) = 510/570.
    const r = integrityOf(
      [
        { id: 'pc-01', availability: seen([morning]) },
        { id: 'printer-01', availability: wholeDay },
        { id: 'pc-02', availability: never },
      ],
      [incident('pc-01', '2026-11-03T09:00', '2026-11-03T10:00')],
      countedTo,
    );
    expect(r.perDevice.get('pc-01')?.ratio).toBe(120 / 180);
    expect(r.perDevice.get('printer-01')?.ratio).toBe(1);
    expect(r.perDevice.get('pc-02')?.ratio).toBeNull();
    expect(r.figures.timeWeighted).toBe(510 / 570);
    expect(r.figures.monitored).toBe(2);
    expect(r.figures.ratioAtEnd).toBe(1);
  });

  it('loses nothing for a fault during time that was not monitored', () => {
    // Monitored only in the afternoon; a jam 09:00–12:00 falls outside it → 210/210.
    const r = integrityOf(
      [{ id: 'printer-01', availability: seen([afternoon]) }],
      [incident('printer-01', '2026-11-03T09:00', '2026-11-03T12:00')],
      countedTo,
    );
    expect(r.perDevice.get('printer-01')).toEqual({ intactAtEnd: true, ratio: 1 });
  });
});

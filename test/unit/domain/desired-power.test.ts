import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../../src/domain/calendar.js';
import { desiredPower, type PowerOverride, planDay } from '../../../src/domain/desired-power.js';
import type { OfficeHours } from '../../../src/domain/office-hours.js';

/**
 * The rule in src/domain/desired-power.ts on one Tuesday in Shanghai (UTC+8): the zone opens 09:00-12:00
 * and 14:00-17:30; a PC is on 15 minutes before and off 15 after (the defaults), a printer 20 before and
 * 30 after; overrides bend the plan.
 */
const tz = 'Asia/Shanghai';
const m = (hh: number, mm = 0) => hh * 60 + mm;
const at = (hh: number, mm = 0) =>
  Date.parse(`2025-05-06T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);
const tuesday: CalendarDay = {
  date: '2025-05-06',
  weekday: 'tue',
  workday: true,
  kind: 'weekday',
  reason: '工作日',
  source: 'package',
};
const hours = (o: Partial<OfficeHours> = {}): OfficeHours => ({
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  seasons: [
    {
      name: '全年',
      from: '01-01',
      periods: [
        { from: m(9), to: m(12) },
        { from: m(14), to: m(17, 30) },
      ],
      byWeekday: {},
    },
  ],
  lunchBreak: 'off',
  leadLag: {},
  ...o,
});
const ov = (o: Partial<PowerOverride>): PowerOverride => ({
  id: 1,
  kind: 'force-on',
  deviceId: null,
  from: at(0),
  until: at(23, 59),
  createdBy: 't',
  note: null,
  ...o,
});
const want = (
  now: number,
  o: {
    type?: 'pc' | 'printer' | 'plug';
    hours?: OfficeHours;
    day?: CalendarDay;
    overrides?: PowerOverride[];
  } = {},
) =>
  desiredPower({
    deviceId: 'pc-01',
    type: o.type ?? 'pc',
    now,
    tz,
    day: o.day ?? tuesday,
    hours: o.hours ?? hours(),
    overrides: o.overrides ?? [],
  });

describe('desired power from the plan', () => {
  it('on from 15 min before opening, through the morning, off 15 min after; the lunch break off', () => {
    expect(want(at(8, 44))).toMatchObject({ on: false, reason: 'outside-hours', since: at(0) });
    expect(want(at(8, 45))).toMatchObject({ on: true, reason: 'open', since: at(8, 45) });
    expect(want(at(12, 14))).toMatchObject({ on: true, reason: 'open', since: at(8, 45) });
    expect(want(at(12, 15))).toMatchObject({ on: false, reason: 'outside-hours', since: at(12, 15) });
    expect(want(at(13, 45))).toMatchObject({ on: true, reason: 'open', since: at(13, 45) });
    expect(want(at(17, 45))).toMatchObject({ on: false, reason: 'outside-hours', since: at(17, 45) });
    expect(want(at(10)).windows).toEqual([
      { from: m(8, 45), to: m(12, 15) },
      { from: m(13, 45), to: m(17, 45) },
    ]);
  });

  it('a printer keeps its own lead and lag; the lunch break kept on bridges the day', () => {
    expect(want(at(8, 40), { type: 'printer' })).toMatchObject({ on: true, since: at(8, 40) });
    expect(want(at(8, 39), { type: 'printer' }).on).toBe(false);
    expect(want(at(18, 0), { type: 'printer' }).on).toBe(false);
    expect(want(at(17, 59), { type: 'printer' }).on).toBe(true);
    const bridged = want(at(13), { hours: hours({ lunchBreak: 'keep-on' }) });
    expect(bridged).toMatchObject({ on: true, reason: 'open', windows: [{ from: m(8, 45), to: m(17, 45) }] });
  });

  it('a lead/lag from the config replaces the default', () => {
    const h = hours({ leadLag: { pc: { onBeforeMinutes: 0, offAfterMinutes: 60 } } });
    expect(want(at(8, 59), { hours: h }).on).toBe(false);
    expect(want(at(9), { hours: h }).on).toBe(true);
    expect(want(at(18, 29), { hours: h }).on).toBe(true);
  });

  it('a closed day is off all day; a plug is never scheduled', () => {
    const holiday: CalendarDay = { ...tuesday, workday: false, kind: 'holiday', reason: '劳动节' };
    expect(want(at(10), { day: holiday })).toEqual({
      on: false,
      reason: 'closed-day',
      windows: [],
      since: at(0),
    });
    expect(want(at(10), { type: 'plug' })).toEqual({
      on: false,
      reason: 'not-scheduled',
      windows: [],
      since: null,
    });
  });

  it('refuses a calendar day that is not the local date of now', () => {
    expect(() => want(at(10), { day: { ...tuesday, date: '2025-05-07' } })).toThrow(
      'calendar day 2025-05-07 given for 2025-05-06',
    );
  });
});

describe('overrides', () => {
  it('apply from `from` (inclusive) to `until` (exclusive), to their device or the whole zone', () => {
    const off = (o: Partial<PowerOverride>) => ov({ kind: 'force-off', ...o });
    const list = [
      off({ id: 1, deviceId: 'pc-01', from: at(10), until: at(11) }),
      off({ id: 2, deviceId: 'pc-02', from: at(0) }),
    ];
    expect(want(at(10) - 1, { overrides: list }).reason).toBe('open');
    expect(want(at(10), { overrides: list })).toMatchObject({ reason: 'force-off', overrideId: 1 });
    expect(want(at(11) - 1, { overrides: list }).reason).toBe('force-off');
    expect(want(at(11), { overrides: list }).reason).toBe('open');
    // The zone's override reaches every device.
    expect(want(at(10, 30), { overrides: [off({ id: 3, deviceId: null })] })).toMatchObject({
      overrideId: 3,
    });
  });

  it('force-off and force-on beat the plan, with the override named and its start as since', () => {
    expect(want(at(10), { overrides: [ov({ id: 7, kind: 'force-off', from: at(9, 30) })] })).toMatchObject({
      on: false,
      reason: 'force-off',
      overrideId: 7,
      since: at(9, 30),
    });
    expect(want(at(20), { overrides: [ov({ id: 8, kind: 'force-on', from: at(19) })] })).toMatchObject({
      on: true,
      reason: 'force-on',
      overrideId: 8,
      since: at(19),
    });
  });

  it('the device’s own force beats the zone’s whatever their order; among equals the newest (highest id) wins', () => {
    const own = ov({ id: 1, kind: 'force-on', deviceId: 'pc-01' });
    const zone = ov({ id: 2, kind: 'force-off', deviceId: null });
    expect(want(at(10), { overrides: [own, zone] })).toMatchObject({ reason: 'force-on', overrideId: 1 });
    expect(want(at(10), { overrides: [zone, own] })).toMatchObject({ reason: 'force-on', overrideId: 1 });
    const older = ov({ id: 3, kind: 'force-on' });
    const newer = ov({ id: 4, kind: 'force-off' });
    expect(want(at(10), { overrides: [newer, older] })).toMatchObject({ reason: 'force-off', overrideId: 4 });
  });

  it('keep-on keeps a scheduled device on after hours, but never turns on a plug and never beats a force', () => {
    const keep = ov({ id: 5, kind: 'keep-on', from: at(17) });
    expect(want(at(19), { overrides: [keep] })).toMatchObject({
      on: true,
      reason: 'keep-on',
      overrideId: 5,
      since: at(17),
    });
    expect(want(at(10), { overrides: [keep] })).toMatchObject({ on: true, reason: 'open' });
    expect(want(at(19), { type: 'plug', overrides: [keep] }).on).toBe(false);
    expect(want(at(19), { overrides: [keep, ov({ id: 6, kind: 'force-off' })] }).reason).toBe('force-off');
  });
});

describe('the day plan (zoneops calendar, GET /api/v1/schedule)', () => {
  it('lists the opening periods and each scheduled type’s on/off times', () => {
    const plan = planDay(tuesday, hours());
    expect(plan).toMatchObject({
      date: '2025-05-06',
      weekday: 'tue',
      workday: true,
      openDay: true,
      reason: '工作日',
      source: 'package',
      season: '全年',
      open: ['09:00-12:00', '14:00-17:30'],
    });
    expect(plan.power.pc).toEqual([
      { on: '08:45', off: '12:15' },
      { on: '13:45', off: '17:45' },
    ]);
    expect(plan.power.printer).toEqual([
      { on: '08:40', off: '12:30' },
      { on: '13:40', off: '18:00' },
    ]);
    expect(Object.keys(plan.power).sort()).toEqual(['copier', 'kiosk', 'mfp', 'other', 'pc', 'printer']);
  });

  it('a closed day plans nothing', () => {
    const plan = planDay({ ...tuesday, kind: 'closure', workday: false, reason: '停电' }, hours());
    expect(plan).toMatchObject({ openDay: false, season: null, open: [] });
    expect(plan.power.pc).toEqual([]);
  });
});

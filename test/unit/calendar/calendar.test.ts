import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCalendarOverrides, parseCalendarOverrides } from '../../../src/calendar/override-file.js';
import { chineseDaysPackage } from '../../../src/calendar/package.js';
import { loadScheduleContext, scheduleView } from '../../../src/calendar/schedule.js';
import { loadConfig } from '../../../src/config/load.js';
import {
  type CalendarOverrides,
  type CalendarSources,
  calendarDay,
  calendarRange,
  calendarWarning,
  knownYears,
  noOverrides,
} from '../../../src/domain/calendar.js';
import { planDay } from '../../../src/domain/desired-power.js';
import { FakeClock } from '../../helpers/fake-clock.js';

const TZ = 'Asia/Shanghai';
const pkg = chineseDaysPackage();
const src: CalendarSources = { pkg, overrides: noOverrides };
const loaded = loadConfig('config/zoneops.example.yaml');
if (!loaded.ok) throw new Error(loaded.error.join('\n'));
const hours = loaded.value.officeHours;

/** [date, workday, reason] for a run of days, to compare with literal tables. */
const summary = (from: string, days: number, s: CalendarSources = src) =>
  calendarRange(from, days, s).map((d) => [d.date, d.workday, d.reason, d.source]);

describe('China working calendar from chinese-days', () => {
  it('2026 National Day week: 1–7 Oct closed, the make-up Saturday 10 Oct open', () => {
    // Literal dates from ../shared/fixtures/calendar/cn-holidays.md (2026 table, 国庆节 row):
    // days off 2026-10-01 … 2026-10-07, make-up working days 2026-09-20 (Sun) and 2026-10-10 (Sat).
    expect(summary('2026-09-28', 14)).toEqual([
      ['2026-09-28', true, '工作日', 'package'],
      ['2026-09-29', true, '工作日', 'package'],
      ['2026-09-30', true, '工作日', 'package'],
      ['2026-10-01', false, '国庆节', 'package'],
      ['2026-10-02', false, '国庆节', 'package'],
      ['2026-10-03', false, '国庆节', 'package'],
      ['2026-10-04', false, '国庆节', 'package'],
      ['2026-10-05', false, '国庆节', 'package'],
      ['2026-10-06', false, '国庆节', 'package'],
      ['2026-10-07', false, '国庆节', 'package'],
      ['2026-10-08', true, '工作日', 'package'],
      ['2026-10-09', true, '工作日', 'package'],
      ['2026-10-10', true, '调休上班', 'package'],
      ['2026-10-11', false, '周末', 'package'],
    ]);
    expect(calendarDay('2026-09-20', src)).toMatchObject({
      workday: true,
      kind: 'makeup',
      reason: '调休上班',
    });
  });

  it('Spring Festival 2026: 15–23 Feb closed, Saturdays 14 and 28 Feb open', () => {
    // Literal dates from ../shared/fixtures/calendar/cn-holidays.md (2026 table, 春节 row).
    const days = calendarRange('2026-02-14', 15, src);
    const closed = days.filter((d) => !d.workday).map((d) => d.date);
    expect(closed).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(days.filter((d) => d.kind === 'holiday').every((d) => d.reason === '春节')).toBe(true);
    expect(calendarDay('2026-02-14', src)).toMatchObject({ workday: true, reason: '调休上班' });
    expect(calendarDay('2026-02-28', src)).toMatchObject({ workday: true, reason: '调休上班' });
    expect(calendarDay('2026-03-01', src)).toMatchObject({ workday: false, reason: '周末' });
  });

  it('an ordinary week: Monday to Friday open, the weekend closed', () => {
    expect(summary('2026-03-09', 7).map(([d, w, r]) => [d, w, r])).toEqual([
      ['2026-03-09', true, '工作日'],
      ['2026-03-10', true, '工作日'],
      ['2026-03-11', true, '工作日'],
      ['2026-03-12', true, '工作日'],
      ['2026-03-13', true, '工作日'],
      ['2026-03-14', false, '周末'],
      ['2026-03-15', false, '周末'],
    ]);
  });

  it('2025 too: National Day + Mid-Autumn 1–8 Oct, make-up 28 Sep and 11 Oct', () => {
    // Literal dates from ../shared/fixtures/calendar/cn-holidays.md (2025 table).
    const closed = calendarRange('2025-09-27', 16, src)
      .filter((d) => !d.workday)
      .map((d) => d.date);
    expect(closed).toEqual([
      '2025-09-27',
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
      '2025-10-12',
    ]);
  });

  it('a year neither the package nor the override covers falls back to Mon–Fri, flagged', () => {
    expect(knownYears(src)).toContain(2026);
    expect(knownYears(src)).not.toContain(2027);
    // 2027-01-01 is a Friday: a holiday every year, but zoneops must not guess it.
    expect(calendarDay('2027-01-01', src)).toMatchObject({
      workday: true,
      reason: '工作日',
      source: 'fallback',
    });
    expect(calendarDay('2027-01-02', src)).toMatchObject({
      workday: false,
      reason: '周末',
      source: 'fallback',
    });
  });

  it('calendarWarning: quiet in November, warns from 1 December, critical in an unknown year', () => {
    const clock = new FakeClock('2026-11-30T15:59:00Z'); // 23:59 on 30 Nov in Shanghai
    expect(calendarWarning(clock.now(), TZ, src)).toEqual({ level: 'none' });
    clock.set('2026-11-30T16:00:00Z'); // 00:00 on 1 Dec in Shanghai
    const dec = calendarWarning(clock.now(), TZ, src);
    expect(dec).toMatchObject({ level: 'warning', year: 2027 });
    expect(dec.level !== 'none' && dec.message).toContain('2027 年的节假日安排尚未录入');
    clock.set('2027-01-04T02:00:00Z');
    expect(calendarWarning(clock.now(), TZ, src)).toMatchObject({ level: 'critical', year: 2027 });
  });

  it('an override arrangement makes the year known and wins over the fallback', () => {
    // A made-up 2027 arrangement (our own test data, not the real notice).
    const parsed = parseCalendarOverrides(
      [
        'arrangements:',
        '  - year: 2027',
        '    holidays:',
        '      - { from: 2027-01-01, to: 2027-01-03, name: 元旦 }',
        '    workdays:',
        '      - { date: 2027-01-09, name: 元旦 }',
        'closures:',
        '  - { date: 2026-07-15, reason: 停电检修 }',
        'events:',
        '  - { date: 2026-07-18, reason: 政务开放日, periods: ["09:00-11:30"] }',
      ].join('\n'),
      'test.yaml',
    );
    if (!parsed.ok) throw new Error(parsed.error.join('\n'));
    const s: CalendarSources = { pkg, overrides: parsed.value };
    expect(summary('2027-01-01', 4, s)).toEqual([
      ['2027-01-01', false, '元旦', 'override'],
      ['2027-01-02', false, '元旦', 'override'],
      ['2027-01-03', false, '元旦', 'override'],
      ['2027-01-04', true, '工作日', 'override'],
    ]);
    expect(calendarDay('2027-01-09', s)).toMatchObject({
      workday: true,
      reason: '调休上班',
      source: 'override',
    });
    expect(calendarWarning(Date.parse('2026-12-05T02:00:00Z'), TZ, s)).toEqual({ level: 'none' });
    expect(calendarDay('2026-07-15', s)).toMatchObject({
      workday: false,
      kind: 'closure',
      reason: '停电检修',
    });
    const event = planDay(calendarDay('2026-07-18', s), hours);
    expect(event).toMatchObject({ openDay: true, reason: '政务开放日', open: ['09:00-11:30'] });
    expect(event.power.pc).toEqual([{ on: '08:45', off: '11:45' }]);
  });
});

describe('office hours and planned power times (config/zoneops.example.yaml)', () => {
  it('seasonal change-over: winter hours from 1 Oct, summer hours from 1 May', () => {
    // Example config: summer 09:00-12:00, 14:30-18:00 from 05-01; winter 09:00-12:00, 14:00-17:30 from 10-01.
    const sep30 = planDay(calendarDay('2026-09-30', src), hours);
    const oct8 = planDay(calendarDay('2026-10-08', src), hours);
    expect(sep30).toMatchObject({ season: '夏季作息', open: ['09:00-12:00', '14:30-18:00'] });
    expect(sep30.power.pc).toEqual([{ on: '08:45', off: '18:15' }]);
    expect(sep30.power.printer).toEqual([{ on: '08:40', off: '18:30' }]);
    expect(oct8).toMatchObject({ season: '冬季作息', open: ['09:00-12:00', '14:00-17:30'] });
    expect(oct8.power.kiosk).toEqual([{ on: '08:45', off: '17:45' }]);
    expect(oct8.power.copier).toEqual([{ on: '08:40', off: '18:00' }]);
    // 2026-04-30 (Thu) is still winter; 1–5 May are the Labour Day holiday; 2026-05-06 is summer.
    expect(planDay(calendarDay('2026-04-30', src), hours)).toMatchObject({ season: '冬季作息' });
    expect(planDay(calendarDay('2026-05-01', src), hours)).toMatchObject({
      openDay: false,
      reason: '劳动节',
    });
    expect(planDay(calendarDay('2026-05-06', src), hours)).toMatchObject({ season: '夏季作息' });
    // January is winter: the season that started on 10-01 of the previous year.
    expect(planDay(calendarDay('2026-01-05', src), hours)).toMatchObject({ season: '冬季作息' });
  });

  it('lunch break "off" splits the day into two windows; defaults apply without leadLag', () => {
    const h = { ...hours, lunchBreak: 'off' as const, leadLag: {} };
    const plan = planDay(calendarDay('2026-10-08', src), h);
    expect(plan.power.pc).toEqual([
      { on: '08:45', off: '12:15' },
      { on: '13:45', off: '17:45' },
    ]);
    expect(plan.power.printer).toEqual([
      { on: '08:40', off: '12:30' },
      { on: '13:40', off: '18:00' },
    ]);
  });

  it('the example calendar.yaml loads and the view reports fallback years', () => {
    const ctx = loadScheduleContext(loaded.value, 'config/calendar.yaml');
    if (!ctx.ok) throw new Error(ctx.error.join('\n'));
    const view = scheduleView(ctx.value, '2026-12-30', 4, Date.parse('2026-12-30T02:00:00Z'));
    expect(view.fallbackYears).toEqual([2027]);
    expect(view.days.map((d) => d.source)).toEqual(['package', 'package', 'fallback', 'fallback']);
    expect(view.warning).toMatchObject({ level: 'warning', year: 2027 });
  });
});

describe('override file validation', () => {
  const bad = (yaml: string) => {
    const r = parseCalendarOverrides(yaml, 'cal.yaml');
    return r.ok ? [] : r.error;
  };
  it('names the field and the problem', () => {
    expect(bad('closures:\n  - { date: 2026-02-30, reason: x }')).toEqual([
      // The value is not repeated: power.calendarFile may name any file (see the test below).
      'cal.yaml: closures[0].date: expected a date YYYY-MM-DD',
    ]);
    expect(
      bad('arrangements:\n  - year: 2027\n    holidays:\n      - { date: 2026-12-31, name: 元旦 }'),
    ).toEqual(['cal.yaml: arrangements[0].holidays[0]: 2026-12-31 is not in 2027']);
    expect(bad('closure: []')).toEqual(['cal.yaml: closure: unknown field']);
    expect(bad('events:\n  - { date: 2026-07-18, reason: x, periods: ["12:00-09:00"] }')).toEqual([
      'cal.yaml: events[0].periods[0]: period 12:00-09:00 ends before it starts',
    ]);
    expect(bad('closures: [')[0]).toMatch(/^cal\.yaml(:\d+:\d+)?: YAML syntax error/);
  });
  it('a file that is not a calendar (power.calendarFile: /etc/passwd) is refused without showing a line of it', () => {
    const passwd = readFileSync('/etc/passwd', 'utf8');
    const r = loadCalendarOverrides('/etc/passwd', { required: true });
    expect(r.ok ? [] : r.error).toEqual([
      '/etc/passwd: not a calendar file (expected a mapping with arrangements:, closures:, events:)',
    ]);
    // A mapping whose values are not ours: named by field, never quoted.
    const secretish = bad(
      'closures: "s3cret-value"\nevents: [{ date: "t0ken-1", reason: 7 }]\n"root:x:0:0": 1',
    );
    expect(secretish.join('\n')).not.toMatch(/s3cret|t0ken|root:x/);
    expect(secretish).toContain('cal.yaml: closures: expected a list');
    expect(passwd.length).toBeGreaterThan(0);
  });
  it('an empty file means no overrides', () => {
    const r = parseCalendarOverrides('', 'empty.yaml');
    expect(r.ok && (r.value as CalendarOverrides).closures).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { hygieneSchema } from '../../../src/config/sections/hygiene.js';
import { cycleOf, slotsBetween, slotsDueOn } from '../../../src/domain/hygiene-plan.js';
import { localMoment, zonedEpoch } from '../../../src/domain/hygiene-time.js';
import { planFromConfig } from '../../../src/hygiene/plan.js';
import { fakeDays, testPlan } from '../../fixtures/hygiene/fake-calendar.js';

describe('hygiene plan', () => {
  it('has nothing due on any day of the National Day holiday or a weekend', () => {
    for (const d of [
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
      '2025-10-12',
    ]) {
      expect(slotsDueOn(d, testPlan, fakeDays)).toEqual([]);
    }
  });

  it('makes cleaning due every working day, including the make-up Saturday, by opening time', () => {
    const sat = slotsDueOn('2025-10-11', testPlan, fakeDays);
    expect(sat.map((s) => `${s.target}/${s.task}@${s.deadlineMinutes}`)).toEqual([
      'reading-area/clean@540',
      'waiting-area/clean@540',
    ]);
    // Working days in October 2025 by the hand-written calendar: 9, 10, 11, 13–17, 20–24, 27–31 = 18.
    const cleans = slotsBetween('2025-10-01', '2025-11-01', testPlan, fakeDays).filter(
      (s) => s.target === 'waiting-area',
    );
    expect(cleans.length).toBe(18);
    expect(cleans[0]?.dueDate).toBe('2025-10-09');
  });

  it('makes weekly disinfection due on the first working day of each Monday–Sunday week', () => {
    const dis = slotsBetween('2025-09-22', '2025-11-01', testPlan, fakeDays).filter(
      (s) => s.task === 'disinfect',
    );
    // The week of 6–12 October starts in the holiday: its first working day is Thursday the 9th.
    expect(dis.map((s) => s.dueDate)).toEqual([
      '2025-09-22',
      '2025-09-29',
      '2025-10-09',
      '2025-10-13',
      '2025-10-20',
      '2025-10-27',
    ]);
    expect(dis[2]).toMatchObject({
      cycleStart: '2025-10-06',
      cycleEnd: '2025-10-13',
      deadlineMinutes: 1020,
      post: 'B',
    });
  });

  it('has no disinfection due in a 7-day cycle that has no working day', () => {
    const plan = {
      ...testPlan,
      targets: [
        {
          id: 'x',
          name: 'X',
          tasks: [
            {
              task: 'disinfect' as const,
              everyDays: 7,
              anchor: '2025-10-01',
              deadline: { kind: 'time' as const, minutes: 600 },
              post: 'A' as const,
            },
          ],
        },
      ],
    };
    // 1–7 October is all holiday (with the weekend); the next cycle starts on the 8th (holiday) and is due the 9th.
    expect(slotsBetween('2025-10-01', '2025-10-15', plan, fakeDays).map((s) => s.dueDate)).toEqual([
      '2025-10-09',
    ]);
  });

  it('computes cycles from the anchor, also before it', () => {
    expect(cycleOf('2025-10-09', 7, '2024-01-01')).toEqual({ start: '2025-10-06', end: '2025-10-13' });
    expect(cycleOf('2023-12-31', 7, '2024-01-01')).toEqual({ start: '2023-12-25', end: '2024-01-01' });
    expect(cycleOf('2025-10-09', 1, '2024-01-01')).toEqual({ start: '2025-10-09', end: '2025-10-10' });
  });

  it('converts Beijing local time both ways', () => {
    expect(zonedEpoch('2025-10-09', 9 * 60, 'Asia/Shanghai')).toBe(Date.parse('2025-10-09T01:00:00Z'));
    expect(localMoment(Date.parse('2025-10-08T16:30:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2025-10-09',
      minutes: 30,
    });
  });
});

describe('hygiene config', () => {
  const parse = (v: unknown) => hygieneSchema().safeParse(v);

  it('defaults: clean before opening every working day, disinfect weekly by 17:00, reminder 30 min', () => {
    const r = parse({ targets: [{ id: 'reading-area', name: '查阅区' }] });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const plan = planFromConfig(r.data);
    expect(plan.reminderLeadMinutes).toBe(30);
    expect(plan.targets[0]?.tasks).toEqual([
      { task: 'clean', everyDays: 1, anchor: '2024-01-01', deadline: { kind: 'opening' }, post: 'A' },
      {
        task: 'disinfect',
        everyDays: 7,
        anchor: '2024-01-01',
        deadline: { kind: 'time', minutes: 1020 },
        post: 'A',
      },
    ]);
    expect(r.data.photoMaxBytes).toBe(5 * 1024 * 1024);
  });

  it('intensive mode makes disinfection daily; per-target deadline and post override', () => {
    const r = parse({
      disinfect: { intensive: true },
      targets: [
        {
          id: 'kiosk-01',
          name: '自助查询机',
          device: 'kiosk-01',
          disinfect: { deadline: '12:00', post: 'B' },
        },
      ],
    });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const t = planFromConfig(r.data).targets[0];
    expect(t?.device).toBe('kiosk-01');
    expect(t?.tasks[1]).toEqual({
      task: 'disinfect',
      everyDays: 1,
      anchor: '2024-01-01',
      deadline: { kind: 'time', minutes: 720 },
      post: 'B',
    });
    expect(slotsDueOn('2025-10-10', planFromConfig(r.data), fakeDays).map((s) => s.task)).toEqual([
      'clean',
      'disinfect',
    ]);
  });

  it('refuses duplicate targets, bad deadlines, bad posts and unknown fields', () => {
    const r = parse({
      clean: { deadline: '25:00', post: 'C' },
      targets: [
        { id: 'a', name: 'A' },
        { id: 'a', name: 'B', colour: 'red' },
      ],
    });
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(messages.some((m) => m.startsWith('clean.deadline: expected "opening" or a time HH:MM'))).toBe(
      true,
    );
    expect(messages.some((m) => m.startsWith('clean.post: expected post A or B'))).toBe(true);
    expect(messages.some((m) => m.startsWith('targets.1'))).toBe(true);
  });
});

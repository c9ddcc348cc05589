import { afterEach, describe, expect, it } from 'vitest';
import { powerText } from '../../../src/domain/messages.js';
import { PowerActionsRepo } from '../../../src/power/actions-repo.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { createHarness, type DeviceWorld, type Harness } from './harness.js';

// Times are UTC in the code and Shanghai (UTC+8) in the comments and expectations.
// Office hours: config/zoneops.example.yaml (winter from 10-01: 09:00-12:00, 14:00-17:30; lunch keep-on);
// so PCs/kiosks 08:45→17:45, printers 08:40→18:00.

const allOff = (): Record<string, DeviceWorld> => ({
  'pc-01': { reachable: false },
  'kiosk-01': { agentOnline: false },
  'printer-01': { reachable: false, printer: { status: 'idle', queuedJobs: 0 } },
  'plug-01': { relay: 'off', watts: 0 },
  'pc-02': { agentOnline: false },
  'plug-02': { relay: 'off', watts: 0 },
});

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('power reconciler', () => {
  it('started at 10:00 on a working day switches on what is off, staggered, and never twice', async () => {
    const clock = new FakeClock('2026-10-08T02:00:00Z'); // Thu 10:00
    h = await createHarness(clock, { ...allOff(), 'kiosk-01': { agentOnline: true } });
    await h.reconciler.tick();
    await clock.advance(20_000);
    await h.reconciler.settled();
    expect(h.calls).toEqual([
      { at: '2026-10-08 10:00:00', id: '02:00:00:00:00:01', action: 'wake' },
      { at: '2026-10-08 10:00:05', id: 'plug-01', action: 'on' },
      { at: '2026-10-08 10:00:10', id: 'plug-02', action: 'on' },
    ]);
    // The next minutes find everything on: nothing more is sent.
    await h.runUntil('2026-10-08T02:30:00Z');
    expect(h.calls).toHaveLength(3);
    const rows = await new PowerActionsRepo(h.store.db).list();
    expect(rows.map((r) => [r.deviceId, r.action, r.result])).toEqual([
      ['pc-01', 'on', 'ok'],
      ['printer-01', 'on', 'ok'],
      ['pc-02', 'on', 'ok'],
    ]);
    expect(h.events).toEqual([]);
  });

  it('a restart while a start-up is still being verified sends no duplicate, then reports the failure', async () => {
    const clock = new FakeClock('2026-10-08T02:00:00Z'); // Thu 10:00
    h = await createHarness(clock, {
      ...allOff(),
      'kiosk-01': { agentOnline: true },
      'pc-02': { agentOnline: true },
    });
    await h.reconciler.tick();
    await h.reconciler.settled();
    // The PC does not boot (the WoL packet went out, the machine stays dark).
    h.world.set('pc-01', { reachable: false });
    await clock.advance(5_000);
    await h.reconciler.settled();
    expect(h.calls.map((c) => c.id)).toEqual(['02:00:00:00:00:01', 'plug-01']);
    h.world.set('pc-01', { reachable: false });

    await clock.advance(2 * 60_000);
    h.restart(); // daemon restarted at 10:02
    await h.runUntil('2026-10-08T02:09:00Z');
    expect(h.calls.map((c) => c.id)).toEqual(['02:00:00:00:00:01', 'plug-01']);
    expect(h.events).toEqual([]);
    await h.runUntil('2026-10-08T02:12:00Z');
    expect(h.calls).toHaveLength(2);
    expect(h.events.map((e) => [e.type, e.deviceId])).toEqual([['power-on-failed', 'pc-01']]);
    const last = await new PowerActionsRepo(h.store.db).last('pc-01');
    expect(last).toMatchObject({ action: 'on', result: 'failed' });
  });

  it('a day off switches nothing on, even at 10:00 with everything off (National Day)', async () => {
    const clock = new FakeClock('2026-10-05T02:00:00Z'); // Mon 5 Oct, 国庆节
    h = await createHarness(clock, allOff());
    await h.runUntil('2026-10-05T04:00:00Z');
    expect(h.calls).toEqual([]);
  });

  it('a whole working day in the planned order: printers 08:40, PCs and kiosks 08:45, off in order', async () => {
    const clock = new FakeClock('2026-10-08T00:30:00Z'); // Thu 08:30
    h = await createHarness(clock, allOff());
    await h.runUntil('2026-10-08T00:50:00Z'); // 08:50
    expect(h.calls).toEqual([
      { at: '2026-10-08 08:40:00', id: 'plug-01', action: 'on' },
      { at: '2026-10-08 08:45:00', id: '02:00:00:00:00:01', action: 'wake' },
      { at: '2026-10-08 08:45:05', id: 'kiosk-01', action: 'on' },
      { at: '2026-10-08 08:45:10', id: 'plug-02', action: 'on' },
    ]);
    h.calls.length = 0;
    await h.runUntil('2026-10-08T10:10:00Z'); // 18:10
    expect(h.calls).toEqual([
      { at: '2026-10-08 17:45:00', id: 'kiosk-01', action: 'off' },
      // pc-02: agent shutdown first; the plug only once the PC is confirmed off (agent gone, 2 W).
      { at: '2026-10-08 17:45:00', id: 'pc-02', action: 'off' },
      { at: '2026-10-08 17:46:00', id: 'plug-02', action: 'off' },
      { at: '2026-10-08 18:00:00', id: 'plug-01', action: 'off' },
    ]);
    // pc-01 has Wake-on-LAN only: zoneops cannot switch it off and tells the staff.
    expect(h.events.map((e) => [e.type, e.deviceId, e.at])).toEqual([
      ['still-on-after-hours', 'pc-01', Date.parse('2026-10-08T09:45:00Z')],
    ]);
    // Through the evening and night nothing else happens.
    await h.runUntil('2026-10-08T16:00:00Z');
    expect(h.calls).toHaveLength(4);
  });

  it('interlock: a job queued at closing time keeps the printer plug on until the queue is empty', async () => {
    const clock = new FakeClock('2026-10-08T09:55:00Z'); // 17:55
    h = await createHarness(clock, {
      'printer-01': { reachable: true, printer: { status: 'printing', queuedJobs: 2 } },
      'plug-01': { relay: 'on', watts: 300 },
    });
    await h.runUntil('2026-10-08T10:14:00Z'); // 18:14: waited 14 min, nobody told yet
    expect(h.calls).toEqual([]);
    expect(h.events).toEqual([]);
    await h.runUntil('2026-10-08T10:20:00Z'); // 18:20
    expect(h.calls).toEqual([]);
    expect(h.events.map((e) => [e.type, e.deviceId, e.at])).toEqual([
      ['power-off-blocked', 'printer-01', Date.parse('2026-10-08T10:15:00Z')],
    ]);
    // What the staff read (domain/messages.ts), in the zone's language.
    const first = h.events[0];
    expect(first && powerText(first.message, 'zh-CN')).toBe(
      '打印机正在打印，还有 2 个排队任务，已暂缓断电，请值班人员确认。',
    );
    // The last job finishes at 18:20; that minute's tick cuts the plug.
    h.world.set('printer-01', { reachable: true, printer: { status: 'idle', queuedJobs: 0 } });
    await h.runUntil('2026-10-08T10:22:00Z');
    expect(h.calls).toEqual([{ at: '2026-10-08 18:20:00', id: 'plug-01', action: 'off' }]);
    expect(h.events).toHaveLength(1);
  });

  it.each([
    ['the switch times out waiting for the agent to go offline', 'timeout', '2026-10-08T09:45:00Z'],
    ['the agent accepts the shutdown but stays online', 'ack', '2026-10-08T09:55:00Z'],
  ] as const)(
    'a PC whose agent never goes offline (%s): plug never cut, staff told',
    async (_, mode, toldAt) => {
      const clock = new FakeClock('2026-10-08T09:40:00Z'); // 17:40
      h = await createHarness(clock, {
        'pc-02': { agentOnline: true, refusesShutdown: mode },
        'plug-02': { relay: 'on', watts: 60 },
      });
      await h.runUntil('2026-10-08T12:00:00Z'); // 20:00
      const mine = h.calls.filter((c) => c.id === 'pc-02' || c.id === 'plug-02');
      expect(mine).toEqual([{ at: '2026-10-08 17:45:00', id: 'pc-02', action: 'off' }]);
      expect(
        h.events
          .filter((e) => e.deviceId === 'pc-02')
          .map((e) => [e.type, e.deviceId, e.at, e.detail.plugCut]),
      ).toEqual([['still-on-after-hours', 'pc-02', Date.parse(toldAt), false]]);
      expect(h.world.get('plug-02')?.relay).toBe('on');
      const rows = await new PowerActionsRepo(h.store.db).list({ deviceId: 'pc-02' });
      expect(rows.map((r) => [r.action, r.result])).toEqual([['soft-off', 'failed']]);
    },
  );

  it('rate limit: at most N commands a minute, the rest follow in the next minutes', async () => {
    const clock = new FakeClock('2026-10-08T02:00:00Z');
    h = await createHarness(
      clock,
      { ...allOff(), 'kiosk-01': { agentOnline: true } },
      { maxActionsPerMinute: 2 },
    );
    await h.reconciler.tick();
    await clock.advance(30_000);
    await h.reconciler.settled();
    expect(h.calls.map((c) => c.id)).toEqual(['02:00:00:00:00:01', 'plug-01']);
    await clock.advance(30_000);
    await h.runUntil('2026-10-08T02:01:00Z');
    expect(h.calls.map((c) => [c.at, c.id])).toEqual([
      ['2026-10-08 10:00:00', '02:00:00:00:00:01'],
      ['2026-10-08 10:00:05', 'plug-01'],
      ['2026-10-08 10:01:00', 'plug-02'],
    ]);
  });

  it('keep-on override keeps the zone on past closing; a force-off switches a device off at once', async () => {
    const clock = new FakeClock('2026-10-08T09:40:00Z'); // 17:40
    h = await createHarness(clock, {
      'pc-01': { reachable: true },
      'kiosk-01': { agentOnline: true },
      'printer-01': { reachable: true, printer: { status: 'idle', queuedJobs: 0 } },
      'plug-01': { relay: 'on', watts: 30 },
      'pc-02': { agentOnline: true },
      'plug-02': { relay: 'on', watts: 60 },
    });
    h.overrides.push({
      id: 1,
      kind: 'keep-on',
      deviceId: null,
      from: clock.now(),
      until: Date.parse('2026-10-08T11:00:00Z'), // 19:00
      createdBy: 'demo-staff',
      note: '晚间活动',
    });
    await h.runUntil('2026-10-08T10:59:00Z');
    expect(h.calls).toEqual([]);
    await h.runUntil('2026-10-08T11:01:00Z');
    expect(h.calls.map((c) => [c.at, c.id, c.action])).toEqual([
      ['2026-10-08 19:00:00', 'kiosk-01', 'off'],
      ['2026-10-08 19:00:00', 'plug-01', 'off'],
      ['2026-10-08 19:00:00', 'pc-02', 'off'],
      ['2026-10-08 19:01:00', 'plug-02', 'off'],
    ]);
    // A technician forces the kiosk on at 19:05 (until the end of the day): switched on at once.
    h.calls.length = 0;
    await clock.advance(4 * 60_000);
    h.overrides.push({
      id: 2,
      kind: 'force-on',
      deviceId: 'kiosk-01',
      from: clock.now(),
      until: Date.parse('2026-10-08T16:00:00Z'),
      createdBy: 'demo-technician',
      note: null,
    });
    await h.runUntil('2026-10-08T11:10:00Z');
    expect(h.calls.map((c) => [c.at, c.id, c.action])).toEqual([['2026-10-08 19:05:00', 'kiosk-01', 'on']]);
  });

  it('fake clock through the 2026 National Day week: start-ups only on working days', async () => {
    // Dates from ../shared/fixtures/calendar/cn-holidays.md: 1–7 Oct off, Sat 10 Oct a make-up working day.
    const clock = new FakeClock('2026-09-29T16:00:00Z'); // Wed 30 Sep 00:00
    h = await createHarness(clock, allOff());
    // Every night the devices are found off again (as if switched off by hand), so each open day needs starts.
    const dates: string[] = [];
    for (let day = 0; day < 12; day++) {
      for (const [id, w] of Object.entries(allOff())) h.world.set(id, w);
      await h.runUntil(new Date(clock.now() + 86_400_000 - 1).toISOString(), 5 * 60_000);
      dates.push(...h.calls.filter((c) => c.action !== 'off').map((c) => c.at.slice(0, 10)));
      h.calls.length = 0;
      await clock.advance(1);
    }
    expect([...new Set(dates)]).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
  });
});

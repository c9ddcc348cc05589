import { describe, expect, it } from 'vitest';
import { condition } from '../../../src/domain/conditions.js';
import { initialStatus, nextStatus } from '../../../src/domain/device-status.js';
import { transition } from '../../../src/domain/fault-lifecycle.js';
import { faultSignals, reconcile } from '../../../src/domain/fault-rules.js';
import { renderFaultMessage } from '../../../src/domain/messages.js';
import type { Observation } from '../../../src/domain/observation.js';
import { escalationLevels, escalationStep } from '../../../src/domain/routing.js';
import { summerWinterHours, testSchedule } from '../../helpers/schedule.js';

const obs = (o: Partial<Observation>): Observation => ({
  deviceId: 'p',
  source: 'snmp',
  at: 0,
  reachable: true,
  conditions: [],
  ...o,
});
const fail = obs({ reachable: false, problem: { reason: 'timeout', message: 'timed out' } });

describe('device status with hysteresis', () => {
  it('is down only after 3 consecutive failed polls, and up again at the first good one', () => {
    let s = nextStatus(initialStatus(0), obs({}), true).state;
    expect(s.status).toBe('up');
    s = nextStatus(s, fail, true).state;
    s = nextStatus(s, fail, true).state;
    expect(s.status).toBe('up');
    const third = nextStatus(s, fail, true);
    expect(third.state.status).toBe('down');
    expect(third.change?.reason).toBe('3 failed polls: timeout');
    expect(nextStatus(third.state, obs({ conditions: [condition('paper-low')] }), true).state.status).toBe(
      'degraded',
    );
  });

  it('off by schedule is off-scheduled, never down; an MQTT offline plug is down at once', () => {
    let s = initialStatus(0);
    for (let i = 0; i < 5; i++) s = nextStatus(s, fail, false).state;
    expect(s.status).toBe('off-scheduled');
    expect(faultSignals(fail, s).size).toBe(0);
    const mqtt = obs({
      source: 'mqtt',
      power: { online: false, relay: null, watts: null, energyKWh: null, deviceOn: null, lastSeen: 0 },
    });
    expect(nextStatus(initialStatus(0), mqtt, true).state.status).toBe('down');
  });

  it('counts changes within the window to call a device flapping', () => {
    let s = initialStatus(0);
    let t = 0;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        t += 60_000;
        s = nextStatus(s, { ...fail, at: t }, true).state;
      }
      t += 60_000;
      s = nextStatus(s, obs({ at: t }), true).state;
    }
    expect(s.flapping).toBe(true);
  });
});

describe('fault rules', () => {
  it('clears a fault only after N judged polls without its condition', () => {
    const open = new Set(['paper-out'] as const);
    const judged = () => true;
    const one = reconcile(new Map(), open, new Map(), judged, 2, () => true);
    expect(one.clear).toEqual([]);
    const two = reconcile(new Map(), open, one.absent, judged, 2, () => true);
    expect(two.clear).toEqual(['paper-out']);
    // An unreachable poll says nothing about paper: the streak is kept, not advanced.
    const skip = reconcile(
      new Map(),
      open,
      one.absent,
      () => false,
      2,
      () => true,
    );
    expect(skip.clear).toEqual([]);
    expect(skip.absent.get('paper-out')).toBe(1);
  });

  it('maps conditions to kinds; unreachable is raised beside an open power-on-failed (inhibition decides who hears)', () => {
    const up = nextStatus(initialStatus(0), obs({}), true).state;
    const sig = faultSignals(
      obs({ conditions: [condition('waste-full'), condition('toner-low', '黑色 8%')] }),
      up,
    );
    expect([...sig.keys()].sort()).toEqual(['service-requested', 'toner-low']);
    expect(sig.get('service-requested')?.detail).toBe('waste-full');
    const down = { ...up, status: 'down' as const };
    const r = reconcile(
      faultSignals(fail, down),
      new Set(['power-on-failed'] as const),
      new Map(),
      () => true,
      2,
      () => true,
    );
    expect(r.raise.map((x) => x.kind)).toEqual(['unreachable']);
  });

  it('lifecycle: vendor-contacted does not clear by itself; closed faults refuse actions', () => {
    expect(transition('open', 'ack')).toEqual({ ok: true, value: 'acknowledged' });
    expect(transition('acknowledged', 'clear')).toEqual({ ok: true, value: 'cleared' });
    expect(transition('vendor-contacted', 'clear').ok).toBe(false);
    expect(transition('resolved', 'ack').ok).toBe(false);
    expect(transition('cleared', 'reopen')).toEqual({ ok: true, value: 'open' });
  });
});

describe('routing and escalation', () => {
  const people = [
    { id: 'a', role: 'staff' as const, post: 'A' as const },
    { id: 'b', role: 'staff' as const, post: 'B' as const },
    { id: 't', role: 'technician' as const },
    { id: 'l', role: 'lead' as const },
  ];
  const policy = { escalationMs: 15 * 60_000, reminderMs: 60 * 60_000, maxReminders: 2 };

  it('builds A → B → lead → technician for on-duty, technician → lead, and technician+lead together for changes', () => {
    const ids = (route: Parameters<typeof escalationLevels>[0]) =>
      escalationLevels(route, people).map((l) => l.map((p) => p.id));
    expect(ids(['on-duty'])).toEqual([['a'], ['b'], ['l'], ['t']]);
    expect(ids(['technician'])).toEqual([['t'], ['l']]);
    expect(ids(['technician', 'lead'])).toEqual([['t', 'l'], []]);
  });

  it('steps on time, skips an absent level, reminds at the top, and waits when not allowed', () => {
    const start = { level: -1, stepAt: null, reminders: 0 };
    expect(escalationStep(start, [true, true, true], 0, true, policy)).toEqual({
      action: 'notify',
      type: 'initial',
      level: 0,
    });
    expect(escalationStep(start, [false, true, true], 0, true, policy)).toMatchObject({ level: 1 });
    expect(escalationStep(start, [true, true], 0, false, policy)).toEqual({ action: 'wait', until: null });
    const told = { level: 0, stepAt: 0, reminders: 0 };
    expect(escalationStep(told, [true, true], 899_999, true, policy)).toEqual({
      action: 'wait',
      until: 900_000,
    });
    expect(escalationStep(told, [true, true], 900_000, true, policy)).toMatchObject({
      type: 'escalate',
      level: 1,
    });
    // A marked absent after being told: B at once.
    expect(escalationStep(told, [false, true], 1, true, policy)).toMatchObject({
      type: 'escalate',
      level: 1,
    });
    const top = { level: 1, stepAt: 0, reminders: 0 };
    expect(escalationStep(top, [true, true], 3_600_000, true, policy)).toMatchObject({
      type: 'remind',
      level: 1,
    });
    expect(escalationStep({ ...top, reminders: 2 }, [true, true], 9e9, true, policy)).toEqual({
      action: 'wait',
      until: null,
    });
  });
});

describe('working time and messages', () => {
  // The zone's schedule on the real holiday calendar (chinese-days; 2025 arrangement from the State
  // Council, ../shared/fixtures/calendar/): summer hours from 1 May, winter hours from 1 October.
  const schedule = testSchedule({ hours: summerWinterHours });
  const at = (s: string) => Date.parse(s);

  it('is working time from the first opening to the last closing of a working day, by season and calendar', () => {
    expect(schedule.isWorkingTime(at('2025-05-06T09:30:00+08:00'))).toBe(true);
    expect(schedule.isWorkingTime(at('2025-05-06T08:59:00+08:00'))).toBe(false);
    // Non-critical messages may go over the lunch break: someone is in the building.
    expect(schedule.isWorkingTime(at('2025-05-06T12:30:00+08:00'))).toBe(true);
    // Summer closes at 18:00, winter at 17:30; January is still last year's winter season.
    expect(schedule.isWorkingTime(at('2025-05-06T17:45:00+08:00'))).toBe(true);
    expect(schedule.isWorkingTime(at('2025-01-07T17:45:00+08:00'))).toBe(false);
    expect(schedule.isWorkingTime(at('2025-05-10T10:00:00+08:00'))).toBe(false);
    // Labour Day (Thursday 1 May 2025) is a holiday; Sunday 27 April 2025 is its make-up working day.
    expect(schedule.isWorkingTime(at('2025-05-01T10:00:00+08:00'))).toBe(false);
    expect(schedule.isWorkingTime(at('2025-04-27T10:00:00+08:00'))).toBe(true);
  });

  it('renders the issue example text, and English on request', () => {
    const device = {
      id: 'printer-01',
      name: '打印机 P-01',
      location: '一楼查阅区',
      assetNo: 'ZS-1',
      vendor: { name: 'V' },
      serviceProvider: { name: 'S' },
      warrantyUntil: '2024-01-01',
    };
    const fault = { id: 7, kind: 'paper-out' as const, severity: 'critical' as const, detail: '' };
    const zh = renderFaultMessage('initial', fault, device, ['on-duty'], {
      siteName: '濯水镇政务公开专区',
      language: 'zh-CN',
      today: '2025-05-06',
    });
    // The example from issue 6.
    expect(zh.text).toBe('【濯水镇政务公开专区】打印机 P-01（一楼查阅区）缺纸，请值班人员处理。');
    const en = renderFaultMessage(
      'remind',
      fault,
      device,
      ['technician'],
      { siteName: 'Zone', language: 'en', today: '2025-05-06', publicUrl: 'http://127.0.0.1:9464/' },
      60,
    );
    expect(en.text).toBe(
      '【Zone】[reminder] 打印机 P-01 (一楼查阅区) is out of paper, unacknowledged for 60 min, Technician: please contact the vendor and the service provider.\n' +
        'Vendor: V\nService provider: S\nAsset no.: ZS-1; Warranty: expired 2024-01-01\nDetails: http://127.0.0.1:9464/faults/7',
    );
  });
});

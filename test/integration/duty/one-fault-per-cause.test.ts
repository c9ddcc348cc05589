import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { condition } from '../../../src/domain/conditions.js';
import { powerText } from '../../../src/domain/messages.js';
import { createLogger } from '../../../src/log.js';
import { PowerActionsRepo } from '../../../src/power/actions-repo.js';
import { createReconciler } from '../../../src/power/reconciler.js';
import { summerWinterHours, testSchedule } from '../../helpers/schedule.js';
import { dingTexts, startZone, wecomTexts, type Zone } from '../faults/harness.js';

// One fault per cause (domain/inhibition.ts), on the fake clock with the real fault service, outbox,
// status tracker and — for the PC — the real power reconciler sending its Wake-on-LAN packet to a UDP
// listener on 127.0.0.1. What a user checks: how many messages reached the phones.

let zone: Zone | undefined;
let udp: Socket | undefined;
afterEach(async () => {
  await zone?.close();
  zone = undefined;
  udp?.close();
  udp = undefined;
});

const MIN = 60_000;
const noAnswer = {
  reachable: false,
  problem: { reason: 'timeout' as const, message: 'no SNMP answer in 3000 ms' },
};

describe('one fault per cause', () => {
  it('a PC that fails to power on gives exactly one message (not 无法连接 and 未能启动)', async () => {
    // Tuesday 6 May 2025, summer hours from 09:00: PCs are switched on at 08:45 (15 min lead).
    zone = await startZone({ start: '2025-05-06T08:44:00+08:00' });
    const z = zone;
    const packets: Buffer[] = [];
    const socket = createSocket('udp4');
    udp = socket;
    socket.on('message', (m) => packets.push(m));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const port = socket.address().port;

    const reconciler = createReconciler({
      targets: [
        {
          id: 'pc-01',
          type: 'pc',
          on: { kind: 'wol', wol: { mac: '02:00:00:00:00:01', address: '127.0.0.1', port } },
          softOff: null,
          cut: null,
        },
      ],
      schedule: testSchedule({ hours: summerWinterHours, devices: new Map([['pc-01', 'pc']]) }),
      observations: () => [
        { deviceId: 'pc-01', source: 'snmp', at: z.clock.now(), ...noAnswer, conditions: [] },
      ],
      actions: new PowerActionsRepo(z.store.db),
      powerSwitch: { switch: () => Promise.reject(new Error('no MQTT in this test')) },
      clock: z.clock,
      logger: createLogger('silent'),
      settings: {
        graceMinutes: 10,
        staggerSeconds: 0,
        maxActionsPerMinute: 20,
        interlockWaitMinutes: 15,
        switchTimeoutSeconds: 60,
      },
      // As the power feature does (power/feature.ts).
      onEvent: (e) =>
        void z.faults.raise({
          deviceId: e.deviceId,
          kind: 'power-on-failed',
          detail: powerText(e.message, 'zh-CN'),
        }),
    });
    z.faults.usePowerState((id) => ['starting', 'on-failed'].includes(reconciler.phaseOf(id) ?? ''));

    // Minute by minute until 09:05: the pass, then the PC's failed poll, then escalation and dispatch.
    while (z.clock.now() < Date.parse('2025-05-06T09:05:00+08:00')) {
      await reconciler.tick();
      await reconciler.settled();
      await z.observe('pc-01', noAnswer);
      await z.faults.idle();
      await z.run(MIN);
    }
    await reconciler.stop();

    expect(packets).toHaveLength(1); // the magic packet at 08:45
    expect(packets[0]?.subarray(6, 12).toString('hex')).toBe('020000000001');
    const faults = await z.faults.list({ deviceId: 'pc-01' });
    expect(faults.map((f) => f.kind).sort()).toEqual(['power-on-failed', 'unreachable']);
    const failed = faults.find((f) => f.kind === 'power-on-failed');
    const unreachable = faults.find((f) => f.kind === 'unreachable');
    // One message: the power-on-failed to the technician (DingTalk and his e-mail), nothing for unreachable.
    const rows = await z.notifier.outbox.all();
    expect([...new Set(rows.map((r) => r.eventKey))]).toEqual([`fault:${failed?.id}:L0`]);
    expect(dingTexts(z.ding)).toHaveLength(1);
    expect(dingTexts(z.ding)[0]).toContain('查阅电脑 1（一楼查阅区）按计划开机后未能启动');
    expect(z.wecom.accepted).toHaveLength(0);
    // The unreachable fault is still on the timeline: held while starting, then suppressed by the failure.
    const timeline = (await z.faults.get(unreachable?.id ?? 0))?.events ?? [];
    expect(timeline.map((e) => e.type)).toEqual(['opened', 'suppressed', 'suppressed']);
    expect(timeline[1]?.data).toEqual({ reason: 'power-on-pending' });
    expect(timeline[2]?.data).toEqual({ by: failed?.id, kind: 'power-on-failed' });
  });

  it('an unreachable printer’s paper fault is suppressed while it does not answer, and released after', async () => {
    zone = await startZone();
    const z = zone;
    await z.observe('printer-01', { conditions: [condition('paper-out')] });
    await z.notifier.dispatchDue();
    expect(wecomTexts(z.wecom)).toHaveLength(1); // A is told
    // The printer stops answering: three failed polls, it is down.
    for (let i = 0; i < 3; i++) await z.observe('printer-01', noAnswer);
    await z.run(20 * MIN);
    const paper = (await z.faults.list({ kind: 'paper-out' }))[0];
    const keys = (await z.notifier.outbox.all()).map((r) => r.eventKey);
    // No escalation to B about paper while the printer cannot be reached: the technician hears of that.
    expect(keys.filter((k) => k.startsWith(`fault:${paper?.id}:`))).toEqual([`fault:${paper?.id}:L0`]);
    expect(dingTexts(z.ding).some((t) => t.includes('打印机 P-01（一楼查阅区）无法连接'))).toBe(true);
    const events = (await z.faults.get(paper?.id ?? 0))?.events.map((e) => e.type);
    expect(events).toContain('suppressed');

    // It answers again, still out of paper: unreachable clears, the paper fault goes on to B.
    await z.observe('printer-01', { conditions: [condition('paper-out')] });
    await z.observe('printer-01', { conditions: [condition('paper-out')] });
    await z.run(MIN);
    const after = (await z.faults.get(paper?.id ?? 0))?.events.map((e) => e.type);
    expect(after?.slice(-2)).toEqual(['released', 'notified']);
    expect((await z.notifier.outbox.all()).map((r) => r.eventKey)).toContain(`fault:${paper?.id}:L1`);
  });
});

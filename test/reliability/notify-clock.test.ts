import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createNotifier } from '../../src/notify/dispatcher.js';
import { createWebhookChannel } from '../../src/notify/webhook.js';
import { openStore } from '../../src/store/store.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startZone, type Zone } from '../integration/faults/harness.js';
import { Tally } from './helpers/summary.js';

/**
 * Notifier endpoints failing for ten minutes (errcode ≠ 0, HTTP 500, dropped connections, a receiver
 * that never answers) and the clock jumping an hour forward and back, driven by a fake clock over real
 * HTTP receivers on 127.0.0.1 (test/helpers/receivers.ts through the faults harness). Each receiver
 * deduplicates by delivery id; a notification counts as delivered when its id arrived, and every further
 * copy is counted as a repeat.
 */
const tally = new Tally('notify-clock');
const zones: Zone[] = [];
afterAll(async () => {
  for (const z of zones) await z.close();
  tally.save();
});

/**
 * The outbox rows of one WeCom channel against what the WeCom receiver accepted. A robot message has no
 * delivery id, so the receiver's id is the body: n rows must arrive as n distinct bodies; a body seen
 * twice is a repeat. (Rows are never compared to a body computed by zoneops' own formatter.)
 */
function countWecom(what: string, z: Zone, rows: readonly unknown[]): void {
  const ids = [...z.wecom.copies.keys()];
  // Pair rows with distinct bodies in arrival order: each row's id is the body that delivered it.
  const queued = rows.map((_, i) => ids[i] ?? `${what}: row ${i + 1} of ${rows.length} (no message arrived)`);
  tally.notifications(what, queued, z.wecom.copies);
}

const min = 60_000;

async function notifiedKeys(z: Zone, faultId: number): Promise<string[]> {
  return (await z.notifier.outbox.byEventPrefix(`fault:${faultId}:`)).map(
    (r) => `${r.eventKey}@${r.channel}`,
  );
}

describe('a notifier endpoint failing for 10 minutes', () => {
  it('errcode -1 (系统繁忙), then HTTP 500, then dropped connections: every message delivered exactly once after it recovers', async () => {
    const z = await startZone();
    zones.push(z);
    z.wecom.mode = 'busy';
    const id = await z.faults.raise({ deviceId: 'printer-01', kind: 'jam', detail: '卡纸' });
    await z.run(3 * min);
    z.wecom.mode = 'http-500';
    await z.run(3 * min);
    z.wecom.mode = 'drop';
    await z.run(4 * min);
    expect(z.wecom.accepted).toHaveLength(0);
    expect(z.wecom.seen.length).toBeGreaterThan(2);
    z.wecom.mode = 'ok';
    // Back-off is capped at 5 minutes; the A→B escalation (15 min) also falls in this window.
    await z.run(12 * min);
    const mark = tally.mark();
    const rows = (await z.notifier.outbox.all()).filter((r) => r.channel === 'duty-group');
    countWecom('WeCom after 10 failing minutes', z, rows);
    const unsent = rows.filter((r) => r.state !== 'sent');
    const alerted = (await z.notifier.outbox.all()).some((r) => r.payload.type === 'channel-down');
    const survived = unsent.length === 0 && z.wecom.delivered.length === rows.length && rows.length >= 2;
    for (const f of ['errcode', 'HTTP 500', 'dropped connections'])
      tally.fault(
        `WeCom ${f} for minutes`,
        survived,
        `${unsent.length} unsent, ${z.wecom.delivered.length}/${rows.length} arrived`,
      );
    expect(tally.failuresSince(mark)).toEqual([]);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(unsent).toEqual([]);
    // Exactly once here (no kill): no repeat either.
    expect(z.wecom.repeats).toBe(0);
    // The failing channel raised its own alert on the technician's other channels (DingTalk, e-mail).
    expect(alerted).toBe(true);
    expect((await notifiedKeys(z, id)).filter((k) => k.endsWith('@duty-group'))).toEqual([
      `fault:${id}:L0@duty-group`,
      `fault:${id}:L1@duty-group`,
    ]);
  }, 60_000);

  it('a webhook that never answers: each attempt times out, delivered once when it answers again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoneops-rel-hang-'));
    const clock = new FakeClock('2025-05-06T02:00:00Z');
    const store = await openStore(join(dir, 'z.db'), clock.now());
    const hanging: ServerResponse[] = [];
    const got: string[] = [];
    let answering = false;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (!answering) {
          hanging.push(res);
          return;
        }
        got.push(String((JSON.parse(Buffer.concat(chunks).toString()) as { event: string }).event));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/hook`;
    const notifier = createNotifier({
      db: store.db,
      clock,
      logger: createLogger('silent'),
      site: 'reliability',
      siteName: '可靠性测试专区',
      language: 'zh-CN',
      notifiers: [],
      people: [],
      // The real webhook channel with a short timeout, so the test does not wait 10 s per attempt.
      channels: [createWebhookChannel({ id: 'hook', url }, 'reliability', () => clock.now(), 300)],
    });
    try {
      const deliveries = ['a', 'b', 'c'].map((k) => ({
        eventKey: `test:${k}`,
        channel: 'hook',
        recipient: 'group',
        payload: { type: 'initial' as const, title: k, text: k, markdown: k, to: [] },
      }));
      await store.db.transaction((tx) => notifier.enqueue(tx, deliveries, clock.now()));
      for (let i = 0; i < 6; i++) {
        await notifier.dispatchDue();
        await clock.advance(2 * min);
      }
      expect(hanging.length).toBeGreaterThanOrEqual(2);
      expect(got).toEqual([]);
      answering = true;
      for (let i = 0; i < 8; i++) {
        await notifier.dispatchDue();
        await clock.advance(min);
      }
      const mark = tally.mark();
      const copies = new Map<string, number>();
      for (const k of got) copies.set(k, (copies.get(k) ?? 0) + 1);
      tally.notifications('webhook that hung', ['test:a', 'test:b', 'test:c'], copies);
      const depth = await notifier.outboxDepth();
      tally.fault(
        'webhook never answering for 12 minutes',
        depth === 0 && copies.size === 3,
        `outbox depth ${depth}`,
      );
      expect(tally.failuresSince(mark)).toEqual([]);
      expect(got.sort()).toEqual(['test:a', 'test:b', 'test:c']);
      expect(depth).toBe(0);
    } finally {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await notifier.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the clock jumping', () => {
  it('an hour forward then an hour back: each escalation step once, none lost', async () => {
    const z = await startZone({ start: '2025-05-06T09:30:00+08:00' });
    zones.push(z);
    const id = await z.faults.raise({ deviceId: 'printer-01', kind: 'jam', detail: '卡纸' });
    await z.run(30_000);
    const t0 = z.clock.now();
    z.clock.set(t0 + 60 * min); // forward: NTP correction, or a VM resumed
    await z.run(2 * min);
    z.clock.set(t0 - 60 * min + 3 * min); // back an hour
    await z.run(30 * min);
    // Back past where it was before the jumps, then long enough for the last level (B was told at t0+60 by
    // the clock of then, so the lead is due at t0+75 on the clock that went back).
    // (+30 minutes: the technician, the on-duty chain's last resort, is told 15 minutes after the lead.)
    await z.run(140 * min, 60_000);
    const events = (await z.faults.get(id))?.events.filter((e) => e.type === 'notified') ?? [];
    // Each escalation step (initial, escalate) once; reminders repeat by design, each under its own key.
    const mark = tally.mark();
    const levels = events
      .filter((e) => (e.data as { type: string }).type !== 'remind')
      .map(
        (e) => `${String((e.data as { type: string }).type)}:${String((e.data as { level: number }).level)}`,
      );
    const keys = await notifiedKeys(z, id);
    const sent = (await z.notifier.outbox.all()).filter((r) => r.eventKey.startsWith(`fault:${id}:`));
    countWecom(
      'WeCom across clock jumps',
      z,
      sent.filter((r) => r.channel === 'duty-group'),
    );
    // A → B → lead → technician, each told once (jam is routed on-duty: A, B, the lead, then the technician).
    const told = ['L0', 'L1', 'L2', 'L3'].filter((level) =>
      keys.some((k) => k.startsWith(`fault:${id}:${level}@`)),
    );
    // One outbox row per step, channel and person: a reminder by e-mail goes to B and to the technician.
    const rowIds = sent.map((r) => `${r.eventKey}@${r.channel}/${r.recipient}`);
    const once = new Set(levels).size === levels.length && new Set(rowIds).size === rowIds.length;
    const ok = once && told.length === 4 && sent.every((r) => r.state === 'sent');
    tally.fault(
      'clock stepped an hour forward',
      ok,
      `levels told: ${told.join(',')}; steps: ${levels.join(',')}`,
    );
    tally.fault(
      'clock stepped an hour back',
      ok,
      `levels told: ${told.join(',')}; steps: ${levels.join(',')}`,
    );
    expect(tally.failuresSince(mark)).toEqual([]);
    expect(new Set(levels).size).toBe(levels.length);
    expect(new Set(rowIds).size).toBe(rowIds.length);
    expect(told).toEqual(['L0', 'L1', 'L2', 'L3']);
    expect(sent.filter((r) => r.state !== 'sent')).toEqual([]);
  }, 60_000);

  it('after the clock goes back an hour, the next level is still told about escalationMinutes after the last step', async () => {
    // Elapsed time, not wall-clock difference, is what the B post and the lead are waiting on: a clock
    // stepped back by NTP must not hold the next escalation for the size of the jump.
    const z = await startZone({ start: '2025-05-06T09:30:00+08:00' });
    zones.push(z);
    const id = await z.faults.raise({ deviceId: 'printer-01', kind: 'jam', detail: '卡纸' });
    await z.run(30_000);
    z.clock.set(z.clock.now() - 60 * min);
    // 15 min escalation + a generous 5 min of ticks.
    await z.run(20 * min, 30_000);
    const keys = await notifiedKeys(z, id);
    const ok = tally.fault(
      'clock stepped back 1 h: the B post told within 20 min of elapsed time',
      keys.some((k) => k.startsWith(`fault:${id}:L1@`)),
      `told: ${keys.join(', ')}`,
    );
    expect(ok).toBe(true);
  }, 30_000);

  it('Asia/Shanghai: a non-critical fault at 08:30 Beijing time (00:30 UTC) waits for the 09:00 opening', async () => {
    const z = await startZone({ start: '2025-05-06T00:30:00Z' });
    zones.push(z);
    const id = await z.faults.raise({ deviceId: 'printer-01', kind: 'paper-low', detail: '纸少' });
    await z.run(29 * min, 60_000);
    expect(await notifiedKeys(z, id)).toEqual([]);
    await z.run(2 * min, 30_000);
    expect((await notifiedKeys(z, id)).some((k) => k.startsWith(`fault:${id}:L0@`))).toBe(true);
    // 09:00 in Shanghai is 01:00 UTC: no DST, no offset other than +08:00.
    expect(z.clock.now()).toBeGreaterThanOrEqual(Date.parse('2025-05-06T01:00:00Z'));
  }, 30_000);
});

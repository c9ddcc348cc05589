import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotifierConfig } from '../../../src/config/schema.js';
import { Secret } from '../../../src/config/secret.js';
import type { Delivery } from '../../../src/domain/delivery-plan.js';
import { createLogger } from '../../../src/log.js';
import { createNotifier } from '../../../src/notify/dispatcher.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { type Receiver, startReceiver } from '../../helpers/receivers.js';

// The outbox dispatcher against local robot/webhook receivers on 127.0.0.1.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(
  notifiers: NotifierConfig[],
  extra: { publish?: (t: string, p: string) => Promise<void> } = {},
) {
  const clock = new FakeClock('2025-05-06T09:30:00+08:00');
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-notify-'));
  const store: Store = await openStore(join(dir, 'z.db'), clock.now());
  const notifier = createNotifier({
    db: store.db,
    clock,
    logger: createLogger('silent'),
    site: 'zhuoshui',
    siteName: '濯水镇政务公开专区',
    language: 'zh-CN',
    notifiers,
    people: [],
    ...(extra.publish ? { publish: extra.publish } : {}),
  });
  cleanups.push(async () => {
    await notifier.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const queue = (ds: Delivery[]) => store.db.transaction((tx) => notifier.enqueue(tx, ds, clock.now()));
  return { clock, store, notifier, queue };
}

async function receiver(opts: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const r = await startReceiver(opts);
  cleanups.push(() => r.close());
  return r;
}

const msg = (eventKey: string, channel: string): Delivery => ({
  eventKey,
  channel,
  recipient: 'group',
  payload: {
    type: 'initial',
    title: '标题',
    text: '内容',
    markdown: '**内容**',
    to: [{ id: 'a', name: '李娟', phone: '13800000001' }],
  },
});

describe('outbox dispatcher', () => {
  it('respects DingTalk 20 messages a minute by queueing, not dropping; every request is signed', async () => {
    const ding = await receiver({ kind: 'dingtalk', token: 'tok', secret: 'SECs' });
    const z = await setup([
      {
        id: 'ding',
        type: 'dingtalk',
        accessToken: new Secret('tok', 'inline'),
        secret: new Secret('SECs', 'inline'),
        baseUrl: ding.url,
      },
    ]);
    await z.queue(Array.from({ length: 25 }, (_, i) => msg(`e${i}`, 'ding')));
    expect(await z.notifier.dispatchDue()).toEqual({ sent: 20, failed: 0, postponed: 5 });
    expect(ding.accepted).toHaveLength(20);
    await z.clock.advance(59_000);
    expect((await z.notifier.dispatchDue()).sent).toBe(0);
    await z.clock.advance(1_000);
    expect((await z.notifier.dispatchDue()).sent).toBe(5);
    expect(ding.accepted).toHaveLength(25);
    expect(ding.seen).toHaveLength(25);
    expect(await z.notifier.outboxDepth()).toBe(0);
  });

  it('a non-zero errcode is a failure: retried with back-off and sent once when it works', async () => {
    const wecom = await receiver({ kind: 'wecom', token: 'k' });
    const z = await setup([{ id: 'wc', type: 'wecom', key: new Secret('k', 'inline'), baseUrl: wecom.url }]);
    wecom.mode = 'errcode';
    await z.queue([msg('e1', 'wc')]);
    expect(await z.notifier.dispatchDue()).toEqual({ sent: 0, failed: 1, postponed: 0 });
    const [row] = await z.notifier.outbox.all();
    expect(row?.state).toBe('pending');
    expect(row?.lastError).toBe('errcode 93000: invalid webhook url');
    wecom.mode = 'ok';
    await z.clock.advance(14_000);
    expect((await z.notifier.dispatchDue()).sent).toBe(0);
    await z.clock.advance(1_000);
    expect((await z.notifier.dispatchDue()).sent).toBe(1);
    // Queuing the same event again changes nothing: never sent twice.
    await z.queue([msg('e1', 'wc')]);
    await z.clock.advance(60_000);
    expect((await z.notifier.dispatchDue()).sent).toBe(0);
    expect(wecom.accepted).toHaveLength(1);
  });

  it('signs webhooks; the key never appears in stored errors', async () => {
    const hook = await receiver({ kind: 'webhook' });
    const z = await setup([
      { id: 'hook', type: 'webhook', url: hook.url, secret: new Secret('hook-secret', 'inline') },
    ]);
    await z.queue([msg('fault:3:L0', 'hook')]);
    await z.notifier.dispatchDue();
    const req = hook.accepted[0];
    expect(req?.headers['x-zoneops-event']).toBe('fault:3:L0');
    const ts = String(req?.headers['x-zoneops-timestamp']);
    const expected = `sha256=${createHmac('sha256', 'hook-secret').update(`${ts}.${req?.raw}`).digest('hex')}`;
    expect(req?.headers['x-zoneops-signature']).toBe(expected);
    expect(req?.json).toMatchObject({ site: 'zhuoshui', event: 'fault:3:L0', title: '标题', text: '内容' });

    const wecom = await receiver({ kind: 'wecom', token: 'right' });
    const z2 = await setup([
      { id: 'wc', type: 'wecom', key: new Secret('wrong-key-123', 'inline'), baseUrl: wecom.url },
    ]);
    await z2.queue([msg('e', 'wc')]);
    await z2.notifier.dispatchDue();
    wecom.mode = 'drop';
    await z2.clock.advance(60_000);
    await z2.notifier.dispatchDue();
    const errors = (await z2.notifier.outbox.all()).map((r) => r.lastError ?? '');
    expect(errors.join(' ')).not.toContain('wrong-key-123');
    expect(errors[0]).toMatch(/^connection failed|request failed/);
  });

  it('publishes MQTT through the injected function; start/stop drive the loop on the clock', async () => {
    const published: Array<[string, string]> = [];
    const z = await setup([{ id: 'mq', type: 'mqtt', topic: 'zoneops/zhuoshui/alerts' }], {
      publish: async (t, p) => {
        published.push([t, p]);
      },
    });
    await z.notifier.start();
    expect(z.clock.pendingTimers).toBe(1);
    await z.queue([msg('e1', 'mq')]);
    await z.notifier.dispatchDue();
    expect(published).toHaveLength(1);
    expect(published[0]?.[0]).toBe('zoneops/zhuoshui/alerts');
    expect(JSON.parse(published[0]?.[1] ?? '{}')).toMatchObject({
      site: 'zhuoshui',
      event: 'e1',
      text: '内容',
    });
    await z.notifier.stop();
    expect(z.clock.pendingTimers).toBe(0);
  });
});

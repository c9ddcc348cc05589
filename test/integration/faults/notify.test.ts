import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotifierConfig, PersonConfig } from '../../../src/config/schema.js';
import { Secret } from '../../../src/config/secret.js';
import { type Delivery, planDeliveries } from '../../../src/domain/delivery-plan.js';
import { createLogger } from '../../../src/log.js';
import { createNotifier } from '../../../src/notify/dispatcher.js';
import { postJson } from '../../../src/notify/http-post.js';
import { resendWindowMs } from '../../../src/notify/limits.js';
import { createNotifyMetrics } from '../../../src/notify/metrics.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { decodeMail, type Receiver, startReceiver, startSmtpReceiver } from '../../helpers/receivers.js';

// The outbox dispatcher against local robot/webhook receivers on 127.0.0.1.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(
  notifiers: NotifierConfig[],
  extra: { publish?: (t: string, p: string) => Promise<void>; people?: PersonConfig[] } = {},
) {
  const clock = new FakeClock('2025-05-06T09:30:00+08:00');
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-notify-'));
  const store: Store = await openStore(join(dir, 'z.db'), clock.now());
  const registry = new Registry();
  const metrics = createNotifyMetrics(
    registry,
    notifiers.map((n) => n.id),
    { outboxDepth: async () => 0, heldChannels: async () => [] },
  );
  const build = () =>
    createNotifier({
      db: store.db,
      clock,
      logger: createLogger('silent'),
      site: 'zhuoshui',
      siteName: '濯水镇政务公开专区',
      language: 'zh-CN',
      notifiers,
      people: extra.people ?? [],
      metrics,
      ...(extra.publish ? { publish: extra.publish } : {}),
    });
  const z = { clock, store, notifier: build(), queue, registry, restart };
  cleanups.push(async () => {
    await z.notifier.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  function queue(ds: Delivery[]) {
    return store.db.transaction((tx) => z.notifier.enqueue(tx, ds, clock.now()));
  }
  /** A new dispatcher on the same database, as after the daemon was killed and started again. */
  async function restart() {
    await z.notifier.stop();
    z.notifier = build();
  }
  return z;
}

async function counter(registry: Registry, channel: string, result: string): Promise<number> {
  const m = (await registry.getSingleMetric('zoneops_notifications_total')?.get())?.values ?? [];
  return m.find((v) => v.labels.channel === channel && v.labels.result === result)?.value ?? 0;
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

describe('postJson: nothing reaches the socket before beforeWrite', () => {
  it('a connected server has seen 0 bytes while the hook runs, the whole request after it', async () => {
    let bytes = 0;
    const server = createServer((sock) => {
      sock.on('data', (c: Buffer) => {
        bytes += c.length;
        if (c.includes('\r\n\r\n{')) sock.end('HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;
    let seenDuringHook = -1;
    const reply = await postJson(
      `http://127.0.0.1:${port}/x`,
      '{"a":1}',
      {},
      {
        beforeWrite: async () => {
          await new Promise((r) => setTimeout(r, 100));
          seenDuringHook = bytes;
        },
      },
    );
    expect(seenDuringHook).toBe(0);
    expect(bytes).toBeGreaterThan(0);
    expect(reply).toMatchObject({ status: 204 });
  });
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

  it('errcode -1 (系统繁忙) is transient: retried with back-off and sent once when it works', async () => {
    const wecom = await receiver({ kind: 'wecom', token: 'k' });
    const z = await setup([{ id: 'wc', type: 'wecom', key: new Secret('k', 'inline'), baseUrl: wecom.url }]);
    wecom.mode = 'busy';
    await z.queue([msg('e1', 'wc')]);
    expect(await z.notifier.dispatchDue()).toEqual({ sent: 0, failed: 1, postponed: 0 });
    const [row] = await z.notifier.outbox.all();
    expect(row?.state).toBe('pending');
    expect(row?.lastError).toBe('errcode -1: 系统繁忙');
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

  it('signs webhooks by Standard Webhooks: the standardwebhooks package verifies them, and refuses them with another secret', async () => {
    const hook = await receiver({ kind: 'webhook' });
    // Our own test secret in the spec's whsec_ form (24 random bytes).
    const secret = 'whsec_QnKyv0QkP8mT0cF9z0V0tE0wq2Jb3m1s';
    const z = await setup([
      { id: 'hook', type: 'webhook', url: hook.url, secret: new Secret(secret, 'inline') },
    ]);
    hook.mode = 'http-500';
    await z.queue([msg('fault:3:L0', 'hook')]);
    await z.notifier.dispatchDue();
    hook.mode = 'ok';
    await z.clock.advance(15_000);
    await z.notifier.dispatchDue();
    expect(hook.seen).toHaveLength(2);
    const req = hook.accepted[0];
    if (!req) throw new Error('no delivery');
    const headers = req.headers as Record<string, string>;
    // webhook-timestamp is Unix seconds (within a few seconds of now), not milliseconds.
    expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(10);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    // The retry carries the same webhook-id: a receiver can drop the repeat by it.
    expect(hook.seen[0]?.headers['webhook-id']).toBe(headers['webhook-id']);
    expect(new Webhook(secret).verify(req.raw, headers)).toMatchObject({
      site: 'zhuoshui',
      event: 'fault:3:L0',
      title: '标题',
      text: '内容',
    });
    expect(() => new Webhook('whsec_c29tZW9uZS1lbHNlcy1zZWNyZXQta2V5').verify(req.raw, headers)).toThrow(
      /No matching signature/,
    );
    // Tampered body: refused too.
    expect(() => new Webhook(secret).verify(req.raw.replace('内容', '假的'), headers)).toThrow();
    expect(headers['x-zoneops-event']).toBeUndefined();

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

  it('Retry-After: 120 is honoured: nothing before 120 s, sent at 120 s, never counted as a failure', async () => {
    const hook = await receiver({ kind: 'webhook', retryAfterSeconds: 120 });
    const z = await setup([{ id: 'hook', type: 'webhook', url: hook.url }]);
    hook.mode = 'throttle';
    await z.queue([msg('a', 'hook'), msg('b', 'hook')]);
    expect(await z.notifier.dispatchDue()).toEqual({ sent: 0, failed: 0, postponed: 2 });
    expect(hook.seen).toHaveLength(1);
    hook.mode = 'ok';
    for (let waited = 0; waited < 119_000; waited += 7_000) {
      await z.clock.advance(7_000);
      await z.notifier.dispatchDue();
    }
    expect(hook.seen).toHaveLength(1);
    await z.clock.advance(120_000 - 119_000);
    expect((await z.notifier.dispatchDue()).sent).toBe(2);
    // In order: a before b.
    expect(hook.accepted.map((r) => (r.json as { event: string }).event)).toEqual(['a', 'b']);
    const [a] = await z.notifier.outbox.all();
    expect(a?.attempts).toBe(1);
    expect(await counter(z.registry, 'hook', 'throttled')).toBe(1);
    expect(await counter(z.registry, 'hook', 'failed')).toBe(0);
    expect(await counter(z.registry, 'hook', 'sent')).toBe(2);
  });

  it('after a crash: a robot message that may have reached the platform is sent-uncertain, never repeated; one never written is resent after a short wait', async () => {
    const wecom = await receiver({ kind: 'wecom', token: 'k' });
    const hook = await receiver({ kind: 'webhook' });
    const z = await setup([
      { id: 'wc', type: 'wecom', key: new Secret('k', 'inline'), baseUrl: wecom.url },
      { id: 'hook', type: 'webhook', url: hook.url },
    ]);
    await z.queue([msg('written', 'wc'), msg('connecting', 'wc'), msg('hook-written', 'hook')]);
    // What a kill -9 leaves behind: the phase each attempt had reached (written before the socket write).
    const rows = await z.notifier.outbox.all();
    const byKey = new Map(rows.map((r) => [r.eventKey, r.id]));
    await z.notifier.outbox.setPhase(byKey.get('written') ?? 0, 'writing');
    await z.notifier.outbox.setPhase(byKey.get('connecting') ?? 0, 'connecting');
    await z.notifier.outbox.setPhase(byKey.get('hook-written') ?? 0, 'writing');
    await z.restart();
    await z.notifier.dispatchDue();
    expect(wecom.seen).toHaveLength(0);
    expect(hook.seen).toHaveLength(0);
    await z.clock.advance(resendWindowMs);
    await z.notifier.dispatchDue();
    const after = new Map((await z.notifier.outbox.all()).map((r) => [r.eventKey, r]));
    expect(after.get('written')?.state).toBe('uncertain');
    expect(after.get('written')?.lastError).toContain('sent-uncertain');
    expect(after.get('connecting')?.state).toBe('sent');
    // The webhook receiver can drop a repeat by webhook-id: resent.
    expect(after.get('hook-written')?.state).toBe('sent');
    expect(wecom.accepted).toHaveLength(1);
    expect(await counter(z.registry, 'wc', 'uncertain')).toBe(1);
  });

  it('an SMTP server refusing one recipient: the others get it, the channel stays up, the technician is told which address', async () => {
    const smtp = await startSmtpReceiver();
    cleanups.push(() => smtp.close());
    // RFC 5321 §4.2.2: 550 — mailbox unavailable; the text as Postfix words it.
    smtp.refuse = (a) =>
      a === 'wangfang@localhost'
        ? '550 5.1.1 <wangfang@localhost>: Recipient address rejected: User unknown'
        : undefined;
    const people: PersonConfig[] = [
      { id: 'staff-a', name: '李娟', role: 'staff', post: 'A', email: 'lijuan@localhost', notify: ['mail'] },
      {
        id: 'staff-b',
        name: '王芳',
        role: 'staff',
        post: 'B',
        email: 'wangfang@localhost',
        notify: ['mail'],
      },
      { id: 'tech', name: '陈刚', role: 'technician', email: 'chengang@localhost', notify: ['mail'] },
    ];
    const z = await setup(
      [
        {
          id: 'mail',
          type: 'email',
          from: 'zoneops@localhost',
          // The test receiver has no STARTTLS: an unencrypted relay without a password (requireTLS: false).
          smtp: {
            host: '127.0.0.1',
            port: smtp.port,
            secure: false,
            requireTLS: false,
            tls: { rejectUnauthorized: true },
            allowInsecureAuth: false,
          },
        },
      ],
      { people },
    );
    await z.queue(
      planDeliveries('fault:9:L0', people, [{ id: 'mail', type: 'email' }], {
        type: 'initial',
        title: '【濯水镇政务公开专区】打印机 P-01 缺纸',
        text: '打印机 P-01 缺纸',
        markdown: '打印机 P-01 缺纸',
      }),
    );
    await z.notifier.dispatchDue();
    const got = (to: string) => smtp.messages.filter((m) => m.to.includes(to)).map((m) => decodeMail(m.data));
    expect(got('lijuan@localhost').map((m) => m.subject)).toEqual(['【濯水镇政务公开专区】打印机 P-01 缺纸']);
    expect(got('wangfang@localhost')).toEqual([]);
    const techMails = got('chengang@localhost');
    expect(techMails.map((m) => m.subject)).toContain('【濯水镇政务公开专区】打印机 P-01 缺纸');
    const alert = techMails.find((m) => m.text.includes('拒收'));
    expect(alert?.text).toContain('王芳 的邮箱地址 wangfang@localhost');
    expect(alert?.text).toContain('550 5.1.1');
    const rows = await z.notifier.outbox.all();
    const refused = rows.find((r) => r.recipient === 'staff-b');
    expect(refused?.state).toBe('failed');
    expect(refused?.lastError).toContain('Recipient address rejected: User unknown');
    expect(rows.filter((r) => r.state === 'pending')).toEqual([]);
    expect(await z.notifier.heldChannels()).toEqual([]);
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

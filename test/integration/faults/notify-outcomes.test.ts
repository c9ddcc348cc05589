import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../src/config/secret.js';
import { dingtalkUrl } from '../../../src/notify/dingtalk.js';
import { decodeMail, startReceiver } from '../../helpers/receivers.js';
import { asset, DING_SECRET, DING_TOKEN, dingTexts, startZone, type Zone } from './harness.js';

// Throttled, permanent and transient answers through the whole fault → outbox → channel path, on the
// fake clock, against the local DingTalk / SMTP stand-ins of test/helpers/receivers.ts.

const min = 60_000;
const zones: Zone[] = [];
afterEach(async () => {
  while (zones.length) await zones.pop()?.close();
});

/** 60 more PCs: a power cut in the reading area makes all of them unreachable at once. */
const pcs = Array.from({ length: 60 }, (_, i) =>
  asset(`pc-${100 + i}`, `查阅电脑 ${100 + i}`, 'pc', '一楼查阅区', `ZS-ZW-2024-${100 + i}`, '2026-05-09'),
);

const pcNumbers = (s: string) => [...s.matchAll(/查阅电脑 (\d+)/g)].map((m) => Number(m[1]));

describe('a burst of 60 faults to a DingTalk robot that allows 20 a minute', () => {
  it('all 60 reach the group in order (one digest for the late tail); the 130101 block is waited out, no channel-down alert', async () => {
    // DingTalk: "每个机器人每分钟最多发送20条消息到群里，如果超过20条，会限流10分钟" (自定义机器人接入).
    const z = await startZone({ ding: { perMinute: 20, blockMs: 10 * min }, extraAssets: pcs });
    zones.push(z);
    // Another system posts to the same robot just before: DingTalk counts its 5 messages too.
    for (let i = 0; i < 5; i++) {
      const url = dingtalkUrl(z.ding.url, DING_TOKEN, DING_SECRET, Date.now());
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          msgtype: 'markdown',
          markdown: { title: '其他系统', text: `其他系统消息 ${i}` },
        }),
      });
      expect(((await r.json()) as { errcode: number }).errcode).toBe(0);
    }
    const ids: number[] = [];
    for (const d of pcs)
      ids.push(await z.faults.raise({ deviceId: d.id, kind: 'unreachable', detail: '无法连接' }));
    await z.run(20 * min, 15_000);

    const answers = z.ding.seen.map((r) => r.answer);
    // zoneops sent 15, got one 130101, then sent nothing for DingTalk's 10 minutes.
    expect(answers.filter((a) => a === 130101)).toHaveLength(1);
    const blockedAt = z.ding.seen.find((r) => r.answer === 130101)?.at ?? 0;
    const during = z.ding.seen.filter((r) => r.at > blockedAt && r.at < blockedAt + 10 * min);
    expect(during).toEqual([]);

    const rows = (await z.notifier.outbox.all()).filter((r) => r.channel === 'tech-ding');
    expect(rows.filter((r) => r.state === 'pending' || r.state === 'failed')).toEqual([]);
    const texts = dingTexts(z.ding).filter((t) => !t.startsWith('其他系统'));
    const digests = texts.filter((t) => t.includes('设备提醒汇总'));
    expect(digests).toHaveLength(1);
    const single = texts.filter((t) => !t.includes('设备提醒汇总'));
    // Individually delivered messages, in the order the faults were raised…
    const sent = single.flatMap(pcNumbers);
    expect(sent).toEqual(pcs.slice(0, sent.length).map((d) => Number(d.id.slice(3))));
    // …then the digest: the next ones in order, and "另有 N 条设备提醒" counting the rest.
    const digest = digests[0] ?? '';
    const listed = pcNumbers(digest);
    expect(listed).toEqual(
      pcs.slice(sent.length, sent.length + listed.length).map((d) => Number(d.id.slice(3))),
    );
    const more = Number(/另有 (\d+) 条设备提醒，详见 http:\/\/127\.0\.0\.1:9464\//.exec(digest)?.[1] ?? 0);
    expect(sent.length + listed.length + more).toBe(60);
    expect(digest).toContain(`设备提醒汇总（${60 - sent.length} 条）`);
    // Every collapsed row points at the digest that carried it, and that digest was sent.
    const digestRow = rows.find((r) => r.payload.type === 'digest');
    expect(digestRow?.state).toBe('sent');
    expect(rows.filter((r) => r.state === 'digested').every((r) => r.digestId === digestRow?.id)).toBe(true);
    // Throttling is not failure: no channel-down alert anywhere, nothing counted as an attempt.
    const all = await z.notifier.outbox.all();
    expect(all.filter((r) => r.payload.type === 'channel-down')).toEqual([]);
    expect(rows.every((r) => r.attempts <= 1)).toBe(true);
    // E-mail has no such limit: the technician's mailbox got all 60 one by one.
    const mails = z.smtp.messages
      .filter((m) => m.to.includes('chengang@localhost'))
      .map((m) => decodeMail(m.data));
    expect(mails.flatMap((m) => pcNumbers(m.subject))).toEqual(pcs.map((d) => Number(d.id.slice(3))));
    expect(ids).toHaveLength(60);
  }, 60_000);
});

describe('DingTalk 310000: the robot is misconfigured', () => {
  it('one channel-misconfigured e-mail to the technician within a minute, no attempts until the config changes, then the held messages with a late note', async () => {
    const z = await startZone();
    zones.push(z);
    z.ding.mode = 'misconfigured';
    await z.faults.raise({ deviceId: 'pc-01', kind: 'unreachable', detail: '无法连接' });
    await z.run(min, 5_000);
    const misconfigured = () =>
      z.smtp.messages
        .filter((m) => m.to.includes('chengang@localhost'))
        .map((m) => decodeMail(m.data))
        .filter((m) => m.text.includes('配置有误'));
    expect(misconfigured()).toHaveLength(1);
    const alert = misconfigured()[0];
    // The platform's own error text, as DingTalk sent it.
    expect(alert?.text).toContain(
      '通知渠道 tech-ding 的配置有误，平台拒收：errcode 310000: keywords not in content',
    );
    expect(alert?.text).not.toContain(DING_TOKEN);
    expect(alert?.text).not.toContain(DING_SECRET);
    const tries = z.ding.seen.length;
    expect(tries).toBe(2);
    expect(await z.notifier.heldChannels()).toEqual(['tech-ding']);

    // Held: a new fault queues, half an hour passes, nothing is tried.
    await z.faults.raise({ deviceId: 'printer-01', kind: 'offline', detail: '脱机' });
    await z.run(30 * min, 60_000);
    expect(z.ding.seen).toHaveLength(tries);
    expect(misconfigured()).toHaveLength(1);

    // Restart with the same config: one attempt (the fix may have been on DingTalk's side), no new alert.
    await z.restart();
    await z.run(min, 15_000);
    expect(z.ding.seen).toHaveLength(tries + 1);
    expect(misconfigured()).toHaveLength(1);

    // The technician makes a new robot and puts its token in the config: restart, the held messages go out.
    const fixed = await startReceiver({ kind: 'dingtalk', token: 'new-robot-token', secret: DING_SECRET });
    try {
      await z.restart((ns) =>
        ns.map((n) =>
          n.id === 'tech-ding' && n.type === 'dingtalk'
            ? { ...n, accessToken: new Secret('new-robot-token', 'inline'), baseUrl: fixed.url }
            : n,
        ),
      );
      await z.run(min, 15_000);
      const texts = dingTexts(fixed);
      expect(texts).toHaveLength(2);
      // Each with the time it was first due (the second fault came a minute later), in queue order.
      expect(texts[0]).toMatch(
        /^【迟到通知】本条消息原定 5月6日 09:30 发出，因通知渠道配置有误延迟送达。\n\n.*查阅电脑 1/s,
      );
      expect(texts[1]).toMatch(
        /^【迟到通知】本条消息原定 5月6日 09:31 发出，因通知渠道配置有误延迟送达。\n\n.*打印机 P-01/s,
      );
      expect(await z.notifier.heldChannels()).toEqual([]);
      expect(z.ding.seen).toHaveLength(tries + 1);
    } finally {
      await fixed.close();
    }
  }, 60_000);
});

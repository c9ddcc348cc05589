import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { renderDigest, withLateNote } from '../../../src/domain/channel-messages.js';
import { renderFaultMessage } from '../../../src/domain/messages.js';
import { dingtalkBody } from '../../../src/notify/dingtalk.js';
import { carriesMarkup } from '../../../src/notify/robot-text.js';
import { webhookId, webhookKey, webhookSignature } from '../../../src/notify/webhook.js';
import { wecomBody } from '../../../src/notify/wecom.js';

const device = {
  id: 'printer-01',
  name: '打印机 P-01',
  location: '一楼查阅区',
  assetNo: 'ZS-ZW-2023-003',
  vendor: { name: '演示打印机厂', phone: '400-000-0003' },
  serviceProvider: { name: '演示办公设备维修部', contact: '孙师傅', phone: '023-00000002' },
  warrantyUntil: '2026-05-31',
};
const ctx = {
  siteName: '濯水镇政务公开专区',
  language: 'zh-CN' as const,
  today: '2025-05-06',
  publicUrl: 'http://127.0.0.1:9464',
};
const to = [{ id: 'staff-a', name: '李娟', phone: '13800000001' }];

function fault(detail: string) {
  return {
    type: 'initial' as const,
    ...renderFaultMessage(
      'initial',
      { id: 7, kind: 'public-report', severity: 'warning', detail },
      device,
      ['on-duty'],
      ctx,
    ),
    to,
  };
}

describe('texts as the platforms render them', () => {
  it('plain text goes as markdown without a single backslash', () => {
    const p = fault('屏幕不亮');
    // WeCom mentions in markdown by `<@userid>` only (a phone-only recipient makes it `text`: channels.test.ts).
    const w = wecomBody({
      payload: { ...p, to: [{ ...to[0], id: 'staff-a', name: '李娟', wecomUserId: 'lijuan' }] },
    });
    const d = dingtalkBody({ payload: p });
    expect(w.msgtype).toBe('markdown');
    expect(d.msgtype).toBe('markdown');
    expect(JSON.stringify(w)).not.toContain('\\\\');
    expect(JSON.stringify(d)).not.toContain('\\\\');
    expect(w).toMatchObject({ markdown: { content: expect.stringContaining('**【濯水镇政务公开专区】') } });
  });

  it("a citizen's text with markup goes as `text`, shown as typed; a WeCom <@userid> cannot mention anyone", () => {
    // WeCom 群机器人配置说明: text and markdown content read `<@userid>` as a mention; markdown reads **, [](), #.
    const p = fault('**急** [点我](http://127.0.0.1:1/x) <@zhangsan> #1');
    const w = wecomBody({ payload: p });
    expect(w.msgtype).toBe('text');
    const content = (w as { text: { content: string } }).text.content;
    expect(content).toContain('**急** [点我](http://127.0.0.1:1/x) ＜@zhangsan> #1');
    expect(content).not.toContain('<@');
    expect(content).not.toContain('\\');
    const d = dingtalkBody({ payload: p });
    expect(d).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining('**急** [点我]') } });
    expect(d.at).toEqual({ atMobiles: ['13800000001'], isAtAll: false });
  });

  it('knows each platform markup: DingTalk lists and images, not plain Chinese punctuation', () => {
    expect(carriesMarkup('dingtalk', '- 第一项')).toBe(true);
    expect(carriesMarkup('dingtalk', '![图](x)')).toBe(true);
    expect(carriesMarkup('wecom', '<font color="info">x</font>')).toBe(true);
    expect(carriesMarkup('wecom', '【濯水镇】打印机 P-01（一楼查阅区）缺纸，请值班人员处理。')).toBe(false);
  });

  it('a digest lists the first messages in order and counts the rest ("另有 N 条设备提醒，详见 …")', () => {
    const titles = Array.from({ length: 17 }, (_, i) => `设备 ${i + 1} 无法连接`);
    const d = renderDigest(
      { siteName: '濯水镇政务公开专区', language: 'zh-CN', publicUrl: 'http://127.0.0.1:9464' },
      titles,
    );
    expect(d.title).toBe('【濯水镇政务公开专区】设备提醒汇总（17 条）');
    expect(d.text.split('\n').slice(1, 3)).toEqual(['1. 设备 1 无法连接', '2. 设备 2 无法连接']);
    expect(d.text).toContain('另有 7 条设备提醒，详见 http://127.0.0.1:9464/');
  });

  it('a held message says it is late and when it was due (Asia/Shanghai)', () => {
    const p = withLateNote(fault('卡纸'), 'zh-CN', Date.parse('2025-05-06T01:31:00Z'), 'Asia/Shanghai');
    expect(p.text.split('\n')[0]).toBe(
      '【迟到通知】本条消息原定 5月6日 09:31 发出，因通知渠道配置有误延迟送达。',
    );
    expect(p.title.startsWith('【迟到】')).toBe(true);
  });
});

describe('Standard Webhooks signatures', () => {
  it('matches the reference library test vector', () => {
    // libraries/javascript/src/webhook.test.ts "sign function works" in standard-webhooks/standard-webhooks.
    expect(
      webhookSignature(
        webhookKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'),
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('a plain secret is its UTF-8 bytes: the library verifies it with format "raw"', () => {
    const ts = Math.floor(Date.now() / 1000);
    const body = '{"a":1}';
    const sig = webhookSignature(webhookKey('plain-demo-key'), 'msg_x', ts, body);
    const headers = { 'webhook-id': 'msg_x', 'webhook-timestamp': String(ts), 'webhook-signature': sig };
    expect(new Webhook('plain-demo-key', { format: 'raw' }).verify(body, headers)).toEqual({ a: 1 });
    expect(() => new Webhook('other-key', { format: 'raw' }).verify(body, headers)).toThrow(
      /No matching signature/,
    );
  });

  it('the webhook-id is the same on every retry, differs per message and has no "."', () => {
    const m = { eventKey: 'fault:3:L0', channel: 'hook', recipient: 'group', createdAt: 1 };
    expect(webhookId('zhuoshui', m)).toBe(webhookId('zhuoshui', { ...m }));
    expect(webhookId('zhuoshui', m)).not.toBe(webhookId('zhuoshui', { ...m, createdAt: 2 }));
    expect(webhookId('zhuoshui', m)).toMatch(/^msg_[A-Za-z0-9_-]{27}$/);
  });
});

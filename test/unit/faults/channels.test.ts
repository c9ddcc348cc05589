import { describe, expect, it } from 'vitest';
import { planDeliveries } from '../../../src/domain/delivery-plan.js';
import { dingtalkBody, dingtalkSign, dingtalkUrl } from '../../../src/notify/dingtalk.js';
import { backoffMs } from '../../../src/notify/dispatcher.js';
import { truncateUtf8 } from '../../../src/notify/robot-text.js';
import { wecomBody } from '../../../src/notify/wecom.js';

const payload = {
  type: 'initial' as const,
  title: 't',
  text: 'x',
  markdown: '**x**',
  to: [{ id: 'a', name: '李娟', phone: '13800000001' }],
};

describe('DingTalk 加签', () => {
  it('matches the documented algorithm', () => {
    // Expected value computed with the Python 3.8 sample of DingTalk's 自定义机器人安全设置 page
    // (hmac.new(secret, f"{timestamp}\n{secret}", sha256) → base64 → urllib.parse.quote_plus),
    // run separately with timestamp 1714528800000 and secret "SECexample-secret-for-zoneops-test".
    expect(dingtalkSign(1714528800000, 'SECexample-secret-for-zoneops-test')).toBe(
      'vCQ02G2sPU37aSa2vfiUAYw5hM7WXdS5CupkGeLsEeA%3D',
    );
    expect(
      dingtalkUrl(
        'https://oapi.dingtalk.com/robot/send',
        'tok',
        'SECexample-secret-for-zoneops-test',
        1714528800000,
      ),
    ).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=tok&timestamp=1714528800000&sign=vCQ02G2sPU37aSa2vfiUAYw5hM7WXdS5CupkGeLsEeA%3D',
    );
    expect(dingtalkUrl('https://oapi.dingtalk.com/robot/send', 'tok', undefined, 1)).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=tok',
    );
  });

  it('sends markdown with title, text and the @ mobiles (documented message format)', () => {
    expect(dingtalkBody({ payload })).toEqual({
      msgtype: 'markdown',
      markdown: { title: 't', text: '**x**\n\n@13800000001' },
      at: { atMobiles: ['13800000001'], isAtAll: false },
    });
  });
});

describe('WeCom mentions', () => {
  // WeCom 群机器人配置说明 (work.weixin.qq.com/api/doc/90000/90136/91770): `text` carries
  // `mentioned_list` (userids) and `mentioned_mobile_list` (phones); text and markdown content read
  // `<@userid>`; markdown has no mention lists.
  it('mentions by phone with a text message and its mentioned_mobile_list', () => {
    expect(wecomBody({ payload })).toEqual({
      msgtype: 'text',
      text: { content: 'x\n（李娟）', mentioned_mobile_list: ['13800000001'] },
    });
  });

  it('keeps the markdown card and mentions with <@userid> when everyone has a WeCom userid', () => {
    const to = [{ id: 'a', name: '李娟', phone: '13800000001', wecomUserId: 'LiJuan' }];
    expect(wecomBody({ payload: { ...payload, to } })).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**x**\n<@LiJuan>' },
    });
  });

  it('lists userids and phones together when some have a userid and some only a phone', () => {
    const to = [
      { id: 'a', name: '李娟', phone: '13800000001', wecomUserId: 'LiJuan' },
      { id: 'b', name: '王芳', phone: '13800000002' },
    ];
    expect(wecomBody({ payload: { ...payload, to } })).toEqual({
      msgtype: 'text',
      text: {
        content: 'x\n（李娟、王芳）',
        mentioned_list: ['LiJuan'],
        mentioned_mobile_list: ['13800000002'],
      },
    });
  });

  it('nobody to mention: the markdown card with the names in grey, as before', () => {
    const to = [{ id: 'a', name: '李娟' }];
    expect(wecomBody({ payload: { ...payload, to } })).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**x**\n<font color="comment">李娟</font>' },
    });
    const long = '缺'.repeat(3000);
    expect(Buffer.byteLength(truncateUtf8(long, 4096))).toBeLessThanOrEqual(4096);
  });
});

describe('delivery planning, back-off, rate limiting', () => {
  it('one row per shared channel, one per person for e-mail', () => {
    const rows = planDeliveries(
      'fault:1:L0',
      [
        { id: 'a', name: 'A', notify: ['grp', 'mail'], email: 'a@localhost' },
        { id: 'b', name: 'B', notify: ['grp', 'mail'] },
      ],
      [
        { id: 'grp', type: 'wecom' },
        { id: 'mail', type: 'email' },
      ],
      { type: 'initial', title: 't', text: 'x', markdown: 'x' },
    );
    expect(rows.map((r) => `${r.channel}/${r.recipient}/${r.payload.to.map((p) => p.id).join(',')}`)).toEqual(
      ['mail/a/a', 'grp/group/a,b'],
    );
  });

  it('backs off 15 s, 30 s, 1, 2, 4 min, then every 5 min', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(backoffMs)).toEqual([
      15_000, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000,
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  httpOutcome,
  parseRetryAfter,
  redact,
  robotOutcome,
  smtpOutcome,
} from '../../../src/notify/outcomes.js';

const min = 60_000;

describe('DingTalk custom robot errcodes', () => {
  // Codes and texts from DingTalk's 自定义机器人发送群聊消息 · 错误码 table and 自定义机器人接入 · 调用频率限制
  // ("每个机器人每分钟最多发送20条消息到群里，如果超过20条，会限流10分钟").
  it('130101 and 410100 are throttling: wait out the documented 10-minute block, not a failure', () => {
    expect(robotOutcome('dingtalk', 130101, 'send too fast, exceed 20 times per minute')).toEqual({
      kind: 'throttled',
      error: 'errcode 130101: send too fast, exceed 20 times per minute',
      waitMs: 10 * min,
    });
    expect(robotOutcome('dingtalk', 410100, '发送速度太快而限流').kind).toBe('throttled');
  });

  it('310000 (keyword, 加签, IP allow-list) and the token/robot errors hold the channel', () => {
    // errmsg as DingTalk answers it (seen in jenkinsci/dingtalk-plugin#88).
    const r = robotOutcome(
      'dingtalk',
      310000,
      'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
    );
    expect(r).toEqual({
      kind: 'permanent',
      scope: 'channel',
      error: 'errcode 310000: sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
    });
    for (const code of [300001, 400013, 400101, 400102, 400105, 400106])
      expect(robotOutcome('dingtalk', code, '')).toMatchObject({ kind: 'permanent', scope: 'channel' });
  });

  it('content refusals (430101–430104) fail that one message; -1 (系统繁忙) and unknown codes are retried', () => {
    expect(robotOutcome('dingtalk', 430102, '含有不合适的文本')).toMatchObject({
      kind: 'permanent',
      scope: 'message',
    });
    expect(robotOutcome('dingtalk', -1, '系统繁忙').kind).toBe('transient');
    expect(robotOutcome('dingtalk', 0, 'ok')).toEqual({ kind: 'sent' });
  });
});

describe('WeCom group robot errcodes', () => {
  // 全局错误码 (developer.work.weixin.qq.com/document/path/90455); errmsg as WeCom sends it
  // (wes-lin/Cloud189Checkin#175).
  it('45009 waits a minute; 93000 and 40xxx hold the channel; -1 retries', () => {
    expect(robotOutcome('wecom', 45009, 'api freq out of limit')).toMatchObject({
      kind: 'throttled',
      waitMs: min,
    });
    expect(
      robotOutcome(
        'wecom',
        93000,
        'invalid webhook url, hint: [1755605200056773468916791], more info at https://open.work.weixin.qq.com/devtool/query?e=93000',
      ),
    ).toMatchObject({
      kind: 'permanent',
      scope: 'channel',
      error: expect.stringContaining('invalid webhook url, hint:'),
    });
    expect(robotOutcome('wecom', 40008, 'invalid message type')).toMatchObject({
      kind: 'permanent',
      scope: 'channel',
    });
    expect(robotOutcome('wecom', -1, 'system busy').kind).toBe('transient');
  });
});

describe('HTTP answers of a webhook (Standard Webhooks · Delivery success and failure; RFC 9110)', () => {
  it('429 and 503 with Retry-After are throttled for as long as told', () => {
    expect(httpOutcome(429, 120_000)).toEqual({ kind: 'throttled', error: 'HTTP 429', waitMs: 120_000 });
    expect(httpOutcome(429, undefined)).toMatchObject({ kind: 'throttled', waitMs: min });
    expect(httpOutcome(503, 30_000)).toMatchObject({ kind: 'throttled', waitMs: 30_000 });
    expect(httpOutcome(503, undefined).kind).toBe('transient');
  });

  it('400/401/403/404/410 and redirects hold the channel; 5xx retries; 2xx is sent', () => {
    for (const s of [301, 400, 401, 403, 404, 410])
      expect(httpOutcome(s, undefined)).toMatchObject({ kind: 'permanent', scope: 'channel' });
    for (const s of [500, 502, 504, 408]) expect(httpOutcome(s, undefined).kind).toBe('transient');
    expect(httpOutcome(204, undefined)).toEqual({ kind: 'sent' });
  });

  it('reads Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3)', () => {
    const now = Date.parse('2025-05-06T01:30:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    // The RFC's own example form of an IMF-fixdate.
    expect(parseRetryAfter('Tue, 06 May 2025 01:32:30 GMT', now)).toBe(150_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('999999', now)).toBe(6 * 60 * min);
  });
});

describe('SMTP replies as nodemailer reports them (RFC 5321 §4.2)', () => {
  it('a 5xx to RCPT TO refuses that one address and keeps the server reason', () => {
    // The error nodemailer's smtp-connection builds when every recipient was rejected.
    const r = smtpOutcome({
      code: 'EENVELOPE',
      command: 'RCPT TO',
      responseCode: 550,
      response: '550 5.1.1 <wangfang@localhost>: Recipient address rejected: User unknown',
      rejected: ['wangfang@localhost'],
    });
    expect(r).toEqual({
      kind: 'permanent',
      scope: 'message',
      refused: 'wangfang@localhost',
      error: 'SMTP 550 (RCPT TO): 550 5.1.1 <wangfang@localhost>: Recipient address rejected: User unknown',
    });
  });

  it('421/451/452 are throttled, 535 to AUTH holds the channel, a dropped connection retries', () => {
    expect(
      smtpOutcome({
        code: 'EENVELOPE',
        command: 'RCPT TO',
        responseCode: 451,
        response: '451 4.7.1 Greylisted',
      }).kind,
    ).toBe('throttled');
    expect(
      smtpOutcome({ code: 'ECONNECTION', command: 'CONN', responseCode: 421, response: '421 too busy' }).kind,
    ).toBe('throttled');
    expect(
      smtpOutcome({
        code: 'EAUTH',
        command: 'AUTH PLAIN',
        responseCode: 535,
        response: '535 5.7.8 authentication failed',
      }),
    ).toMatchObject({ kind: 'permanent', scope: 'channel' });
    expect(
      smtpOutcome({
        code: 'EENVELOPE',
        command: 'MAIL FROM',
        responseCode: 553,
        response: '553 sender rejected',
      }),
    ).toMatchObject({
      kind: 'permanent',
      scope: 'channel',
    });
    expect(smtpOutcome({ code: 'ESOCKET' }).kind).toBe('transient');
  });
});

describe('redact', () => {
  it('removes a secret and its URL-encoded form from a platform text', () => {
    expect(redact('bad key a+b/c= and a%2Bb%2Fc%3D', ['a+b/c='])).toBe('bad key [redacted] and [redacted]');
  });
});

import { z } from 'zod';
import { host, identifier, integer, secret, text } from '../fields.js';
import { show } from '../problems.js';
import type { SecretSources } from '../secret.js';

export const httpUrl = () =>
  z.url({
    protocol: /^https?$/,
    error: (iss) => `expected an http(s) URL, got ${show(iss.input)}`,
  });

/** `notifiers[]`: the channels messages go out on (webhook, WeCom and DingTalk robots, e-mail, MQTT). */
export function notifierSchema(sources: SecretSources) {
  const notifierBase = { id: identifier() };
  const url = httpUrl();
  return z.discriminatedUnion(
    'type',
    [
      z.strictObject({
        ...notifierBase,
        type: z.literal('webhook'),
        url,
        secret: secret(sources).optional(),
      }),
      z.strictObject({
        ...notifierBase,
        type: z.literal('wecom'),
        key: secret(sources),
        baseUrl: url.default('https://qyapi.weixin.qq.com/cgi-bin/webhook/send'),
      }),
      z.strictObject({
        ...notifierBase,
        type: z.literal('dingtalk'),
        accessToken: secret(sources),
        secret: secret(sources).optional(),
        baseUrl: url.default('https://oapi.dingtalk.com/robot/send'),
      }),
      z.strictObject({
        ...notifierBase,
        type: z.literal('email'),
        from: text('a sender address'),
        smtp: z.strictObject({
          host: host(),
          port: integer(1, 65535).default(465),
          secure: z.boolean().default(true),
          user: text().optional(),
          password: secret(sources).optional(),
        }),
      }),
      z.strictObject({ ...notifierBase, type: z.literal('mqtt'), topic: text('an MQTT topic') }),
    ],
    {
      error: (iss) =>
        `expected type webhook, wecom, dingtalk, email or mqtt, got ${show((iss.input as { type?: unknown })?.type)}`,
    },
  );
}

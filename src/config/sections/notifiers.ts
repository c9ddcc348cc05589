import { z } from 'zod';
import { host, identifier, integer, secret, text } from '../fields.js';
import { say, show } from '../problems.js';
import type { SecretSources } from '../secret.js';

export const httpUrl = () =>
  z.url({
    protocol: /^https?$/,
    error: (iss) =>
      say(`expected an http(s) URL, got ${show(iss.input)}`, `应为 http(s) 网址，实际是 ${show(iss.input)}`),
  });

/**
 * A webhook signing secret: Standard Webhooks' `whsec_<base64>` form (the key is the decoded bytes,
 * at least 24 of them per the spec's "Signing secret" row), or any other text, used as its UTF-8 bytes.
 * The problem names the rule, never the value.
 */
export function webhookSecret(sources: SecretSources) {
  return secret(sources).superRefine((s, ctx) => {
    const v = s.reveal();
    if (!v.startsWith('whsec_')) return;
    const b64 = v.slice('whsec_'.length);
    const bytes = Buffer.from(b64, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || bytes.length < 24 || bytes.length > 64)
      ctx.addIssue({
        code: 'custom',
        input: '[redacted]',
        message: say(
          "a whsec_ secret must be whsec_ followed by the base64 of 24 to 64 random bytes (make one: node -e \"console.log('whsec_' + require('crypto').randomBytes(32).toString('base64'))\")",
          "whsec_ 密钥应为 whsec_ 加上 24 到 64 个随机字节的 base64（生成方法：node -e \"console.log('whsec_' + require('crypto').randomBytes(32).toString('base64'))\"）",
        ),
      });
  });
}

/**
 * `notifiers[].smtp` of an e-mail channel. TLS always, by default: `secure: true` is TLS from the start
 * (port 465); `secure: false` upgrades with STARTTLS and, with `requireTLS` (default), refuses to go on
 * when the server offers none, so nothing — a password least of all — crosses the network in clear
 * (nodemailer's SMTP options: https://nodemailer.com/smtp/ — secure, requireTLS, tls). A private CA is
 * trusted through `tls.caFile`. Only an explicit `allowInsecureAuth: true` lets a password go over a
 * connection without TLS (and the daemon warns at every start).
 */
function smtpSchema(sources: SecretSources) {
  return z
    .strictObject({
      host: host(),
      port: integer(1, 65535).default(465),
      secure: z.boolean().default(true),
      /** With secure: false: STARTTLS or nothing (default). false: send in clear when the server has no STARTTLS. */
      requireTLS: z.boolean().default(true),
      tls: z
        .strictObject({
          /** PEM file of the CA that signed the server's certificate (a private CA). */
          caFile: text('a file path').optional(),
          rejectUnauthorized: z.boolean().default(true),
        })
        .default({ rejectUnauthorized: true }),
      user: text().optional(),
      password: secret(sources).optional(),
      allowInsecureAuth: z.boolean().default(false),
    })
    .transform((smtp, ctx) => {
      let ca: string | undefined;
      if (smtp.tls.caFile !== undefined) {
        const read = readPem(smtp.tls.caFile, sources);
        if (typeof read === 'string') ca = read;
        else ctx.addIssue({ code: 'custom', path: ['tls', 'caFile'], message: read.problem });
      }
      const inClear = !smtp.secure && !smtp.requireTLS;
      if (inClear && (smtp.user !== undefined || smtp.password !== undefined) && !smtp.allowInsecureAuth) {
        ctx.addIssue({
          code: 'custom',
          path: ['allowInsecureAuth'],
          message:
            'with secure: false and requireTLS: false the password would cross the network unencrypted; use TLS, or set allowInsecureAuth: true to accept that',
        });
      }
      return { ...smtp, ...(ca !== undefined ? { ca } : {}) };
    });
}

/** A PEM certificate file; a problem names the file, never a line of it (it may be any file). */
function readPem(file: string, sources: SecretSources): string | { problem: string } {
  let text: string;
  try {
    text = sources.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: `${file}: ${code === 'ENOENT' ? 'file not found' : 'cannot read the file'}` };
  }
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(text)) {
    return { problem: `${file}: not a PEM certificate (expected -----BEGIN CERTIFICATE-----)` };
  }
  return text;
}

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
        secret: webhookSecret(sources).optional(),
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
        smtp: smtpSchema(sources),
      }),
      z.strictObject({ ...notifierBase, type: z.literal('mqtt'), topic: text('an MQTT topic') }),
    ],
    {
      error: (iss) => {
        const got = show((iss.input as { type?: unknown })?.type);
        return say(
          `expected type webhook, wecom, dingtalk, email or mqtt, got ${got}`,
          `type 应为 webhook、wecom（企业微信）、dingtalk（钉钉）、email 或 mqtt，实际是 ${got}`,
        );
      },
    },
  );
}

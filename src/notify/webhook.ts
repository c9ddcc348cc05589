import { createHash, createHmac } from 'node:crypto';
import type { Secret } from '../config/secret.js';
import { postJson } from './http-post.js';
import { httpOutcome, parseRetryAfter, redact } from './outcomes.js';
import type { Channel, OutgoingMessage } from './types.js';

/**
 * The generic webhook, signed per Standard Webhooks 1.0.0 (github.com/standard-webhooks, spec/
 * standard-webhooks.md · "Webhook headers" and "Signature scheme"):
 * - `webhook-id`: one id per message, the same on every retry (receivers dedupe by it);
 * - `webhook-timestamp`: integer Unix seconds of this attempt;
 * - `webhook-signature`: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`.
 * The key is the base64 after `whsec_` (the spec's secret serialization); a plain secret without the
 * prefix is used as its UTF-8 bytes (the `standardwebhooks` libraries' `format: "raw"`).
 */
export function webhookKey(secret: string): Buffer {
  return secret.startsWith('whsec_')
    ? Buffer.from(secret.slice('whsec_'.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

export function webhookSignature(key: Buffer, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64')}`;
}

/**
 * A message's webhook-id: stable across retries and restarts, unique across databases (the row's
 * creation time is part of it), and free of `.` as the spec requires.
 */
export function webhookId(
  site: string,
  msg: Pick<OutgoingMessage, 'eventKey' | 'channel' | 'recipient' | 'createdAt'>,
) {
  const digest = createHash('sha256')
    .update([site, msg.eventKey, msg.channel, msg.recipient, String(msg.createdAt ?? 0)].join('\u0000'))
    .digest('base64url');
  return `msg_${digest.slice(0, 27)}`;
}

function webhookBody(site: string, msg: OutgoingMessage) {
  const p = msg.payload;
  return {
    site,
    event: msg.eventKey,
    type: p.type,
    title: p.title,
    text: p.text,
    ...(p.link ? { link: p.link } : {}),
    ...(p.faultId !== undefined ? { faultId: p.faultId } : {}),
    ...(p.deviceId ? { deviceId: p.deviceId } : {}),
    ...(p.kind ? { kind: p.kind } : {}),
    ...(p.severity ? { severity: p.severity } : {}),
    ...(msg.late ? { late: true } : {}),
    to: p.to.map((r) => ({ id: r.id, name: r.name })),
  };
}

/**
 * `wallNow` is the real clock: the receiver compares webhook-timestamp with its own clock (the
 * libraries allow 5 minutes either way). Outcomes of the HTTP status: outcomes.ts.
 */
export function createWebhookChannel(
  cfg: { id: string; url: string; secret?: Secret },
  site: string,
  wallNow: () => number,
  timeoutMs = 10_000,
): Channel {
  return {
    id: cfg.id,
    type: 'webhook',
    async send(msg, hooks) {
      const body = JSON.stringify(webhookBody(site, msg));
      const id = webhookId(site, msg);
      const ts = Math.floor(wallNow() / 1000);
      const headers: Record<string, string> = { 'webhook-id': id, 'webhook-timestamp': String(ts) };
      if (cfg.secret)
        headers['webhook-signature'] = webhookSignature(webhookKey(cfg.secret.reveal()), id, ts, body);
      const reply = await postJson(cfg.url, body, headers, { timeoutMs, beforeWrite: hooks.beforeWrite });
      if ('error' in reply) return { kind: 'transient', error: reply.error };
      const outcome = httpOutcome(reply.status, parseRetryAfter(reply.retryAfter, wallNow()));
      if (outcome.kind === 'sent' || !reply.body) return outcome;
      // Keep the receiver's reason (first line, short): it is what the technician needs to fix it.
      const first = reply.body.split('\n')[0]?.trim().slice(0, 160) ?? '';
      const reason = redact(first, [cfg.secret?.reveal()]);
      return reason ? { ...outcome, error: `${outcome.error}: ${reason}` } : outcome;
    },
  };
}

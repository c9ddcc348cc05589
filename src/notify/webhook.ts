import { createHmac } from 'node:crypto';
import type { Secret } from '../config/secret.js';
import { postJson } from './http-post.js';
import type { Channel, OutgoingMessage } from './types.js';

/**
 * Generic JSON webhook. With a secret, the request carries
 * `X-Zoneops-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` and `X-Zoneops-Timestamp`
 * (signing the timestamp too lets a receiver refuse replays), plus `X-Zoneops-Event` — the outbox
 * event key — so a receiver can drop the rare duplicate after a crash between send and "mark sent".
 * Any 2xx is success.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
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
    to: p.to.map((r) => ({ id: r.id, name: r.name })),
  };
}

export function createWebhookChannel(
  cfg: { id: string; url: string; secret?: Secret },
  site: string,
  now: () => number,
  timeoutMs = 10_000,
): Channel {
  return {
    id: cfg.id,
    type: 'webhook',
    async send(msg: OutgoingMessage) {
      const body = JSON.stringify(webhookBody(site, msg));
      const ts = now();
      const headers: Record<string, string> = {
        'X-Zoneops-Event': msg.eventKey,
        'X-Zoneops-Timestamp': String(ts),
      };
      if (cfg.secret) headers['X-Zoneops-Signature'] = webhookSignature(cfg.secret.reveal(), ts, body);
      const reply = await postJson(cfg.url, body, headers, timeoutMs);
      if ('error' in reply) return { ok: false, error: reply.error };
      if (reply.status >= 200 && reply.status < 300) return { ok: true };
      return reply.status === 429
        ? { ok: false, error: 'HTTP 429', retryAfterMs: 60_000 }
        : { ok: false, error: `HTTP ${reply.status}` };
    },
  };
}

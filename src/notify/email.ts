import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Secret } from '../config/secret.js';
import { redact, type SmtpError, smtpOutcome } from './outcomes.js';
import type { Channel, OutgoingMessage } from './types.js';

interface EmailChannelConfig {
  id: string;
  from: string;
  smtp: { host: string; port: number; secure: boolean; user?: string; password?: Secret };
}

/**
 * E-mail over SMTP with nodemailer: one message per person (the outbox row's recipient). A refused
 * address fails that one message (outcomes.ts `smtpOutcome`), never the channel. The Message-ID is
 * the same on every attempt of a message (RFC 5322 §3.6.4), so a repeat after a crash is recognisable;
 * `X-Zoneops-Event` carries the event key for mail rules.
 */
export function createEmailChannel(cfg: EmailChannelConfig, site: string, timeoutMs = 15_000): Channel {
  const transport = nodemailer.createTransport({
    host: cfg.smtp.host,
    port: cfg.smtp.port,
    secure: cfg.smtp.secure,
    ...(cfg.smtp.user && cfg.smtp.password
      ? { auth: { user: cfg.smtp.user, pass: cfg.smtp.password.reveal() } }
      : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    id: cfg.id,
    type: 'email',
    async send(msg, hooks) {
      const to = msg.payload.to.flatMap((r) => (r.email ? [r.email] : []));
      if (to.length === 0)
        return { kind: 'permanent', error: 'recipient has no e-mail address', scope: 'message' };
      // nodemailer exposes no "about to send DATA" hook: the attempt counts as written from here.
      await hooks.beforeWrite();
      try {
        await transport.sendMail({
          from: cfg.from,
          to,
          subject: msg.payload.title,
          text: msg.payload.text,
          messageId: messageId(site, msg),
          // base64 keeps Chinese text intact through any 7-bit relay.
          textEncoding: 'base64',
          headers: { 'X-Zoneops-Event': msg.eventKey },
        });
        return { kind: 'sent' };
      } catch (err) {
        const outcome = smtpOutcome(err as SmtpError);
        if (outcome.kind === 'sent') return outcome;
        return { ...outcome, error: redact(outcome.error, [cfg.smtp.password?.reveal()]) };
      }
    },
    async close() {
      transport.close();
    },
  };
}

export function messageId(site: string, msg: Pick<OutgoingMessage, 'eventKey' | 'recipient' | 'createdAt'>) {
  const h = createHash('sha256')
    .update([msg.eventKey, msg.recipient, String(msg.createdAt ?? 0)].join('\u0000'))
    .digest('hex')
    .slice(0, 24);
  return `<${h}@${site}.zoneops.invalid>`;
}

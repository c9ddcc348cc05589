import nodemailer from 'nodemailer';
import type { Secret } from '../config/secret.js';
import type { Channel, OutgoingMessage } from './types.js';

interface EmailChannelConfig {
  id: string;
  from: string;
  smtp: { host: string; port: number; secure: boolean; user?: string; password?: Secret };
}

/** E-mail over SMTP with nodemailer: one message per person (the outbox row's recipient). */
export function createEmailChannel(cfg: EmailChannelConfig, timeoutMs = 15_000): Channel {
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
    async send(msg: OutgoingMessage) {
      const to = msg.payload.to.flatMap((r) => (r.email ? [r.email] : []));
      if (to.length === 0) return { ok: false, error: 'recipient has no e-mail address' };
      try {
        await transport.sendMail({
          from: cfg.from,
          to,
          subject: msg.payload.title,
          text: msg.payload.text,
          // base64 keeps Chinese text intact through any 7-bit relay.
          textEncoding: 'base64',
          headers: { 'X-Zoneops-Event': msg.eventKey },
        });
        return { ok: true };
      } catch (err) {
        const e = err as { code?: string; responseCode?: number };
        return { ok: false, error: `SMTP ${e.responseCode ?? e.code ?? 'error'}` };
      }
    },
    async close() {
      transport.close();
    },
  };
}

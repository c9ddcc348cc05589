import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Secret } from '../config/secret.js';
import type { Logger } from '../log.js';
import { redact, type SmtpError, smtpOutcome } from './outcomes.js';
import type { Channel, OutgoingMessage, SendResult } from './types.js';

interface EmailChannelConfig {
  id: string;
  from: string;
  smtp: {
    host: string;
    port: number;
    /** TLS from the start (port 465). */
    secure: boolean;
    /** Without `secure`: STARTTLS or no mail at all. */
    requireTLS: boolean;
    tls: { rejectUnauthorized: boolean; caFile?: string | undefined };
    /** The PEM text of tls.caFile (read when the config was loaded). */
    ca?: string | undefined;
    user?: string | undefined;
    password?: Secret | undefined;
    allowInsecureAuth: boolean;
  };
}

/**
 * A TLS failure is the server's or the config's, not the moment's: the channel holds until the config
 * changes (outcomes.ts), with a reason the technician can act on (never the password).
 */
function tlsFailure(err: unknown, smtp: EmailChannelConfig['smtp']): SendResult | undefined {
  const e = err as { code?: string; message?: string };
  if (e.code === 'ETLS') {
    return {
      kind: 'permanent',
      scope: 'channel',
      error:
        'SMTP: the server does not offer STARTTLS and TLS is required (smtp.requireTLS): nothing was sent, no password either',
    };
  }
  if (/certificate|self[- ]signed|unable to verify|CERT_/i.test(e.message ?? '')) {
    return {
      kind: 'permanent',
      scope: 'channel',
      error: `SMTP: the server's TLS certificate is not trusted (${smtp.tls.caFile ? 'not signed by smtp.tls.caFile' : 'set smtp.tls.caFile for a private CA'})`,
    };
  }
  return undefined;
}

/**
 * E-mail over SMTP with nodemailer: one message per person (the outbox row's recipient). A refused
 * address fails that one message (outcomes.ts `smtpOutcome`), never the channel. The Message-ID is
 * the same on every attempt of a message (RFC 5322 §3.6.4), so a repeat after a crash is recognisable;
 * `X-Zoneops-Event` carries the event key for mail rules. Encrypted unless the config explicitly says
 * otherwise (config/sections/notifiers.ts), with nodemailer's own options (https://nodemailer.com/smtp/:
 * `secure`, `requireTLS`, `tls.ca`, `tls.rejectUnauthorized`).
 */
export function createEmailChannel(
  cfg: EmailChannelConfig,
  site: string,
  timeoutMs = 15_000,
  logger?: Logger,
): Channel {
  const smtp = cfg.smtp;
  const inClear = !smtp.secure && !smtp.requireTLS;
  if (inClear && smtp.user && smtp.password) {
    logger?.warn(
      { channel: cfg.id, host: smtp.host, port: smtp.port },
      'SMTP password is sent WITHOUT encryption (secure: false, requireTLS: false, allowInsecureAuth: true): anyone on the network path can read it; use TLS',
    );
  } else if (inClear) {
    logger?.warn(
      { channel: cfg.id, host: smtp.host },
      'SMTP mail goes unencrypted when the server has no STARTTLS (requireTLS: false)',
    );
  }
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    // Only meaningful without `secure`; nodemailer then sends STARTTLS or fails with ETLS.
    requireTLS: !smtp.secure && smtp.requireTLS,
    tls: { rejectUnauthorized: smtp.tls.rejectUnauthorized, ...(smtp.ca ? { ca: smtp.ca } : {}) },
    ...(smtp.user && smtp.password ? { auth: { user: smtp.user, pass: smtp.password.reveal() } } : {}),
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
        const tls = tlsFailure(err, smtp);
        if (tls) return tls;
        const outcome = smtpOutcome(err as SmtpError);
        if (outcome.kind === 'sent') return outcome;
        return { ...outcome, error: redact(outcome.error, [smtp.password?.reveal()]) };
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

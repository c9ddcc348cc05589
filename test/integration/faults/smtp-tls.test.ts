import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfig } from '../../../src/config/load.js';
import type { NotifierConfig } from '../../../src/config/schema.js';
import { createLogger } from '../../../src/log.js';
import { createEmailChannel } from '../../../src/notify/email.js';
import { minimalConfigData } from '../../helpers/config.js';
import { freePort } from '../../helpers/net.js';
import { requireBinary, waitUntil } from '../../helpers/proc.js';

/**
 * E-mail never in clear, against a real SMTP server (aiosmtpd from Debian's python3-aiosmtpd, driven by
 * test/helpers/smtp-server.py) that offers AUTH even without TLS — the server the review captured
 * `AUTH PLAIN` on. nodemailer's options: https://nodemailer.com/smtp/ (secure, requireTLS, tls).
 */
interface SmtpPeer {
  port: number;
  events: Array<{ event: string; mechanism?: string; tls?: boolean }>;
  stop(): Promise<void>;
}

async function startSmtp(tls?: { cert: string; key: string }): Promise<SmtpPeer> {
  const python = requireBinary('/usr/bin/python3');
  const port = await freePort();
  const script = new URL('../../helpers/smtp-server.py', import.meta.url).pathname;
  const args = [
    script,
    '--port',
    String(port),
    ...(tls ? ['--tls-cert', tls.cert, '--tls-key', tls.key] : []),
  ];
  const proc = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const events: SmtpPeer['events'] = [];
  let errors = '';
  proc.stderr.on('data', (b: Buffer) => {
    errors += b.toString();
  });
  createInterface({ input: proc.stdout }).on('line', (line) => events.push(JSON.parse(line)));
  await waitUntil(() => events.some((e) => e.event === 'ready'), 10_000, `aiosmtpd ready (${errors})`);
  return {
    port,
    events,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

/** A notifier as the config loader makes it (defaults and checks applied). */
function emailNotifier(smtp: Record<string, unknown>): Extract<NotifierConfig, { type: 'email' }> {
  const data = minimalConfigData();
  data.notifiers = [
    ...((data.notifiers as unknown[] | undefined) ?? []),
    { id: 'mail', type: 'email', from: 'zoneops@localhost', smtp },
  ];
  const r = parseConfig(stringify(data), 'test.yaml', { env: { SMTP_PW: 'smtp-test-password-42' } });
  if (!r.ok) throw new Error(r.error.join('\n'));
  return r.value.notifiers.find((x) => x.id === 'mail') as Extract<NotifierConfig, { type: 'email' }>;
}

const message = {
  eventKey: 'test:1',
  payload: { to: [{ id: 'tech', name: '技术员', email: 'tech@localhost' }], title: '测试', text: '测试邮件' },
} as unknown as Parameters<ReturnType<typeof createEmailChannel>['send']>[0];

/** The dispatcher's hook before the first byte goes out (nothing to record here). */
const hooks = { beforeWrite: async () => {} };

let plain: SmtpPeer;
let starttls: SmtpPeer;
let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zoneops-smtp-tls-'));
  // A private CA and a server certificate for 127.0.0.1 signed by it (openssl, made for this test).
  const o = (...a: string[]) => execFileSync('openssl', a, { cwd: dir, stdio: 'pipe' });
  o(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=zoneops test CA',
  );
  o(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  );
  // subjectAltName: Node checks the certificate's name against the address it connected to.
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  o(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'san.cnf',
  );
  plain = await startSmtp();
  starttls = await startSmtp({ cert: join(dir, 'server.pem'), key: join(dir, 'server.key') });
}, 30_000);

afterAll(async () => {
  await plain?.stop();
  await starttls?.stop();
});

describe('SMTP without TLS from the server', () => {
  it('secure: false sends no AUTH and no mail to a server without STARTTLS, and says why', async () => {
    const n = emailNotifier({
      host: '127.0.0.1',
      port: plain.port,
      secure: false,
      user: 'zoneops',
      password: '${SMTP_PW}',
    });
    expect(n.smtp.requireTLS).toBe(true);
    const ch = createEmailChannel({ id: n.id, from: n.from, smtp: n.smtp }, 'smtp-test', 5000);
    const r = await ch.send(message, hooks);
    await ch.close?.();
    // The server's or the config's fault, not the moment's: the channel holds until the config changes.
    expect(r).toMatchObject({ kind: 'permanent', scope: 'channel' });
    expect('error' in r ? r.error : '').toMatch(/does not offer STARTTLS.*nothing was sent/);
    expect(plain.events.filter((e) => e.event === 'auth' || e.event === 'message')).toEqual([]);
  });

  it('a password over a connection without TLS is a config error unless allowInsecureAuth: true, which is logged loudly', async () => {
    expect(() =>
      emailNotifier({
        host: '127.0.0.1',
        port: plain.port,
        secure: false,
        requireTLS: false,
        user: 'zoneops',
        password: '${SMTP_PW}',
      }),
    ).toThrow(
      /smtp\.allowInsecureAuth: with secure: false and requireTLS: false the password would cross the network unencrypted/,
    );
    const n = emailNotifier({
      host: '127.0.0.1',
      port: plain.port,
      secure: false,
      requireTLS: false,
      allowInsecureAuth: true,
      user: 'zoneops',
      password: '${SMTP_PW}',
    });
    const lines: string[] = [];
    const logger = createLogger('warn', {
      write: (l: string) => lines.push(l),
    } as unknown as NodeJS.WritableStream);
    const ch = createEmailChannel({ id: n.id, from: n.from, smtp: n.smtp }, 'smtp-test', 5000, logger);
    expect(lines.join('')).toMatch(/SMTP password is sent WITHOUT encryption/);
    expect(lines.join('')).not.toContain('smtp-test-password-42');
    const r = await ch.send(message, hooks);
    await ch.close?.();
    expect(r).toEqual({ kind: 'sent' });
    // Only because it was asked for: the AUTH went in clear.
    expect(plain.events.filter((e) => e.event === 'auth')).toEqual([
      { event: 'auth', mechanism: 'PLAIN', tls: false },
    ]);
  });
});

describe('SMTP with STARTTLS and a private CA', () => {
  it('trusts the server through smtp.tls.caFile and authenticates only under TLS', async () => {
    const n = emailNotifier({
      host: '127.0.0.1',
      port: starttls.port,
      secure: false,
      tls: { caFile: join(dir, 'ca.pem') },
      user: 'zoneops',
      password: '${SMTP_PW}',
    });
    const ch = createEmailChannel({ id: n.id, from: n.from, smtp: n.smtp }, 'smtp-test', 5000);
    const r = await ch.send(message, hooks);
    await ch.close?.();
    expect(r).toEqual({ kind: 'sent' });
    await waitUntil(
      () => starttls.events.some((e) => e.event === 'message'),
      5000,
      'the message at the server',
    );
    expect(starttls.events.filter((e) => e.event !== 'ready')).toEqual([
      { event: 'auth', mechanism: 'PLAIN', tls: true },
      { event: 'message', from: 'zoneops@localhost', to: ['tech@localhost'], tls: true },
    ]);
  });

  it('without the CA the certificate is refused (and nothing sent); rejectUnauthorized: false accepts it', async () => {
    const before = starttls.events.length;
    const strict = emailNotifier({
      host: '127.0.0.1',
      port: starttls.port,
      secure: false,
      user: 'zoneops',
      password: '${SMTP_PW}',
    });
    const ch = createEmailChannel({ id: strict.id, from: strict.from, smtp: strict.smtp }, 'smtp-test', 5000);
    const r = await ch.send(message, hooks);
    await ch.close?.();
    expect('error' in r ? r.error : '').toMatch(/certificate is not trusted \(set smtp\.tls\.caFile/);
    expect(starttls.events.length).toBe(before);
    const lax = emailNotifier({
      host: '127.0.0.1',
      port: starttls.port,
      secure: false,
      tls: { rejectUnauthorized: false },
    });
    const ch2 = createEmailChannel({ id: lax.id, from: lax.from, smtp: lax.smtp }, 'smtp-test', 5000);
    expect(await ch2.send(message, hooks)).toEqual({ kind: 'sent' });
    await ch2.close?.();
  });

  it('a caFile that is not a certificate is a config error that does not show the file', () => {
    expect(() =>
      emailNotifier({ host: '127.0.0.1', port: 25, secure: false, tls: { caFile: '/etc/passwd' } }),
    ).toThrow(/smtp\.tls\.caFile: \/etc\/passwd: not a PEM certificate/);
    try {
      emailNotifier({ host: '127.0.0.1', port: 25, secure: false, tls: { caFile: '/etc/passwd' } });
    } catch (err) {
      expect(String(err)).not.toContain(readFileSync('/etc/passwd', 'utf8').split('\n')[0]);
    }
  });
});

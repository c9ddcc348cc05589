import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type { AccessRules, Principal } from './acl.js';

/**
 * The same access rules for an external Mosquitto (`zoneops mqtt acl`): a `password_file` and an
 * `acl_file` (mosquitto.conf(5), "acl_file": `user <username>` then `topic read|write|readwrite <topic>`;
 * only the topics listed are allowed).
 */

/** mosquitto_passwd's default PBKDF2 iteration count (Mosquitto 2.0, common/password_mosq.c PW_DEFAULT_ITERATIONS). */
const iterations = 101;

/**
 * One `password_file` line in Mosquitto's own hash format (common/password_mosq.c, pw_sha512_pbkdf2):
 * `<username>:$7$<iterations>$<base64 salt, 12 or 64 bytes>$<base64 PBKDF2-HMAC-SHA512, 64 bytes>`.
 */
export function passwordLine(username: string, password: string, salt: Buffer = randomBytes(12)): string {
  const hash = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return `${username}:$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function passwordFile(rules: AccessRules): string {
  const lines: string[] = [];
  for (const p of rules.byUsername.values()) {
    if (p.password) lines.push(passwordLine(p.username, p.password.reveal()));
  }
  return `${lines.join('\n')}\n`;
}

function aclLines(p: Principal): string[] {
  const out = [`# ${p.kind === 'zoneops' ? 'zoneops itself' : `${p.kind} ${p.id}`}`, `user ${p.username}`];
  const both = new Set(p.publish.filter((f) => p.subscribe.includes(f)));
  for (const f of both) out.push(`topic readwrite ${f}`);
  for (const f of p.publish) if (!both.has(f)) out.push(`topic write ${f}`);
  for (const f of p.subscribe) if (!both.has(f)) out.push(`topic read ${f}`);
  return out;
}

export function aclFile(rules: AccessRules, note: string): string {
  const blocks = [...rules.byUsername.values()].map((p) => aclLines(p).join('\n'));
  return `# zoneops MQTT access rules (${note}). No line for anonymous clients: they get nothing.\n\n${blocks.join('\n\n')}\n`;
}

/** What goes into mosquitto.conf for these files (the limits match the embedded broker's defaults). */
export function mosquittoConfLines(passwd: string, acl: string, maxPacketBytes: number): string[] {
  return [
    'allow_anonymous false',
    `password_file ${passwd}`,
    `acl_file ${acl}`,
    `max_packet_size ${maxPacketBytes}`,
  ];
}

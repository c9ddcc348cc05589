import { randomBytes } from 'node:crypto';
import { parseDocument } from 'yaml';
import { err, ok, type Result } from '../domain/result.js';
import { Secret, type SecretSources } from './secret.js';

/**
 * The MQTT credentials file (`mqtt.credentialsFile`, written by `zoneops mqtt credentials`): zoneops' own
 * password and one password per MQTT username (a device, a hygiene button). YAML, kept private (0600):
 *
 *     zoneops: "…"            # zoneops' own password (optional)
 *     clients:
 *       plug-01: "…"          # by MQTT username (default: the device or button id)
 *
 * Problems name the file and the entry, never a value or a line of the file: the path may point at a file
 * that is not ours (`/etc/shadow`), and its content must not reach a terminal or a log.
 */
export interface MqttCredentials {
  readonly zoneops?: string;
  readonly clients: ReadonlyMap<string, string>;
}

export type CredentialsLoad = Result<MqttCredentials, string>;

const usernamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const passwordPattern = /^[\x21-\x7e]{12,256}$/;

export function parseCredentials(source: string, file: string): CredentialsLoad {
  const fail = (why: string): CredentialsLoad =>
    err(`${file}: ${why} (write it with "zoneops mqtt credentials")`);
  const doc = parseDocument(source, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const line = doc.errors[0]?.linePos?.[0]?.line;
    return fail(`not a credentials file: YAML syntax error${line ? ` on line ${line}` : ''}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 10 });
  } catch {
    return fail('not a credentials file: too many YAML aliases');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('not a credentials file: expected a mapping with zoneops: and clients:');
  }
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k !== 'zoneops' && k !== 'clients') return fail('not a credentials file: unexpected top-level field');
  }
  if (o.zoneops !== undefined && (typeof o.zoneops !== 'string' || !passwordPattern.test(o.zoneops))) {
    return fail('zoneops: expected a password of 12..256 printable characters');
  }
  const clients = new Map<string, string>();
  if (o.clients !== undefined && o.clients !== null) {
    if (typeof o.clients !== 'object' || Array.isArray(o.clients)) return fail('clients: expected a mapping');
    for (const [user, pw] of Object.entries(o.clients as Record<string, unknown>)) {
      if (!usernamePattern.test(user)) return fail('clients: an entry is not a valid MQTT username');
      if (typeof pw !== 'string' || !passwordPattern.test(pw)) {
        return fail(`clients.${user}: expected a password of 12..256 printable characters`);
      }
      clients.set(user, pw);
    }
  }
  return ok({ ...(typeof o.zoneops === 'string' ? { zoneops: o.zoneops } : {}), clients });
}

export function readCredentials(
  file: string,
  readFile: SecretSources['readFile'],
  mayBeMissing = false,
): CredentialsLoad {
  let source: string;
  try {
    source = readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && mayBeMissing) return ok({ clients: new Map() });
    const why = code === 'ENOENT' ? 'file not found' : 'cannot read the file';
    return err(`${file}: ${why} (write it with "zoneops mqtt credentials")`);
  }
  return parseCredentials(source, file);
}

/** The file's text; passwords are quoted so YAML never reads one as a number or a date. */
export function renderCredentials(c: MqttCredentials, note: string): string {
  const lines = [
    `# zoneops MQTT credentials (${note}). Keep this file private (chmod 600): it holds passwords.`,
    '# 设备 MQTT 账号密码：请妥善保管（权限 600），把每台设备的密码填入设备自身的 MQTT 设置。',
  ];
  if (c.zoneops !== undefined) lines.push(`zoneops: ${JSON.stringify(c.zoneops)}`);
  lines.push('clients:');
  for (const [user, pw] of [...c.clients].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${user}: ${JSON.stringify(pw)}`);
  }
  if (c.clients.size === 0) lines[lines.length - 1] = 'clients: {}';
  return `${lines.join('\n')}\n`;
}

/** 24 random bytes as base64url: 32 characters any device's settings page accepts. */
export function newMqttPassword(): string {
  return randomBytes(24).toString('base64url');
}

export function credentialSecret(value: string, file: string): Secret {
  return new Secret(value, `file:${file}`);
}

interface WithCredentials {
  site: string;
  mqtt: {
    credentialsFile?: string | undefined;
    clientId?: string | undefined;
    username?: string | undefined;
    password?: Secret | undefined;
  };
  devices: Array<{
    id: string;
    mqtt?: { username?: string | undefined; password?: Secret | undefined } | undefined;
  }>;
  hygiene: { buttons: Array<{ id: string; username?: string | undefined; password?: Secret | undefined }> };
}

/**
 * Fills in the passwords the config does not give itself from `mqtt.credentialsFile` (a password in the
 * config wins). Returns the problem with the file, if any; the config is changed in place.
 */
export function applyCredentialsFile<C extends WithCredentials>(
  cfg: C,
  sources: Pick<SecretSources, 'readFile' | 'credentialsFileMayBeMissing'>,
  zoneopsUsername: string,
): string | undefined {
  const file = cfg.mqtt.credentialsFile;
  if (file === undefined) return undefined;
  const loaded = readCredentials(file, sources.readFile, sources.credentialsFileMayBeMissing);
  if (!loaded.ok) return loaded.error;
  const c = loaded.value;
  if (cfg.mqtt.password === undefined && c.zoneops !== undefined) {
    cfg.mqtt.password = credentialSecret(c.zoneops, file);
    if (cfg.mqtt.username === undefined) cfg.mqtt.username = zoneopsUsername;
  }
  for (const d of cfg.devices) {
    if (!d.mqtt || d.mqtt.password !== undefined) continue;
    const pw = c.clients.get(d.mqtt.username ?? d.id);
    if (pw !== undefined) d.mqtt.password = credentialSecret(pw, file);
  }
  for (const b of cfg.hygiene.buttons) {
    if (b.password !== undefined) continue;
    const pw = c.clients.get(b.username ?? b.id);
    if (pw !== undefined) b.password = credentialSecret(pw, file);
  }
  return undefined;
}

import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../helpers/cli.js';
import { device, zoneConfig } from '../../reliability/helpers/daemon.js';
import { accessZone, readCreds, site } from './access-helpers.js';

/**
 * `zoneops mqtt credentials` as the technician runs it over the life of a zone: once at the start, again
 * after a plug is added (the devices already set up keep their passwords), and with `--rotate` when every
 * password must change. It never prints a password: they are in the file (mode 600) only.
 */
function zone(dir: string, extraDevices: Array<Record<string, unknown>> = []) {
  const credentialsFile = join(dir, 'mqtt-credentials.yaml');
  const data = zoneConfig({
    port: 9464,
    dbPath: join(dir, 'z.db'),
    extra: { site, ...accessZone({ mqtt: { embedded: { listen: '127.0.0.1:1883' }, credentialsFile } }) },
  });
  (data.devices as Array<Record<string, unknown>>).push(...extraDevices);
  const config = join(dir, 'zoneops.yaml');
  writeFileSync(config, stringify(data));
  return { config, credentialsFile };
}

const allPasswords = (c: ReturnType<typeof readCreds>) => [c.zoneops, ...Object.values(c.clients)];

describe('zoneops mqtt credentials', () => {
  it('writes one password per device and button (mode 600), keeps them on the next run, adds only new devices, rotates on request', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoneops-mqtt-creds-'));
    const { config, credentialsFile } = zone(dir);
    const first = runCli(['mqtt', 'credentials', '--config', config]);
    expect(first.code, first.stderr).toBe(0);
    expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
    const c1 = readCreds(credentialsFile);
    expect(Object.keys(c1.clients).sort()).toEqual(['door-button', 'pc-01', 'plug-a', 'plug-b']);
    const passwords = allPasswords(c1);
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const p of passwords) expect(p).toMatch(/^.{32,}$/);
    // Chinese by default, and no password on the screen.
    expect(first.stdout).toContain('新增 4 个设备账号');
    for (const p of passwords) expect(`${first.stdout}${first.stderr}`).not.toContain(p);

    // A plug added to the register: the others keep theirs (they are typed into the devices already).
    const { config: config2 } = zone(dir, [
      device('plug-c', 'plug', { mqtt: { family: 'tasmota', topic: 'plug-c' } }),
    ]);
    const second = runCli(['mqtt', 'credentials', '--config', config2]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('新增 1 个设备账号');
    const c2 = readCreds(credentialsFile);
    expect(c2.zoneops).toBe(c1.zoneops);
    for (const [user, p] of Object.entries(c1.clients)) expect(c2.clients[user], user).toBe(p);
    expect(c2.clients['plug-c']).toMatch(/^.{32,}$/);

    // --rotate: every password is new.
    const rotated = runCli(['mqtt', 'credentials', '--config', config2, '--rotate']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const c3 = readCreds(credentialsFile);
    expect(c3.zoneops).not.toBe(c2.zoneops);
    for (const [user, p] of Object.entries(c2.clients)) expect(c3.clients[user], user).not.toBe(p);
    expect(readFileSync(credentialsFile, 'utf8')).not.toContain(c2.zoneops);
  });

  it('without mqtt.credentialsFile or --out: exit 2 and says what to add, writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoneops-mqtt-creds-none-'));
    const data = zoneConfig({
      port: 9464,
      dbPath: join(dir, 'z.db'),
      extra: { site, ...accessZone({ mqtt: { embedded: { listen: '127.0.0.1:1883' } } }) },
    });
    const config = join(dir, 'zoneops.yaml');
    writeFileSync(config, stringify(data));
    const r = runCli(['mqtt', 'credentials', '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('请用 --out 文件 指定写到哪里');
    expect(readdirSync(dir)).toEqual(['zoneops.yaml']);
  });
});

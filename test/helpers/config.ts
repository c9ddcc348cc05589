import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';

export const minimalConfigPath = new URL('../fixtures/foundation/minimal.yaml', import.meta.url).pathname;

/** Our minimal valid config as a plain object, to be changed by a test. */
export function minimalConfigData(): Record<string, unknown> {
  return parse(readFileSync(minimalConfigPath, 'utf8')) as Record<string, unknown>;
}

/** The secrets config/zoneops.sample-zone.yaml reads from the environment, as made-up values. */
export const sampleZoneEnv: NodeJS.ProcessEnv = {
  ZONEOPS_SNMP_COMMUNITY: 'c0mmunity-x',
  ZONEOPS_SNMP_V3_AUTH: 'auth-key-123456',
  ZONEOPS_SNMP_V3_PRIV: 'priv-key-123456',
  ZONEOPS_WECOM_KEY: 'wecom-key',
  ZONEOPS_DINGTALK_TOKEN: 'ding-token',
  ZONEOPS_DINGTALK_SECRET: 'SEC-ding-secret',
  ZONEOPS_SMTP_PASSWORD: 'smtp-pass',
  ZONEOPS_MQTT_PC_01: 'mqtt-pc-01-password',
  ZONEOPS_MQTT_PLUG_PRINTER_01: 'mqtt-plug-01-password',
};

/** Writes a config object as YAML into a fresh temp dir; returns the file path. */
export function writeConfig(data: unknown, name = 'zoneops.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-cfg-'));
  const file = join(dir, name);
  writeFileSync(file, typeof data === 'string' ? data : stringify(data));
  return file;
}

/** A valid Config for in-process tests (throws with the problems if the data is invalid). */
export function testConfig(data: unknown = minimalConfigData(), env: NodeJS.ProcessEnv = {}): Config {
  const r = parseConfig(stringify(data), 'test.yaml', { env });
  if (!r.ok) throw new Error(r.error.join('\n'));
  return r.value;
}

const testContact = { name: '演示厂家', phone: '400-000-0000' };

/** A device entry of a test zone's config (asset fields filled in), with its protocol sections in `extra`. */
export function testDevice(site: string, id: string, type: string, extra: Record<string, unknown>) {
  return {
    id,
    name: id,
    type,
    location: '查阅区',
    assetNo: `${site}-${id}`,
    vendor: testContact,
    serviceProvider: testContact,
    responsible: '甲',
    ...extra,
  };
}

/** An SNMP v2c section polling 127.0.0.1:port every 5 s (the shortest the config allows), no retry. */
export const testSnmp = (port: number, community: string) => ({
  host: '127.0.0.1',
  port,
  version: '2c',
  community,
  intervalSeconds: 5,
  timeoutMs: 1000,
  retries: 0,
});

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

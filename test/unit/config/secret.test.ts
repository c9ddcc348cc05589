import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { resolveSecret, Secret } from '../../../src/config/secret.js';
import { createLogger } from '../../../src/log.js';

describe('Secret', () => {
  it('shows "[redacted]" in every way of printing it, and the value only through reveal()', () => {
    const s = new Secret('public-community-42', 'inline');
    expect(String(s)).toBe('[redacted]');
    expect(`${s}`).toBe('[redacted]');
    expect(JSON.stringify({ community: s })).toBe('{"community":"[redacted]"}');
    expect(inspect({ s })).not.toContain('public-community-42');
    expect(s.reveal()).toBe('public-community-42');
  });

  it('does not reach the logs, even logged as a whole config object', () => {
    let out = '';
    const sink = new Writable({
      write(c, _e, cb) {
        out += String(c);
        cb();
      },
    });
    createLogger('info', sink).info(
      { device: { snmp: { community: new Secret('c0mmunity', 'inline'), authKey: 'plain-key' } } },
      'x',
    );
    expect(out).not.toContain('c0mmunity');
    expect(out).not.toContain('plain-key');
  });

  it('reads ${ENV} and file: references, and names what is missing without any value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoneops-secret-'));
    writeFileSync(join(dir, 'key'), 'from-file\n');
    const sources = { env: { WECOM_KEY: 'from-env' }, readFile: (p: string) => readFileSync(p, 'utf8') };
    const env = resolveSecret('${WECOM_KEY}', sources);
    expect(env.ok && env.value.reveal()).toBe('from-env');
    expect(env.ok && env.value.source).toBe('env:WECOM_KEY');
    const file = resolveSecret(`file:${join(dir, 'key')}`, sources);
    expect(file.ok && file.value.reveal()).toBe('from-file');
    expect(resolveSecret('${NOPE}', sources)).toEqual({
      ok: false,
      error: 'environment variable NOPE is not set',
    });
    expect(resolveSecret('file:/nonexistent/k', sources)).toEqual({
      ok: false,
      error: 'cannot read secret file /nonexistent/k',
    });
    expect(resolveSecret('pre-${X}-post', sources)).toEqual({
      ok: false,
      error: 'expected ${ENV_VAR} alone, file:/path or a literal value',
    });
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

/**
 * The layering of src/ (README, "Design"), checked on every import of every file. Imports run downhill:
 *
 *   domain/        pure rules: imports nothing outside domain/ (no package, no node: module)
 *   base           clock.ts, log.ts, serial.ts, version.ts: no other part of src/
 *   config/        the config schema: only domain/ and base
 *   store/         SQLite and its repositories: only domain/, config/ and base
 *   adapters       probes/ and mqtt/ (bytes → observations, commands out): never http/, web/, a service
 *                  (faults/, notify/, power/, hygiene/, readings/, report/, status/), app.ts or cli/
 *   services       core/, status/, faults/, notify/, calendar/, power/, hygiene/, readings/, report/,
 *                  metrics/, inventory/: never http/, web/, app.ts, cli/ or demo/
 *   http/          express API: never web/, app.ts, cli/ or demo/
 *   web/           pages: never app.ts, cli/ or demo/
 *   wiring         each folder's feature.ts (app.ts lists them) and core/zone.ts: may import http/ (the
 *                  routes and the role guard they mount)
 *   app.ts         the composition root: imported only by cli/ and demo/
 */
const src = join(repoRoot, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every module a file imports (static `from '…'`, side-effect `import '…'`, dynamic `import('…')`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g))
    out.push(m[1] as string);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) out.push(m[1] as string);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1] as string);
  return out;
}

/** The part of src/ a path belongs to: its first folder, or the file name at the top. */
function partOf(path: string): string {
  const rel = relative(src, path);
  const first = rel.split('/')[0] as string;
  return rel.includes('/') ? first : first.replace(/\.ts$/, '.ts');
}

const base = new Set(['clock.ts', 'log.ts', 'serial.ts', 'version.ts']);
const adapters = new Set(['probes', 'mqtt']);
const services = new Set([
  'core',
  'status',
  'faults',
  'notify',
  'calendar',
  'power',
  'hygiene',
  'readings',
  'report',
  'metrics',
  'inventory',
]);
const top = new Set(['app.ts', 'cli', 'demo']);

/** Whether `from` (a file) may import `to` (a file in src/) — null when allowed, else why not. */
function refusal(from: string, to: string): string | null {
  const a = partOf(from);
  const b = partOf(to);
  if (a === b) return null;
  const isFeature = from.endsWith('/feature.ts') || from.endsWith('/core/zone.ts');
  if (a === 'domain') return 'domain/ imports nothing outside domain/';
  if (base.has(a)) return 'clock.ts, log.ts, serial.ts and version.ts import no other part of src/';
  if (a === 'config' && !(b === 'domain' || base.has(b))) return 'config/ imports only domain/ and the base';
  if (a === 'store' && !(b === 'domain' || b === 'config' || base.has(b)))
    return 'store/ imports only domain/, config/ and the base';
  if (b === 'app.ts' && !(a === 'cli' || a === 'demo')) return 'only cli/ and demo/ import app.ts';
  if ((b === 'cli' || b === 'demo') && !top.has(a)) return `nothing below app.ts imports ${b}/`;
  if (to.endsWith('/feature.ts') && !(a === 'app.ts' || isFeature))
    return 'only app.ts (and features) import a feature.ts';
  if (adapters.has(a) && !isFeature && (services.has(b) || b === 'http' || b === 'web') && b !== 'core')
    return `adapters (probes/, mqtt/) never import ${b}/`;
  if (services.has(a) && !isFeature && (b === 'http' || b === 'web')) return `services never import ${b}/`;
  if (a === 'http' && !isFeature && b === 'web') return 'http/ never imports web/';
  return null;
}

describe('architecture: imports run downhill', () => {
  const all = files(src);
  const violations: string[] = [];
  const external: string[] = [];
  for (const file of all) {
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) {
        if (partOf(file) === 'domain') external.push(`${relative(repoRoot, file)} → ${spec}`);
        continue;
      }
      const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
      const why = refusal(file, target);
      if (why) violations.push(`${relative(repoRoot, file)} → ${relative(repoRoot, target)}: ${why}`);
    }
  }

  it('finds the files and their imports (the check itself works)', () => {
    expect(all.length).toBeGreaterThan(150);
    expect(importsOf(join(src, 'app.ts'))).toContain('./core/zone.js');
    expect(refusal(join(src, 'domain/x.ts'), join(src, 'store/db.ts'))).not.toBeNull();
    expect(refusal(join(src, 'probes/snmp/poll.ts'), join(src, 'http/app.ts'))).not.toBeNull();
    expect(refusal(join(src, 'hygiene/feature.ts'), join(src, 'http/routes/hygiene.ts'))).toBeNull();
  });

  it('domain/ uses no package and no node: module (it is pure)', () => {
    expect(external).toEqual([]);
  });

  it('no import goes against the layering', () => {
    expect(violations).toEqual([]);
  });

  it('no file in src/ is longer than 300 lines', () => {
    const long = all
      .map((f) => [relative(repoRoot, f), readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 300);
    expect(long).toEqual([]);
  });

  it('no promise rejection is swallowed with .catch(() => undefined)', () => {
    const swallowed = all.filter((f) =>
      /\.catch\(\s*\(\s*\)\s*=>\s*(undefined|null|\{\s*\})\s*\)/.test(readFileSync(f, 'utf8')),
    );
    expect(swallowed.map((f) => relative(repoRoot, f))).toEqual([]);
  });
});

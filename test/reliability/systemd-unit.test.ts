import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/proc.js';
import { Tally } from './helpers/summary.js';

/** The shipped unit: non-root, sandboxed, no capability, and systemd itself accepts it. */
const unitPath = new URL('../../deploy/zoneops.service', import.meta.url);
const unit = readFileSync(unitPath, 'utf8');

/** Directive values of the [Service] section (a directive may repeat; the last one wins for scalars). */
function service(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let section = '';
  for (const raw of unit.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const s = /^\[(.+)\]$/.exec(line);
    if (s) {
      section = s[1] as string;
      continue;
    }
    if (section !== 'Service') continue;
    const i = line.indexOf('=');
    const k = line.slice(0, i);
    out.set(k, [...(out.get(k) ?? []), line.slice(i + 1)]);
  }
  return out;
}
const last = (m: Map<string, string[]>, k: string) => m.get(k)?.at(-1);

describe('deploy/zoneops.service', () => {
  it('runs as the non-root user zoneops, sandboxed, with no capability and only IP and Unix sockets', () => {
    const s = service();
    expect(last(s, 'User')).toBe('zoneops');
    expect(last(s, 'User')).not.toBe('root');
    expect(last(s, 'NoNewPrivileges')).toBe('yes');
    expect(last(s, 'ProtectSystem')).toBe('strict');
    expect(last(s, 'ProtectHome')).toBe('yes');
    expect(last(s, 'PrivateTmp')).toBe('yes');
    expect(last(s, 'ReadWritePaths')).toBe('/var/lib/zoneops');
    expect(last(s, 'CapabilityBoundingSet')).toBe('');
    expect(last(s, 'AmbientCapabilities')).toBe('');
    expect(last(s, 'RestrictAddressFamilies')?.split(/\s+/).sort()).toEqual([
      'AF_INET',
      'AF_INET6',
      'AF_UNIX',
    ]);
    expect(s.get('SystemCallFilter')?.[0]).toBe('@system-service');
    expect(last(s, 'EnvironmentFile')).toBe('/etc/zoneops/secrets.env');
    expect(last(s, 'Restart')).toBe('on-failure');
    expect(last(s, 'ExecStart')).toMatch(
      /^\/usr\/bin\/node \S+\/bin\/zoneops\.js run --config \/etc\/zoneops\/zoneops\.yaml$/,
    );
    // No secret is written into the unit itself.
    expect(unit).not.toMatch(/^Environment=.*(KEY|SECRET|PASSWORD|COMMUNITY|TOKEN)/im);
  });

  it('has an exposure of 1.5 or lower in systemd-analyze security (proc hidden, no privileged syscalls)', () => {
    requireBinary('systemd-analyze');
    const s = service();
    expect(last(s, 'ProtectProc')).toBe('invisible');
    expect(last(s, 'ProcSubset')).toBe('pid');
    expect(s.get('SystemCallFilter')).toEqual(['@system-service', '~@privileged @resources']);
    expect(last(s, 'SystemCallErrorNumber')).toBe('EPERM');
    const r = spawnSync('systemd-analyze', ['security', '--offline=yes', '--no-pager', unitPath.pathname], {
      encoding: 'utf8',
    });
    const m = /Overall exposure level for \S+: (\d+(?:\.\d+)?)/.exec(`${r.stdout}${r.stderr}`);
    expect(m, `${r.stdout}${r.stderr}`.slice(-2000)).not.toBeNull();
    const exposure = Number(m?.[1]);
    const tally = new Tally('systemd-security');
    tally.note(`systemd-analyze security --offline=yes: exposure ${exposure}`);
    tally.save();
    expect(exposure).toBeLessThanOrEqual(1.5);
  });

  it('passes systemd-analyze verify', () => {
    requireBinary('systemd-analyze');
    // verify wants ExecStart's binary to exist: check a copy pointing at this node and this checkout.
    const dir = mkdtempSync(join(tmpdir(), 'zoneops-rel-unit-'));
    const repo = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
    const copy = join(dir, 'zoneops.service');
    writeFileSync(copy, unit.replace('/usr/bin/node /opt/zoneops', `${process.execPath} ${repo}`));
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', copy], { encoding: 'utf8' });
    // Lines about the zoneops user or /etc/zoneops missing on a build machine are expected; nothing else.
    const problems = `${r.stdout}${r.stderr}`
      .split('\n')
      .filter((l) => l.trim() !== '')
      .filter(
        (l) =>
          !/zoneops.*(user|group)|User=|secrets\.env|\/var\/lib\/zoneops|\/etc\/zoneops|Failed to (prepare|connect)|System has not been booted|bus/i.test(
            l,
          ),
      );
    const tally = new Tally('systemd-unit');
    tally.note(`systemd-analyze verify: ${problems.length === 0 ? 'clean' : problems.join(' | ')}`);
    tally.save();
    expect(problems).toEqual([]);
    expect(execFileSync('systemd-analyze', ['--version'], { encoding: 'utf8' })).toMatch(/systemd \d+/);
  });
});

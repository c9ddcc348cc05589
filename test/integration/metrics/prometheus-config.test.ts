import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/cli.js';
import { requireBinary } from '../../helpers/proc.js';

function promtool(args: string[]) {
  const r = spawnSync(requireBinary('promtool'), args, { cwd: repoRoot, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('config/prometheus', () => {
  it('example scrape config is valid under promtool check config', () => {
    const r = promtool(['check', 'config', 'config/prometheus/prometheus.yml']);
    expect(r.out).toContain('is valid prometheus config file syntax');
    expect(r.code).toBe(0);
  });

  it('alert rules are valid under promtool check rules', () => {
    const r = promtool(['check', 'rules', 'config/prometheus/rules/zoneops.rules.yml']);
    expect(r.out).toContain('SUCCESS: 8 rules found');
    expect(r.code).toBe(0);
  });

  it('alert rules pass their unit tests (promtool test rules)', () => {
    const r = promtool(['test', 'rules', 'config/prometheus/tests/zoneops.rules.test.yml']);
    expect(r.out).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });
});

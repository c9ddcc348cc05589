import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../helpers/cli.js';
import { committedDashboards } from '../../helpers/dashboards.js';
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
    expect(r.out).toContain('SUCCESS: 9 rules found');
    expect(r.code).toBe(0);
  });

  it('alert rules pass their unit tests (promtool test rules)', () => {
    const r = promtool(['test', 'rules', 'config/prometheus/tests/zoneops.rules.test.yml']);
    expect(r.out).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });

  it('district rules are valid and pass their unit tests, the dashboard’s availability expression among them', () => {
    const check = promtool(['check', 'rules', 'config/prometheus/rules/district.rules.yml']);
    expect(check.out).toContain('SUCCESS: 4 rules found');
    const file = 'config/prometheus/tests/district.rules.test.yml';
    const r = promtool(['test', 'rules', file]);
    expect(r.out).toContain('SUCCESS');
    expect(r.code).toBe(0);
    // The availability panel's query, with Grafana's variables as the test sets them, is one the test evaluates.
    const panel = committedDashboards().district?.panels.find((p) => p.title === '本月设备可用率');
    const expr = panel?.targets[0]?.expr.replaceAll('$site', '.+').replaceAll('$__range', '10m');
    const tests = parse(readFileSync(join(repoRoot, file), 'utf8')) as {
      tests: Array<{ promql_expr_test?: Array<{ expr: string }> }>;
    };
    const tested = tests.tests.flatMap((t) => t.promql_expr_test ?? []).map((t) => t.expr);
    expect(tested).toContain(expr);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDistrict, runDistrictRender } from '../../../src/cli/district.js';
import { repoRoot, runCli } from '../../helpers/cli.js';
import { requireBinary } from '../../helpers/proc.js';
import { writeDistrictFile } from './district-file.js';

/**
 * The district file and what `zoneops district render` makes of it, checked by the engines' own tools:
 * `promtool check config` and `amtool check-config` / `amtool config routes test` (Alertmanager's routing
 * tree walked for a given label set). A town whose `site` another town already has is a check-config problem.
 */
const example = join(repoRoot, 'deploy/district/district.example.yaml');

function render(): string {
  const out = mkdtempSync(join(tmpdir(), 'zoneops-district-render-'));
  expect(runDistrictRender(example, out).code).toBe(0);
  return out;
}

const district = (towns: unknown[]) =>
  writeDistrictFile(
    { towns },
    {
      'a.yaml': 'site: zhuoshui\nsiteName: 濯水镇\n',
      'b.yaml': 'site: zhuoshui\nsiteName: 峨洲镇（复制了濯水镇的配置）\n',
    },
  );

describe('district configs', () => {
  it('the example district file is valid, and the committed example output is what render makes of it', () => {
    expect(checkDistrict(example)).toMatchObject({ code: 0, stderr: '' });
    const out = render();
    for (const name of [
      'prometheus.yml',
      'alertmanager.yml',
      'towns/ezhu/prometheus.yml',
      'towns/ezhu/mosquitto-bridge.conf',
    ])
      expect(readFileSync(join(out, name), 'utf8'), name).toBe(
        readFileSync(join(repoRoot, 'deploy/district/example', name), 'utf8'),
      );
  });

  it('the rendered central Prometheus config and every town’s pass promtool check config', () => {
    const out = render();
    for (const f of ['prometheus.yml', 'towns/zhuoshui/prometheus.yml']) {
      const r = spawnSync(requireBinary('promtool'), ['check', 'config', f], { cwd: out, encoding: 'utf8' });
      expect(`${r.stdout}${r.stderr}`, relative(out, f)).toContain('is valid prometheus config file syntax');
      expect(r.status).toBe(0);
    }
  });

  it('the rendered Alertmanager config passes amtool and routes by site: town + district office, or the office alone', () => {
    const out = render();
    const amtool = requireBinary('amtool');
    const check = spawnSync(amtool, ['check-config', 'alertmanager.yml'], { cwd: out, encoding: 'utf8' });
    expect(check.stdout).toContain('SUCCESS');
    expect(check.stdout).toContain('2 inhibit rules');
    const route = (labels: string[]) =>
      spawnSync(amtool, ['config', 'routes', 'test', '--config.file=alertmanager.yml', ...labels], {
        cwd: out,
        encoding: 'utf8',
      }).stdout.trim();
    // zhuoshui has a receiver of its own in the example; ezhu does not.
    expect(route(['site=zhuoshui', 'alertname=ZoneopsFaultOpen'])).toBe('district-office,town-zhuoshui');
    expect(route(['site=ezhu', 'alertname=ZoneopsFaultOpen'])).toBe('district-office');
  });

  it('two towns with the same site are a problem naming both, whether given directly or read from their configs', () => {
    const direct = checkDistrict(
      district([
        { site: 'zhuoshui', name: '濯水镇', prometheus: '127.0.0.1:9191' },
        { site: 'zhuoshui', name: '峨洲镇', prometheus: '127.0.0.1:9192' },
      ]),
    );
    expect(direct.code).toBe(2);
    expect(direct.stderr).toMatch(
      /district\.yaml: towns\[1\]\.site: "zhuoshui" 与 towns\[0\]（濯水镇）重复：每个镇须有自己的 site/,
    );
    const fromConfigs = checkDistrict(
      district([
        { config: 'a.yaml', name: '濯水镇', prometheus: '127.0.0.1:9191' },
        { config: 'b.yaml', name: '峨洲镇', prometheus: '127.0.0.1:9192' },
      ]),
    );
    expect(fromConfigs.code).toBe(2);
    expect(fromConfigs.stderr).toContain('towns[1].site: "zhuoshui" 与 towns[0]（濯水镇）重复');
    const mismatch = checkDistrict(
      district([{ config: 'a.yaml', site: 'ezhu', name: '峨洲镇', prometheus: '127.0.0.1:9191' }]),
    );
    expect(mismatch.stderr).toContain('towns[0].site: "ezhu" 与该镇配置文件里的 site "zhuoshui" 不一致');
  });

  it('zoneops check-config --district exits 2 with one line per problem and renders nothing', () => {
    const file = district([
      { site: 'zhuoshui', name: '濯水镇', prometheus: '127.0.0.1:9191' },
      { site: 'zhuoshui', name: '峨洲镇', prometheus: 'not an address' },
    ]);
    const r = runCli(['check-config', '--district', file]);
    expect(r.code).toBe(2);
    // The bad address and, though the schema failed, the site towns[0] already has.
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/towns\[1\]\.prometheus: /),
      expect.stringMatching(/towns\[1\]\.site: "zhuoshui" 与 towns\[0\]（濯水镇）重复/),
    ]);
    const out = mkdtempSync(join(tmpdir(), 'zoneops-district-none-'));
    const render = runCli(['district', 'render', file, '--out', out]);
    expect(render.code).toBe(2);
    expect(spawnSync('ls', [out], { encoding: 'utf8' }).stdout).toBe('');
  });

  it('zoneops district render into a place it cannot write says where and why (exit 1), no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoneops-district-ro-'));
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, 'a file where the output directory should be\n');
    const r = runCli(['district', 'render', example, '--out', blocker]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^无法写入 .*not-a-dir\/prometheus\.yml（(ENOTDIR|EEXIST)）：请检查 --out 目录是否存在且可写/,
      ),
    ]);
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});

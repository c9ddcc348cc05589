import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HygieneRepo } from '../../../src/hygiene/repo.js';
import { openStore } from '../../../src/store/store.js';
import { runCli } from '../../helpers/cli.js';
import { minimalConfigData, writeConfig } from '../../helpers/config.js';

const dir = mkdtempSync(join(tmpdir(), 'zoneops-hygiene-cli-'));
const dbPath = join(dir, 'zoneops.db');
const data = minimalConfigData();
data.store = { path: dbPath };
data.hygiene = {
  targets: [
    { id: 'reading-area', name: '查阅区' },
    { id: 'waiting-area', name: '等候区', tasks: ['clean'] },
  ],
};
const config = writeConfig(data);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zoneops hygiene record', () => {
  it('writes a record (and its audit entry) into the database of the config', async () => {
    const r = runCli([
      'hygiene',
      'record',
      '--config',
      config,
      '--target',
      'reading-area,waiting-area',
      '--task',
      'clean',
      '--by',
      '李娟',
      '--method',
      '湿抹布擦拭',
      '--note',
      '开门前',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '已登记 recorded #1: reading-area clean by 李娟\n已登记 recorded #2: waiting-area clean by 李娟\n',
    );
    const back = runCli([
      'hygiene',
      'record',
      '--config',
      config,
      '--target',
      'reading-area',
      '--task',
      'disinfect',
      '--by',
      '王芳',
      '--agent',
      '含氯消毒液 500 mg/L',
      '--at',
      new Date(Date.now() - 3 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      '--json',
    ]);
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout).records[0]).toMatchObject({
      id: 3,
      backdated: true,
      source: 'cli',
      agent: '含氯消毒液 500 mg/L',
    });

    const store = await openStore(dbPath, Date.now());
    try {
      const recs = await new HygieneRepo(store.db).list({ from: 0, to: Date.now() + 1 });
      expect(recs.map((x) => [x.id, x.target, x.task, x.actor, x.method, x.note, x.source])).toEqual([
        [3, 'reading-area', 'disinfect', '王芳', null, null, 'cli'],
        [1, 'reading-area', 'clean', '李娟', '湿抹布擦拭', '开门前', 'cli'],
        [2, 'waiting-area', 'clean', '李娟', '湿抹布擦拭', '开门前', 'cli'],
      ]);
      const audit = await store.audit.list();
      expect(audit.map((a) => [a.action, a.actor, a.role])).toEqual([
        ['hygiene.record', '王芳', 'cli'],
        ['hygiene.record', '李娟', 'cli'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('exits 2 naming the problem for an unknown target, an unplanned task or a bad time', () => {
    const bad = (args: string[]) =>
      runCli(['hygiene', 'record', '--config', config, '--by', '李娟', ...args]);
    const unknown = bad(['--target', 'roof', '--task', 'clean']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('zoneops hygiene record: unknown target "roof"\n');
    expect(bad(['--target', 'waiting-area', '--task', 'disinfect']).stderr).toBe(
      'zoneops hygiene record: target "waiting-area" has no task "disinfect" in the plan\n',
    );
    expect(bad(['--target', 'waiting-area', '--task', 'sweep']).code).toBe(2);
    const at = bad(['--target', 'waiting-area', '--task', 'clean', '--at', 'yesterday']);
    expect(at.code).toBe(2);
    expect(at.stderr).toContain('--at: expected an ISO 8601 time with offset');
  });
});

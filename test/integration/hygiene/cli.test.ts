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
    // Chinese by default (the config says no language, the environment no locale): the targets by
    // their configured names, the task as the office says it.
    expect(r.stdout).toBe(
      '已登记第 1 号记录：查阅区清洁，执行人：李娟\n已登记第 2 号记录：等候区清洁，执行人：李娟\n',
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

  it('says a back-dated record and a correction in Chinese, and in English with --lang en', () => {
    const hoursAgo = new Date(Date.now() - 5 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const late = runCli([
      'hygiene',
      'record',
      '--config',
      config,
      '--target',
      'waiting-area',
      '--task',
      'clean',
      '--by',
      '王芳',
      '--at',
      hoursAgo,
    ]);
    expect(late.stderr).toBe('');
    expect(late.stdout).toBe('已登记第 4 号记录：等候区清洁，执行人：王芳（补登，计为迟报）\n');
    const lateEn = runCli([
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
      '--at',
      hoursAgo,
      '--lang',
      'en',
    ]);
    expect(lateEn.stdout).toBe('recorded #5: disinfection of 查阅区 by 王芳 (back-dated, counts as late)\n');
    const fix = (lang: string[]) =>
      runCli([
        'hygiene',
        'record',
        '--config',
        config,
        '--target',
        'waiting-area',
        '--task',
        'clean',
        '--by',
        '王芳',
        '--corrects',
        '2',
        ...lang,
      ]);
    const en = fix(['--lang', 'en']);
    expect(en.stderr).toBe('');
    expect(en.code).toBe(0);
    expect(en.stdout).toBe('recorded #6: cleaning of 等候区 by 王芳, correcting #2\n');
    const again = fix([]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      'zoneops hygiene record：--corrects：第 2 号记录已被第 6 号记录更正，请更正第 6 号记录\n',
    );
  });

  it('exits 2 naming the problem in Chinese for an unknown target, an unplanned task or a bad option', () => {
    const bad = (args: string[]) =>
      runCli(['hygiene', 'record', '--config', config, '--by', '李娟', ...args]);
    const unknown = bad(['--target', 'roof', '--task', 'clean']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      'zoneops hygiene record：--target：清洁消毒计划里没有 "roof"，可写的有：reading-area（查阅区）、waiting-area（等候区）\n',
    );
    expect(bad(['--target', 'waiting-area', '--task', 'disinfect']).stderr).toBe(
      'zoneops hygiene record：--task：等候区的计划里没有消毒，只有：清洁\n',
    );
    expect(bad(['--target', 'waiting-area', '--task', 'sweep']).code).toBe(2);
    const at = bad(['--target', 'waiting-area', '--task', 'clean', '--at', 'yesterday']);
    expect(at.code).toBe(2);
    expect(at.stderr).toBe(
      'zoneops hygiene record：--at：应为带时区的时间，例如 2025-10-09T08:30+08:00（北京时间 2025 年 10 月 9 日 8:30），实际是 "yesterday"\n',
    );
    const future = bad(['--target', 'waiting-area', '--task', 'clean', '--at', '2099-01-01T08:00+08:00']);
    expect(future.code).toBe(2);
    expect(future.stderr).toBe('zoneops hygiene record：--at：完成时间不能晚于现在\n');
    expect(bad(['--target', 'waiting-area', '--task', 'clean', '--corrects', 'x']).stderr).toBe(
      'zoneops hygiene record：--corrects：应为要更正的记录号（正整数），实际是 "x"\n',
    );
    expect(bad(['--target', 'waiting-area', '--task', 'clean', '--corrects', '999']).stderr).toBe(
      'zoneops hygiene record：--corrects：没有第 999 号清洁消毒记录\n',
    );
    const noOne = runCli([
      'hygiene',
      'record',
      '-c',
      config,
      '--target',
      'waiting-area',
      '--task',
      'clean',
      '--by',
      ' ',
    ]);
    expect(noOne.code).toBe(2);
    expect(noOne.stderr).toBe('zoneops hygiene record：--by：执行人不能为空\n');
  });

  it('gives the same refusals in English with --lang en', () => {
    const bad = (args: string[]) =>
      runCli(['hygiene', 'record', '--config', config, '--by', '李娟', '--lang', 'en', ...args]);
    const unknown = bad(['--target', 'roof', '--task', 'clean']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('zoneops hygiene record: unknown target "roof"\n');
    expect(bad(['--target', 'waiting-area', '--task', 'disinfect']).stderr).toBe(
      'zoneops hygiene record: target "waiting-area" has no task "disinfect" in the plan\n',
    );
    expect(bad(['--target', 'waiting-area', '--task', 'clean', '--at', 'yesterday']).stderr).toBe(
      'zoneops hygiene record: --at: expected an ISO 8601 time with offset (e.g. 2025-10-09T08:30+08:00), got "yesterday"\n',
    );
    expect(
      bad(['--target', 'waiting-area', '--task', 'clean', '--at', '2099-01-01T08:00+08:00']).stderr,
    ).toBe('zoneops hygiene record: --at: the time is in the future\n');
    expect(bad(['--target', 'waiting-area', '--task', 'clean', '--corrects', 'x']).stderr).toBe(
      'zoneops hygiene record: --corrects: expected a record id, got "x"\n',
    );
    const noOne = runCli([
      'hygiene',
      'record',
      '-c',
      config,
      '--target',
      'waiting-area',
      '--task',
      'clean',
      '--by',
      ' ',
      '--lang',
      'en',
    ]);
    expect(noOne.code).toBe(2);
    expect(noOne.stderr).toBe('zoneops hygiene record: --by: must not be empty\n');
  });
});

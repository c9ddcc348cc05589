import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteBaselineStore } from '../../../src/probes/snmp/baseline-store.js';
import { openStore } from '../../../src/store/store.js';
import { runCli } from '../../helpers/cli.js';
import { minimalConfigData, testDevice, writeConfig } from '../../helpers/config.js';
import { freeUdpPort } from '../../helpers/net.js';
import { ownFixtures, type Snmpsim, startSnmpsim } from './snmpsim.js';

/**
 * `zoneops baseline accept DEVICE` against snmpsimd: win-pc.snmprec reports three installed programs and
 * two devices (hrSWInstalledName, hrDeviceDescr); descr-only.snmprec reports none.
 */
const dir = mkdtempSync(join(tmpdir(), 'zoneops-baseline-cli-'));
const dbPath = join(dir, 'zoneops.db');
let sim: Snmpsim;
let config: string;

const snmp = (port: number, community: string) => ({
  host: '127.0.0.1',
  port,
  version: '2c',
  community,
  timeoutMs: 500,
  retries: 0,
});

beforeAll(async () => {
  sim = await startSnmpsim(ownFixtures, 'win-pc');
  const silent = await freeUdpPort();
  const data = minimalConfigData();
  data.store = { path: dbPath };
  data.devices = [
    { ...testDevice('t', 'pc-01', 'pc', { snmp: snmp(sim.port, 'win-pc') }), name: '查阅电脑 1' },
    { ...testDevice('t', 'pc-02', 'pc', { snmp: snmp(sim.port, 'descr-only') }), name: '查阅电脑 2' },
    { ...testDevice('t', 'pc-03', 'pc', { snmp: snmp(silent, 'public') }), name: '查阅电脑 3' },
    testDevice('t', 'plug-01', 'plug', { mqtt: { family: 'tasmota', topic: 'plug01' } }),
  ];
  config = writeConfig(data);
  // No daemon has opened this database: the command registers the config's devices itself.
});
afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const accept = (...args: string[]) => runCli(['baseline', 'accept', ...args, '--config', config]);

describe('zoneops baseline accept', () => {
  it('stores the PC’s software and hardware as its baseline, saying so in Chinese by default', async () => {
    const r = accept('pc-01');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '查阅电脑 1（pc-01）：已将当前的软件和硬件登记为基线（已安装软件 3 个，硬件 2 项）\n',
    );
    const store = await openStore(dbPath, Date.now());
    try {
      const b = await new SqliteBaselineStore(store.db).get('pc-01');
      expect(b?.installed).toHaveLength(3);
      expect(b?.hardware).toHaveLength(2);
    } finally {
      await store.close();
    }
  });

  it('says the same in English with --lang en', () => {
    const r = accept('pc-01', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('pc-01: baseline accepted (3 installed, 2 hardware)\n');
  });

  it('refuses a device without SNMP (exit 2), in Chinese and in English', () => {
    const zh = accept('plug-01');
    expect(zh.code).toBe(2);
    expect(zh.stdout).toBe('');
    expect(zh.stderr).toBe(
      `zoneops baseline accept：配置文件 ${config} 中没有编号为 "plug-01" 且配置了 SNMP 的设备\n`,
    );
    const en = accept('nope', '--lang', 'en');
    expect(en.code).toBe(2);
    expect(en.stderr).toBe(`zoneops baseline accept: no device "nope" with an snmp section in ${config}\n`);
  });

  it('exits 1 when the PC reports no software or hardware, in Chinese and in English', () => {
    const zh = accept('pc-02');
    expect(zh.code).toBe(1);
    expect(zh.stderr).toBe(
      'zoneops baseline accept：查阅电脑 2（pc-02）没有报告已安装的软件和硬件（主机资源信息，HOST-RESOURCES-MIB），未登记基线\n',
    );
    const en = accept('pc-02', '--lang', 'en');
    expect(en.code).toBe(1);
    expect(en.stderr).toBe(
      'zoneops baseline accept: pc-02 reports no installed software or hardware (HOST-RESOURCES-MIB)\n',
    );
  });

  it('exits 1 when the PC does not answer, saying why in Chinese and keeping the probe’s own words', () => {
    const zh = accept('pc-03');
    expect(zh.code).toBe(1);
    expect(zh.stderr).toBe(
      'zoneops baseline accept：查阅电脑 3（pc-03）无法连接（超时）：连续 1 次请求无应答（每次等待 500 毫秒）；也可能是团体名配置不对\n' +
        '  设备原文：no answer after 1 try of 500 ms (or the community is wrong: agents ignore a wrong community)\n',
    );
    const en = accept('pc-03', '--lang', 'en');
    expect(en.code).toBe(1);
    expect(en.stderr).toBe(
      'zoneops baseline accept: pc-03 unreachable (timeout): no answer after 1 try of 500 ms (or the community is wrong: agents ignore a wrong community)\n',
    );
  });
});

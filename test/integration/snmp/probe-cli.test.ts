import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort } from '../../helpers/net.js';
import { ownFixtures, type Snmpsim, startSnmpsim } from './snmpsim.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const entry =
  "import('./src/cli/main.ts').then((m) => m.main(['node', 'zoneops', ...process.argv.slice(1)]))";

/** Runs `zoneops …` from the sources (tsx), as the technician would; resolves with exit code and output. */
function zoneops(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '-e', entry, ...args],
      { cwd: root },
      (err, stdout, stderr) => {
        const code =
          err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let sim: Snmpsim;
beforeAll(async () => {
  sim = await startSnmpsim(ownFixtures, 'cn-copier');
});
afterAll(async () => {
  await sim?.stop();
});

describe('zoneops probe snmp', () => {
  it('--json prints one object with the printer data (cn-copier.snmprec)', async () => {
    const r = await zoneops(['probe', 'snmp', `127.0.0.1:${sim.port}`, '--community', 'cn-copier', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.reachable).toBe(true);
    expect(j.kind).toBe('printer');
    expect(j.sysName).toBe('zone-copier');
    expect(j.uptimeSeconds).toBe(3600);
    expect(j.printer.status).toBe('printing');
    expect(j.printer.errors).toEqual(['noPaper', 'inputTrayMissing']);
    expect(j.printer.pageCount).toBe(123456);
    expect(j.printer.supplies[0]).toEqual({
      index: 1,
      description: '黑色碳粉',
      type: 'toner',
      color: 'black',
      level: 7,
      max: 100,
      percent: 7,
      state: 'low',
    });
    expect(j.printer.trays[0].media).toBe('A4普通纸');
    expect(j.printer.alerts[0]).toEqual({
      severity: 'critical',
      group: 'mediaPath',
      code: 'jam',
      description: '卡纸',
    });
    expect(r.stdout).not.toContain('cn-copier"');
  });

  it('--json for a PC gives the host section (win-pc.snmprec)', async () => {
    const r = await zoneops(['probe', 'snmp', `127.0.0.1:${sim.port}`, '--community', 'win-pc', '--json']);
    const j = JSON.parse(r.stdout);
    expect(j.kind).toBe('pc');
    expect(j.host.cpuLoadPercent).toBe(31);
    expect(j.host.installed).toEqual(['Thunder 11', 'WPS Office', '微信']);
    expect(j.host.storage[1]).toEqual({
      description: 'Physical Memory',
      kind: 'ram',
      usedBytes: 4294967296,
      sizeBytes: 8589934592,
    });
    expect(j.printer).toBeUndefined();
  });

  it('unreachable: reachable false, the reason, exit 1, no stack trace', async () => {
    const port = await freeUdpPort();
    const r = await zoneops([
      'probe',
      'snmp',
      `127.0.0.1:${port}`,
      '--timeout',
      '200',
      '--retries',
      '0',
      '--json',
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.reachable).toBe(false);
    expect(j.problem.reason).toBe('timeout');
    expect(r.stderr).toContain('unreachable (timeout)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('bad usage exits 2 with a clear message', async () => {
    const r = await zoneops(['probe', 'snmp', '127.0.0.1:99999', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('port must be 1..65535');
    const zh = await zoneops(['probe', 'snmp', '127.0.0.1:99999', '--lang', 'zh-CN']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('端口应为 1 到 65535，实际是 99999');
  });
});

import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { minimalConfigData, sampleZoneEnv, writeConfig } from '../../helpers/config.js';

type Data = Record<string, unknown> & { devices: Array<Record<string, unknown>> };
const base = () => minimalConfigData() as Data;
const dev0 = (d: Data) => d.devices[0] as Record<string, unknown> & { snmp: Record<string, unknown> };

/** Each case: a change to our minimal valid config, and the exact line check-config must print. */
const cases: Array<{ kind: string; change: (d: Data) => unknown; line: string; env?: NodeJS.ProcessEnv }> = [
  {
    kind: 'port not a number',
    change: (d) => {
      dev0(d).snmp.port = 'abc';
    },
    line: 'devices #1 (pc-01) snmp.port: expected integer 1..65535, got "abc"',
  },
  {
    kind: 'port out of range',
    change: (d) => {
      dev0(d).snmp.port = 70000;
    },
    line: 'devices #1 (pc-01) snmp.port: expected integer 1..65535, got 70000',
  },
  {
    kind: 'unknown field (typo)',
    change: (d) => {
      dev0(d).colour = 'red';
    },
    line: 'devices #1 (pc-01) colour: unknown field',
  },
  {
    kind: 'bad device type',
    change: (d) => {
      dev0(d).type = 'laptop';
    },
    line: 'devices #1 (pc-01) type: expected one of "pc" | "kiosk" | "printer" | "copier" | "mfp" | "plug" | "other", got "laptop"',
  },
  {
    kind: 'missing required field',
    change: (d) => {
      delete dev0(d).name;
    },
    line: 'devices #1 (pc-01) name: required',
  },
  {
    kind: 'duplicate device id',
    change: (d) => {
      (d.devices[1] as Record<string, unknown>).id = 'pc-01';
    },
    line: 'devices #2 (pc-01) id: duplicate device id "pc-01" (also #1)',
  },
  {
    kind: 'secret from an unset environment variable',
    change: (d) => {
      dev0(d).snmp.community = '${ZONEOPS_TEST_UNSET_COMMUNITY}';
    },
    line: 'devices #1 (pc-01) snmp.community: environment variable ZONEOPS_TEST_UNSET_COMMUNITY is not set',
  },
  {
    kind: 'SNMP v3 without its keys',
    change: (d) => {
      dev0(d).snmp = {
        host: '127.0.0.1',
        version: 3,
        user: 'zoneops',
        securityLevel: 'authPriv',
        authProtocol: 'sha',
        privProtocol: 'aes',
        privKey: 'priv-key-1234',
      };
    },
    line: 'devices #1 (pc-01) snmp.authKey: required for securityLevel authPriv',
  },
  {
    kind: 'power through an unknown plug',
    change: (d) => {
      dev0(d).power = { method: 'plug', plug: 'plug-09' };
    },
    line: 'devices #1 (pc-01) power.plug: unknown device "plug-09"',
  },
  {
    kind: 'bad MAC address',
    change: (d) => {
      dev0(d).power = { method: 'wol', mac: '00:11:22', address: '127.0.0.1' };
    },
    line: 'devices #1 (pc-01) power.mac: expected a MAC address like 00:11:22:33:44:55, got "00:11:22"',
  },
  {
    kind: 'bad office-hours period',
    change: (d) => {
      (d.officeHours as { seasons: Array<{ periods: string[] }> }).seasons[0]!.periods = ['9-12'];
    },
    line: 'officeHours.seasons #1 periods #1: expected a period HH:MM-HH:MM, got "9-12"',
  },
  {
    kind: 'period that ends before it starts',
    change: (d) => {
      (d.officeHours as { seasons: Array<{ periods: string[] }> }).seasons[0]!.periods = ['14:00-12:00'];
    },
    line: 'officeHours.seasons #1 periods #1: period 14:00-12:00 ends before it starts',
  },
  {
    kind: 'token given in clear instead of its hash',
    change: (d) => {
      (d.api as { tokens: Array<{ sha256: string }> }).tokens[0]!.sha256 = 'my-secret-token';
    },
    line: 'api.tokens #1 (t-staff) sha256: expected the SHA-256 of the token as 64 lowercase hex digits (never the token itself)',
  },
  {
    kind: 'unknown time zone',
    change: (d) => {
      d.timezone = 'Mars/Olympus';
    },
    line: 'timezone: unknown time zone "Mars/Olympus"',
  },
  {
    kind: 'staff without A/B post',
    change: (d) => {
      delete (d.people as Array<Record<string, unknown>>)[0]!.post;
    },
    line: 'people #1 (staff-a) post: required for staff (A or B)',
  },
  {
    kind: 'person notified through an unknown notifier',
    change: (d) => {
      (d.people as Array<Record<string, unknown>>)[0]!.notify = ['wecom-9'];
    },
    line: 'people #1 (staff-a) notify #1: unknown notifier "wecom-9"',
  },
  {
    kind: 'bad listen address',
    change: (d) => {
      d.http = { listen: 'localhost' };
    },
    line: 'http.listen: expected HOST:PORT with an IPv4 host (e.g. "127.0.0.1:9464"), got "localhost"',
  },
];

describe('zoneops check-config', () => {
  it('accepts the shipped example config and prints a summary', () => {
    const r = runCli(['check-config', '--config', 'config/zoneops.example.yaml', '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('config/zoneops.example.yaml: valid');
    expect(r.stdout).toContain('devices: 4 (pc 1, kiosk 1, printer 1, plug 1)');
    expect(r.stdout).toContain('notifiers: 1 (webhook 1)');
    expect(r.stdout).toContain('夏季作息 from 05-01: 09:00-12:00, 14:30-18:00');
  });

  it('speaks Chinese when the config says language: zh-CN (the example does), without --lang', () => {
    const r = runCli(['check-config', '--config', 'config/zoneops.example.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('config/zoneops.example.yaml：配置正确');
    expect(lines).toContain('设备：4 台（查阅电脑 1、自助机 1、打印机 1、智能插座 1）');
    expect(lines).toContain('人员：4 人（值班人员 A岗 1、值班人员 B岗 1、技术员 1、负责人 1）');
    expect(lines).toContain('  夏季作息（05-01 起）：09:00-12:00、14:30-18:00');
    // Nothing English is left but the file name, ids, protocol names and times.
    expect(r.stdout).not.toMatch(/\b(devices|people|valid|notifiers|from)\b/);
  });

  it('a Chinese mistake report names the file line, the device id, counts from 1 and hints the IME slip', () => {
    const data = base();
    dev0(data).snmp.port = 70000; // line 39, column 13 of the file writeConfig prints (counted by hand)
    (data.people as Array<Record<string, unknown>>)[0]!.role = '值班人员'; // line 13, column 11
    data.language = 'zh-CN';
    const file = writeConfig(data);
    const r = runCli(['check-config', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n').sort()).toEqual(
      [
        `${file} 第 39 行第 13 列：devices 第 1 项（pc-01）的 snmp.port：应为 1 到 65535 之间的整数，实际是 70000`,
        `${file} 第 13 行第 11 列：people 第 1 项（staff-a）的 role：应为 "staff" | "technician" | "lead" | "admin" 之一，实际是 "值班人员"（提示：“值班人员”应写作 "staff"）`,
      ].sort(),
    );
  });

  it('hints a full-width colon typed by a Chinese input method', () => {
    const file = writeConfig('site: x\nsiteName：测试\n');
    const r = runCli(['check-config', '--config', file, '--lang', 'zh-CN']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('：');
    expect(r.stderr).toMatch(/全角/);
  });

  it('validates the sample real-zone config (secrets from the environment), without running it', () => {
    const r = runCli(
      ['check-config', '--config', 'config/zoneops.sample-zone.yaml', '--lang', 'en'],
      sampleZoneEnv,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/people: \d+ \(staff A 1, staff B 1, technician 1, lead 1\)/);
    // Secrets are never printed.
    for (const s of [
      'c0mmunity-x',
      'auth-key-123456',
      'wecom-key',
      'ding-token',
      'smtp-pass',
      'mqtt-pc-01-password',
      'mqtt-plug-01-password',
    ]) {
      expect(r.stdout).not.toContain(s);
    }
  });

  it('a file the config names that is not ours (power.calendarFile: /etc/passwd): exit 2, none of it printed', () => {
    const data = base();
    data.power = { calendarFile: '/etc/passwd' };
    const file = writeConfig(data);
    // Chinese by default, English with --lang en; neither quotes a line of the file.
    const r = runCli(['check-config', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/power\.calendarFile：\/etc\/passwd：不是日历文件/);
    expect(r.stderr + r.stdout).not.toMatch(/root:|\/bin\/(ba)?sh|nologin/);
    const en = runCli(['check-config', '--config', file, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/power\.calendarFile: \/etc\/passwd: not a calendar file/);
    expect(en.stderr + en.stdout).not.toMatch(/root:|\/bin\/(ba)?sh|nologin/);
  });

  for (const c of cases) {
    it(`rejects ${c.kind} with one exact line and exit 2`, () => {
      const data = base();
      c.change(data);
      const file = writeConfig(data);
      const r = runCli(['check-config', '--config', file, '--lang', 'en'], c.env);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      // `file:LINE:COLUMN: what`, the form editors and compilers use (the exact line is checked below).
      expect(lines[0]?.replace(/^(.*?):\d+:\d+: /, '$1: ')).toBe(`${file}: ${c.line}`);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
    });
  }

  it('names the line and column of a YAML syntax error', () => {
    const file = writeConfig('site: x\nsiteName: "unterminated\nofficeHours: {}\n');
    const r = runCli(['check-config', '--config', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: YAML syntax error: `),
    );
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('says when the file does not exist', () => {
    const r = runCli(['check-config', '--config', '/nonexistent/zoneops.yaml', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('/nonexistent/zoneops.yaml: file not found\n');
    const zh = runCli(['check-config', '--config', '/nonexistent/zoneops.yaml']);
    expect(zh.stderr).toBe('/nonexistent/zoneops.yaml：找不到这个文件\n');
  });

  it('lists every problem at once, one line each', () => {
    const data = base();
    dev0(data).snmp.port = 'abc';
    (data.devices[1] as Record<string, unknown>).type = 'toaster';
    data.language = 'fr';
    const file = writeConfig(data);
    const r = runCli(['check-config', '--config', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n').sort()).toEqual(
      [
        `${file}:39:13: devices #1 (pc-01) snmp.port: expected integer 1..65535, got "abc"`,
        `${file}:44:11: devices #2 (plug-01) type: expected one of "pc" | "kiosk" | "printer" | "copier" | "mfp" | "plug" | "other", got "toaster"`,
        `${file}:59:11: language: expected one of "zh-CN" | "en", got "fr"`,
      ].sort(),
    );
  });

  it('never shows a secret value in an error, even when the value is the problem', () => {
    const data = base();
    dev0(data).snmp = {
      host: '127.0.0.1',
      version: 3,
      user: 'u',
      securityLevel: 'authNoPriv',
      authProtocol: 'sha',
      authKey: 'short',
    };
    const file = writeConfig(data);
    const r = runCli(['check-config', '--config', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /:\d+:\d+: devices #1 \(pc-01\) snmp\.authKey: must be at least 8 characters \(RFC 3414\)\n$/,
    );
    expect(r.stderr).not.toContain('short');
  });
});

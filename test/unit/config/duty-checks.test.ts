import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { demoConfig, demoPeople } from '../../../src/demo/demo-config.js';
import { hashPin } from '../../../src/web/pin-hash.js';
import { runCli } from '../../helpers/cli.js';
import { minimalConfigPath, sampleZoneEnv, writeConfig } from '../../helpers/config.js';

// `zoneops check-config` beyond the schema (src/config/duty-checks.ts): can the zone's people answer its
// alerts? Problems exit 2, one line each naming the field; warnings are printed after "valid".

type Data = Record<string, unknown> & {
  people: Array<Record<string, unknown>>;
  web: { accounts: Array<{ person: string; pinHash: string }> };
  duty: { rota: Record<string, Record<string, unknown>> };
};
const example = () => parse(readFileSync('config/zoneops.example.yaml', 'utf8')) as Data;
const gap =
  'duty: A 岗请假时无人代岗：没有 B 岗，也没有负责人（role: lead）能收到通知，值班提醒只能发给技术员。' +
  '请增加 B 岗或负责人，并为其配置通知渠道';

/** The example zone without its B post and its lead: the A post alone. */
function aOnly(): Data {
  const d = example();
  d.people = d.people.filter((p) => p.id !== 'staff-b' && p.id !== 'lead');
  d.web.accounts = d.web.accounts.filter((a) => a.person !== 'staff-b' && a.person !== 'lead');
  for (const day of Object.values(d.duty.rota)) day.B = [];
  return d;
}

describe('check-config: can the people answer the alerts', () => {
  it('the shipped example and the sample real zone pass with no warnings', () => {
    const ex = runCli(['check-config', '--config', 'config/zoneops.example.yaml', '--lang', 'en']);
    expect({ code: ex.code, stderr: ex.stderr }).toEqual({ code: 0, stderr: '' });
    expect(ex.stdout).not.toContain('提醒');
    const sample = runCli(
      ['check-config', '--config', 'config/zoneops.sample-zone.yaml', '--lang', 'en'],
      sampleZoneEnv,
    );
    expect({ code: sample.code, stderr: sample.stderr }).toEqual({ code: 0, stderr: '' });
    expect(sample.stdout).not.toContain('提醒');
  });

  it('the demo config (`zoneops demo`) passes with no warnings', async () => {
    const pinHashes = Object.fromEntries(
      await Promise.all(
        Object.entries(demoPeople).map(async ([k, p]) => [k, await hashPin(p.pin, { N: 1024, r: 8, p: 1 })]),
      ),
    ) as Record<keyof typeof demoPeople, string>;
    const data = demoConfig(
      {
        snmp: { pc01: 16161, pc02: 16162, printer01: 16163, printer02: 16164 },
        mqttPort: 1883,
        inboxUrl: 'http://127.0.0.1:9465/',
        ippUri: 'ipp://127.0.0.1:1/ipp/print',
        httpPort: 9,
      },
      {
        community: 'demo-community',
        technicianToken: 'zo_demo_token',
        pinHashes,
        mqttPasswords: { zoneops: 'mqtt-zoneops', 'pc-01': 'mqtt-pc-01', 'plug-02': 'mqtt-plug-02' },
      },
      '/tmp/zoneops-demo-check.db',
      Date.parse('2025-05-06T10:00:00+08:00'),
    );
    const r = runCli(['check-config', '--config', writeConfig(data), '--lang', 'en']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain('people: 4 (staff A 1, staff B 1, lead 1, technician 1)');
    expect(r.stdout).not.toContain('提醒');
  });

  it('a zone with the A post only and no lead exits 2 naming the gap', () => {
    const file = writeConfig(aOnly());
    const r = runCli(['check-config', '--config', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `${file}: ${gap}`,
      `${file}: 提醒 people: 只有一个值班岗位（A 岗）：A 岗请假时没有 B 岗顶上，建议设 B 岗（post: B）`,
      `${file}: 提醒 people: 没有专区负责人（role: lead）：A、B 岗都不在或没有确认时，值班提醒只能升级到技术员`,
    ]);
    // Our minimal test fixture is such a zone too (and nobody in it can sign in).
    const minimal = runCli(['check-config', '--config', minimalConfigPath, '--lang', 'en']);
    expect(minimal.code).toBe(2);
    expect(minimal.stderr).toContain(`${minimalConfigPath}: ${gap}\n`);
  });

  it('a lead but no B post only warns; a B post but no lead only warns', () => {
    const noB = example();
    noB.people = noB.people.filter((p) => p.id !== 'staff-b');
    noB.web.accounts = noB.web.accounts.filter((a) => a.person !== 'staff-b');
    for (const day of Object.values(noB.duty.rota)) day.B = [];
    const r = runCli(['check-config', '--config', writeConfig(noB), '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('提醒 people: 只有一个值班岗位（A 岗）');
    const noLead = example();
    noLead.people = noLead.people.filter((p) => p.id !== 'lead');
    noLead.web.accounts = noLead.web.accounts.filter((a) => a.person !== 'lead');
    const l = runCli(['check-config', '--config', writeConfig(noLead), '--lang', 'en']);
    expect(l.code).toBe(0);
    expect(l.stdout).toContain('提醒 people: 没有专区负责人（role: lead）');
  });

  it('names a post without a notifier, an on-duty person who cannot sign in, a day without A, a route to nobody', () => {
    const d = example();
    (d.people[1] as Record<string, unknown>).notify = [];
    d.web.accounts = d.web.accounts.filter((a) => a.person !== 'lead');
    d.duty.rota.wed = { B: 'staff-b' };
    d.alerts = { routes: { 'supply-order-due': ['lead'] } };
    (d.people[3] as Record<string, unknown>).notify = [];
    const file = writeConfig(d);
    const r = runCli(['check-config', '--config', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toContain(
      `${file}: duty.rota.wed.A: 周三是工作日，但没有人值 A 岗（role: staff, post: A，或在 duty.rota 中安排）`,
    );
    expect(lines).toContain(
      `${file}: people[1].notify: 值班人员 王芳（B 岗）没有可用的通知渠道（notify 为空，或只有邮件却没有 email）`,
    );
    expect(lines).toContain(
      `${file}: web.accounts: 周主任（lead）会收到值班提醒，但没有网页登录账号，无法在手机上确认收到：请用 \`zoneops web-pin-hash\` 生成 PIN 摘要，添加 { person: lead, pinHash: "…" }`,
    );
    expect(lines).toContain(
      `${file}: alerts.routes.supply-order-due: “耗材需要提前采购”的提醒发不到任何人：按路由应收到的人都没有可用的通知渠道（或没有这样的人）`,
    );
  });

  it('refuses a rota post held by someone who is not an attendant, or by nobody the config knows', () => {
    const d = example();
    d.duty.rota.mon = { A: 'tech', B: 'staff-x' };
    const file = writeConfig(d);
    const r = runCli(['check-config', '--config', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    // Lines 43 and 44 of the written file (the example's report: section comes before duty:).
    expect(r.stderr.trimEnd().split('\n').sort()).toEqual(
      [
        `${file}:43:10: duty.rota.mon.A: "tech" is a technician: only attendants (role staff) hold the A and B posts`,
        `${file}:44:10: duty.rota.mon.B: unknown person "staff-x"`,
      ].sort(),
    );
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type App, createApp } from '../../../src/app.js';
import { ComplaintRepo } from '../../../src/complaints/repo.js';
import type { Config } from '../../../src/config/schema.js';
import type { StatusState } from '../../../src/domain/device-status.js';
import type { FaultKind } from '../../../src/domain/fault-kinds.js';
import type { FaultState } from '../../../src/domain/fault-lifecycle.js';
import type { DeviceStatus } from '../../../src/domain/status.js';
import { FaultRepo } from '../../../src/faults/fault-repo.js';
import { HygieneRepo } from '../../../src/hygiene/repo.js';
import { areaAssets, assetFromConfig } from '../../../src/inventory/assets.js';
import { createLogger } from '../../../src/log.js';
import { type PowerActionKind, PowerActionsRepo } from '../../../src/power/actions-repo.js';
import { ReadingsRepo } from '../../../src/readings/repo.js';
import { StatusRepo } from '../../../src/status/status-repo.js';
import { openStore } from '../../../src/store/store.js';
import { minimalConfigData, testConfig, writeConfig } from '../../helpers/config.js';
import { FakeClock } from '../../helpers/fake-clock.js';

/**
 * A synthetic October 2026 in a real SQLite database, written through the real repositories.
 * Office hours (test/fixtures/foundation/minimal.yaml): 09:00-12:00 and 14:00-17:30 = 390 min a day,
 * Mon–Fri. October 2026 per ../shared/fixtures/calendar/cn-holidays.md: 1–7 Oct are days off
 * (National Day), Sat 10 Oct is a make-up working day. Weekdays in the month: Thu/Fri ×5, Mon–Wed ×4
 * = 22; minus the 5 weekdays inside the holiday (1, 2, 5, 6, 7) = 17; plus Sat 10 = 18 open days:
 * 8, 9, 10, 12–16, 19–23, 26–30. Opening minutes: 18 × 390 = 7020.
 *
 * The zone: pc-01 (fed by plug-01), pc-02 (Wake-on-LAN; fails to power on on Tue 20 Oct), prn-01 (a
 * printer zoneops first heard from at 12:00 on 8 Oct), and the cleaning area 查阅区 (area-desk).
 */
export const openDays = [8, 9, 10, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30];

/** An instant in Beijing time: bj('10-08 09:00') is 2026-10-08 09:00 +08:00. */
export function bj(s: string): number {
  const [md, hm] = s.split(' ');
  return Date.parse(`2026-${md}T${hm}:00+08:00`);
}

/** The report is made on 5 November, after the month ended. */
export const reportTime = bj('11-05 10:00');

export interface Seeded {
  dir: string;
  configFile: string;
  config: Config;
  dbPath: string;
}

export function reportConfigData(dbPath: string): Record<string, unknown> {
  const data = minimalConfigData();
  const devices = data.devices as Array<Record<string, unknown>>;
  const pc = devices.find((d) => d.id === 'pc-01') as Record<string, unknown>;
  pc.power = { method: 'plug', plug: 'plug-01' };
  devices.push({
    id: 'pc-02',
    name: '电脑 2',
    type: 'pc',
    location: '查阅区',
    assetNo: 'T-004',
    vendor: { name: '电脑厂家' },
    serviceProvider: { name: '服务商' },
    responsible: '甲',
    snmp: { host: '127.0.0.1', port: 16162, version: '2c', community: 'test-community-secret' },
    power: { method: 'wol', mac: '02:00:00:00:00:02', address: '127.0.0.1', port: 40009 },
  });
  devices.push({
    id: 'prn-01',
    name: '打印机 1',
    type: 'printer',
    location: '查阅区',
    assetNo: 'T-003',
    vendor: { name: '打印机厂家' },
    serviceProvider: { name: '服务商' },
    responsible: '甲',
    ipp: { uri: 'ipp://127.0.0.1:8631/ipp/print' },
  });
  data.store = { path: dbPath };
  data.hygiene = { targets: [{ id: 'desk', name: '查阅区', tasks: ['clean'] }] };
  data.report = { unit: '测试镇人民政府党政办公室', preparedBy: '陈刚' };
  return data;
}

export async function seedMonth(): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-report-'));
  const dbPath = join(dir, 'data', 'zoneops.db');
  const data = reportConfigData(dbPath);
  const configFile = writeConfig(data);
  const config = testConfig(data);
  const store = await openStore(dbPath, bj('09-01 00:00'));
  try {
    await store.devices.sync(
      [...config.devices.map(assetFromConfig), ...areaAssets(config.hygiene.targets, config.siteName)],
      bj('09-01 00:00'),
    );

    // Status history (StatusRepo.save writes device_status and status_transitions).
    const statuses = new StatusRepo(store.db);
    const last = new Map<string, DeviceStatus>();
    const move = async (deviceId: string, to: DeviceStatus, when: string) => {
      const at = bj(when);
      const from = last.get(deviceId) ?? 'unknown';
      const state: StatusState = { status: to, since: at, failStreak: 0, changes: [], flapping: false };
      await statuses.save(
        deviceId,
        { state, observedAt: at, conditions: [], conditionsAsOf: null },
        { from, to, at, reason: 'test' },
      );
      last.set(deviceId, to);
    };
    await move('pc-01', 'off-scheduled', '09-30 18:00');
    await move('pc-01', 'down', '10-07 16:00'); // on a holiday: counts nothing until the 8th opens
    await move('pc-01', 'up', '10-08 10:00');
    await move('pc-01', 'off-scheduled', '10-08 18:00');
    await move('pc-01', 'up', '10-09 08:45');
    await move('pc-01', 'down', '10-09 11:30'); // across the lunch break
    await move('pc-01', 'up', '10-09 15:00');
    await move('pc-01', 'off-scheduled', '10-09 18:00');
    await move('pc-01', 'up', '10-10 08:45');
    await move('pc-01', 'down', '10-10 17:00'); // closes at 17:30
    await move('pc-01', 'off-scheduled', '10-10 17:45');
    const day = (d: number) => `10-${String(d).padStart(2, '0')}`;
    for (const d of openDays.filter((x) => x > 10)) {
      await move('pc-01', 'up', `${day(d)} 08:45`);
      await move('pc-01', 'off-scheduled', `${day(d)} 17:45`);
    }
    // The printer: first heard of at 12:00 on 8 Oct (unknown before), then up all month.
    await move('prn-01', 'up', '10-08 12:00');
    // pc-02: on and off with the schedule; on 20 Oct it does not start (down 08:48, repaired 15:00);
    // on 29 Oct it is left on overnight (no switch-off), so the 30th's switch-on is not needed.
    await move('pc-02', 'off-scheduled', '09-30 18:00');
    for (const d of openDays) {
      if (d === 20) {
        await move('pc-02', 'down', `${day(d)} 08:48`);
        await move('pc-02', 'up', `${day(d)} 15:00`);
        await move('pc-02', 'off-scheduled', `${day(d)} 17:45`);
        continue;
      }
      if (d === 30) {
        await move('pc-02', 'off-scheduled', `${day(d)} 17:45`);
        continue;
      }
      await move('pc-02', 'up', `${day(d)} 08:45`);
      if (d !== 29) await move('pc-02', 'off-scheduled', `${day(d)} 17:45`);
    }

    // Faults and their timelines (FaultRepo, as the fault service writes them).
    const faults = new FaultRepo(store.db);
    const fault = async (
      deviceId: string,
      kind: FaultKind,
      opened: string,
      detail: string,
      events: Array<[string, string, object?]>,
      end: { state: FaultState; closed?: string },
    ) => {
      const id = await faults.insert(store.db, {
        deviceId,
        kind,
        severity: 'warning',
        summary: kind,
        evidence: { detail },
        at: bj(opened),
      });
      await faults.addEvent(store.db, id, bj(opened), 'opened', 'probe:snmp', { detail });
      for (const [type, when, data] of events)
        await faults.addEvent(store.db, id, bj(when), type, 'tech', data);
      await faults.update(store.db, id, {
        state: end.state,
        updatedAt: bj(end.closed ?? opened),
        ...(end.closed ? { closedAt: bj(end.closed) } : {}),
      });
    };
    await fault('pc-01', 'unreachable', '09-29 09:00', 'previous month', [], {
      state: 'resolved',
      closed: '09-29 10:00',
    });
    await fault(
      'pc-01',
      'unreachable',
      '10-08 09:00',
      'no answer',
      [
        ['acknowledged', '10-08 09:10'],
        ['vendor-contacted', '10-08 09:30', { party: 'vendor', whom: '厂家', promisedAt: bj('10-08 12:00') }],
        ['resolved', '10-08 10:00'],
      ],
      { state: 'resolved', closed: '10-08 10:00' },
    );
    await fault('prn-01', 'paper-out', '10-12 10:00', '', [['acknowledged', '10-12 10:20']], {
      state: 'cleared',
      closed: '10-12 10:30',
    });
    await fault('prn-01', 'paper-out', '10-13 14:00', '', [], { state: 'cleared', closed: '10-13 14:40' });
    await fault(
      'pc-01',
      'forbidden-software',
      '10-14 09:05',
      '<script>alert(1)</script> 游戏.exe',
      [['acknowledged', '10-14 09:35']],
      { state: 'acknowledged' },
    );
    await fault(
      'prn-01',
      'service-requested',
      '10-20 09:00',
      'fuser',
      [
        [
          'vendor-contacted',
          '10-20 09:30',
          { party: 'service-provider', whom: '服务商', promisedAt: bj('10-20 12:00') },
        ],
        ['resolved', '10-21 09:30'],
      ],
      { state: 'resolved', closed: '10-21 09:30' },
    );
    await fault(
      'prn-01',
      'supply-order-due',
      '10-25 10:00',
      'Black Toner 预计 9 天后用完（采购周期 14 天）',
      [],
      {
        state: 'open',
      },
    );
    // pc-02 does not start on 20 Oct: unreachable and power-on-failed — one incident, not two.
    await fault('pc-02', 'unreachable', '10-20 08:48', 'timeout', [], {
      state: 'cleared',
      closed: '10-20 15:00',
    });
    await fault(
      'pc-02',
      'power-on-failed',
      '10-20 08:55',
      'not reachable within the grace period',
      [
        ['acknowledged', '10-20 09:10'],
        [
          'vendor-contacted',
          '10-20 09:20',
          { party: 'service-provider', whom: '服务商', promisedAt: bj('10-20 14:00') },
        ],
        ['resolved', '10-20 15:00'],
      ],
      { state: 'resolved', closed: '10-20 15:00' },
    );
    // The plug feeding pc-01 cuts out for an overload: an equipment fault of pc-01.
    await fault('plug-01', 'plug-overload', '10-27 10:00', 'overload', [['acknowledged', '10-27 10:06']], {
      state: 'resolved',
      closed: '10-27 10:20',
    });
    // The missed cleaning of 12 Oct, on the area's register entry.
    await fault('area-desk', 'cleaning-overdue', '10-12 09:00', '', [], {
      state: 'cleared',
      closed: '10-13 08:30',
    });
    // Two citizens' reports: one about the printer while it was out of paper (the same problem).
    // A citizen's report is a complaint record (the complaint register, migration 9) linked to its fault.
    const register = new ComplaintRepo(store.db);
    let seq = 0;
    const citizen = async (
      deviceId: string,
      at: string,
      events: Array<[string, string, object?]>,
      closed: string,
    ) => {
      await fault(deviceId, 'public-report', at, '不能用', events, { state: 'resolved', closed });
      const row = await store.db.get<{ id: number }>('SELECT MAX(id) AS id FROM faults');
      seq++;
      const id = await register.insert(store.db, {
        caseNo: `ZS-202610-${seq}`,
        caseDay: `2026-${at.slice(0, 5)}`,
        clientKey: 'h',
        submissionKey: null,
        type: 'complaint',
        problem: 'device-broken',
        deviceId,
        description: '不能用',
        contact: null,
        source: 'web',
        state: 'closed',
        receivedAt: bj(at),
        acceptDueAt: bj(at),
        answerDueAt: bj(at),
        assignedTo: null,
        decidedAt: null,
        decidedBy: null,
        ground: null,
        decisionNote: null,
        answeredAt: null,
        answeredBy: null,
        answerMethod: null,
        answerText: null,
        closedAt: bj(closed),
        closedBy: 'zoneops',
      });
      await register.link(store.db, id, row?.id ?? 0, bj(at), 'zoneops');
    };
    await citizen('prn-01', '10-12 10:10', [['resolved', '10-12 10:40']], '10-12 10:40');
    await citizen(
      'pc-01',
      '10-22 15:00',
      [
        ['acknowledged', '10-22 15:05'],
        ['resolved', '10-22 15:30'],
      ],
      '10-22 15:30',
    );

    // Power commands (PowerActionsRepo, as the reconciler records them). pc-01's window: 08:45–17:45.
    const actions = new PowerActionsRepo(store.db);
    const act = async (
      action: PowerActionKind,
      when: string,
      result: 'ok' | 'failed',
      deviceId = 'pc-01',
    ) => {
      const id = await actions.record({ deviceId, action, reason: 'open', requestedAt: bj(when) });
      await actions.update(id, result, bj(when) + 60_000, null);
    };
    for (const d of openDays) {
      const day = `10-${String(d).padStart(2, '0')}`;
      if (d === 9) {
        await act('on', `${day} 08:46`, 'failed');
        await act('on', `${day} 08:50`, 'failed');
        continue; // and no switch-off recorded that evening
      }
      await act('on', `${day} 08:46`, 'ok');
      await act('cut', `${day} 17:46`, 'ok');
    }
    await act('on', '10-11 10:00', 'ok'); // a Sunday: outside the plan
    for (const d of openDays) {
      const day = `10-${String(d).padStart(2, '0')}`;
      if (d !== 30) await act('on', `${day} 08:46`, d === 20 ? 'failed' : 'ok', 'pc-02');
      if (d !== 29) await act('soft-off', `${day} 17:46`, 'ok', 'pc-02');
    }

    // Readings history (ReadingsRepo, as the sampler stores it).
    const readings = new ReadingsRepo(store.db);
    for (const [when, pages] of [
      ['09-30 23:00', 10_000],
      ['10-05 10:00', 10_100],
      ['10-15 10:00', 10_250],
      ['10-20 10:00', 40], // counter board replaced
      ['10-31 20:00', 120],
      ['11-01 10:00', 500], // next month
    ] as const)
      await readings.addPages('prn-01', bj(when), pages);
    for (const [when, kwh] of [
      ['09-30 23:00', 100],
      ['10-15 12:00', 130.5],
      ['10-31 23:00', 160.25],
    ] as const)
      await readings.addEnergy('plug-01', bj(when), kwh);
    for (const [when, percent] of [
      ['09-30 23:00', 50],
      ['10-10 10:00', 40],
      ['10-20 10:00', 30],
      ['10-21 10:00', 100], // new cartridge
      ['10-31 10:00', 95],
    ] as const)
      await readings.addSupply({
        deviceId: 'prn-01',
        index: 1,
        at: bj(when),
        percent,
        type: 'toner',
        color: 'black',
        description: 'Black Toner',
        receptacle: false,
      });

    // A waste-toner box filling one point a day: 60 % on 1 Oct … 90 % on 31 Oct (10:00).
    for (let i = 0; i <= 30; i++)
      await readings.addSupply({
        deviceId: 'prn-01',
        index: 2,
        at: bj(`10-${String(i + 1).padStart(2, '0')} 10:00`),
        percent: 60 + i,
        type: 'wasteToner',
        color: null,
        description: 'Waste Toner Box',
        receptacle: true,
      });
    // pc-01's processor load every 5 minutes on 12 Oct 09:00–10:55: 30 % until 10:00, then 3 %.
    for (let m = 0; m < 120; m += 5)
      await readings.addUsage('pc-01', bj('10-12 09:00') + m * 60_000, m < 60 ? 30 : 3);

    // Hygiene records (HygieneRepo): cleaning due by opening (09:00) each open day.
    const hygiene = new HygieneRepo(store.db);
    const record = async (day: string, time: string) => {
      const at = bj(`${day} ${time}`);
      await hygiene.insert(store.db, {
        target: 'desk',
        task: 'clean',
        actor: '甲',
        recordedAt: at,
        doneAt: at,
        method: null,
        agent: null,
        note: null,
        photo: null,
        correctsId: null,
        backdated: false,
        source: 'api',
        firstRecordedAt: at,
      });
    };
    for (const d of openDays) {
      const day = `10-${String(d).padStart(2, '0')}`;
      if (d === 12) continue; // missed
      await record(day, d === 9 || d === 10 ? '10:00' : '08:30'); // 9th and 10th after opening: late
    }
  } finally {
    await store.close();
  }
  return { dir, configFile, config, dbPath };
}

/** The real daemon (API and pages, no pollers) on an ephemeral loopback port over the seeded database. */
export async function startReportApp(
  seeded: Seeded,
  config: Config = seeded.config,
): Promise<{ app: App; base: string }> {
  const quiet = new Writable({ write: (_c, _e, cb) => cb() });
  const app = createApp({
    config,
    clock: new FakeClock(reportTime),
    logger: createLogger('silent', quiet),
    listen: { host: '127.0.0.1', port: 0 },
    dbPath: seeded.dbPath,
    withoutFeatures: true,
  });
  await app.start();
  return { app, base: `http://127.0.0.1:${app.address?.port}` };
}

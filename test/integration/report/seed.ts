import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../../src/config/schema.js';
import type { StatusState } from '../../../src/domain/device-status.js';
import type { FaultKind } from '../../../src/domain/fault-kinds.js';
import type { FaultState } from '../../../src/domain/fault-lifecycle.js';
import type { DeviceStatus } from '../../../src/domain/status.js';
import { FaultRepo } from '../../../src/faults/fault-repo.js';
import { HygieneRepo } from '../../../src/hygiene/repo.js';
import { assetFromConfig } from '../../../src/inventory/assets.js';
import { type PowerActionKind, PowerActionsRepo } from '../../../src/power/actions-repo.js';
import { ReadingsRepo } from '../../../src/readings/repo.js';
import { StatusRepo } from '../../../src/status/status-repo.js';
import { openStore } from '../../../src/store/store.js';
import { minimalConfigData, testConfig, writeConfig } from '../../helpers/config.js';

/**
 * A synthetic October 2026 in a real SQLite database, written through the real repositories.
 * Office hours (test/fixtures/foundation/minimal.yaml): 09:00-12:00 and 14:00-17:30 = 390 min a day,
 * Mon–Fri. October 2026 per ../shared/fixtures/calendar/cn-holidays.md: 1–7 Oct are days off
 * (National Day), Sat 10 Oct is a make-up working day. Weekdays in the month: Thu/Fri ×5, Mon–Wed ×4
 * = 22; minus the 5 weekdays inside the holiday (1, 2, 5, 6, 7) = 17; plus Sat 10 = 18 open days:
 * 8, 9, 10, 12–16, 19–23, 26–30. Opening minutes: 18 × 390 = 7020.
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
    await store.devices.sync(config.devices.map(assetFromConfig), bj('09-01 00:00'));

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
    await move('prn-01', 'up', '09-01 08:00');

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

    // Power commands (PowerActionsRepo, as the reconciler records them). pc-01's window: 08:45–17:45.
    const actions = new PowerActionsRepo(store.db);
    const act = async (action: PowerActionKind, when: string, result: 'ok' | 'failed') => {
      const id = await actions.record({ deviceId: 'pc-01', action, reason: 'open', requestedAt: bj(when) });
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

    // Hygiene records (HygieneRepo): cleaning due by opening (09:00) each open day.
    const hygiene = new HygieneRepo(store.db);
    const record = async (day: string, time: string) => {
      const at = bj(`${day} ${time}`);
      await hygiene.insert(store.db, {
        target: 'desk',
        task: 'clean',
        actor: '甲',
        recordedBy: '甲',
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

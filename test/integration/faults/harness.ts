import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NotifierConfig, PersonConfig } from '../../../src/config/schema.js';
import { Secret } from '../../../src/config/secret.js';
import { type AlertsConfig, alertsSchema } from '../../../src/config/sections/alerts.js';
import { createEventBus } from '../../../src/core/events.js';
import { createTellPeople } from '../../../src/core/tell-people.js';
import type { Actor, Role } from '../../../src/domain/access.js';
import type { AssetRecord } from '../../../src/domain/device.js';
import type { Rota } from '../../../src/domain/duty.js';
import type { Observation } from '../../../src/domain/observation.js';
import { createDutyService, type DutyService } from '../../../src/duty/duty-service.js';
import { createFaultService, type FaultService } from '../../../src/faults/fault-service.js';
import { createLogger } from '../../../src/log.js';
import { createNotifier, type Notifier } from '../../../src/notify/dispatcher.js';
import { createStatusTracker, type StatusTracker } from '../../../src/status/tracker.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import {
  type Receiver,
  type ReceiverOptions,
  type SmtpReceiver,
  startReceiver,
  startSmtpReceiver,
} from '../../helpers/receivers.js';
import { summerWinterHours, testSchedule } from '../../helpers/schedule.js';

/** Our own demo zone for these tests (written by us, not from a real device). */
export const assets: AssetRecord[] = [
  asset('printer-01', '打印机 P-01', 'printer', '一楼查阅区', 'ZS-ZW-2023-003', '2026-05-31'),
  asset('pc-01', '查阅电脑 1', 'pc', '一楼查阅区', 'ZS-ZW-2023-001', '2026-05-09'),
  asset('copier-01', '复印机 C-01', 'copier', '二楼办事大厅', 'ZS-ZW-2022-007', '2024-12-31'),
];

export function asset(
  id: string,
  name: string,
  type: AssetRecord['type'],
  location: string,
  assetNo: string,
  warrantyUntil: string,
): AssetRecord {
  return {
    id,
    name,
    type,
    location,
    assetNo,
    vendor: { name: '演示设备厂', phone: '400-000-0003' },
    serviceProvider: { name: '演示办公设备维修部', contact: '孙师傅', phone: '023-00000002' },
    purchasedOn: '2023-06-01',
    warrantyUntil,
    responsible: '王芳',
    protocols: ['snmp'],
    powerMethod: 'none',
  };
}

/** Someone acting through the API (the services take an Actor). */
export const actor = (name: string, role: Role = 'technician'): Actor => ({
  name,
  role,
  remoteAddr: '127.0.0.1',
  via: 'api',
});

export const WECOM_KEY = 'test-wecom-key';
export const DING_TOKEN = 'test-ding-token';
export const DING_SECRET = 'SECtest-ding-secret';

export interface Zone {
  clock: FakeClock;
  store: Store;
  dir: string;
  wecom: Receiver;
  ding: Receiver;
  smtp: SmtpReceiver;
  people: PersonConfig[];
  readonly notifiers: NotifierConfig[];
  notifier: Notifier;
  faults: FaultService;
  /** The rota, absences and swaps, as core/zone.ts builds it (working days from the zone's schedule). */
  duty: DutyService;
  tracker: StatusTracker;
  alerts: AlertsConfig;
  /** Rebuilds the services on the same database, as after a daemon restart (optionally with a changed notifier config). */
  restart(change?: (notifiers: NotifierConfig[]) => NotifierConfig[]): Promise<void>;
  /** Moves time in steps, running escalation ticks and outbox dispatch after each. */
  run(ms: number, step?: number): Promise<void>;
  observe(deviceId: string, o: Partial<Observation>): Promise<void>;
  close(): Promise<void>;
}

export async function startZone(
  opts: {
    start?: string;
    alerts?: Record<string, unknown>;
    /** Extra options for the DingTalk stand-in (its rate limit runs on the zone's fake clock). */
    ding?: Partial<ReceiverOptions>;
    /** More devices in the asset register. */
    extraAssets?: AssetRecord[];
    /** Changes the people (e.g. remove the B post or the lead). */
    people?: (people: PersonConfig[]) => PersonConfig[];
    rota?: Rota;
  } = {},
): Promise<Zone> {
  const clock = new FakeClock(opts.start ?? '2025-05-06T09:30:00+08:00');
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-faults-'));
  const dbPath = join(dir, 'zoneops.db');
  let store = await openStore(dbPath, clock.now());
  await store.devices.sync([...assets, ...(opts.extraAssets ?? [])], clock.now());
  const wecom = await startReceiver({ kind: 'wecom', token: WECOM_KEY });
  const ding = await startReceiver({
    kind: 'dingtalk',
    token: DING_TOKEN,
    secret: DING_SECRET,
    now: () => clock.now(),
    ...opts.ding,
  });
  const smtp = await startSmtpReceiver();
  let notifiers: NotifierConfig[] = [
    { id: 'duty-group', type: 'wecom', key: new Secret(WECOM_KEY, 'inline'), baseUrl: wecom.url },
    {
      id: 'tech-ding',
      type: 'dingtalk',
      accessToken: new Secret(DING_TOKEN, 'inline'),
      secret: new Secret(DING_SECRET, 'inline'),
      baseUrl: ding.url,
    },
    {
      id: 'mail',
      type: 'email',
      from: 'zoneops@localhost',
      // The test receiver has no STARTTLS: an unencrypted relay without a password (requireTLS: false).
      smtp: {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        requireTLS: false,
        tls: { rejectUnauthorized: true },
        allowInsecureAuth: false,
      },
    },
  ];
  const allPeople: PersonConfig[] = [
    // The full-time A post is in the zone's WeCom with an account (mentioned by userid); B only by phone.
    {
      id: 'staff-a',
      name: '李娟',
      role: 'staff',
      post: 'A',
      phone: '13800000001',
      wecomUserId: 'lijuan',
      notify: ['duty-group'],
    },
    {
      id: 'staff-b',
      name: '王芳',
      role: 'staff',
      post: 'B',
      phone: '13800000002',
      email: 'wangfang@localhost',
      notify: ['duty-group', 'mail'],
    },
    {
      id: 'tech',
      name: '陈刚',
      role: 'technician',
      phone: '13800000003',
      email: 'chengang@localhost',
      notify: ['tech-ding', 'mail'],
    },
    { id: 'lead', name: '张主任', role: 'lead', phone: '13800000004', notify: ['duty-group'] },
  ];
  const people = opts.people ? opts.people(allPeople) : allPeople;
  const alerts = alertsSchema().parse(opts.alerts ?? {});
  const logger = createLogger('silent');
  const schedule = testSchedule({ hours: summerWinterHours });
  const build = () => {
    const events = createEventBus(logger);
    const notifier = createNotifier({
      db: store.db,
      clock,
      logger,
      site: 'zhuoshui',
      siteName: '濯水镇政务公开专区',
      language: 'zh-CN',
      notifiers,
      people,
      channelFailureAlertAfter: alerts.channelFailureAlertAfter,
      publicUrl: 'http://127.0.0.1:9464',
      timeZone: 'Asia/Shanghai',
    });
    const duty = createDutyService({
      db: store.db,
      clock,
      logger,
      people,
      notifiers,
      ...(opts.rota ? { rota: opts.rota } : {}),
      timeZone: 'Asia/Shanghai',
      language: 'zh-CN',
      siteName: '濯水镇政务公开专区',
      isWorkingDay: (date) => schedule.days.isWorkingDay(date),
      heldChannels: () => notifier.heldChannels(),
      tell: createTellPeople({ db: store.db, notifier, clock, notifiers }),
    });
    const faults = createFaultService({
      db: store.db,
      clock,
      logger,
      notifier,
      duty,
      devices: store.devices,
      people,
      notifiers,
      siteName: '濯水镇政务公开专区',
      language: 'zh-CN',
      publicUrl: 'http://127.0.0.1:9464',
      timeZone: 'Asia/Shanghai',
      alerts,
      isWorkingTime: (now) => schedule.isWorkingTime(now),
      events,
    });
    // The pipeline as the daemon builds it (core/zone.ts): observation → status tracker → faults.
    const tracker = createStatusTracker({
      db: store.db,
      events,
      logger,
      expectedOn: () => true,
      known: new Set(assets.map((a) => a.id)),
      policy: { downAfterFailures: alerts.downAfterFailedPolls },
    });
    events.on('device-status', (e) => faults.observe(e));
    return { notifier, faults, duty, tracker };
  };
  let built = build();
  const zone: Zone = {
    clock,
    get store() {
      return store;
    },
    dir,
    wecom,
    ding,
    smtp,
    people,
    get notifiers() {
      return notifiers;
    },
    get notifier() {
      return built.notifier;
    },
    get faults() {
      return built.faults;
    },
    get duty() {
      return built.duty;
    },
    get tracker() {
      return built.tracker;
    },
    alerts,
    async restart(change) {
      await built.faults.stop();
      await built.notifier.stop();
      await store.close();
      if (change) notifiers = change(notifiers);
      store = await openStore(dbPath, clock.now());
      built = build();
    },
    async run(ms, step = 15_000) {
      for (let t = 0; t < ms; t += step) {
        await clock.advance(Math.min(step, ms - t));
        await built.faults.tick();
        await built.notifier.dispatchDue();
      }
    },
    async observe(deviceId, o) {
      await built.tracker.observe({
        deviceId,
        source: 'snmp',
        at: clock.now(),
        reachable: true,
        conditions: [],
        ...o,
      });
    },
    async close() {
      await built.faults.stop();
      await built.notifier.stop();
      await store.close();
      await wecom.close();
      await ding.close();
      await smtp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return zone;
}

/** The content of each message the WeCom robot accepted (markdown, or text when it carried markup). */
export function wecomTexts(r: Receiver): string[] {
  return r.accepted.map((q) => {
    const b = q.json as { markdown?: { content: string }; text?: { content: string } };
    return b.markdown?.content ?? b.text?.content ?? '';
  });
}

export function dingTexts(r: Receiver): string[] {
  return r.accepted.map((q) => {
    const b = q.json as { markdown?: { text: string }; text?: { content: string } };
    return b.markdown?.text ?? b.text?.content ?? '';
  });
}

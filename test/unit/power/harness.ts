import { loadScheduleContext, type ScheduleContext } from '../../../src/calendar/schedule.js';
import { createScheduleService } from '../../../src/calendar/schedule-service.js';
import { loadConfig } from '../../../src/config/load.js';
import type { PowerOverride } from '../../../src/domain/desired-power.js';
import type { AssetRecord } from '../../../src/domain/device.js';
import { localTime } from '../../../src/domain/local-time.js';
import type { Observation } from '../../../src/domain/observation.js';
import type { PowerAction, PowerSwitch, SwitchResult } from '../../../src/domain/power-switch.js';
import { createLogger } from '../../../src/log.js';
import { PowerActionsRepo } from '../../../src/power/actions-repo.js';
import { createReconciler, type Reconciler } from '../../../src/power/reconciler.js';
import type { PowerEvent } from '../../../src/power/step.js';
import { type PowerTarget, powerTargets } from '../../../src/power/targets.js';
import type { WolTarget } from '../../../src/power/wol.js';
import { openStore, type Store } from '../../../src/store/store.js';
import type { FakeClock } from '../../helpers/fake-clock.js';

export const TZ = 'Asia/Shanghai';

const loaded = loadConfig('config/zoneops.example.yaml');
if (!loaded.ok) throw new Error(loaded.error.join('\n'));
export const exampleConfig = loaded.value;

/** The example zone (pc-01 WoL, kiosk-01 agent, printer-01 behind plug-01) plus pc-02: agent + plug-02. */
export const targets: PowerTarget[] = [
  ...powerTargets(exampleConfig.devices),
  { id: 'pc-02', type: 'pc', on: { kind: 'switch', id: 'plug-02' }, softOff: 'pc-02', cut: 'plug-02' },
];

export function context(): ScheduleContext {
  // The example calendar.yaml has invented local days (15 Jul closure, 16 May event) outside our test weeks.
  const ctx = loadScheduleContext(exampleConfig, 'config/calendar.yaml');
  if (!ctx.ok) throw new Error(ctx.error.join('\n'));
  return ctx.value;
}

/** What the fake devices are doing; observations are generated fresh from it at each tick. */
export interface DeviceWorld {
  /** SNMP/IPP answer (pc-01, printer-01). */
  reachable?: boolean;
  agentOnline?: boolean;
  relay?: 'on' | 'off';
  watts?: number;
  printer?: { status: 'idle' | 'printing'; queuedJobs: number };
  /**
   * Someone is using the PC and cancels the shutdown: `timeout` — the power switch gives up (what the
   * MQTT switch answers after its timeout, here at once); `ack` — the command is accepted, the PC stays on.
   */
  refusesShutdown?: 'timeout' | 'ack';
}

export interface Call {
  at: string;
  id: string;
  action: PowerAction | 'wake';
}

export interface Harness {
  store: Store;
  world: Map<string, DeviceWorld>;
  calls: Call[];
  events: PowerEvent[];
  overrides: PowerOverride[];
  reconciler: Reconciler;
  /** A new reconciler on the same store (a daemon restart). */
  restart(): Reconciler;
  /** Advance the fake clock, ticking every `stepMs` (default each minute), up to and including `iso`. */
  runUntil(iso: string, stepMs?: number): Promise<void>;
  close(): Promise<void>;
}

const local = (ms: number) => {
  const t = localTime(ms, TZ);
  const s = new Date(ms).getUTCSeconds();
  return `${t.date} ${String(Math.floor(t.minutes / 60)).padStart(2, '0')}:${String(t.minutes % 60).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
};

export async function createHarness(
  clock: FakeClock,
  initial: Record<string, DeviceWorld>,
  settings: Partial<Parameters<typeof createReconciler>[0]['settings']> = {},
): Promise<Harness> {
  const store = await openStore(':memory:', clock.now());
  const ids = ['pc-01', 'kiosk-01', 'printer-01', 'plug-01', 'pc-02', 'plug-02'];
  await store.devices.sync(ids.map(asset), clock.now());
  const world = new Map(Object.entries(initial));
  const calls: Call[] = [];
  const events: PowerEvent[] = [];
  const overrides: PowerOverride[] = [];
  const actions = new PowerActionsRepo(store.db);

  const get = (id: string) => {
    let w = world.get(id);
    if (!w) {
      w = {};
      world.set(id, w);
    }
    return w;
  };
  // The fake devices answer the way the real ones do: a plug follows its relay, the device behind it
  // boots when powered, an agent goes offline after a shutdown (unless someone cancels it).
  const powerSwitch: PowerSwitch = {
    switch(id, action, opts = {}): Promise<SwitchResult> {
      calls.push({ at: local(clock.now()), id, action });
      const w = get(id);
      if (id.startsWith('plug-')) {
        w.relay = action;
        const fed = id === 'plug-01' ? get('printer-01') : get('pc-02');
        if (action === 'on') {
          w.watts = 40;
          if (id === 'plug-01') fed.reachable = true;
          else fed.agentOnline = true;
        } else {
          w.watts = 0;
          fed.reachable = false;
          fed.agentOnline = false;
        }
        return Promise.resolve({ ok: true, confirmedAt: clock.now() });
      }
      if (action === 'off' && w.refusesShutdown === 'timeout') {
        const secs = Math.round((opts.timeoutMs ?? 0) / 1000);
        return Promise.resolve({
          ok: false,
          reason: 'timeout',
          message: `"${id}" did not go offline within ${secs} s`,
        });
      }
      if (action === 'off' && w.refusesShutdown === 'ack')
        return Promise.resolve({ ok: true, confirmedAt: clock.now() });
      w.agentOnline = action === 'on';
      if (action === 'off' && id === 'pc-02') get('plug-02').watts = 2;
      return Promise.resolve({ ok: true, confirmedAt: clock.now() });
    },
  };
  const wake = async (t: WolTarget) => {
    calls.push({ at: local(clock.now()), id: t.mac, action: 'wake' });
    get('pc-01').reachable = true;
    return { ok: true as const };
  };

  const observations = (id: string): Observation[] => {
    const w = world.get(id);
    if (!w) return [];
    const at = clock.now();
    const out: Observation[] = [];
    if (w.reachable !== undefined) {
      out.push({
        deviceId: id,
        source: 'snmp',
        at,
        reachable: w.reachable,
        conditions: [],
        ...(w.reachable && w.printer
          ? {
              printer: {
                status: w.printer.status,
                queuedJobs: w.printer.queuedJobs,
                supplies: [],
                trays: [],
                alerts: [],
                pageCount: null,
              },
            }
          : {}),
      });
    }
    if (w.agentOnline !== undefined || w.relay !== undefined) {
      const deviceOn = w.watts === undefined ? null : w.watts > 5;
      out.push({
        deviceId: id,
        source: 'mqtt',
        at,
        reachable: true,
        conditions: [],
        power: {
          online: w.relay !== undefined ? true : (w.agentOnline ?? false),
          relay: w.relay ?? null,
          watts: w.watts ?? null,
          energyKWh: null,
          deviceOn: w.relay !== undefined ? deviceOn : null,
          lastSeen: at,
        },
      });
    }
    return out;
  };

  // The zone's schedule service over the example calendar; overrides are the test's own list.
  const schedule = createScheduleService({
    context: context(),
    devices: new Map(targets.map((t) => [t.id, t.type])),
    overrides: {
      active: async (now) => overrides.filter((o) => o.until > now),
      add: () => Promise.reject(new Error('the tests push overrides directly')),
      cancel: async () => false,
    },
  });
  const make = () =>
    createReconciler({
      targets,
      schedule,
      observations,
      actions,
      powerSwitch,
      wake,
      clock,
      logger: createLogger('silent'),
      settings: {
        graceMinutes: 10,
        staggerSeconds: 5,
        maxActionsPerMinute: 20,
        interlockWaitMinutes: 15,
        switchTimeoutSeconds: 60,
        ...settings,
      },
      onEvent: (e) => events.push(e),
    });

  const h: Harness = {
    store,
    world,
    calls,
    events,
    overrides,
    reconciler: make(),
    restart() {
      h.reconciler = make();
      return h.reconciler;
    },
    async runUntil(iso, stepMs = 60_000) {
      const end = Date.parse(iso);
      while (clock.now() < end) {
        await h.reconciler.tick();
        await h.reconciler.settled();
        await clock.advance(Math.min(stepMs, end - clock.now()));
        await h.reconciler.settled();
      }
      await h.reconciler.tick();
      await h.reconciler.settled();
    },
    async close() {
      await h.reconciler.stop();
      await store.close();
    },
  };
  return h;
}

function asset(id: string): AssetRecord {
  const type = id.startsWith('plug')
    ? 'plug'
    : id.startsWith('printer')
      ? 'printer'
      : id.startsWith('kiosk')
        ? 'kiosk'
        : 'pc';
  return {
    id,
    name: id,
    type,
    location: '测试',
    assetNo: `T-${id}`,
    vendor: { name: 'v' },
    serviceProvider: { name: 's' },
    purchasedOn: null,
    warrantyUntil: null,
    responsible: '测试',
    protocols: [],
    powerMethod: 'none',
  };
}

import type { Cancel } from '../clock.js';
import { defaultAlertsConfig } from '../config/sections/alerts.js';
import { type Actor, mayContactVendor, mayResolve } from '../domain/access.js';
import type { Severity } from '../domain/conditions.js';
import type { AssetRecord } from '../domain/device.js';
import type { DeviceStatusEvent } from '../domain/device-status.js';
import { ServiceError } from '../domain/errors.js';
import { defaultKindSeverity, type FaultKind } from '../domain/fault-kinds.js';
import { type FaultAction, transition } from '../domain/fault-lifecycle.js';
import { createSerial } from '../serial.js';
import { escalateFault } from './escalator.js';
import { FaultRepo, type FaultRow } from './fault-repo.js';
import { dutyFor, escalatorDeps, type FaultServiceDeps } from './fault-service-deps.js';
import { faultDetail } from './fault-views.js';
import { faultWrites } from './fault-writes.js';
import { judgeStatus } from './judge-status.js';
import { noopAlertMetrics } from './metrics.js';
import { faultForReport, type ReportRequest, type ReportSteps, type ReportValue } from './public-report.js';
import { type Silence, SilenceRepo } from './silence-repo.js';

interface VendorContact {
  party: 'vendor' | 'service-provider';
  whom: string;
  ticket?: string;
  promisedAt?: number;
  note?: string;
}

export type FaultService = ReturnType<typeof createFaultService>;

/**
 * Judges faults from each device's status (the status tracker's `device-status` events) and from other
 * features' events (power, hygiene, readings, the public), walks them through their lifecycle and
 * escalates unacknowledged ones. All writes go through one queue, so a poll and an API call never
 * interleave on the same fault. Who may act is the domain's rule (domain/access.ts), for API and pages
 * alike. Constructing does nothing; `start()` begins the escalation ticks.
 */
export function createFaultService(deps: FaultServiceDeps) {
  const { db, clock, logger } = deps;
  const alerts = deps.alerts ?? defaultAlertsConfig;
  const metrics = deps.metrics ?? noopAlertMetrics;
  const faults = new FaultRepo(db);
  const silences = new SilenceRepo(db);
  const writes = faultWrites({
    faults,
    language: deps.language,
    flapWindowMs: alerts.flapWindowMinutes * 60_000,
  });
  const absentStreaks = new Map<string, ReadonlyMap<FaultKind, number>>();
  const duty = dutyFor(deps);
  let powerOnPending: (deviceId: string) => boolean = () => false;
  const escalator = escalatorDeps(deps, alerts, {
    faults,
    silences,
    duty,
    powerOnPending: (id) => powerOnPending(id),
  });
  const serial = createSerial();
  // Someone already told today may now be absent (or back): the escalations are checked at once.
  duty.onChange(() => serial(() => tick()));
  let cancel: Cancel | undefined;
  let running = false;

  const announce = async (name: 'fault-opened' | 'fault-changed', f: FaultRow | undefined, at: number) => {
    if (!f || !deps.events) return;
    await deps.events.emit(name, {
      faultId: f.id,
      deviceId: f.deviceId,
      kind: f.kind,
      severity: f.severity,
      state: f.state,
      at,
    });
  };

  async function escalate(ids: readonly number[], now: number): Promise<void> {
    let queued = false;
    for (const id of ids) {
      try {
        queued = (await escalateFault(escalator, id, now)) || queued;
      } catch (err) {
        logger.error({ err, faultId: id }, 'escalation failed');
      }
    }
    if (queued) deps.notifier.kick();
  }

  /** Faults opened or reopened: counted, announced on the bus, and escalated (told to people). */
  async function opened(list: ReadonlyArray<{ id: number; created: boolean }>, at: number): Promise<void> {
    for (const o of list) {
      const f = await faults.get(db, o.id);
      if (f && o.created) metrics.faultOpened(f.kind);
      await announce('fault-opened', f, at);
    }
    await escalate(
      list.map((o) => o.id),
      clock.now(),
    );
  }

  async function requireDevice(id: string): Promise<AssetRecord> {
    const d = await deps.devices.get(id);
    if (!d) throw new ServiceError('not-found', `no device with id ${JSON.stringify(id.slice(0, 64))}`);
    return d;
  }

  /** One device's status after an observation → faults raised, evidence added, faults cleared. */
  async function observe(e: DeviceStatusEvent): Promise<void> {
    const device = await deps.devices.get(e.deviceId);
    if (!device) return;
    const { raised, cleared } = await db.transaction((tx) =>
      judgeStatus(tx, { faults, writes, alerts, absentStreaks }, device, e),
    );
    for (const f of cleared) await announce('fault-changed', { ...f, state: 'cleared' }, e.at);
    await opened(raised, e.at);
  }

  async function raise(e: {
    deviceId: string;
    kind: FaultKind;
    detail?: string;
    severity?: Severity;
    actor?: string;
  }): Promise<number> {
    const device = await requireDevice(e.deviceId);
    const now = clock.now();
    const signal = {
      kind: e.kind,
      severity: e.severity ?? defaultKindSeverity[e.kind],
      detail: e.detail ?? '',
    };
    const r = await db.transaction((tx) => writes.upsert(tx, device, signal, now, e.actor ?? 'zoneops'));
    if (r.opened) await opened([r], now);
    return r.id;
  }

  async function clear(e: { deviceId: string; kind: FaultKind; reason?: string; actor?: string }) {
    const now = clock.now();
    const closed = await db.transaction(async (tx) => {
      const f = await faults.findOpen(tx, e.deviceId, e.kind);
      if (!f) return undefined;
      return (await writes.clear(tx, f, now, e.actor ?? 'zoneops', e.reason ?? 'condition gone'))
        ? f
        : undefined;
    });
    if (closed) await announce('fault-changed', { ...closed, state: 'cleared' }, now);
    return closed !== undefined;
  }

  async function act(
    id: number,
    action: FaultAction,
    actor: Actor,
    data: Record<string, unknown>,
  ): Promise<FaultRow> {
    const now = clock.now();
    const { before, after } = await db.transaction(async (tx) => {
      const f = await faults.get(tx, id);
      if (!f) throw new ServiceError('not-found', `no fault with id ${id}`);
      if (action === 'resolve' && !mayResolve(actor, f.kind, alerts.routes))
        throw new ServiceError('forbidden', `a ${f.kind} fault is resolved by the technician`);
      if (action === 'vendor-contact' && !mayContactVendor(actor))
        throw new ServiceError('forbidden', 'recording a vendor contact needs the technician');
      const t = transition(f.state, action);
      if (!t.ok) throw new ServiceError('conflict', t.error);
      const closedAt = action === 'resolve' ? now : undefined;
      await faults.update(tx, id, {
        state: t.value,
        updatedAt: now,
        ...(closedAt !== undefined ? { closedAt } : {}),
      });
      await faults.addEvent(tx, id, now, t.value, actor.name, data);
      return { before: f, after: (await faults.get(tx, id)) as FaultRow };
    });
    const seconds = (now - before.openedAt) / 1000;
    if (before.state === 'open') metrics.faultAcknowledged(before.kind, before.severity, seconds);
    if (action === 'resolve') metrics.faultResolved(before.kind, before.severity, seconds);
    await announce('fault-changed', after, now);
    return after;
  }

  async function tick(now = clock.now()): Promise<void> {
    const open = await faults.unacknowledged();
    await escalate(
      open.map((f) => f.id),
      now,
    );
  }

  function schedule() {
    cancel = clock.setTimeout(() => {
      const now = clock.now();
      serial(() => tick(now))
        .catch((err: unknown) => logger.error({ err }, 'escalation tick failed'))
        .finally(() => {
          if (running) schedule();
        });
    }, deps.tickMs ?? 15_000);
  }

  return {
    faults,
    silences,
    observe: (e: DeviceStatusEvent) => serial(() => observe(e)),
    raise: (e: Parameters<typeof raise>[0]) => serial(() => raise(e)),
    clear: (e: Parameters<typeof clear>[0]) => serial(() => clear(e)),
    ack: (id: number, actor: Actor, note?: string) =>
      serial(() => act(id, 'ack', actor, note ? { note } : {})),
    vendorContact: (id: number, actor: Actor, c: VendorContact) =>
      serial(() => act(id, 'vendor-contact', actor, { ...c })),
    resolve: (id: number, actor: Actor, note: string) => serial(() => act(id, 'resolve', actor, { note })),
    /** Whether this person may resolve this fault (the pages hide the button otherwise). */
    mayResolve: (actor: Pick<Actor, 'role'>, kind: FaultKind) => mayResolve(actor, kind, alerts.routes),
    silence: (s: Omit<Silence, 'id' | 'createdAt'>) =>
      serial(async () => {
        if (s.deviceId !== null) await requireDevice(s.deviceId);
        return silences.add({ ...s, createdAt: clock.now() });
      }),
    /** Who is on duty (the zone's duty service, or the one built from `people`). */
    duty,
    /**
     * The power reconciler says which devices were just switched on and are within their grace time:
     * their `unreachable` waits for the power-on's outcome (domain/inhibition.ts).
     */
    usePowerState(pending: (deviceId: string) => boolean): void {
      powerOnPending = pending;
    },
    /** A citizen's report about a device: fault and complaint in one transaction (public-report.ts). */
    publicReport: <T extends ReportValue>(r: ReportRequest, steps: ReportSteps<T>) =>
      serial(async () => {
        const device = await requireDevice(r.deviceId);
        const now = clock.now();
        const out = await db.transaction((tx) =>
          faultForReport(tx, { faults, writes }, device, r, steps, now),
        );
        if (out.fault.opened) await opened([out.fault], now);
        return { ...out.value, faultId: out.fault.id };
      }),
    list: (filter: Parameters<FaultRepo['list']>[0]) => faults.list(filter),
    get: (id: number) => faultDetail({ db, faults, outbox: deps.notifier.outbox }, id),
    openFaultCounts: () => faults.openCounts(),
    tick: (now?: number) => serial(() => tick(now)),
    /** Resolves when all queued work is done (tests, shutdown). */
    idle: () => serial(async () => undefined),
    async start() {
      running = true;
      // Continue escalations that were due while the daemon was down.
      await serial(() => tick());
      schedule();
    },
    async stop() {
      running = false;
      cancel?.();
      cancel = undefined;
      await serial.idle();
    },
  };
}

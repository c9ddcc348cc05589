import { createHash } from 'node:crypto';
import type { Cancel, Clock } from '../clock.js';
import type { NotifierConfig, PersonConfig } from '../config/schema.js';
import { type AlertsConfig, defaultAlertsConfig } from '../config/sections/alerts.js';
import type { Severity } from '../domain/conditions.js';
import { worseSeverity } from '../domain/conditions.js';
import type { AssetRecord } from '../domain/device.js';
import { defaultStatusPolicy, nextStatus, type StatusState } from '../domain/device-status.js';
import { ServiceError } from '../domain/errors.js';
import { defaultKindSeverity, type FaultKind, isObservedKind } from '../domain/fault-kinds.js';
import { type FaultAction, transition } from '../domain/fault-lifecycle.js';
import { isOfficeOpen, type OfficeHoursLike } from '../domain/fault-office-hours.js';
import { type FaultSignal, faultSignals, judges, reconcile } from '../domain/fault-rules.js';
import { faultSummary, type Language } from '../domain/messages.js';
import type { Observation } from '../domain/observation.js';
import type { Logger } from '../log.js';
import type { Notifier } from '../notify/dispatcher.js';
import type { Database, Queries } from '../store/db.js';
import { type EscalatorDeps, escalateFault } from './escalator.js';
import { type FaultFilter, FaultRepo, type FaultRow } from './fault-repo.js';
import { type AlertMetrics, noopAlertMetrics } from './metrics.js';
import { PublicReportRepo } from './public-report-repo.js';
import { type Silence, SilenceRepo } from './silence-repo.js';
import { StatusRepo } from './status-repo.js';

export interface FaultServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  notifier: Pick<Notifier, 'enqueue' | 'kick' | 'outbox'>;
  /** The asset register (DevicesRepo fits). */
  devices: { get(id: string): Promise<AssetRecord | undefined> };
  people: readonly PersonConfig[];
  notifiers: readonly NotifierConfig[];
  siteName: string;
  language: Language;
  publicUrl?: string;
  timeZone: string;
  alerts?: AlertsConfig;
  /** The real working calendar (holidays, adjusted days); falls back to `officeHours`, then to "always". */
  isWorkingTime?: (now: number) => boolean;
  officeHours?: OfficeHoursLike;
  /** Whether the power schedule wants the device on now; off by schedule is never a fault. */
  expectedOn?: (deviceId: string, now: number) => boolean;
  metrics?: AlertMetrics;
  /** How often escalations are checked (default 15 s). */
  tickMs?: number;
}

export interface VendorContact {
  party: 'vendor' | 'service-provider';
  whom: string;
  ticket?: string;
  promisedAt?: number;
  note?: string;
}

export type FaultService = ReturnType<typeof createFaultService>;

/**
 * Turns observations and external events into faults, walks them through their lifecycle and
 * escalates unacknowledged ones. All writes go through one queue, so a poll and an API call never
 * interleave on the same fault. Constructing does nothing; `start()` begins the escalation ticks.
 */
export function createFaultService(deps: FaultServiceDeps) {
  const { db, clock, logger } = deps;
  const alerts = deps.alerts ?? defaultAlertsConfig;
  const metrics = deps.metrics ?? noopAlertMetrics;
  const faults = new FaultRepo(db);
  const silences = new SilenceRepo(db);
  const reports = new PublicReportRepo(db);
  const statuses = new StatusRepo(db);
  const statusPolicy = { ...defaultStatusPolicy, downAfterFailures: alerts.downAfterFailedPolls };
  const flapWindowMs = alerts.flapWindowMinutes * 60_000;
  const isWorkingTime =
    deps.isWorkingTime ??
    (deps.officeHours
      ? (now: number) => isOfficeOpen(deps.officeHours as OfficeHoursLike, deps.timeZone, now)
      : () => true);
  const expectedOn = deps.expectedOn ?? (() => true);
  const statusCache = new Map<string, StatusState>();
  const absentStreaks = new Map<string, ReadonlyMap<FaultKind, number>>();
  const escalator: EscalatorDeps = {
    db,
    faults,
    silences,
    devices: deps.devices,
    people: deps.people,
    notifiers: deps.notifiers,
    enqueue: (q, d, now) => deps.notifier.enqueue(q, d, now),
    routes: alerts.routes,
    policy: {
      escalationMs: alerts.escalationMinutes * 60_000,
      reminderMs: alerts.reminderMinutes * 60_000,
      maxReminders: alerts.maxReminders,
    },
    nonCritical: alerts.nonCritical,
    isWorkingTime,
    siteName: deps.siteName,
    language: deps.language,
    timeZone: deps.timeZone,
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  };
  let tail: Promise<unknown> = Promise.resolve();
  let cancel: Cancel | undefined;
  let running = false;

  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = tail.then(fn, fn);
    tail = next.catch(() => undefined);
    return next;
  }

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

  /** Opens a fault, adds evidence to the open one, or reopens one that cleared a moment ago (flapping). */
  async function upsert(
    tx: Queries,
    device: AssetRecord,
    s: FaultSignal,
    at: number,
    actor: string,
  ): Promise<{ id: number; notify: boolean }> {
    const open = await faults.findOpen(tx, device.id, s.kind);
    if (open) {
      const severity = worseSeverity(open.severity, s.severity);
      const changed =
        severity !== open.severity ||
        s.detail !== open.evidence.detail ||
        open.evidence.conditionGone === true;
      if (changed) {
        const evidence = { ...open.evidence, detail: s.detail, lastSeenAt: at, conditionGone: false };
        await faults.update(tx, open.id, { severity, evidence, updatedAt: at });
        await faults.addEvent(tx, open.id, at, 'evidence', actor, { detail: s.detail, severity });
      }
      return { id: open.id, notify: false };
    }
    const recent = await faults.recentlyCleared(tx, device.id, s.kind, at - flapWindowMs);
    if (recent && transition(recent.state, 'reopen').ok) {
      const reopened = Number(recent.evidence.reopened ?? 0) + 1;
      const evidence = { ...recent.evidence, detail: s.detail, lastSeenAt: at, reopened, flapping: true };
      await faults.update(tx, recent.id, { state: 'open', closedAt: null, evidence, updatedAt: at });
      await faults.addEvent(tx, recent.id, at, 'reopened', actor, { detail: s.detail, times: reopened });
      return { id: recent.id, notify: true };
    }
    const id = await faults.insert(tx, {
      deviceId: device.id,
      kind: s.kind,
      severity: s.severity,
      summary: faultSummary(s.kind, device, deps.language),
      evidence: { detail: s.detail, firstSeenAt: at, lastSeenAt: at },
      at,
    });
    await faults.addEvent(tx, id, at, 'opened', actor, { detail: s.detail, severity: s.severity });
    metrics.faultOpened(s.kind);
    return { id, notify: true };
  }

  async function clearOne(
    tx: Queries,
    f: FaultRow,
    at: number,
    actor: string,
    reason: string,
  ): Promise<void> {
    const t = transition(f.state, 'clear');
    if (t.ok) {
      await faults.update(tx, f.id, { state: t.to, closedAt: at, updatedAt: at });
      await faults.addEvent(tx, f.id, at, 'cleared', actor, { reason });
    } else if (f.evidence.conditionGone !== true) {
      // Vendor involved: the technician closes it; the timeline notes that the device looks fine.
      await faults.update(tx, f.id, { evidence: { ...f.evidence, conditionGone: true }, updatedAt: at });
      await faults.addEvent(tx, f.id, at, 'condition-gone', actor, { reason });
    }
  }

  async function observe(obs: Observation): Promise<void> {
    const device = await deps.devices.get(obs.deviceId);
    if (!device) {
      logger.warn({ deviceId: obs.deviceId }, 'observation for a device not in the asset register ignored');
      return;
    }
    const prev = statusCache.get(device.id) ?? (await statuses.load(device.id, obs.at));
    const { state, change } = nextStatus(prev, obs, expectedOn(device.id, obs.at), statusPolicy);
    statusCache.set(device.id, state);
    await statuses.save(
      device.id,
      state,
      obs.at,
      obs.conditions.map((c) => c.name),
      change,
    );
    const signals = faultSignals(obs, state);
    const toNotify = await db.transaction(async (tx) => {
      const open = await faults.openForDevice(tx, device.id);
      const byKind = new Map(open.map((f) => [f.kind, f]));
      const rec = reconcile(
        signals,
        new Set(byKind.keys()),
        absentStreaks.get(device.id) ?? new Map(),
        (kind) => judges(kind, obs, state),
        alerts.clearAfterGoodPolls,
        (kind) => isObservedKind(kind) || kind === 'power-on-failed',
      );
      absentStreaks.set(device.id, rec.absent);
      const ids: number[] = [];
      for (const s of rec.raise) {
        const r = await upsert(tx, device, s, obs.at, `probe:${obs.source}`);
        if (r.notify) ids.push(r.id);
      }
      for (const kind of rec.clear) {
        const f = byKind.get(kind);
        if (f)
          await clearOne(tx, f, obs.at, `probe:${obs.source}`, `${alerts.clearAfterGoodPolls} good polls`);
      }
      return ids;
    });
    await escalate(toNotify, clock.now());
  }

  async function requireDevice(id: string): Promise<AssetRecord> {
    const d = await deps.devices.get(id);
    if (!d) throw new ServiceError('not-found', `no device with id ${JSON.stringify(id.slice(0, 64))}`);
    return d;
  }

  async function raise(e: {
    deviceId: string;
    kind: FaultKind;
    detail?: string;
    severity?: Severity;
    actor?: string;
  }) {
    const device = await requireDevice(e.deviceId);
    const now = clock.now();
    const signal = {
      kind: e.kind,
      severity: e.severity ?? defaultKindSeverity[e.kind],
      detail: e.detail ?? '',
    };
    const r = await db.transaction((tx) => upsert(tx, device, signal, now, e.actor ?? 'zoneops'));
    if (r.notify) await escalate([r.id], now);
    return r.id;
  }

  async function clear(e: {
    deviceId: string;
    kind: FaultKind;
    reason?: string;
    actor?: string;
  }): Promise<boolean> {
    const now = clock.now();
    return db.transaction(async (tx) => {
      const f = await faults.findOpen(tx, e.deviceId, e.kind);
      if (!f) return false;
      await clearOne(tx, f, now, e.actor ?? 'zoneops', e.reason ?? 'condition gone');
      return true;
    });
  }

  async function act(
    id: number,
    action: FaultAction,
    actor: string,
    data: Record<string, unknown>,
  ): Promise<FaultRow> {
    const now = clock.now();
    const { before, after } = await db.transaction(async (tx) => {
      const f = await faults.get(tx, id);
      if (!f) throw new ServiceError('not-found', `no fault with id ${id}`);
      const t = transition(f.state, action);
      if (!t.ok) throw new ServiceError('conflict', t.reason);
      const closedAt = action === 'resolve' ? now : undefined;
      await faults.update(tx, id, {
        state: t.to,
        updatedAt: now,
        ...(closedAt !== undefined ? { closedAt } : {}),
      });
      await faults.addEvent(tx, id, now, t.to, actor, data);
      return { before: f, after: (await faults.get(tx, id)) as FaultRow };
    });
    const seconds = (now - before.openedAt) / 1000;
    if (before.state === 'open') metrics.faultAcknowledged(before.kind, before.severity, seconds);
    if (action === 'resolve') metrics.faultResolved(before.kind, before.severity, seconds);
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
    statuses,
    observe: (obs: Observation) => serial(() => observe(obs)),
    raise: (e: Parameters<typeof raise>[0]) => serial(() => raise(e)),
    clear: (e: Parameters<typeof clear>[0]) => serial(() => clear(e)),
    ack: (id: number, actor: string, note?: string) =>
      serial(() => act(id, 'ack', actor, note ? { note } : {})),
    vendorContact: (id: number, actor: string, c: VendorContact) =>
      serial(() => act(id, 'vendor-contact', actor, { ...c })),
    resolve: (id: number, actor: string, note: string) => serial(() => act(id, 'resolve', actor, { note })),
    silence: (s: Omit<Silence, 'id' | 'createdAt'>) =>
      serial(async () => {
        if (s.deviceId !== null) await requireDevice(s.deviceId);
        return silences.add({ ...s, createdAt: clock.now() });
      }),
    markAbsent: (personId: string, day: string, by: string) =>
      serial(async () => {
        const p = deps.people.find((x) => x.id === personId);
        if (!p)
          throw new ServiceError('not-found', `no person with id ${JSON.stringify(personId.slice(0, 64))}`);
        await silences.markAbsent(personId, day, by, clock.now());
        // Someone already told today may now be absent: the next level hears at once.
        await tick();
      }),
    publicReport: (r: { deviceId: string; description: string; contact?: string; client: string }) =>
      serial(async () => {
        const device = await requireDevice(r.deviceId);
        const now = clock.now();
        const clientHash = createHash('sha256')
          .update(`zoneops-public-report:${r.client}`)
          .digest('hex')
          .slice(0, 16);
        const signal = {
          kind: 'public-report' as const,
          severity: defaultKindSeverity['public-report'],
          detail: r.description,
        };
        const { reportId, fault } = await db.transaction(async (tx) => {
          const f = await upsert(tx, device, signal, now, 'public');
          const reportId = await reports.add(tx, {
            at: now,
            deviceId: device.id,
            description: r.description,
            contact: r.contact ?? null,
            clientHash,
            faultId: f.id,
          });
          await faults.addEvent(tx, f.id, now, 'public-report', 'public', { reportId });
          return { reportId, fault: f };
        });
        if (fault.notify) await escalate([fault.id], now);
        return { reportId, faultId: fault.id };
      }),
    list: (filter: FaultFilter) => faults.list(filter),
    async get(id: number) {
      const fault = await faults.get(db, id);
      if (!fault) return undefined;
      const [events, notifications, publicReports] = await Promise.all([
        faults.events(id),
        deps.notifier.outbox.byEventPrefix(`fault:${id}:`),
        reports.forFault(id),
      ]);
      return {
        fault,
        events,
        notifications: notifications.map((n) => ({
          event: n.eventKey,
          channel: n.channel,
          to: n.payload.to.map((r) => r.name),
          state: n.state,
          attempts: n.attempts,
          createdAt: n.createdAt,
          sentAt: n.sentAt,
          lastError: n.lastError,
        })),
        publicReports: publicReports.map(({ contact: _c, ...rest }) => rest),
      };
    },
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
      await tail.catch(() => undefined);
    },
  };
}

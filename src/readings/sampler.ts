import type { Clock } from '../clock.js';
import type { FaultKind } from '../domain/fault-kinds.js';
import type { Language } from '../domain/messages.js';
import type { Observation, Supply } from '../domain/observation.js';
import type { Logger } from '../log.js';
import { createSerial } from '../serial.js';
import { forecastSupply, orderDetail } from './forecast.js';
import { type ForecastMetrics, noopForecastMetrics } from './metrics.js';
import type { ReadingsRepo } from './repo.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The part of the fault service the sampler uses (FaultService fits). */
interface SupplyOrderFaults {
  raise(e: { deviceId: string; kind: FaultKind; detail?: string }): Promise<unknown>;
  clear(e: { deviceId: string; kind: FaultKind; reason?: string }): Promise<unknown>;
}

interface ReadingsSamplerDeps {
  readonly repo: ReadingsRepo;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly faults: SupplyOrderFaults;
  /** alerts.supplyOrderLeadTimeDays: order when a supply runs out within this many days. */
  readonly leadTimeDays: number;
  readonly language: Language;
  readonly metrics?: ForecastMetrics;
  /** Minimum time between two stored samples of one series (default 1 h). */
  readonly intervalMs?: number;
  /** Minimum time between two processor-load samples of one PC (default 5 min). */
  readonly usageIntervalMs?: number;
  /** Samples older than this are deleted, once a day (default 400 days: a year and a month). */
  readonly retentionDays?: number;
  /** How much history the forecast looks at (default 120 days). */
  readonly historyDays?: number;
}

interface LastSupply {
  at: number;
  percent: number;
}

/**
 * The readings history: an observation-hub sink that stores, at most once an hour per device (and at
 * once when a supply's level changes), the page counter, each supply's level and the plug's energy
 * counter. After storing supply levels it forecasts days left per supply, exports them and raises
 * (or clears) `supply-order-due` for the technician. Old samples are pruned once a day. No timers:
 * everything happens on the observations themselves, so there is nothing to start or stop.
 */
export function createReadingsSampler(deps: ReadingsSamplerDeps) {
  const { repo, clock, logger } = deps;
  const interval = deps.intervalMs ?? HOUR;
  const retentionMs = (deps.retentionDays ?? 400) * DAY;
  const historyMs = (deps.historyDays ?? 120) * DAY;
  const metrics = deps.metrics ?? noopForecastMetrics;
  const lastPages = new Map<string, number>();
  const lastEnergy = new Map<string, number>();
  const lastUsage = new Map<string, number>();
  const usageInterval = deps.usageIntervalMs ?? 5 * 60_000;
  const lastSupply = new Map<string, LastSupply>();
  /** Per device: the detail of each supply currently due (by supply index). */
  const due = new Map<string, Map<number, string>>();
  /** Per device: the detail last raised ('' = known clear), so the fault service hears only changes. */
  const announced = new Map<string, string>();
  let loaded: Promise<void> | undefined;
  let lastPrune = Number.NEGATIVE_INFINITY;
  const serial = createSerial();

  async function load(): Promise<void> {
    const last = { pages: lastPages, energy: lastEnergy, usage: lastUsage };
    for (const r of await repo.latest()) last[r.table].set(r.deviceId, r.at);
    for (const s of await repo.latestSupplies())
      lastSupply.set(`${s.deviceId}\u0000${s.index}`, { at: s.at, percent: s.percent });
  }

  const due1 = (last: number | undefined, at: number) => last === undefined || at - last >= interval;

  async function sample(obs: Observation): Promise<void> {
    loaded ??= load();
    await loaded;
    if (!obs.reachable) return;
    const id = obs.deviceId;
    const at = obs.at;
    const pages = obs.printer?.pageCount ?? null;
    if (pages !== null && pages >= 0 && due1(lastPages.get(id), at)) {
      await repo.addPages(id, at, pages);
      lastPages.set(id, at);
    }
    const kwh = obs.power?.energyKWh ?? null;
    if (kwh !== null && kwh >= 0 && due1(lastEnergy.get(id), at)) {
      await repo.addEnergy(id, at, kwh);
      lastEnergy.set(id, at);
    }
    // A PC's processor load: the monthly report estimates its hours in use from these.
    const cpu = obs.host?.cpuLoadPercent ?? null;
    const usageDue = (lastUsage.get(id) ?? Number.NEGATIVE_INFINITY) <= at - usageInterval;
    if (cpu !== null && cpu >= 0 && cpu <= 100 && usageDue) {
      await repo.addUsage(id, at, cpu);
      lastUsage.set(id, at);
    }
    const stored: Supply[] = [];
    for (const s of obs.printer?.supplies ?? []) {
      if (s.percent === null || !Number.isFinite(s.percent) || s.percent < 0 || s.percent > 100) continue;
      const key = `${id}\u0000${s.index}`;
      const last = lastSupply.get(key);
      if (last !== undefined && last.percent === s.percent && at - last.at < interval) continue;
      await repo.addSupply({
        deviceId: id,
        index: s.index,
        at,
        percent: s.percent,
        type: s.type,
        color: s.color,
        description: s.description,
        receptacle: s.receptacle === true,
      });
      lastSupply.set(key, { at, percent: s.percent });
      stored.push(s);
    }
    if (stored.length > 0) await forecast(id, stored, at);
    const now = clock.now();
    if (now - lastPrune >= DAY) {
      lastPrune = now;
      const n = await repo.prune(now - retentionMs);
      if (n > 0) logger.info({ deleted: n }, 'old readings pruned');
    }
  }

  async function forecast(deviceId: string, supplies: readonly Supply[], at: number): Promise<void> {
    const byIndex = due.get(deviceId) ?? new Map<number, string>();
    due.set(deviceId, byIndex);
    for (const s of supplies) {
      const history = await repo.supplyHistory(deviceId, s.index, at - historyMs, at + 1);
      const f = forecastSupply(history, at, deps.leadTimeDays);
      metrics.daysLeft(
        { device: deviceId, supply: String(s.index), type: s.type, color: s.color ?? 'none' },
        f.days,
      );
      const latest = history.at(-1);
      if (f.due && f.days !== null && latest)
        byIndex.set(s.index, orderDetail(latest, f.days, deps.leadTimeDays, deps.language));
      else byIndex.delete(s.index);
    }
    const detail = [...byIndex.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, d]) => d)
      .join(deps.language === 'en' ? '; ' : '；');
    if (announced.get(deviceId) === detail) return;
    if (detail !== '') {
      await deps.faults.raise({ deviceId, kind: 'supply-order-due', detail });
    } else {
      const reason = deps.language === 'en' ? 'supply refilled or replaced' : '耗材已补充或更换';
      await deps.faults.clear({ deviceId, kind: 'supply-order-due', reason });
    }
    announced.set(deviceId, detail);
  }

  return {
    /** The merged view of each device (event `observation`). Samples one at a time, in order. */
    sink: (merged: Observation): Promise<void> =>
      serial(() => sample(merged)).catch((err: unknown) =>
        logger.error({ err, deviceId: merged.deviceId }, 'sampling failed'),
      ),
    /** Resolves when every queued sample is stored (tests, shutdown). */
    idle: () => serial.idle(),
  };
}

import { addDays, localTime } from './local-time.js';
import type { CounterFact, SupplyFact } from './report-input.js';
import type { SupplyLine } from './report-types.js';
import { daysLeft, type LevelSample, orderDue } from './supply-forecast.js';

/**
 * Counters and levels over the month (pure): pages printed from the page counter, kWh from the plug's
 * energy counter, supply use from the level history.
 */

/**
 * How much a lifetime counter grew from the last sample before the month (the baseline) through the
 * month's samples. A counter that goes down was reset or its board replaced: the new value is what was
 * counted since (as Prometheus' increase() does). Null when the month has no sample at all.
 */
export function counterIncrease(samples: readonly CounterFact[], from: number): number | null {
  const sorted = [...samples].sort((a, b) => a.at - b.at);
  if (!sorted.some((s) => s.at >= from)) return null;
  let total = 0;
  for (let i = 1; i < sorted.length; i++) {
    const prev = (sorted[i - 1] as CounterFact).value;
    const cur = (sorted[i] as CounterFact).value;
    total += cur >= prev ? cur - prev : cur;
  }
  return total;
}

/** Per device: the increase of its counter in the month (devices without samples are absent). */
export function increases(samples: readonly CounterFact[], from: number): Map<string, number> {
  const byDevice = new Map<string, CounterFact[]>();
  for (const s of samples) {
    const list = byDevice.get(s.deviceId) ?? [];
    list.push(s);
    byDevice.set(s.deviceId, list);
  }
  const out = new Map<string, number>();
  for (const [id, list] of byDevice) {
    const n = counterIncrease(list, from);
    if (n !== null) out.set(id, n);
  }
  return out;
}

/**
 * Levels are whole percent sampled hourly: a staircase of long plateaus. Only the first sample of each
 * plateau (and the latest) go to the estimator, so hundreds of equal readings neither crowd out the
 * older steps (it keeps the newest samples only) nor flatten the trend.
 */
export function compressPlateaus(samples: readonly LevelSample[]): LevelSample[] {
  const out: LevelSample[] = [];
  for (const s of samples) {
    const prev = out.at(-1);
    if (prev === undefined || prev.percent !== s.percent) out.push(s);
  }
  const last = samples.at(-1);
  if (last !== undefined && out.at(-1) !== last) out.push(last);
  return out;
}

/** How the supply is called in a message: the device's own description, else its type and colour. */
export function supplyName(s: Pick<SupplyFact, 'description' | 'type' | 'color'>): string {
  const d = s.description.trim().replace(/\s+/g, ' ').slice(0, 40);
  if (d !== '') return d;
  return s.color ? `${s.color} ${s.type}` : s.type;
}

/** A rise of a consumable (a fall of a receptacle) by more than this is a refill or swap. */
const refillJump = 10;

/**
 * Supply use in the month per (device, supply): points used up between consecutive samples from the
 * baseline on (a receptacle: points filled), refills counted, and the forecast where counting
 * stopped: the days left and the local date that gives (预计用完日期; a receptacle: 预计装满).
 */
export function supplyLines(
  samples: readonly SupplyFact[],
  from: number,
  countedTo: number,
  leadTimeDays: number,
  tz: string,
): SupplyLine[] {
  const groups = new Map<string, SupplyFact[]>();
  for (const s of samples) {
    if (s.at >= countedTo) continue;
    const key = `${s.deviceId}\u0000${String(s.index).padStart(6, '0')}`;
    const list = groups.get(key) ?? [];
    list.push(s);
    groups.set(key, list);
  }
  const out: SupplyLine[] = [];
  for (const key of [...groups.keys()].sort()) {
    const all = (groups.get(key) ?? []).sort((a, b) => a.at - b.at);
    const inMonth = all.filter((s) => s.at >= from);
    const latest = all.at(-1);
    if (inMonth.length === 0 || latest === undefined) continue;
    const baseline = all.filter((s) => s.at < from).at(-1);
    const series = baseline ? [baseline, ...inMonth] : inMonth;
    let used = 0;
    let refills = 0;
    for (let i = 1; i < series.length; i++) {
      const prev = (series[i - 1] as SupplyFact).percent;
      const cur = (series[i] as SupplyFact).percent;
      const use = latest.receptacle ? cur - prev : prev - cur;
      if (use > 0) used += use;
      else if (-use > refillJump) refills++;
    }
    const days = daysLeft(compressPlateaus(all.map((s) => ({ at: s.at, percent: s.percent }))), countedTo, {
      receptacle: latest.receptacle,
    });
    out.push({
      deviceId: latest.deviceId,
      index: latest.index,
      type: latest.type,
      color: latest.color,
      description: supplyName(latest),
      receptacle: latest.receptacle,
      usedPercent: Math.round(used * 10) / 10,
      refills,
      lastPercent: latest.percent,
      daysLeft: days,
      runsOutOn: days === null ? null : addDays(localTime(countedTo, tz).date, Math.floor(days)),
      orderDue: orderDue(days, leadTimeDays),
    });
  }
  return out;
}

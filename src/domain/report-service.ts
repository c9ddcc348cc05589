import { printingTypes } from './device.js';
import { addDays, localTime, zonedEpoch } from './local-time.js';
import { statusSegments } from './report-availability.js';
import { intersect, totalMs } from './report-calendar.js';
import type { CounterFact, ReportDevice, TransitionFact, UsageFact } from './report-input.js';
import type { ServiceFigures, UsageLine } from './report-types.js';

/**
 * 服务情况 — the free service given (pure):
 * - pages: the growth of each printing device's lifetime counter (a counter that goes down was reset:
 *   the new value is what was counted since). Readings are hourly, so each increase is put in the hour
 *   of the reading before it (the first increase of the month, from last month's reading, in the hour
 *   of the first reading of the month). A copier's or multifunction device's counter counts copies too;
 * - PC and kiosk hours on: measured from the status history (up or degraded, any time of day);
 * - hours in use: ESTIMATED from the processor load zoneops samples (SNMP hrProcessorLoad): a sample of
 *   at least `inUseCpuPercent` % counts its interval (at most `sampleSpanMs`) as in use. Null when the
 *   device gave no load samples (e.g. reached only by a power agent).
 */

export const inUseCpuPercent = 10;
export const sampleSpanMs = 10 * 60_000;
const HOUR = 3_600_000;

export interface ServiceInput {
  readonly devices: readonly ReportDevice[];
  readonly pages: readonly CounterFact[];
  readonly usage: readonly UsageFact[];
  readonly transitions: readonly TransitionFact[];
  readonly citizensReports: number;
  readonly citizensSameAsFault: number;
}

function countedDays(first: string, from: number, countedTo: number, tz: string): string[] {
  const out: string[] = [];
  for (let d = first; zonedEpoch(d, 0, tz) < countedTo && zonedEpoch(d, 0, tz) >= from; d = addDays(d, 1))
    out.push(d);
  return out;
}

export function serviceFigures(
  input: ServiceInput,
  month: string,
  tz: string,
  from: number,
  countedTo: number,
): ServiceFigures {
  const days = countedDays(`${month}-01`, from, countedTo, tz);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const byHourPages = new Array<number>(24).fill(0);
  const byHourUse = new Array<number>(24).fill(0);
  const pagesByDevice: Array<{ deviceId: string; pages: number; byDay: number[] }> = [];
  const printing = input.devices.filter(
    (d) => printingTypes.includes(d.type) || input.pages.some((p) => p.deviceId === d.id),
  );
  for (const d of printing) {
    const samples = input.pages
      .filter((p) => p.deviceId === d.id && p.at < countedTo)
      .sort((a, b) => a.at - b.at);
    if (!samples.some((s) => s.at >= from)) continue;
    const byDay = new Array<number>(days.length).fill(0);
    let total = 0;
    for (let i = 1; i < samples.length; i++) {
      const prev = samples[i - 1] as CounterFact;
      const cur = samples[i] as CounterFact;
      const inc = cur.value >= prev.value ? cur.value - prev.value : cur.value;
      const t = localTime(prev.at >= from ? prev.at : cur.at, tz);
      const day = dayIndex.get(t.date) ?? 0;
      const hour = Math.floor(t.minutes / 60);
      byDay[day] = (byDay[day] ?? 0) + inc;
      byHourPages[hour] = (byHourPages[hour] ?? 0) + inc;
      total += inc;
    }
    pagesByDevice.push({ deviceId: d.id, pages: total, byDay });
  }
  const usage: UsageLine[] = input.devices
    .filter((d) => d.type === 'pc' || d.type === 'kiosk')
    .map((d) => usageLine(d, input, days, tz, from, countedTo, byHourUse));
  return {
    days,
    pagesByDay: days.map((date, i) => ({
      date,
      pages: pagesByDevice.reduce((n, p) => n + (p.byDay[i] ?? 0), 0),
    })),
    pagesByDevice,
    pagesTotal: pagesByDevice.length === 0 ? null : pagesByDevice.reduce((n, p) => n + p.pages, 0),
    byHour: byHourPages.map((pages, hour) => ({ hour, pages, inUseHours: round1(byHourUse[hour] ?? 0) })),
    usage,
    citizensReports: input.citizensReports,
    citizensSameAsFault: input.citizensSameAsFault,
  };
}

function usageLine(
  d: ReportDevice,
  input: ServiceInput,
  days: readonly string[],
  tz: string,
  from: number,
  countedTo: number,
  byHourUse: number[],
): UsageLine {
  const on = statusSegments(
    input.transitions.filter((t) => t.deviceId === d.id),
    from,
    countedTo,
  ).filter((s) => s.status === 'up' || s.status === 'degraded');
  const samples = input.usage
    .filter((u) => u.deviceId === d.id && u.at >= from && u.at < countedTo)
    .sort((a, b) => a.at - b.at);
  const useByDay = new Map<string, number>();
  samples.forEach((s, i) => {
    if (s.cpuPercent < inUseCpuPercent) return;
    const next = samples[i + 1]?.at ?? countedTo;
    const span = Math.max(0, Math.min(next, s.at + sampleSpanMs, countedTo) - s.at);
    const t = localTime(s.at, tz);
    useByDay.set(t.date, (useByDay.get(t.date) ?? 0) + span);
    const hour = Math.floor(t.minutes / 60);
    byHourUse[hour] = (byHourUse[hour] ?? 0) + span / HOUR;
  });
  const measured = samples.length > 0;
  const perDay = days.map((date) => {
    const dayFrom = zonedEpoch(date, 0, tz);
    const window = [{ from: dayFrom, to: Math.min(zonedEpoch(addDays(date, 1), 0, tz), countedTo) }];
    return {
      date,
      onHours: round1(totalMs(intersect(on, window)) / HOUR),
      inUseHours: measured ? round1((useByDay.get(date) ?? 0) / HOUR) : null,
    };
  });
  return {
    deviceId: d.id,
    type: d.type,
    onHours: round1(totalMs(on) / HOUR),
    inUseHours: measured ? round1([...useByDay.values()].reduce((a, b) => a + b, 0) / HOUR) : null,
    days: perDay,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

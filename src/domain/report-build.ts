import type { CalendarSources } from './calendar.js';
import { complaintFigures } from './complaint-figures.js';
import type { OfficeHours } from './office-hours.js';
import { availability } from './report-availability.js';
import { monthSpan, reportDays } from './report-calendar.js';
import { increases, supplyLines } from './report-counters.js';
import { faultsByKind, incidents, vendorSummary } from './report-faults.js';
import { powerAdherence } from './report-power.js';
import type { DeviceLine, MonthlyReport, ReportInput } from './report-types.js';

/**
 * The monthly report (pure): stored rows + the calendar in, figures out. Computed from the database,
 * not from Prometheus, so it works with no Prometheus at all. A month still running is counted up to
 * `now`; a month in the future has nothing to count.
 */
export function buildMonthlyReport(
  input: ReportInput,
  calendar: { sources: CalendarSources; hours: OfficeHours },
): MonthlyReport {
  const { month, tz, now } = input;
  const span = monthSpan(month, tz);
  const countedTo = Math.max(span.from, Math.min(span.to, now));
  const days = reportDays(month, tz, calendar.sources, calendar.hours);
  const opening = days.flatMap((d) => d.opening);
  const pages = increases(input.pages, span.from);
  const energy = increases(input.energy, span.from);
  const faults = input.faults.filter((f) => f.openedAt >= span.from && f.openedAt < span.to);

  const devices: DeviceLine[] = input.devices.map((d) => {
    const a = availability(
      input.transitions.filter((t) => t.deviceId === d.id),
      opening,
      span.from,
      countedTo,
    );
    const energyFrom = energy.has(d.id) ? d.id : d.plug !== null && energy.has(d.plug) ? d.plug : null;
    return {
      id: d.id,
      name: d.name,
      type: d.type,
      location: d.location,
      ...a,
      faults: faults.filter((f) => f.deviceId === d.id).length,
      pages: pages.get(d.id) ?? null,
      energyKWh: energyFrom === null ? null : round3(energy.get(energyFrom) ?? 0),
      energyFrom,
    };
  });

  const kinds = faultsByKind(faults);
  const expected = devices.reduce((n, d) => n + d.expectedMinutes - d.unknownMinutes, 0);
  const down = devices.reduce((n, d) => n + d.downMinutes, 0);
  return {
    month,
    site: input.site,
    siteName: input.siteName,
    tz,
    generatedAt: now,
    period: {
      from: span.from,
      to: span.to,
      countedTo,
      openDays: days.filter((d) => d.open).length,
      openMinutes: Math.round(opening.reduce((n, i) => n + (i.to - i.from), 0) / 60_000),
      closedDays: days.filter((d) => !d.open).map((d) => ({ date: d.date, reason: d.reason })),
    },
    devices,
    faultsByKind: kinds.byKind,
    faultTotals: kinds.totals,
    vendor: vendorSummary(faults, now),
    power: powerAdherence(input.devices, days, input.actions, span.from, countedTo),
    forbiddenSoftware: incidents(faults, 'forbidden-software'),
    supplies: supplyLines(input.supplies, span.from, countedTo, input.leadTimeDays),
    supplyOrders: incidents(faults, 'supply-order-due'),
    hygiene: input.hygiene,
    complaints: input.complaints
      ? complaintFigures(input.complaints.received, input.complaints.ratings, span, countedTo)
      : null,
    totals: {
      // Each counter once: a plug's kWh is shown on the device it feeds too, but counted once here.
      pages: [...pages.values()].reduce((a, b) => a + b, 0),
      energyKWh: round3([...energy.values()].reduce((a, b) => a + b, 0)),
      offScheduledHours: Math.round(devices.reduce((n, d) => n + d.offScheduledHours, 0) * 100) / 100,
      downMinutes: down,
      availability: expected <= 0 ? null : 1 - down / expected,
    },
  };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

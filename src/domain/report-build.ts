import type { CalendarSources } from './calendar.js';
import { complaintFigures } from './complaint-figures.js';
import { localTime, zonedEpoch } from './local-time.js';
import type { OfficeHours } from './office-hours.js';
import { availability, statusSegments } from './report-availability.js';
import { countedTo as countedToOf, intersect, monthSpan, reportDays } from './report-calendar.js';
import { increases, supplyLines } from './report-counters.js';
import { integrityOf, isEquipment } from './report-equipment.js';
import { faultCause, faultFigures, type Incident, ownerOf } from './report-faults.js';
import { hygieneFigures } from './report-hygiene.js';
import type { ReportInput } from './report-input.js';
import { powerAdherence } from './report-power.js';
import { serviceFigures } from './report-service.js';
import type { AvailabilityTotals, DeviceLine, MonthlyReport } from './report-types.js';
import { vendorLines } from './report-vendors.js';

/**
 * The monthly report (pure): stored rows + the calendar in, figures out. Computed from the database,
 * not from Prometheus. Counting stops at `countedTo` (the month's end, or the start of today for a
 * running month) and nothing recorded after it is seen, so two runs give the same figures.
 */
export function buildMonthlyReport(
  input: ReportInput,
  calendar: { sources: CalendarSources; hours: OfficeHours },
): MonthlyReport {
  const { month, tz, now } = input;
  const span = monthSpan(month, tz);
  const counted = countedToOf(month, tz, now);
  const days = reportDays(month, tz, calendar.sources, calendar.hours).filter(
    (d) => zonedEpoch(d.date, 0, tz) < counted,
  );
  const opening = days.flatMap((d) => d.opening);
  const equipment = input.devices.filter(isEquipment);
  const segments = new Map(
    input.devices.map((d) => [
      d.id,
      statusSegments(
        input.transitions.filter((t) => t.deviceId === d.id),
        span.from,
        counted,
      ),
    ]),
  );
  const avail = equipment.map((d) => ({
    device: d,
    availability: availability(
      input.transitions.filter((t) => t.deviceId === d.id),
      opening,
      span.from,
      counted,
    ),
  }));

  const owner = ownerOf(input.devices);
  const preliminary = faultFigures(input.faults, input.devices, span.from, counted, 0);
  const citizensSame = input.citizenReports.filter((c) =>
    sameAsKnownFault(c, owner, input.faults, preliminary.all),
  ).length;
  const faults = { ...preliminary, citizensSameAsFault: citizensSame };
  const integrity = integrityOf(
    avail.map((a) => ({ id: a.device.id, availability: a.availability })),
    faults.all,
    counted,
  );

  const pageSamples = input.pages.filter((p) => p.at < counted);
  const energySamples = input.energy.filter((p) => p.at < counted);
  const pages = increases(pageSamples, span.from);
  const energy = increases(energySamples, span.from);
  const lines: DeviceLine[] = avail.map(({ device: d, availability: a }) => {
    const energyFrom = energy.has(d.id) ? d.id : d.plug !== null && energy.has(d.plug) ? d.plug : null;
    const intact = integrity.perDevice.get(d.id);
    return {
      id: d.id,
      name: d.name,
      assetNo: d.assetNo,
      type: d.type,
      location: d.location,
      expectedMinutes: a.expectedMinutes,
      monitoredMinutes: a.monitoredMinutes,
      upMinutes: a.upMinutes,
      unavailableMinutes: a.unavailableMinutes,
      downMinutes: a.downMinutes,
      coverage: a.coverage,
      availability: a.availability,
      intactAtEnd: intact?.intactAtEnd ?? null,
      intactRatio: intact?.ratio ?? null,
      faults: faults.month.filter((i) => i.deviceId === d.id && i.cause === 'equipment').length,
      pages: pages.get(d.id) ?? null,
      energyKWh: energyFrom === null ? null : round3(energy.get(energyFrom) ?? 0),
      energyFrom,
      offScheduledHours: a.offScheduledHours,
    };
  });

  const monitoredDates = new Set(
    days
      .filter((d) => d.open)
      .filter((d) => avail.some((a) => intersect(a.availability.monitored, d.opening).length > 0))
      .map((d) => d.date),
  );
  const hygiene = hygieneFigures(input.hygiene, monitoredDates);
  const service = serviceFigures(
    {
      devices: equipment,
      pages: pageSamples,
      usage: input.usage,
      transitions: input.transitions,
      citizensReports: input.citizenReports.filter((c) => c.at >= span.from && c.at < counted).length,
      citizensSameAsFault: citizensSame,
    },
    month,
    tz,
    span.from,
    counted,
  );
  const totals = sumAvailability(lines);
  const { all: _all, month: _month, ...faultOut } = faults;
  return {
    month,
    site: input.site,
    siteName: input.siteName,
    tz,
    generatedAt: now,
    frame: { ...input.frame, submittedOn: input.frame.submittedOn ?? localTime(now, tz).date },
    period: {
      from: span.from,
      to: span.to,
      countedTo: counted,
      complete: counted >= span.to,
      daysInMonth: span.days,
      daysCounted: days.length,
      openDays: days.filter((d) => d.open).length,
      openMinutes: Math.round(opening.reduce((n, i) => n + (i.to - i.from), 0) / 60_000),
      closedDays: days.filter((d) => !d.open).map((d) => ({ date: d.date, reason: d.reason })),
      makeUpDays: days
        .filter((d) => d.open && d.kind === 'makeup')
        .map((d) => ({ date: d.date, reason: d.reason })),
      monitoredDays: monitoredDates.size,
    },
    hasData:
      totals.monitoredMinutes > 0 ||
      faults.total.incidents > 0 ||
      service.pagesTotal !== null ||
      (hygiene !== null && hygiene.ratio !== null),
    register: input.devices,
    devices: lines,
    availability: totals,
    integrity: integrity.figures,
    faults: faultOut,
    vendors: vendorLines(equipment, faults.month, counted),
    power: powerAdherence(input.devices, days, input.actions, segments, span.from, counted),
    supplies: supplyLines(input.supplies, span.from, counted, input.leadTimeDays, tz),
    hygiene,
    service,
    // Each counter once: a plug's kWh is shown on the device it feeds too, but counted once here.
    energyKWh: energy.size === 0 ? null : round3([...energy.values()].reduce((a, b) => a + b, 0)),
    offScheduledHours: Math.round(lines.reduce((n, d) => n + d.offScheduledHours, 0) * 100) / 100,
    complaints: input.complaints
      ? // The complaint register's own definition (complaint-figures.ts): as of now in a running month.
        complaintFigures(input.complaints.received, input.complaints.ratings, span, Math.min(now, span.to))
      : null,
  };
}

function sumAvailability(lines: readonly DeviceLine[]): AvailabilityTotals {
  const sum = (f: (d: DeviceLine) => number) => lines.reduce((n, d) => n + f(d), 0);
  const expected = sum((d) => d.expectedMinutes);
  const monitored = sum((d) => d.monitoredMinutes);
  const up = sum((d) => d.upMinutes);
  return {
    devices: lines.length,
    expectedMinutes: expected,
    monitoredMinutes: monitored,
    upMinutes: up,
    unavailableMinutes: monitored - up,
    downMinutes: sum((d) => d.downMinutes),
    coverage: expected === 0 ? null : monitored / expected,
    availability: monitored === 0 ? null : up / monitored,
  };
}

/**
 * A citizen's report is about a problem already known when it joined an existing fault, or came while
 * its device had an open equipment or consumables fault (what a citizen sees: it does not work).
 */
function sameAsKnownFault(
  c: ReportInput['citizenReports'][number],
  owner: (id: string) => string,
  faults: ReportInput['faults'],
  incidents: readonly Incident[],
): boolean {
  const joined = faults.find((f) => f.id === c.faultId);
  if (joined !== undefined && seenByCitizens.has(faultCause(joined.kind))) return true;
  const device = owner(c.deviceId);
  return incidents.some(
    (i) =>
      i.deviceId === device &&
      seenByCitizens.has(i.cause) &&
      i.openedAt <= c.at &&
      (i.closedAt ?? Number.POSITIVE_INFINITY) > c.at,
  );
}

const seenByCitizens = new Set<string>(['equipment', 'consumables']);

const round3 = (n: number) => Math.round(n * 1000) / 1000;

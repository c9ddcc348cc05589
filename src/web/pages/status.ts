import type { DayPlan } from '../../domain/desired-power.js';
import { hhmm, localTime } from '../../domain/local-time.js';
import type { FaultRow } from '../../faults/fault-repo.js';
import type { DeviceRow } from '../../store/devices-repo.js';
import { html, type SafeHtml, urlPart } from '../html.js';
import type { Strings } from '../i18n.js';
import { deviceTable } from './device-list.js';
import { type FaultNames, faultTable } from './fault-list.js';
import { badge, listTable, refreshBar, type TimeContext } from './parts.js';

export interface HygieneSlotView {
  target: string;
  targetName: string;
  task: string;
  status: string;
  deadlineAt: number;
}

/** An override in force or still to come today, as the pages show it. */
export interface OverrideView {
  readonly id: number;
  readonly kind: 'keep-on' | 'force-on' | 'force-off';
  /** The device's name, or the whole zone. */
  readonly what: string;
  readonly until: number;
  readonly by: string;
  readonly note: string | null;
}

export interface StatusView extends FaultNames {
  devices: readonly DeviceRow[];
  /** Open faults, already in page order (fault-list.ts sortFaults). */
  faults: readonly FaultRow[];
  schedule: DayPlan | undefined;
  /** The device types the zone has that the schedule switches (today's plan lists only these). */
  types: readonly string[];
  hygiene: readonly HygieneSlotView[];
  overrides: readonly OverrideView[];
}

/**
 * One part of the status page. The page is the list `statusSections`, so a part can be added (the duty
 * rota's "today's A and B posts" block goes after `today`) without touching the others.
 */
export type StatusSection = (v: StatusView, s: Strings, t: TimeContext) => SafeHtml;

const at = (ms: number, t: TimeContext) => hhmm(localTime(ms, t.tz).minutes);

export function overrideText(o: OverrideView, s: Strings, t: TimeContext): string {
  const until = at(o.until, t) === '00:00' ? s.endOfDay : at(o.until, t);
  const say = o.kind === 'keep-on' ? s.keptOn : o.kind === 'force-on' ? s.forcedOn : s.forcedOff;
  return say(o.what, until);
}

/** Today's to-dos near the top: cleaning still due or overdue, and today's power changes. */
export const todaySection: StatusSection = (v, s, t) => {
  const open = v.hygiene.filter((h) => h.status === 'due' || h.status === 'overdue');
  const items = [
    ...open.map((h) => {
      const say = h.status === 'overdue' ? s.cleaningOverdue : s.cleaningDue;
      return html`<li>${badge(h.status, s.slot[h.status] ?? h.status)} ${say(h.targetName, s.tasks[h.task] ?? h.task, at(h.deadlineAt, t))}
<a href="/hygiene/record?target=${urlPart(h.target)}&amp;task=${urlPart(h.task)}">${s.record}</a></li>`;
    }),
    ...v.overrides.map(
      (o) =>
        html`<li>${overrideText(o, s, t)} <span class="muted">${s.overrideBy(o.by, o.note ?? '')}</span> <a href="/power">${s.navPower}</a></li>`,
    ),
  ];
  return html`<section aria-labelledby="h-today" id="live-today" data-live><h2 id="h-today">${s.today}</h2>${
    items.length ? html`<ul class="plain">${items}</ul>` : html`<p>${s.nothingToday}</p>`
  }</section>`;
};

export const faultsSection: StatusSection = (v, s, t) =>
  html`<section aria-labelledby="h-faults" id="live-faults" data-live data-count="${v.faults.length}"><h2 id="h-faults">${s.openFaults}（${v.faults.length}）</h2>${
    v.faults.length ? faultTable(v.faults, v, s, t) : html`<p>${s.noOpenFaults}</p>`
  }</section>`;

export const devicesSection: StatusSection = (v, s, t) =>
  html`<section aria-labelledby="h-devices" id="live-devices" data-live><h2 id="h-devices">${s.devices}</h2>${deviceTable(v.devices, s, t)}</section>`;

export const scheduleSection: StatusSection = (v, s) => {
  const day = v.schedule;
  if (!day) return html``;
  const rows = Object.entries(day.power)
    .filter(([type]) => v.types.includes(type))
    .map(([type, windows]) => [
      s.deviceTypes[type] ?? type,
      windows.length ? windows.map((w) => `${w.on}–${w.off}`).join(s.list) : s.off,
    ]);
  return html`<section aria-labelledby="h-schedule"><h2 id="h-schedule">${s.todaySchedule}</h2>${
    day.openDay
      ? html`<p>${s.openHours}${s.colon}${day.open.map((p) => p.replace('-', '–')).join(s.list)}</p>${
          rows.length ? listTable([{ label: s.type, title: true }, { label: s.planned }], rows) : ''
        }`
      : html`<p>${s.closedToday}${day.reason ? html`（${day.reason}）` : ''}</p>`
  }</section>`;
};

export const hygieneSection: StatusSection = (v, s, t) => {
  if (v.hygiene.length === 0)
    return html`<section aria-labelledby="h-hygiene"><h2 id="h-hygiene">${s.hygieneToday}</h2><p>${s.noHygiene}</p></section>`;
  const rows = v.hygiene.map((h) => [
    h.targetName,
    s.tasks[h.task] ?? h.task,
    at(h.deadlineAt, t),
    html`${badge(h.status, s.slot[h.status] ?? h.status)}${
      h.status === 'on-time' || h.status === 'late'
        ? ''
        : html` <a href="/hygiene/record?target=${urlPart(h.target)}&amp;task=${urlPart(h.task)}">${s.record}</a>`
    }`,
  ]);
  return html`<section aria-labelledby="h-hygiene" id="live-hygiene" data-live><h2 id="h-hygiene">${s.hygieneToday}</h2>${listTable(
    [{ label: s.target, title: true }, { label: s.task }, { label: s.deadline }, { label: s.state }],
    rows,
  )}</section>`;
};

/** The parts of the status page, top to bottom. */
export const statusSections: StatusSection[] = [
  todaySection,
  faultsSection,
  devicesSection,
  scheduleSection,
  hygieneSection,
];

export function statusBody(
  v: StatusView,
  s: Strings,
  t: TimeContext,
  sections: readonly StatusSection[] = statusSections,
): SafeHtml {
  return html`${refreshBar(t, s, '/')}${sections.map((section) => section(v, s, t))}`;
}

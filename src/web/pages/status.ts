import type { DayPlan } from '../../domain/desired-power.js';
import type { FaultRow } from '../../faults/fault-repo.js';
import type { DeviceRow } from '../../store/devices-repo.js';
import { html, type SafeHtml, urlPart } from '../html.js';
import type { Strings } from '../i18n.js';
import { badge, formatTime } from './layout.js';

export interface HygieneSlotView {
  target: string;
  targetName: string;
  task: string;
  status: string;
  deadlineAt: number;
}

export interface StatusView {
  devices: readonly DeviceRow[];
  faults: readonly FaultRow[];
  schedule: DayPlan | undefined;
  hygiene: readonly HygieneSlotView[];
}

export function statusBody(v: StatusView, s: Strings, tz: string): SafeHtml {
  const names = new Map(v.devices.map((d) => [d.id, d.name]));
  const faults = v.faults.length
    ? html`<table><thead><tr><th>${s.device}</th><th>${s.fault}</th><th>${s.state}</th><th>${s.opened}</th></tr></thead><tbody>
${v.faults.map(
  (
    f,
  ) => html`<tr><td>${names.get(f.deviceId) ?? f.deviceId}</td><td><a href="/faults/${f.id}">${f.summary}</a></td>
<td>${badge(f.state, s.faultStates[f.state])} <span class="muted">${s.severities[f.severity] ?? f.severity}</span></td><td>${formatTime(f.openedAt, tz)}</td></tr>`,
)}</tbody></table>`
    : html`<p>${s.noOpenFaults}</p>`;

  const devices = html`<table><thead><tr><th>${s.device}</th><th>${s.location}</th><th>${s.state}</th><th>${s.lastSeen}</th></tr></thead><tbody>
${v.devices.map(
  (
    d,
  ) => html`<tr id="device-${d.id}"><td>${d.name}<br><span class="muted">${d.id}</span></td><td>${d.location}</td>
<td>${badge(d.status, s.statuses[d.status] ?? d.status)}${d.conditions.length ? html`<br><span class="muted">${d.conditions.map((c) => s.conditions[c] ?? c).join(s.htmlLang === 'en' ? ', ' : '、')}</span>` : ''}</td>
<td>${formatTime(d.lastObservedAt, tz)}</td></tr>`,
)}</tbody></table>`;

  const sched = v.schedule;
  const schedule = !sched
    ? html``
    : html`<section aria-labelledby="h-schedule"><h2 id="h-schedule">${s.todaySchedule}</h2>
${
  sched.openDay
    ? html`<p>${s.openHours}: ${sched.open.join(', ')}</p><table><tbody>${Object.entries(sched.power).map(
        ([type, windows]) =>
          html`<tr><th>${s.deviceTypes[type] ?? type}</th><td>${windows.map((w) => `${w.on}–${w.off}`).join(', ')}</td></tr>`,
      )}</tbody></table>`
    : html`<p>${s.closedToday} <span class="muted">${sched.reason}</span></p>`
}</section>`;

  const hygiene = v.hygiene.length
    ? html`<table><thead><tr><th>${s.target}</th><th>${s.task}</th><th>${s.deadline}</th><th>${s.state}</th></tr></thead><tbody>
${v.hygiene.map(
  (
    h,
  ) => html`<tr><td>${h.targetName}</td><td>${s.tasks[h.task] ?? h.task}</td><td>${formatTime(h.deadlineAt, tz).slice(11)}</td>
<td>${badge(h.status, s.slot[h.status] ?? h.status)}${
    h.status === 'on-time' || h.status === 'late'
      ? ''
      : html` <a href="/hygiene/record?target=${urlPart(h.target)}&amp;task=${urlPart(h.task)}">${s.record}</a>`
  }</td></tr>`,
)}</tbody></table>`
    : html`<p>${s.noHygiene}</p>`;

  return html`<section aria-labelledby="h-faults"><h2 id="h-faults">${s.openFaults} (${v.faults.length})</h2>${faults}</section>
<section aria-labelledby="h-devices"><h2 id="h-devices">${s.devices}</h2>${devices}</section>
${schedule}
<section aria-labelledby="h-hygiene"><h2 id="h-hygiene">${s.hygieneToday}</h2>${hygiene}</section>`;
}

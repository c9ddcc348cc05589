import { whenText } from '../../domain/relative-time.js';
import type { DeviceRow } from '../../store/devices-repo.js';
import { html, type SafeHtml, urlPart } from '../html.js';
import type { Strings } from '../i18n.js';
import { badge, listTable, type TimeContext, when } from './parts.js';

/** The device's state and what it reports, in words (`需处理：缺纸、墨粉不足`). */
export function deviceState(d: DeviceRow, s: Strings, t: TimeContext): SafeHtml {
  const conditions = d.conditions.map((c) => s.condition(c));
  const unique = [...new Set(conditions)];
  return html`${badge(d.status, s.statuses[d.status] ?? s.unknown)}${
    unique.length
      ? html` <span>${unique.join(s.list)}</span>${
          d.conditionsAsOf !== null
            ? html`<span class="muted">${s.asOf(whenText(d.conditionsAsOf, t.now, t.tz, s.lang))}</span>`
            : ''
        }`
      : ''
  }`;
}

/** The register as a table (desktop) or cards (phone): name, type, location, state, last checked. */
export function deviceTable(list: readonly DeviceRow[], s: Strings, t: TimeContext): SafeHtml {
  const rows = list.map((d) => [
    html`<a href="/devices/${urlPart(d.id)}">${d.name}</a>`,
    s.deviceTypes[d.type] ?? d.type,
    d.location,
    deviceState(d, s, t),
    when(d.lastObservedAt, t, s),
  ]);
  return listTable(
    [
      { label: s.device, title: true },
      { label: s.type },
      { label: s.location },
      { label: s.state },
      { label: s.lastSeen },
    ],
    rows,
    { caption: s.devices, rowIds: list.map((d) => `device-${d.id}`) },
  );
}

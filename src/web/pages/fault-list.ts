import { evidenceText } from '../../domain/evidence-text.js';
import type { FaultRow } from '../../faults/fault-repo.js';
import { html, type SafeHtml } from '../html.js';
import type { Strings } from '../i18n.js';
import { badge, listTable, severityBadge, severityOrder, type TimeContext, when } from './parts.js';

/** What a fault list needs besides the faults: device names and, for vendor-contacted ones, who was called. */
export interface FaultNames {
  readonly names: ReadonlyMap<string, string>;
  /** Fault id → `vendor` | `service-provider` of its latest contact. */
  readonly parties: ReadonlyMap<number, string>;
}

const closed = (f: FaultRow) => f.state === 'resolved' || f.state === 'cleared';

/** Open faults first, the most severe first and, among equals, the one waiting longest; closed ones newest first. */
export function sortFaults(list: readonly FaultRow[]): FaultRow[] {
  return [...list].sort((a, b) => {
    if (closed(a) !== closed(b)) return closed(a) ? 1 : -1;
    if (closed(a)) return (b.closedAt ?? 0) - (a.closedAt ?? 0);
    return (
      (severityOrder[a.severity] ?? 9) - (severityOrder[b.severity] ?? 9) ||
      a.openedAt - b.openedAt ||
      a.id - b.id
    );
  });
}

/** `打印机 P-01 缺纸`: the device's name and the kind in the reader's language (never the stored summary). */
export function faultTitle(f: FaultRow, deviceName: string, s: Strings): string {
  return s.lang === 'en' ? `${deviceName}: ${s.kindName(f.kind)}` : `${deviceName} ${s.kindName(f.kind)}`;
}

/** The state badge; a vendor-contacted fault says whom (厂家 or 服务商). */
export function faultStateBadge(f: FaultRow, party: string | undefined, s: Strings): SafeHtml {
  const text =
    f.state === 'vendor-contacted' && party
      ? (s.vendorContactedBy[party] ?? s.faultStates[f.state])
      : s.faultStates[f.state];
  return badge(f.state, text);
}

export function faultTable(list: readonly FaultRow[], n: FaultNames, s: Strings, t: TimeContext): SafeHtml {
  const rows = list.map((f) => {
    const name = n.names.get(f.deviceId) ?? s.device;
    const detail = evidenceText(f.kind, String(f.evidence.detail ?? ''), s.lang, 60);
    return [
      html`<a href="/faults/${f.id}">${faultTitle(f, name, s)}</a>`,
      severityBadge(f.severity, s),
      faultStateBadge(f, n.parties.get(f.id), s),
      when(closed(f) ? f.closedAt : f.openedAt, t, s),
      detail === '' ? html`<span class="muted">—</span>` : html`${detail}`,
    ];
  });
  return listTable(
    [
      { label: s.fault, title: true },
      { label: s.severity },
      { label: s.state },
      { label: s.when },
      { label: s.evidence, wide: true },
    ],
    rows,
    { caption: s.faultsTitle },
  );
}

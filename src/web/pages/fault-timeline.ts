import { evidenceText } from '../../domain/evidence-text.js';
import type { FaultKind } from '../../domain/fault-kinds.js';
import { whenText } from '../../domain/relative-time.js';
import type { FaultEventRow } from '../../faults/fault-repo.js';
import { html, type SafeHtml } from '../html.js';
import type { Strings } from '../i18n.js';
import { type TimeContext, when } from './parts.js';

/** Who and what the timeline names: person ids → names, notifier ids → their kind of channel. */
export interface TimelineNames {
  readonly people: ReadonlyMap<string, string>;
  readonly channels: ReadonlyMap<string, string>;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The actor in words: `系统检测（SNMP）`, `市民报告`, `系统`, or the person's name. */
export function actorName(actor: string, s: Strings): string {
  return s.actors[actor] ?? (actor.startsWith('probe:') ? (s.actors.zoneops as string) : actor);
}

/** A clear or condition-gone reason: `2 good polls` → `连续 2 次检测正常`; zoneops' own texts in words. */
function reasonText(reason: string, s: Strings): string {
  const polls = /^(\d+) good polls$/.exec(reason);
  if (polls) return s.goodPolls(polls[1] as string);
  if (reason === 'condition gone') return s.conditionGone;
  // The hygiene checker's own message (already in the zone's language) says what was recorded.
  return /[\u3400-\u9fff]/.test(reason) || s.lang === 'en' ? reason : s.recordedDone;
}

/** The event's data as one line of words (values translated, ids named, nothing raw). */
function eventText(e: FaultEventRow, kind: FaultKind, s: Strings, t: TimeContext, n: TimelineNames): string {
  const d = e.data;
  const parts: string[] = [];
  const detail = str(d.detail);
  if (detail) parts.push(evidenceText(kind, detail, s.lang));
  if (e.type === 'reopened' && typeof d.times === 'number') parts.push(s.times(String(d.times + 1)));
  if (e.type === 'vendor-contacted') {
    const party = str(d.party);
    if (party) parts.push(party === 'service-provider' ? s.serviceProvider : s.vendor);
    const whom = str(d.whom);
    if (whom) parts.push(whom);
    const ticket = str(d.ticket);
    if (ticket) parts.push(s.ticketNo(ticket));
    if (typeof d.promisedAt === 'number') parts.push(s.promisedBy(whenPlain(d.promisedAt, t, s)));
  }
  const reason = str(d.reason);
  if (reason) parts.push(reasonText(reason, s));
  if (e.type === 'public-report' && d.reportId !== undefined) parts.push(s.reportNo(String(d.reportId)));
  if (e.type === 'notified') {
    const to = Array.isArray(d.to) ? d.to.map((id) => n.people.get(String(id)) ?? s.unknown) : [];
    const how = Array.isArray(d.channels)
      ? [...new Set(d.channels.map((c) => s.channels[n.channels.get(String(c)) ?? ''] ?? s.unknown))]
      : [];
    const tag = d.type === 'remind' ? `${s.reminder}：` : d.type === 'escalate' ? `${s.escalated}：` : '';
    parts.push(`${tag}${s.notifiedTo(to.join(s.list) || s.none, how.join(s.list))}`);
  }
  const note = str(d.note);
  if (note) parts.push(note);
  return parts.filter((p) => p !== '').join(s.lang === 'en' ? ' · ' : '；');
}

function whenPlain(ms: number, t: TimeContext, s: Strings): string {
  return whenText(ms, t.now, t.tz, s.lang);
}

export function timeline(
  events: readonly FaultEventRow[],
  kind: FaultKind,
  s: Strings,
  t: TimeContext,
  n: TimelineNames,
): SafeHtml {
  return html`<ol class="timeline">${events.map((e) => {
    const text = eventText(e, kind, s, t, n);
    return html`<li><strong>${s.events[e.type] ?? s.unknown}</strong> <span class="muted">${when(e.at, t, s)} · ${actorName(e.actor, s)}</span>${
      text ? html`<br>${text}` : ''
    }</li>`;
  })}</ol>`;
}

import type { DutyDayView } from '../../duty/duty-service.js';
import { html, type SafeHtml } from '../html.js';
import type { DutyStrings } from '../i18n-duty.js';

type Holder = DutyDayView['posts']['A'][number];

/** `李娟（请假：病假）`: a post holder with why they are not told, if so. */
export function holderText(h: Holder, d: DutyStrings): SafeHtml {
  const why = h.absent ? d.absent(h.absent.reason) : h.reachable ? '' : d.noChannel;
  return why ? html`${h.name}<span class="muted">（${why}）</span>` : html`${h.name}`;
}

export function holdersText(list: readonly Holder[], d: DutyStrings): SafeHtml {
  return list.length === 0
    ? html`<span class="muted">${d.nobody}</span>`
    : html`${list.map((h, i) => html`${i > 0 ? '、' : ''}${holderText(h, d)}`)}`;
}

/** Who answers today's alerts when a post holder is away: `值班提醒由B 岗 王芳 接收`. */
export function coversText(day: DutyDayView, d: DutyStrings): string {
  if (!day.covers) return d.nobody;
  return d.coveredBy(d.slot[day.covers.slot], day.covers.people.map((p) => p.name).join('、'));
}

/** The 无人值守 banner: shown on the status and rota pages while today has nobody at either post. */
export function uncoveredBanner(day: DutyDayView, d: DutyStrings): SafeHtml {
  if (!day.uncovered) return html``;
  const names =
    day.covers?.people.map((p) => `${d.slot[day.covers?.slot ?? 'lead']} ${p.name}`).join('、') ?? '';
  return html`<p class="msg err" role="alert" id="duty-uncovered"><strong>${d.uncovered}</strong>：${d.uncoveredText(names)} <a href="/duty">${d.arrange}</a></p>`;
}

/** The status page's section: today's A and B posts, and who covers when one is away. */
export function dutyBlock(day: DutyDayView, d: DutyStrings): SafeHtml {
  const away = [...day.posts.A, ...day.posts.B].some((h) => h.absent || !h.reachable);
  const covers = day.covers?.slot !== 'A' || away;
  return html`${uncoveredBanner(day, d)}<section aria-labelledby="h-duty"><h2 id="h-duty">${d.today}</h2>
<p>${d.slot.A}：${holdersText(day.posts.A, d)}<br>${d.slot.B}：${holdersText(day.posts.B, d)}</p>
${covers ? html`<p id="duty-covers">${coversText(day, d)}</p>` : ''}<p><a href="/duty">${d.duty}</a></p></section>`;
}

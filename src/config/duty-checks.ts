import { routeFor } from '../domain/access.js';
import { hasWorkingChannel } from '../domain/delivery-plan.js';
import { type DutyFacts, dutyChain } from '../domain/duty.js';
import { faultKinds } from '../domain/fault-kinds.js';
import { type WeekdayKey, weekdayZh } from '../domain/local-time.js';
import { faultWhat } from '../domain/messages.js';
import { routingPlan } from '../domain/routing.js';
import type { Config } from './schema.js';

export interface ZoneCheck {
  readonly path: string;
  readonly message: string;
}

const dayName = weekdayZh;
/** A date of each weekday (2024-01-01 was a Monday): the rota is by weekday, the rules by date. */
const sampleDate: Record<WeekdayKey, string> = {
  mon: '2024-01-01',
  tue: '2024-01-02',
  wed: '2024-01-03',
  thu: '2024-01-04',
  fri: '2024-01-05',
  sat: '2024-01-06',
  sun: '2024-01-07',
};

/**
 * Whether the zone's people can answer its alerts, beyond what the schema checks (`zoneops check-config`;
 * the daemon logs the problems at start). Problems (exit 2): a route kind that can reach nobody, a
 * working day without an A post, an A post nobody covers (no B post, no lead), a post holder without a
 * working notifier, a person who receives on-duty alerts but cannot sign in to acknowledge them.
 * Warnings: only one staff post, no lead. In Chinese: the technician and the lead read them.
 */
export function checkDuty(config: Config): { problems: ZoneCheck[]; warnings: ZoneCheck[] } {
  const problems: ZoneCheck[] = [];
  const warnings: ZoneCheck[] = [];
  const { people, notifiers } = config;
  const reachable = (id: string) => {
    const p = people.find((x) => x.id === id);
    return p !== undefined && hasWorkingChannel(p, notifiers);
  };
  const facts: DutyFacts = { people, rota: config.duty.rota, absences: [], swaps: [], reachable };
  const days = config.officeHours.weekdays as readonly WeekdayKey[];
  const chains = days.map((d) => ({ day: d, chain: dutyChain(sampleDate[d], facts) }));
  const posted = new Set(
    chains.flatMap((c) => c.chain.slice(0, 2).flatMap((l) => l.holders.map((p) => p.id))),
  );

  for (const { day, chain } of chains) {
    if ((chain[0]?.holders.length ?? 0) === 0) {
      const path = config.duty.rota[day] ? `duty.rota.${day}.A` : 'people';
      problems.push({
        path,
        message: `${dayName[day]}是工作日，但没有人值 A 岗（role: staff, post: A，或在 duty.rota 中安排）`,
      });
    }
  }
  const uncoveredDays = chains.filter(
    ({ chain }) => (chain[1]?.present.length ?? 0) === 0 && (chain[2]?.present.length ?? 0) === 0,
  );
  if (uncoveredDays.length > 0 && chains.some((c) => (c.chain[0]?.holders.length ?? 0) > 0)) {
    problems.push({
      path: 'duty',
      message:
        `A 岗请假时无人代岗${uncoveredDays.length < chains.length ? `（${uncoveredDays.map((c) => dayName[c.day]).join('、')}）` : ''}：没有 B 岗，也没有负责人（role: lead）` +
        '能收到通知，值班提醒只能发给技术员。请增加 B 岗或负责人，并为其配置通知渠道',
    });
  }

  people.forEach((p, i) => {
    if (p.role === 'staff' && !hasWorkingChannel(p, notifiers))
      problems.push({
        path: `people[${i}].notify`,
        message: `值班人员 ${p.name}（${p.post ?? ''} 岗）没有可用的通知渠道（notify 为空，或只有邮件却没有 email）`,
      });
  });

  const accounts = new Set(config.web.accounts.map((a) => a.person));
  people.forEach((p) => {
    const onDuty = (p.role === 'staff' && posted.has(p.id)) || p.role === 'lead' || p.role === 'technician';
    if (onDuty && !accounts.has(p.id))
      problems.push({
        path: 'web.accounts',
        message:
          `${p.name}（${p.id}）会收到值班提醒，但没有网页登录账号，无法在手机上确认收到：请用 ` +
          `\`zoneops web-pin-hash\` 生成 PIN 摘要，添加 { person: ${p.id}, pinHash: "…" }`,
      });
  });

  // A route kind that can reach nobody, on a weekday with its posts and nobody absent.
  const dead = new Map<string, string[]>();
  for (const kind of faultKinds) {
    const route = routeFor(config.alerts.routes, kind);
    const silentOn = chains.find(({ chain }) => {
      const onDuty = chain.map((l) => l.holders.flatMap((h) => people.find((x) => x.id === h.id) ?? []));
      const plan = routingPlan(route, people, onDuty, (p) => (reachable(p.id) ? undefined : 'no-channel'));
      return !plan.levels.some((l) => l.present.length > 0);
    });
    if (silentOn || chains.length === 0) {
      const path = config.alerts.routes[kind] ? `alerts.routes.${kind}` : 'alerts.routes';
      dead.set(path, [...(dead.get(path) ?? []), faultWhat(kind)]);
    }
  }
  for (const [path, kinds] of dead)
    problems.push({
      path,
      message: `“${kinds.join('、')}”的提醒发不到任何人：按路由应收到的人都没有可用的通知渠道（或没有这样的人）`,
    });

  const hasPost = (i: 0 | 1) => chains.some((c) => (c.chain[i]?.holders.length ?? 0) > 0);
  if (hasPost(0) && !hasPost(1))
    warnings.push({
      path: 'people',
      message: '只有一个值班岗位（A 岗）：A 岗请假时没有 B 岗顶上，建议设 B 岗（post: B）',
    });
  if (!people.some((p) => p.role === 'lead'))
    warnings.push({
      path: 'people',
      message: '没有专区负责人（role: lead）：A、B 岗都不在或没有确认时，值班提醒只能升级到技术员',
    });
  return { problems, warnings };
}

import type { Severity } from './conditions.js';
import type { FaultKind } from './fault-kinds.js';

/**
 * Who is told about a fault, and when (pure). The zone's seed rules: consumables go to the attendant
 * on duty (A post; B post when A is absent that day or has not acknowledged within the escalation
 * time; then the zone lead, and the technician as the last resort); device and system faults go to the party-office technician, who contacts
 * the vendor and service provider; software and hardware changes go to the technician and the lead,
 * because nobody may update software or swap hardware on their own.
 */
export const audiences = ['on-duty', 'technician', 'lead'] as const;
export type Audience = (typeof audiences)[number];

export const defaultRoutes: Readonly<Record<FaultKind, readonly Audience[]>> = {
  'paper-low': ['on-duty'],
  'paper-out': ['on-duty'],
  'toner-low': ['on-duty'],
  'toner-out': ['on-duty'],
  // An attendant clears a jam or closes a door; if it does not go away, the technician hears via reminders to the lead.
  jam: ['on-duty'],
  'door-open': ['on-duty'],
  'still-on-after-hours': ['on-duty'],
  'cleaning-overdue': ['on-duty'],
  'disinfection-overdue': ['on-duty'],
  'public-report': ['on-duty'],
  unreachable: ['technician'],
  'power-on-failed': ['technician'],
  offline: ['technician'],
  'service-requested': ['technician'],
  'disk-full': ['technician'],
  // The technician orders toner through state procurement (weeks): told early, with the vendor named.
  'supply-order-due': ['technician'],
  // A printer that stopped and refuses jobs, or whose spool storage is full, needs the technician (often a restart).
  'printer-stopped': ['technician'],
  'spool-area-full': ['technician'],
  // The plug cut the power because the device drew too much: the attendant on site and the technician must check it.
  'plug-overload': ['on-duty', 'technician'],
  'forbidden-software': ['technician', 'lead'],
  'software-changed': ['technician', 'lead'],
  'hardware-changed': ['technician', 'lead'],
};

interface RoutedPerson {
  readonly id: string;
  readonly role: 'staff' | 'technician' | 'lead' | 'admin';
  readonly post?: 'A' | 'B' | undefined;
}

/**
 * The escalation levels for a route: level 0 is told first, each next level when the previous one has
 * not acknowledged in time. `onDuty` is the day's on-duty chain — the holders of A, B, lead and
 * technician (domain/duty.ts `dutyChain`; by default the people's own posts) — so the on-duty route
 * is A → B → lead → technician (the last resort); the technician route is technician → lead. A person
 * appears once, at the first level that reaches them; empty levels are kept, so a level number means
 * the same post all day whoever holds it. Absences and channels are applied by `routingPlan`.
 */
export function escalationLevels<P extends RoutedPerson>(
  route: readonly Audience[],
  people: readonly P[],
  onDuty?: readonly (readonly P[])[],
): P[][] {
  const staff = (post: 'A' | 'B') => people.filter((p) => p.role === 'staff' && p.post === post);
  const byRole = (role: RoutedPerson['role']) => people.filter((p) => p.role === role);
  const chainOf: Record<Audience, () => readonly (readonly P[])[]> = {
    'on-duty': () => onDuty ?? [staff('A'), staff('B'), byRole('lead'), byRole('technician')],
    technician: () => [byRole('technician'), byRole('lead')],
    lead: () => [byRole('lead')],
  };
  const chains = route.map((a) => chainOf[a]());
  const depth = Math.max(0, ...chains.map((c) => c.length));
  const seen = new Set<string>();
  const levels: P[][] = [];
  for (let i = 0; i < depth; i++) {
    const level: P[] = [];
    for (const chain of chains) {
      for (const p of chain[i] ?? []) {
        if (seen.has(p.id)) continue;
        seen.add(p.id);
        level.push(p);
      }
    }
    levels.push(level);
  }
  return levels;
}

export interface PlanLevel<P> {
  /** Everybody at this level. */
  readonly people: readonly P[];
  /** Those who will be told: not absent, with a working channel. */
  readonly present: readonly P[];
  readonly skipped: ReadonlyArray<{ readonly person: P; readonly why: 'absent' | 'no-channel' }>;
}

export interface RoutingPlan<P> {
  readonly levels: readonly PlanLevel<P>[];
  /** No level has anybody present: the admins were added as the last level (maybe nobody at all). */
  readonly lastResort: boolean;
}

/**
 * The routing plan of a fault at an instant, computed up front: the escalation levels of its route
 * with each person marked present or skipped (absent that day, no working channel). When nobody at
 * any level can be told, the admins with a channel are the last level — an alert is never silently
 * dropped; check-config reports a route that can reach nobody at all.
 */
export function routingPlan<P extends RoutedPerson>(
  route: readonly Audience[],
  people: readonly P[],
  onDuty: readonly (readonly P[])[] | undefined,
  skip: (p: P) => 'absent' | 'no-channel' | undefined,
): RoutingPlan<P> {
  const levels = escalationLevels(route, people, onDuty).map((l): PlanLevel<P> => {
    const present: P[] = [];
    const skipped: Array<{ person: P; why: 'absent' | 'no-channel' }> = [];
    for (const p of l) {
      const why = skip(p);
      if (why) skipped.push({ person: p, why });
      else present.push(p);
    }
    return { people: l, present, skipped };
  });
  if (levels.some((l) => l.present.length > 0)) return { levels, lastResort: false };
  const admins = people.filter((p) => p.role === 'admin' && skip(p) === undefined);
  return { levels: [...levels, { people: admins, present: admins, skipped: [] }], lastResort: true };
}

export interface EscalationPolicy {
  readonly escalationMs: number;
  readonly reminderMs: number;
  readonly maxReminders: number;
}

export interface EscalationState {
  /** -1 until the first level has been told. */
  readonly level: number;
  /** When the last message (first notice, escalation or reminder) was queued. */
  readonly stepAt: number | null;
  readonly reminders: number;
}

type EscalationStep =
  | { readonly action: 'notify'; readonly type: 'initial' | 'escalate' | 'remind'; readonly level: number }
  | { readonly action: 'wait'; readonly until: number | null };

/**
 * Faults that by their nature happen after hours and need someone now: a device left on (someone may
 * still be using it, or a printer is still printing) must reach the staff the same evening, not at 09:00.
 */
const afterHoursKinds: ReadonlySet<string> = new Set(['still-on-after-hours']);

/** Non-critical faults wait for office hours; critical ones, and after-hours kinds, do not. */
export function mayNotify(
  severity: Severity,
  workingTime: boolean,
  policy: 'office-hours' | 'always',
  kind?: string,
): boolean {
  return (
    severity === 'critical' ||
    policy === 'always' ||
    workingTime ||
    (kind !== undefined && afterHoursKinds.has(kind))
  );
}

/**
 * The next escalation step of an unacknowledged fault. `present[i]` says whether anybody of level i is
 * at work today: an absent level is skipped (A post absent → B post at once), and when the level that
 * was told is marked absent afterwards, the next level is told without waiting. `allowed` is false
 * while the fault is silenced or waits for office hours; the step then happens at the first tick allowed.
 */
export function escalationStep(
  s: EscalationState,
  present: readonly boolean[],
  now: number,
  allowed: boolean,
  policy: EscalationPolicy,
): EscalationStep {
  const firstPresent = (from: number) => {
    for (let i = from; i < present.length; i++) if (present[i]) return i;
    return -1;
  };
  if (s.level < 0 || s.stepAt === null) {
    const l = firstPresent(0);
    if (l < 0 || !allowed) return { action: 'wait', until: null };
    return { action: 'notify', type: 'initial', level: l };
  }
  // A step stamped in the future means the system clock went back: the escalator stores `now` as the
  // step then; here it only guarantees the wait is never longer than escalationMs from now.
  const stepAt = Math.min(s.stepAt, now);
  const cur = Math.min(s.level, present.length - 1);
  const next = firstPresent(cur + 1);
  if (next >= 0) {
    const due = present[cur] ? stepAt + policy.escalationMs : stepAt;
    if (now < due || !allowed) return { action: 'wait', until: due };
    return { action: 'notify', type: 'escalate', level: next };
  }
  if (s.reminders >= policy.maxReminders) return { action: 'wait', until: null };
  const due = stepAt + policy.reminderMs;
  if (now < due || !allowed) return { action: 'wait', until: due };
  return { action: 'notify', type: 'remind', level: cur };
}

import type { Clock } from '../clock.js';
import type { NotifierConfig, PersonConfig } from '../config/schema.js';
import type { TellPeople } from '../core/tell-people.js';
import { hasWorkingChannel } from '../domain/delivery-plan.js';
import { absenceOn, type ChainSlot, type DutyFacts, dutyChain, dutyDay, type Rota } from '../domain/duty.js';
import { uncoveredNotice } from '../domain/duty-texts.js';
import { addDays, localTime, type WeekdayKey } from '../domain/local-time.js';
import type { Language } from '../domain/messages.js';
import { type Audience, type RoutingPlan, routingPlan } from '../domain/routing.js';
import type { Logger } from '../log.js';
import type { Database, Queries } from '../store/db.js';
import { dutyEdits } from './duty-edits.js';
import { type AbsenceRow, DutyRepo, type SwapRow } from './duty-repo.js';
import { rotaEdits } from './rota-edits.js';
import { effectiveRota, type RotaChangeRow, RotaRepo } from './rota-repo.js';

export interface DutyServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  people: readonly PersonConfig[];
  notifiers: readonly NotifierConfig[];
  /** `duty.rota` (empty: every day the people's own posts). */
  rota?: Rota;
  timeZone: string;
  language: Language;
  siteName: string;
  /** `officeHours.weekdays`: a rota change must leave each of them an A post (default Monday–Friday). */
  officeWeekdays?: readonly WeekdayKey[];
  /** The schedule's working days: the zone is only "uncovered" on one (default: every day). */
  isWorkingDay?: (date: string) => boolean;
  /** Channels held after a permanent error: a person reached only through them has no working channel. */
  heldChannels?: () => Promise<readonly string[]>;
  /** How the 无人值守 notice reaches the technician and the lead (once a day). */
  tell?: TellPeople;
}

interface HolderView {
  readonly id: string;
  readonly name: string;
  readonly absent: { readonly absenceId: number; readonly reason: string } | null;
  readonly reachable: boolean;
}

export interface DutyDayView {
  readonly date: string;
  readonly weekday: string;
  readonly workingDay: boolean;
  readonly posts: { readonly A: readonly HolderView[]; readonly B: readonly HolderView[] };
  /** Who answers this day's on-duty alerts (the first level with somebody present). */
  readonly covers: {
    readonly slot: ChainSlot;
    readonly people: ReadonlyArray<{ id: string; name: string }>;
  } | null;
  /** 无人值守: a working day on which neither post has anybody present. */
  readonly uncovered: boolean;
}

/** One weekday of the weekly rota as it stands: from the page's last change, `duty.rota`, or people's posts. */
export interface RotaDayView {
  readonly weekday: WeekdayKey;
  readonly A: ReadonlyArray<{ id: string; name: string }>;
  readonly B: ReadonlyArray<{ id: string; name: string }>;
  readonly source: 'page' | 'config' | 'people';
  /** The page's change in force (undo it to go back to the one before). */
  readonly change: Pick<RotaChangeRow, 'id' | 'reason' | 'createdBy' | 'createdAt'> | null;
}

export interface DutyView {
  readonly today: DutyDayView;
  /** The weekly rota, Monday to Sunday. */
  readonly rota: readonly RotaDayView[];
  readonly week: readonly DutyDayView[];
  /** Absences in force or to come, with the person's name. */
  readonly absences: ReadonlyArray<AbsenceRow & { readonly name: string }>;
  readonly swaps: ReadonlyArray<SwapRow & { readonly name: string }>;
}

export type DutyService = ReturnType<typeof createDutyService>;

/**
 * The rota and who is on duty (the rules: domain/duty.ts). Absences and swaps live in the store
 * (migration 10); every change is validated, audited by the caller, and followed by a coverage check:
 * when nobody holds a post on a working day the technician and the lead are told at once (one notice
 * per day, `duty-uncovered:<date>`), the status page shows 无人值守 and `zoneops_duty_uncovered` is 1.
 * `plan` is the routing of a fault (or a complaint) at an instant — what the escalator and others call.
 */
export function createDutyService(deps: DutyServiceDeps) {
  const { db, clock } = deps;
  const repo = new DutyRepo();
  const rotaRepo = new RotaRepo();
  const people = deps.people;
  const byId = new Map(people.map((p) => [p.id, p]));
  const configRota = deps.rota ?? {};
  const isWorkingDay = deps.isWorkingDay ?? (() => true);
  const changed: Array<() => Promise<void>> = [];
  const dateOf = (now: number) => localTime(now, deps.timeZone).date;

  const held = async (): Promise<ReadonlySet<string>> => new Set((await deps.heldChannels?.()) ?? []);

  async function facts(q: Queries, from: string, to: string, heldSet: ReadonlySet<string>) {
    const absences = await repo.absencesBetween(q, from, to);
    const swaps = await repo.swapsBetween(q, from, to);
    const changes = await rotaRepo.current(q);
    const f: DutyFacts = {
      people,
      rota: effectiveRota(configRota, changes),
      absences,
      swaps,
      reachable: (id) => {
        const p = byId.get(id);
        return p !== undefined && hasWorkingChannel(p, deps.notifiers, heldSet);
      },
    };
    return { f, absences, swaps, changes };
  }

  /**
   * The routing plan of a route at `now`: the escalation levels (on-duty: the day's A → B → lead →
   * technician) with each person present or skipped. Reads in the caller's transaction; `heldSet` is
   * read before it (`heldChannels()`), as the outbox's state is not part of it.
   */
  async function plan(
    q: Queries,
    route: readonly Audience[],
    now: number,
    heldSet: ReadonlySet<string>,
  ): Promise<RoutingPlan<PersonConfig>> {
    const date = dateOf(now);
    const { f } = await facts(q, date, date, heldSet);
    const onDuty = dutyChain(date, f).map((l) => l.holders.flatMap((h) => byId.get(h.id) ?? []));
    return routingPlan(route, people, onDuty, (p) =>
      absenceOn(p.id, date, f.absences) ? 'absent' : f.reachable(p.id) ? undefined : 'no-channel',
    );
  }

  function dayView(date: string, f: DutyFacts, absences: readonly AbsenceRow[]): DutyDayView {
    const d = dutyDay(date, f);
    const holder = (id: string): HolderView => {
      const a = absenceOn(id, date, absences);
      return {
        id,
        name: byId.get(id)?.name ?? id,
        absent: a ? { absenceId: a.id, reason: a.reason } : null,
        reachable: f.reachable(id),
      };
    };
    const [a, b] = d.chain;
    const workingDay = isWorkingDay(date);
    return {
      date,
      weekday: d.weekday,
      workingDay,
      posts: {
        A: (a?.holders ?? []).map((p) => holder(p.id)),
        B: (b?.holders ?? []).map((p) => holder(p.id)),
      },
      covers: d.covers
        ? { slot: d.covers.slot, people: d.covers.present.map((p) => ({ id: p.id, name: p.name })) }
        : null,
      uncovered: workingDay && d.postsEmpty,
    };
  }

  /** Today's and the next six days' posts, the absences and swaps in force or to come. */
  async function view(now = clock.now()): Promise<DutyView> {
    const today = dateOf(now);
    const last = addDays(today, 6);
    const heldSet = await held();
    const { f, absences, changes } = await facts(db, today, last, heldSet);
    const from = await repo.absencesBetween(db, today, '9999-12-31');
    const swaps = await repo.swapsBetween(db, today, '9999-12-31');
    const week = Array.from({ length: 7 }, (_, i) => dayView(addDays(today, i), f, absences));
    const named = <T extends { personId: string }>(x: T) => ({
      ...x,
      name: byId.get(x.personId)?.name ?? x.personId,
    });
    const person = (id: string) => ({ id, name: byId.get(id)?.name ?? id });
    const rota = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((weekday): RotaDayView => {
      const c = changes[weekday];
      const own = (post: 'A' | 'B') =>
        people.filter((p) => p.role === 'staff' && p.post === post).map((p) => p.id);
      const held = f.rota[weekday] ?? { A: own('A'), B: own('B') };
      return {
        weekday,
        A: held.A.map(person),
        B: held.B.map(person),
        source: c ? 'page' : configRota[weekday] ? 'config' : 'people',
        change: c ? { id: c.id, reason: c.reason, createdBy: c.createdBy, createdAt: c.createdAt } : null,
      };
    });
    return {
      today: week[0] as DutyDayView,
      rota,
      week,
      absences: from.map(named),
      swaps: swaps.map(named),
    };
  }

  /** Whether the zone is uncovered now (a working day, nobody present at either post). */
  async function uncovered(now = clock.now()): Promise<boolean> {
    const date = dateOf(now);
    if (!isWorkingDay(date)) return false;
    const { f } = await facts(db, date, date, await held());
    return dutyDay(date, f).postsEmpty;
  }

  /**
   * Tells the technician and the lead at once when today is uncovered (once per day: the outbox never
   * queues the same event key twice, across restarts too). Returns whether today is uncovered.
   */
  async function check(now = clock.now()): Promise<boolean> {
    const date = dateOf(now);
    if (!isWorkingDay(date)) return false;
    const { f, absences } = await facts(db, date, date, await held());
    const day = dutyDay(date, f);
    if (!day.postsEmpty) return false;
    const told = people.filter((p) => p.role === 'technician' || p.role === 'lead');
    const reasonOf = (id: string) => absenceOn(id, date, absences)?.reason;
    const text = uncoveredNotice(day, deps.siteName, deps.language, reasonOf);
    deps.logger.warn({ date }, 'nobody on duty today: the technician and the lead are told');
    await deps.tell?.(`duty-uncovered:${date}`, told, text, 'duty-uncovered');
    return true;
  }

  const afterChange = async () => {
    await check();
    for (const fn of changed) await fn();
  };
  const edits = dutyEdits({
    db,
    clock,
    repo,
    people,
    language: deps.language,
    dateOf,
    isWorkingDay,
    held,
    facts: async (q, from, to, heldSet) => (await facts(q, from, to, heldSet)).f,
    afterChange,
  });

  const rotaChanges = rotaEdits({
    db,
    clock,
    repo: rotaRepo,
    people,
    language: deps.language,
    officeWeekdays: deps.officeWeekdays ?? ['mon', 'tue', 'wed', 'thu', 'fri'],
    afterChange,
  });

  return {
    ...edits,
    ...rotaChanges,
    plan,
    /** `plan` outside a transaction, at `now` (default the clock's). */
    planNow: async (route: readonly Audience[], now = clock.now()) => plan(db, route, now, await held()),
    heldChannels: held,
    view,
    uncovered,
    check,
    /** Runs after every change of an absence or a swap (the fault engine re-checks its escalations). */
    onChange(fn: () => Promise<void>): void {
      changed.push(fn);
    },
  };
}

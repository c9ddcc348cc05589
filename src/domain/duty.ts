import { addDays, type WeekdayKey, weekdayOf } from './local-time.js';

/**
 * Who is on duty (pure). The zone runs an A/B post system: the A post (full-time) answers first, the
 * B post (part-time) takes over when A is away; the zone lead and then the party-office technician are
 * the last resort, so that an alert always reaches a person. The rules:
 *
 * 1. The post holders of a date are the rota's weekday (`duty.rota`), or — on a day the rota does not
 *    list (a weekend make-up working day, or no rota at all) — the people's own `post`.
 * 2. A swap (调班) gives one post of one date to another attendant; if that attendant held the other
 *    post that day, the two exchange posts.
 * 3. An absence (请假) covers whole dates, from–to inclusive; an absent person is skipped.
 * 4. A person with no working channel (no notifier, or only held ones) is skipped too.
 * 5. The on-duty chain is A → B → lead → technician; the first level with somebody present covers.
 *    The zone is *uncovered* (无人值守) on a working day when neither post has anybody present.
 */
export const posts = ['A', 'B'] as const;
export type Post = (typeof posts)[number];

export const chainSlots = ['A', 'B', 'lead', 'technician'] as const;
export type ChainSlot = (typeof chainSlots)[number];

export interface DutyPerson {
  readonly id: string;
  readonly name: string;
  readonly role: 'staff' | 'technician' | 'lead' | 'admin';
  readonly post?: Post | undefined;
}

/** The post holders of one day (person ids; usually one each). */
export type PostHolders = Readonly<Record<Post, readonly string[]>>;

/** `duty.rota`: the weekdays it lists, each with its post holders. */
export type Rota = Readonly<Partial<Record<WeekdayKey, PostHolders>>>;

export interface AbsenceSpan {
  readonly id: number;
  readonly personId: string;
  /** YYYY-MM-DD, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

export interface Swap {
  readonly id: number;
  readonly date: string;
  readonly post: Post;
  readonly personId: string;
}

export interface DutyFacts {
  readonly people: readonly DutyPerson[];
  readonly rota: Rota;
  /** Active (not undone) absences; those not covering the date are ignored. */
  readonly absences: readonly AbsenceSpan[];
  /** Active swaps; those of other dates are ignored. */
  readonly swaps: readonly Swap[];
  /** Whether a person has a working channel (rule 4). */
  readonly reachable: (personId: string) => boolean;
}

/** Rule 1 and 2: who holds each post on `date`. */
export function postsOn(date: string, f: Pick<DutyFacts, 'people' | 'rota' | 'swaps'>): PostHolders {
  const day = f.rota[weekdayOf(date)];
  const own = (post: Post) => f.people.filter((p) => p.role === 'staff' && p.post === post).map((p) => p.id);
  const held: Record<Post, string[]> = {
    A: [...(day ? day.A : own('A'))],
    B: [...(day ? day.B : own('B'))],
  };
  for (const s of [...f.swaps].filter((x) => x.date === date).sort((a, b) => a.id - b.id)) {
    const other: Post = s.post === 'A' ? 'B' : 'A';
    const displaced = held[s.post].filter((id) => id !== s.personId);
    if (held[other].includes(s.personId)) {
      // An exchange: the newcomer leaves the other post, the displaced holders take it.
      held[other] = [...held[other].filter((id) => id !== s.personId), ...displaced];
    }
    held[s.post] = [s.personId];
  }
  return held;
}

/** Rule 3: the absence that keeps a person away on `date`, if any. */
export function absenceOn(
  personId: string,
  date: string,
  absences: readonly AbsenceSpan[],
): AbsenceSpan | undefined {
  return absences.find((a) => a.personId === personId && a.from <= date && date <= a.to);
}

export type SkipReason = 'absent' | 'no-channel';

export interface ChainLevel {
  readonly slot: ChainSlot;
  /** Everybody who holds the slot that day. */
  readonly holders: readonly DutyPerson[];
  /** The holders who will be told (present and reachable). */
  readonly present: readonly DutyPerson[];
  readonly skipped: ReadonlyArray<{ readonly person: DutyPerson; readonly why: SkipReason }>;
}

/** Rule 5: the on-duty chain of `date`, always four levels (A, B, lead, technician), empty ones included. */
export function dutyChain(date: string, f: DutyFacts): ChainLevel[] {
  const byId = new Map(f.people.map((p) => [p.id, p]));
  const held = postsOn(date, f);
  const ids: Record<ChainSlot, readonly string[]> = {
    A: held.A,
    B: held.B,
    lead: f.people.filter((p) => p.role === 'lead').map((p) => p.id),
    technician: f.people.filter((p) => p.role === 'technician').map((p) => p.id),
  };
  return chainSlots.map((slot) => {
    const holders = ids[slot].flatMap((id) => {
      const p = byId.get(id);
      return p ? [p] : [];
    });
    const skipped: Array<{ person: DutyPerson; why: SkipReason }> = [];
    const present: DutyPerson[] = [];
    for (const p of holders) {
      if (absenceOn(p.id, date, f.absences)) skipped.push({ person: p, why: 'absent' });
      else if (!f.reachable(p.id)) skipped.push({ person: p, why: 'no-channel' });
      else present.push(p);
    }
    return { slot, holders, present, skipped };
  });
}

export interface DutyDay {
  readonly date: string;
  readonly weekday: WeekdayKey;
  readonly chain: readonly ChainLevel[];
  /** The first level with somebody present: who answers today's on-duty alerts. */
  readonly covers: ChainLevel | undefined;
  /** Neither post has anybody present (only meaningful on a working day). */
  readonly postsEmpty: boolean;
}

export function dutyDay(date: string, f: DutyFacts): DutyDay {
  const chain = dutyChain(date, f);
  const covers = chain.find((l) => l.present.length > 0);
  const postsEmpty = chain.slice(0, 2).every((l) => l.present.length === 0);
  return { date, weekday: weekdayOf(date), chain, covers, postsEmpty };
}

/** The dates from–to inclusive (at most `max`). */
export function datesBetween(from: string, to: string, max = 400): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < max; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * The working dates of a planned absence on which no post would have anybody present (the absence
 * would leave the zone uncovered): the caller then asks the person to confirm the lead or the
 * technician will cover.
 */
export function datesLeftUncovered(
  planned: Omit<AbsenceSpan, 'id'>,
  f: DutyFacts,
  isWorkingDay: (date: string) => boolean,
): string[] {
  const withIt: DutyFacts = { ...f, absences: [...f.absences, { ...planned, id: -1 }] };
  return datesBetween(planned.from, planned.to).filter((d) => {
    if (!isWorkingDay(d)) return false;
    const held = postsOn(d, f);
    // Only a person who holds a post that day can take the last post away.
    if (!held.A.includes(planned.personId) && !held.B.includes(planned.personId)) return false;
    return dutyDay(d, withIt).postsEmpty;
  });
}

/** Whether two inclusive date ranges share a date. */
export function rangesOverlap(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from <= b.to && b.from <= a.to;
}

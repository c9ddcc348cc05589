import type { Clock } from '../clock.js';
import type { PersonConfig } from '../config/schema.js';
import { type Actor, mayBackdateDuty, mayEditDuty } from '../domain/access.js';
import {
  absenceOn,
  type DutyFacts,
  datesBetween,
  datesLeftUncovered,
  type Post,
  postsOn,
  rangesOverlap,
} from '../domain/duty.js';
import { dutyTexts } from '../domain/duty-texts.js';
import { ServiceError } from '../domain/errors.js';
import type { Language } from '../domain/messages.js';
import type { Database, Queries } from '../store/db.js';
import { dutyFields, type Input } from './duty-fields.js';
import type { AbsenceRow, DutyRepo, SwapRow } from './duty-repo.js';

interface EditDeps {
  db: Database;
  clock: Clock;
  repo: DutyRepo;
  people: readonly PersonConfig[];
  language: Language;
  dateOf(now: number): string;
  isWorkingDay(date: string): boolean;
  held(): Promise<ReadonlySet<string>>;
  facts(q: Queries, from: string, to: string, held: ReadonlySet<string>): Promise<DutyFacts>;
  afterChange(): Promise<void>;
}

/**
 * Recording and undoing absences (请假) and swaps (调班). Bad input is refused with a message naming
 * the field, in the zone's language, and nothing is stored; a check and its write run in one
 * transaction, so two requests at once cannot both take the last post.
 */
export function dutyEdits(deps: EditDeps) {
  const t = dutyTexts(deps.language);
  const bad = (msg: string) => new ServiceError('invalid', msg);

  const { date, text, flag, staff } = dutyFields(t, deps.people);
  const allowed = (actor: Actor, oneDay = false) => {
    if (!mayEditDuty(actor, oneDay)) throw new ServiceError('forbidden', t.forbidden);
  };
  const notPast = (actor: Actor, field: string, d: string, today: string) => {
    if (d < today && !mayBackdateDuty(actor)) throw bad(t.past(field, d, today));
  };
  const changed = async <T>(v: T): Promise<T> => {
    await deps.afterChange();
    return v;
  };

  async function addAbsence(actor: Actor, input: Input, oneDay = false): Promise<AbsenceRow> {
    // The one-day form names its only date `date`.
    const fromField = oneDay ? 'date' : 'from';
    allowed(actor, oneDay);
    const person = staff(input);
    const from = date(input, 'from');
    const to = date(input, 'to');
    if (to < from) throw bad(t.toBeforeFrom(from, to));
    if (datesBetween(from, to).length > 366 || datesBetween(from, to).at(-1) !== to) throw bad(t.tooLong);
    const reason = text(input, 'reason', 200, !oneDay);
    const confirmCover = flag(input, 'confirmCover');
    const now = deps.clock.now();
    notPast(actor, fromField, from, deps.dateOf(now));
    const heldSet = await deps.held();
    const row = await deps.db.transaction(async (tx) => {
      const f = await deps.facts(tx, from, to, heldSet);
      const clash = f.absences.find((a) => a.personId === person.id && rangesOverlap(a, { from, to }));
      if (clash) throw bad(t.overlap(person.name, clash.from, clash.to));
      const gaps = datesLeftUncovered({ personId: person.id, from, to, reason }, f, deps.isWorkingDay);
      if (gaps.length > 0 && !confirmCover) {
        const shown = gaps.length > 3 ? `${gaps.slice(0, 3).join(t.list)}…` : gaps.join(t.list);
        throw new ServiceError('conflict', t.lastPost(person.name, shown), { uncoveredDates: gaps });
      }
      return deps.repo.addAbsence(tx, {
        personId: person.id,
        from,
        to,
        reason,
        coverConfirmed: confirmCover,
        createdBy: actor.name,
        createdAt: now,
      });
    });
    return changed(row);
  }

  async function addSwap(actor: Actor, input: Input): Promise<SwapRow> {
    allowed(actor);
    const d = date(input, 'date');
    const rawPost = input.post;
    if (rawPost !== 'A' && rawPost !== 'B') throw bad(t.badPost(JSON.stringify(rawPost ?? '').slice(0, 20)));
    const post: Post = rawPost;
    const person = staff(input);
    const reason = text(input, 'reason', 200, false);
    const now = deps.clock.now();
    notPast(actor, 'date', d, deps.dateOf(now));
    const heldSet = await deps.held();
    const row = await deps.db.transaction(async (tx) => {
      const f = await deps.facts(tx, d, d, heldSet);
      if (f.swaps.some((s) => s.date === d && s.post === post)) throw bad(t.swapTaken(d, t.slot[post]));
      if (absenceOn(person.id, d, f.absences)) throw bad(t.swapAbsent(person.name, d));
      if (postsOn(d, f)[post].includes(person.id)) throw bad(t.swapSame(person.name, d, t.slot[post]));
      return deps.repo.addSwap(tx, {
        date: d,
        post,
        personId: person.id,
        reason,
        createdBy: actor.name,
        createdAt: now,
      });
    });
    return changed(row);
  }

  async function undo(actor: Actor, what: 'absence' | 'swap', id: number): Promise<AbsenceRow | SwapRow> {
    allowed(actor);
    const now = deps.clock.now();
    const row = await deps.db.transaction(async (tx) => {
      const found = what === 'absence' ? await deps.repo.absence(tx, id) : await deps.repo.swap(tx, id);
      if (!found || found.revokedAt !== null || !(await deps.repo.revoke(tx, what, id, actor.name, now)))
        throw new ServiceError('not-found', what === 'absence' ? t.noAbsence(id) : t.noSwap(id));
      return { ...found, revokedAt: now, revokedBy: actor.name };
    });
    return changed(row);
  }

  return {
    /** `{personId, from, to, reason, confirmCover?}`: technician, lead or admin. */
    addAbsence: (actor: Actor, input: Input) => addAbsence(actor, input),
    /** The first API's `{personId, date}`: one day, staff may record it, no reason needed. */
    addDayAbsence: (actor: Actor, input: Input) => {
      const day = date(input, 'date');
      return addAbsence(actor, { personId: input.personId, from: day, to: day }, true);
    },
    addSwap,
    undoAbsence: (actor: Actor, id: number) => undo(actor, 'absence', id) as Promise<AbsenceRow>,
    undoSwap: (actor: Actor, id: number) => undo(actor, 'swap', id) as Promise<SwapRow>,
  };
}

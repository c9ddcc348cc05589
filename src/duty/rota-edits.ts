import type { Clock } from '../clock.js';
import type { PersonConfig } from '../config/schema.js';
import { type Actor, mayEditDuty } from '../domain/access.js';
import type { Post } from '../domain/duty.js';
import { dutyTexts } from '../domain/duty-texts.js';
import { ServiceError } from '../domain/errors.js';
import { type WeekdayKey, weekdayZh } from '../domain/local-time.js';
import type { Language } from '../domain/messages.js';
import type { Database } from '../store/db.js';
import { dutyFields, type Input } from './duty-fields.js';
import type { RotaChangeRow, RotaRepo } from './rota-repo.js';

interface RotaEditDeps {
  db: Database;
  clock: Clock;
  repo: RotaRepo;
  people: readonly PersonConfig[];
  language: Language;
  /** The office's weekdays (`officeHours.weekdays`): each needs an A post. */
  officeWeekdays: readonly WeekdayKey[];
  afterChange(): Promise<void>;
}

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * Changing the weekly rota (值班表) from the page or the API: one weekday's A and B holders at a time,
 * each change undoable. Only attendants (role staff) hold posts; an office weekday keeps an A post (the
 * same rule `check-config` applies to `duty.rota`); nobody holds both posts. Refused input names the
 * field and stores nothing.
 */
export function rotaEdits(deps: RotaEditDeps) {
  const t = dutyTexts(deps.language);
  const { text, attendant, bad } = dutyFields(t, deps.people);
  const dayName = (d: WeekdayKey) => (deps.language === 'en' ? d : weekdayZh[d]);

  /** `A: "staff-a"`, `A: ["staff-a", "staff-c"]`, or from a form `A: ""` (nobody). */
  const holders = (input: Input, post: Post): string[] => {
    const v = input[post];
    if (v === undefined || v === '') return [];
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || list.length > 10) throw bad(t.badHolders(post));
    const ids = list.map((id, i) => attendant(list.length > 1 ? `${post}[${i}]` : post, id).id);
    return [...new Set(ids)];
  };

  async function setDay(actor: Actor, input: Input): Promise<RotaChangeRow> {
    if (!mayEditDuty(actor)) throw new ServiceError('forbidden', t.forbidden);
    const w = input.weekday;
    if (typeof w !== 'string' || !(weekdays as readonly string[]).includes(w))
      throw bad(
        w === undefined || w === '' ? t.required('weekday') : t.badWeekday(JSON.stringify(w).slice(0, 20)),
      );
    const weekday = w as WeekdayKey;
    const A = holders(input, 'A');
    const B = holders(input, 'B');
    if (A.length === 0 && deps.officeWeekdays.includes(weekday)) throw bad(t.rotaNoA(dayName(weekday)));
    const both = B.find((id) => A.includes(id));
    if (both) throw bad(t.rotaBoth(deps.people.find((p) => p.id === both)?.name ?? both));
    const reason = text(input, 'reason', 200, false);
    const row = await deps.repo.add(deps.db, {
      weekday,
      posts: { A, B },
      reason,
      createdBy: actor.name,
      createdAt: deps.clock.now(),
    });
    await deps.afterChange();
    return row;
  }

  async function undo(actor: Actor, id: number): Promise<RotaChangeRow> {
    if (!mayEditDuty(actor)) throw new ServiceError('forbidden', t.forbidden);
    const now = deps.clock.now();
    const row = await deps.db.transaction(async (tx) => {
      const found = await deps.repo.get(tx, id);
      if (!found || !(await deps.repo.revoke(tx, id, actor.name, now)))
        throw new ServiceError('not-found', t.noRota(id));
      return { ...found, revokedAt: now, revokedBy: actor.name };
    });
    await deps.afterChange();
    return row;
  }

  return {
    /** `{weekday, A, B, reason?}`: that weekday's post holders from now on (technician, lead or admin). */
    setRotaDay: setDay,
    /** Undoes one change: the weekday falls back to the change before it, or to `duty.rota`. */
    undoRotaDay: undo,
  };
}

import { randomBytes } from 'node:crypto';
import { type Actor, mayHandleComplaints } from '../domain/access.js';
import {
  type AnswerMethod,
  answerMethods,
  answerOwed,
  type ComplaintAction,
  complaintTransition,
  type NotAcceptedGround,
  notAcceptedGrounds,
  type SatisfactionRating,
  satisfactionRatings,
} from '../domain/complaint.js';
import { complaintWords } from '../domain/complaint-texts.js';
import { ServiceError } from '../domain/errors.js';
import type { Queries } from '../store/db.js';
import { auditAs, type ComplaintDeps } from './deps.js';
import type { ComplaintChange, ComplaintRow } from './repo.js';

const words = {
  'zh-CN': {
    notFound: '没有找到这件投诉。',
    refused: (state: string, action: string) => `这件投诉现在是“${state}”，不能${action}。`,
    answerFirst: '请先答复群众，再办结。',
    decideFirst: '请先受理（或不予受理），再登记答复。',
    actions: {
      accept: '受理',
      'not-accept': '不予受理',
      answer: '登记答复',
      close: '办结',
      link: '关联故障',
    },
    ground: '请从列表中选择不予受理的理由。',
    note: '请写明不予受理的具体情况（不超过 2000 字）。',
    fault: (id: number) => `没有编号为 ${id} 的故障。`,
    method: '请选择答复方式：电话、短信、当面或企业微信。',
    text: '请写明答复了什么（不超过 2000 字）。',
    when: '答复时间不能晚于现在，也不能早于收到投诉的时间。',
    person: '请选择一位值班工作人员。',
    assignOnly: '指派由技术员或专区负责人办理。',
    rating: '请选择满意、基本满意或不满意。',
    rated: '这件投诉已经登记过满意度。',
    notYet: '答复群众之后才能登记满意度。',
  },
  en: {
    notFound: 'No such complaint.',
    refused: (state: string, action: string) => `This complaint is ${state}; it cannot be ${action} now.`,
    answerFirst: 'Answer the complainant before closing it.',
    decideFirst: 'Accept it (or not) before recording the answer.',
    actions: {
      accept: 'accepted',
      'not-accept': 'refused',
      answer: 'answered',
      close: 'closed',
      link: 'linked',
    },
    ground: 'Choose the ground for not accepting it from the list.',
    note: 'Say what the matter is (at most 2000 characters).',
    fault: (id: number) => `There is no fault ${id}.`,
    method: 'Choose how it was answered: phone, SMS, in person or WeCom.',
    text: 'Say what the complainant was told (at most 2000 characters).',
    when: 'The answer cannot be later than now or earlier than the complaint.',
    person: 'Choose an attendant.',
    assignOnly: 'Assigning is for the technician or the zone lead.',
    rating: 'Choose satisfied, basically satisfied or dissatisfied.',
    rated: 'Satisfaction is recorded already for this complaint.',
    notYet: 'Satisfaction is recorded once the complainant has been answered.',
  },
} as const;

const FUTURE_SLACK_MS = 2 * 60_000;
const eventOf: Record<ComplaintAction, string> = {
  accept: 'accepted',
  'not-accept': 'not-accepted',
  link: 'linked',
  answer: 'answered',
  close: 'closed',
};
const textOk = (t: string | undefined, max = 2000): t is string =>
  typeof t === 'string' && t.trim() !== '' && [...t].length <= max;

/** What staff do with a complaint: accept or not, link faults, assign, answer, close, satisfaction. */
export function complaintActions(deps: ComplaintDeps) {
  const { repo, db, clock } = deps;
  const L = words[deps.language];
  const W = complaintWords(deps.language);
  const invalid = (field: string, message: string) =>
    new ServiceError('invalid', message, { errors: [{ field, message }] });

  /** Closes what the rules close by themselves (in the caller's transaction); true when it closed. */
  async function autoClose(tx: Queries, c: ComplaintRow, now: number): Promise<boolean> {
    const linked = await repo.faultIds(tx, c.id);
    const open = linked.length === 0 ? 0 : await repo.openFaultCount(tx, c.id);
    const owed = answerOwed(c);
    const reason =
      c.state === 'answered' && open === 0
        ? 'answered'
        : c.state === 'not-accepted' && !owed
          ? 'no-contact'
          : c.state === 'accepted' && !owed && linked.length > 0 && open === 0
            ? 'repaired'
            : null;
    if (reason === null) return false;
    await repo.update(tx, c.id, { state: 'closed', closedAt: now, closedBy: 'zoneops', updatedAt: now });
    await repo.addEvent(tx, c.id, now, 'closed', 'zoneops', { reason });
    return true;
  }

  async function act(
    id: number,
    actor: Actor,
    action: ComplaintAction,
    apply: (
      tx: Queries,
      c: ComplaintRow,
      now: number,
    ) => Promise<{ change?: ComplaintChange; data: Record<string, unknown> }>,
  ): Promise<ComplaintRow> {
    const now = clock.now();
    const after = await db.transaction(async (tx) => {
      const c = await repo.get(tx, id);
      if (!c) throw new ServiceError('not-found', L.notFound);
      const t = complaintTransition(c.state, action, answerOwed(c));
      if (!t.ok) {
        const msg =
          action === 'close' && c.state !== 'closed'
            ? L.answerFirst
            : action === 'answer' && c.state === 'received'
              ? L.decideFirst
              : L.refused(W.states[c.state], L.actions[action]);
        throw new ServiceError('conflict', msg);
      }
      const r = await apply(tx, c, now);
      await repo.update(tx, id, { state: t.value, ...r.change, updatedAt: now });
      // A link is on the timeline once per fault (linkFaults); every other action once.
      if (action !== 'link') await repo.addEvent(tx, id, now, eventOf[action], actor.name, r.data);
      const changed = (await repo.get(tx, id)) as ComplaintRow;
      await autoClose(tx, changed, now);
      return (await repo.get(tx, id)) as ComplaintRow;
    });
    await auditAs(deps, actor, `complaint.${action}`, `complaint:${id}`, {
      caseNo: after.caseNo,
      state: after.state,
    });
    return after;
  }

  async function linkFaults(
    tx: Queries,
    c: ComplaintRow,
    faultIds: readonly number[],
    by: string,
    now: number,
  ) {
    for (const f of faultIds) {
      if (!(await repo.faultExists(tx, f))) throw invalid('faultIds', L.fault(f));
      if (await repo.link(tx, c.id, f, now, by))
        await repo.addEvent(tx, c.id, now, 'linked', by, { faultId: f });
    }
  }

  async function satisfaction(
    tx: Queries,
    c: ComplaintRow,
    rating: SatisfactionRating,
    by: string,
    now: number,
  ) {
    if (c.satisfaction !== null) throw new ServiceError('conflict', L.rated);
    await deps.ratings.add(tx, {
      at: now,
      rating,
      deviceId: c.deviceId,
      complaintId: c.id,
      comment: '',
      clientKey: `staff:${by}`.slice(0, 64),
    });
    await repo.addEvent(tx, c.id, now, 'rated', by, { rating, recordedBy: 'staff' });
    return { satisfaction: rating, satisfactionAt: now };
  }

  return {
    accept: (id: number, actor: Actor, o: { faultIds?: readonly number[]; note?: string }) =>
      act(id, actor, 'accept', async (tx, c, now) => {
        if (o.note !== undefined && !textOk(o.note)) throw invalid('note', L.note);
        await linkFaults(tx, c, o.faultIds ?? [], actor.name, now);
        return {
          change: { decidedAt: now, decidedBy: actor.name, decisionNote: o.note ?? null },
          data: o.note ? { note: o.note } : {},
        };
      }),
    notAccept: (id: number, actor: Actor, o: { ground: string; note: string }) =>
      act(id, actor, 'not-accept', async (_tx, _c, now) => {
        if (!(notAcceptedGrounds as readonly string[]).includes(o.ground)) throw invalid('ground', L.ground);
        if (!textOk(o.note)) throw invalid('note', L.note);
        const ground = o.ground as NotAcceptedGround;
        return {
          change: { decidedAt: now, decidedBy: actor.name, ground, decisionNote: o.note },
          data: { ground, note: o.note },
        };
      }),
    link: (id: number, actor: Actor, faultId: number) =>
      act(id, actor, 'link', async (tx, c, now) => {
        await linkFaults(tx, c, [faultId], actor.name, now);
        return { data: { faultId } };
      }),
    answer: (id: number, actor: Actor, o: { method: string; text: string; at?: number; by?: string }) =>
      act(id, actor, 'answer', async (tx, c, now) => {
        if (!(answerMethods as readonly string[]).includes(o.method)) throw invalid('method', L.method);
        if (!textOk(o.text)) throw invalid('text', L.text);
        // A time typed to the minute may fall in the minute the complaint came in: not before it, though.
        const at = Math.max(o.at ?? now, c.receivedAt);
        if (at > now + FUTURE_SLACK_MS || (o.at ?? now) < c.receivedAt - 60_000) throw invalid('at', L.when);
        const by = o.by?.trim() ? o.by.trim().slice(0, 100) : actor.name;
        // The "rate our answer" link: a random token that lets this citizen rate this answer, once.
        if ((await repo.rateToken(tx, c.id)) === null)
          await repo.setRateToken(tx, c.id, randomBytes(18).toString('base64url'));
        return {
          change: {
            answeredAt: at,
            answeredBy: by,
            answerMethod: o.method as AnswerMethod,
            answerText: o.text,
          },
          data: { method: o.method, at, by, text: o.text },
        };
      }),
    close: (id: number, actor: Actor, o: { satisfaction?: string; note?: string }) =>
      act(id, actor, 'close', async (tx, c, now) => {
        if (o.note !== undefined && !textOk(o.note)) throw invalid('note', L.note);
        let change: ComplaintChange = { closedAt: now, closedBy: actor.name };
        if (o.satisfaction !== undefined) {
          if (!(satisfactionRatings as readonly string[]).includes(o.satisfaction))
            throw invalid('satisfaction', L.rating);
          change = {
            ...change,
            ...(await satisfaction(tx, c, o.satisfaction as SatisfactionRating, actor.name, now)),
          };
        }
        return { change, data: o.note ? { note: o.note } : {} };
      }),
    /** The citizen's satisfaction told to staff (on the phone, in person), once the answer is given. */
    async recordSatisfaction(id: number, actor: Actor, rating: string): Promise<ComplaintRow> {
      if (!(satisfactionRatings as readonly string[]).includes(rating))
        throw invalid('satisfaction', L.rating);
      const now = clock.now();
      const after = await db.transaction(async (tx) => {
        const c = await repo.get(tx, id);
        if (!c) throw new ServiceError('not-found', L.notFound);
        if (c.state !== 'answered' && c.state !== 'closed') throw new ServiceError('conflict', L.notYet);
        const change = await satisfaction(tx, c, rating as SatisfactionRating, actor.name, now);
        await repo.update(tx, id, { ...change, updatedAt: now });
        return (await repo.get(tx, id)) as ComplaintRow;
      });
      await auditAs(deps, actor, 'complaint.satisfaction', `complaint:${id}`, { rating });
      return after;
    },
    /** Who calls the complainant back: a staff member, set by the people who handle complaints. */
    async assign(id: number, actor: Actor, personId: string | null): Promise<ComplaintRow> {
      if (!mayHandleComplaints(actor)) throw new ServiceError('forbidden', L.assignOnly);
      if (personId !== null && !deps.people.some((p) => p.id === personId && p.role === 'staff'))
        throw invalid('personId', L.person);
      const now = clock.now();
      const after = await db.transaction(async (tx) => {
        const c = await repo.get(tx, id);
        if (!c) throw new ServiceError('not-found', L.notFound);
        if (c.state === 'closed') throw new ServiceError('conflict', L.refused(W.states[c.state], ''));
        await repo.update(tx, id, { assignedTo: personId, updatedAt: now });
        await repo.addEvent(tx, id, now, 'assigned', actor.name, { personId });
        return (await repo.get(tx, id)) as ComplaintRow;
      });
      await auditAs(deps, actor, 'complaint.assign', `complaint:${id}`, { personId });
      return after;
    },
    /** A fault closed: the complaints it acted on may close with it. */
    async faultClosed(faultId: number): Promise<void> {
      const now = clock.now();
      const linked = await repo.forFault(db, faultId);
      for (const l of linked) {
        if (!l.allFaultsClosed) continue;
        await db.transaction(async (tx) => {
          const c = await repo.get(tx, l.id);
          if (c) await autoClose(tx, c, now);
        });
      }
    },
  };
}

export type ComplaintActions = ReturnType<typeof complaintActions>;

import { type Actor, mayHandleComplaints, mayViewContact } from '../domain/access.js';
import { ServiceError } from '../domain/errors.js';
import { type FieldError, parsePublicReport, parseSatisfaction } from '../domain/public-input.js';
import { complaintActions } from './actions.js';
import { auditAs, type ComplaintDeps } from './deps.js';
import { type PublicClient, rateService, reportable, submitReport } from './public.js';
import type { ComplaintFilter, ComplaintRow } from './repo.js';
import { type ComplaintView, complaintView, eventViews } from './views.js';

/**
 * Citizens' reports, complaints and suggestions, handled as attachment 5 says: each one a record of its
 * own (received → accepted with the faults that act on it, or not accepted on a listed ground →
 * answered → closed), the complainant's contact shown in full only on the complaint page to the people
 * who handle it (every such view audited) and masked everywhere else. API and pages call the same
 * functions with an Actor; who may do what is domain/access.ts.
 */
export function createComplaintService(deps: ComplaintDeps) {
  const { repo, db, clock } = deps;
  const actions = complaintActions(deps);
  const notFound = () =>
    new ServiceError('not-found', deps.language === 'en' ? 'No such complaint.' : '没有找到这件投诉。');

  async function counted<T>(what: 'report' | 'satisfaction', fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ServiceError && (err.code === 'invalid' || err.code === 'rate-limited'))
        deps.metrics?.refused(what, err.code);
      throw err;
    }
  }

  async function load(id: number): Promise<ComplaintRow> {
    const c = await repo.get(db, id);
    if (!c) throw notFound();
    return c;
  }

  return {
    ...actions,
    /**
     * A citizen's report from the form (`api: false`, fields as the form names them) or the API (its
     * strict JSON body): checked (domain/public-input.ts), then taken (complaints/public.ts). Refusals
     * are ServiceErrors whose `errors` name each field and what to do, never repeating the contact.
     */
    async report(fields: Readonly<Record<string, unknown>>, client: PublicClient, api: boolean) {
      const parsed = parsePublicReport(
        fields,
        deps.language,
        api ? { deviceField: 'deviceId', allowed: ['deviceId', 'problem', 'description', 'contact'] } : {},
      );
      if (!parsed.ok) {
        deps.metrics?.refused('report', 'invalid');
        throw invalidFields(parsed.error);
      }
      const out = await counted('report', () => submitReport(deps, parsed.value, client));
      if (!out.duplicate) deps.metrics?.received(out.complaint.type, client.source);
      return out;
    },
    /** A satisfaction evaluation from the public page or the API (optionally through a "rate our answer" link). */
    async rate(
      fields: Readonly<Record<string, unknown>>,
      client: PublicClient,
      api: boolean,
      token?: string,
    ) {
      const parsed = parseSatisfaction(
        fields,
        deps.language,
        api ? { deviceField: 'deviceId', allowed: ['deviceId', 'rating', 'comment', 'token'] } : {},
      );
      if (!parsed.ok) {
        deps.metrics?.refused('satisfaction', 'invalid');
        throw invalidFields(parsed.error);
      }
      const out = await counted('satisfaction', () => rateService(deps, parsed.value, client, token));
      deps.metrics?.rated(parsed.value.rating);
      return out;
    },
    /** The devices the public may choose on the form (the register minus plugs and inactive ones). */
    reportable,
    /** The case a "rate our answer" token belongs to, while it has not been used. */
    async caseOfToken(token: string): Promise<string | undefined> {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
      const c = await repo.byRateToken(db, token);
      return c && c.satisfaction === null ? c.caseNo : undefined;
    },
    /** The register, masked. */
    async list(filter: ComplaintFilter & { overdue?: boolean } = {}): Promise<ComplaintView[]> {
      const now = clock.now();
      const views = (await repo.list(filter)).map((c) => complaintView(c, now));
      return filter.overdue ? views.filter((v) => v.due.overdue) : views;
    },
    /** One complaint, masked: the API, and the page of anyone who may not see the contact. */
    async get(id: number) {
      const c = await load(id);
      const [events, faultIds] = await Promise.all([repo.events(id), repo.faultIds(db, id)]);
      return { complaint: complaintView(c, clock.now()), events: eventViews(events), faultIds };
    },
    /**
     * The complaint page: in full for the people who handle complaints and the staff member it is
     * assigned to — and then the view is written to the audit log — masked for everyone else.
     */
    async page(id: number, actor: Actor) {
      const c = await load(id);
      const unmasked = c.contact !== null && mayViewContact(actor, c.assignedTo);
      const [events, faultIds, rateToken] = await Promise.all([
        repo.events(id),
        repo.faultIds(db, id),
        repo.rateToken(db, id),
      ]);
      if (unmasked)
        await auditAs(deps, actor, 'complaint.contact-view', `complaint:${id}`, { caseNo: c.caseNo });
      return {
        complaint: complaintView(c, clock.now(), unmasked),
        events: eventViews(events, unmasked),
        faultIds,
        rateToken: unmasked ? rateToken : null,
        mayHandle: mayHandleComplaints(actor),
      };
    },
    /**
     * The register for the inspecting office, with the contacts: for the people who handle complaints
     * only, and written to the audit log with how many records went out.
     */
    async exportRegister(actor: Actor, filter: ComplaintFilter = {}) {
      if (!mayHandleComplaints(actor))
        throw new ServiceError(
          'forbidden',
          deps.language === 'en'
            ? 'The register export is for the technician or the zone lead.'
            : '投诉登记表的导出由技术员或专区负责人办理。',
        );
      const now = clock.now();
      const rows = (await repo.list({ ...filter, limit: filter.limit ?? 100_000 })).map((c) =>
        complaintView(c, now, true),
      );
      await auditAs(deps, actor, 'complaint.export', 'complaints', { count: rows.length });
      return rows;
    },
    /** Counts for the metrics: not closed, by type and state, and how many are past a deadline. */
    async counts() {
      const now = clock.now();
      const open = (await repo.list({ state: 'active', limit: 100_000 })).map((c) => complaintView(c, now));
      return {
        byState: open.map((v) => ({ type: v.type, state: v.state })),
        overdue: open.filter((v) => v.due.overdue).length,
      };
    },
  };
}

export type ComplaintService = ReturnType<typeof createComplaintService>;

/** One refusal naming every field: `errors` for forms and clients, the message joining them for people. */
function invalidFields(errors: readonly FieldError[]): ServiceError {
  return new ServiceError('invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

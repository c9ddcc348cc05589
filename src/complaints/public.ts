import { createHash } from 'node:crypto';
import { caseNumber, faultPlanFor, typeOfProblem } from '../domain/complaint.js';
import { maskPhonesIn } from '../domain/complaint-contact.js';
import { complaintWords } from '../domain/complaint-texts.js';
import { ServiceError } from '../domain/errors.js';
import { localTime } from '../domain/local-time.js';
import { type PublicReportInput, publicTexts, type SatisfactionInput } from '../domain/public-input.js';
import { windowLimit } from '../domain/rate-window.js';
import type { Queries } from '../store/db.js';
import { auditAs, type ComplaintDeps, type ReportableDevice } from './deps.js';
import type { ComplaintRow } from './repo.js';

/** Who sent a public request: the address, the form's cookie (if any) and the form's one-time key. */
export interface PublicClient {
  readonly address: string;
  readonly cookie?: string | undefined;
  /** The form's one-time key, or an API Idempotency-Key: the same key never stores a second report. */
  readonly submissionKey?: string | undefined;
  readonly source: 'web' | 'api';
}

const hourMs = 60 * 60_000;
const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

/** Devices the public may report about: active, not a plug (a plug is nothing a citizen touches). */
export const reportable = (d: ReportableDevice | undefined): d is ReportableDevice =>
  d?.active === true && d.type !== 'plug';

function refuse(field: string, message: string): never {
  throw new ServiceError('invalid', message, { errors: [{ field, message }] });
}

/** The limited answer tells the citizen what to do instead: ask the attendant on site. */
function limited(deps: ComplaintDeps, retryAfterMs: number, what: 'report' | 'rating'): never {
  const zh = deps.language !== 'en';
  const message =
    what === 'report'
      ? zh
        ? '提交太频繁了，请稍后再试；着急的话，请直接告诉现场的工作人员。'
        : 'Too many reports just now; please try again later, or tell the attendant on site.'
      : zh
        ? '评价提交太频繁了，请稍后再试，或直接告诉现场的工作人员。'
        : 'Too many evaluations just now; please try again later, or tell the attendant on site.';
  throw new ServiceError('rate-limited', message, { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) });
}

/**
 * Takes a citizen's report (already checked by domain/public-input.ts): the device must be one the
 * public may report about; the limits count only reports that were stored, per visitor (address, device
 * and form cookie together — a zone's citizens share one Wi-Fi address) and for the whole zone. A
 * report about a device opens or joins its fault in the same transaction as the complaint record.
 */
export async function submitReport(
  deps: ComplaintDeps,
  input: PublicReportInput,
  client: PublicClient,
): Promise<{ complaint: ComplaintRow; duplicate: boolean }> {
  const { repo, clock } = deps;
  const L = publicTexts(deps.language);
  const submissionKey = client.submissionKey
    ? hash(`submission:${client.source}:${client.submissionKey}`)
    : null;
  if (submissionKey) {
    const seen = await repo.bySubmission(deps.db, submissionKey);
    if (seen) return { complaint: seen, duplicate: true };
  }
  const device = input.deviceId === null ? undefined : await deps.devices.get(input.deviceId);
  if (input.deviceId !== null && !reportable(device))
    refuse(client.source === 'api' ? 'deviceId' : 'device', L.deviceBad);

  const now = clock.now();
  const clientKey = hash(
    `zoneops-public-report:${client.address}|${input.deviceId ?? '-'}|${client.cookie ?? '-'}`,
  );
  const taken = await repo.takenSince(clientKey, now - hourMs);
  const allowed = windowLimit(
    taken.mine,
    taken.all,
    now,
    hourMs,
    deps.limits.perHour,
    deps.limits.totalPerHour,
  );
  if (!allowed.ok) {
    deps.logger.warn(
      { zoneWide: allowed.zoneWide, source: client.source },
      'public report refused: over the limit',
    );
    limited(deps, allowed.retryAfterMs, 'report');
  }

  const day = localTime(now, deps.timeZone).date;
  const acceptDueAt = deps.deadline(now, deps.config.acceptWithinWorkingDays);
  const answerDueAt = deps.deadline(now, deps.config.answerWithinWorkingDays);
  const record = async (tx: Queries) => {
    const caseNo = caseNumber(deps.config.casePrefix, day, await repo.nextSeq(tx, day));
    const complaintId = await repo.insert(tx, {
      caseNo,
      caseDay: day,
      type: typeOfProblem(input.problem),
      problem: input.problem,
      deviceId: input.deviceId,
      description: input.description,
      contact: input.contact,
      source: client.source,
      clientKey,
      submissionKey,
      state: 'received',
      receivedAt: now,
      acceptDueAt,
      answerDueAt,
      assignedTo: null,
      decidedAt: null,
      decidedBy: null,
      ground: null,
      decisionNote: null,
      answeredAt: null,
      answeredBy: null,
      answerMethod: null,
      answerText: null,
      closedAt: null,
      closedBy: null,
    });
    await repo.addEvent(tx, complaintId, now, 'received', 'public', { source: client.source });
    return { complaintId, caseNo };
  };
  const link = async (tx: Queries, v: { complaintId: number }, faultId: number) => {
    await repo.link(tx, v.complaintId, faultId, now, 'zoneops');
    await repo.addEvent(tx, v.complaintId, now, 'linked', 'zoneops', { faultId });
  };

  const plan = faultPlanFor(input.problem, input.deviceId !== null);
  let stored: { complaintId: number; caseNo: string };
  try {
    if (plan && input.deviceId !== null) {
      const W = complaintWords(deps.language);
      const words = maskPhonesIn(input.description);
      const detail = (caseNo: string) => W.reportDetail(caseNo, W.problems[input.problem], words);
      stored = await deps.faults.publicReport(
        { deviceId: input.deviceId, ...plan, detail },
        { record, link },
      );
    } else {
      stored = await deps.db.transaction((tx) => record(tx));
    }
  } catch (err) {
    // The same one-time key sent twice at once: the first one stored it, this one shows the same case.
    const seen = submissionKey ? await repo.bySubmission(deps.db, submissionKey) : undefined;
    if (seen && (err as { code?: string }).code === 'SQLITE_CONSTRAINT')
      return { complaint: seen, duplicate: true };
    throw err;
  }
  await auditAs(
    deps,
    'public',
    'complaint.receive',
    `complaint:${stored.complaintId}`,
    {
      caseNo: stored.caseNo,
      problem: input.problem,
      deviceId: input.deviceId,
      via: client.source,
    },
    client.address,
  );
  const complaint = (await repo.get(deps.db, stored.complaintId)) as ComplaintRow;
  return { complaint, duplicate: false };
}

/**
 * One satisfaction evaluation from the public page: for the zone, a device, or — with the token of a
 * "rate our answer" link — one complaint's answer (once). Limited per visitor (address and cookie)
 * and for the whole zone, counting only evaluations stored.
 */
export async function rateService(
  deps: ComplaintDeps,
  input: SatisfactionInput,
  client: PublicClient,
  token?: string,
): Promise<{ id: number; caseNo: string | null }> {
  const { repo, ratings } = deps;
  const zh = deps.language !== 'en';
  const L = publicTexts(deps.language);
  let complaint: ComplaintRow | undefined;
  if (token !== undefined) {
    complaint = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await repo.byRateToken(deps.db, token) : undefined;
    if (!complaint)
      throw new ServiceError(
        'not-found',
        zh ? '这个评价链接无效，请直接评价我们的服务。' : 'This rating link is not valid.',
      );
    if (complaint.satisfaction !== null)
      throw new ServiceError(
        'conflict',
        zh ? '这次答复您已经评价过了，谢谢！' : 'You have rated this answer already. Thank you!',
      );
  }
  const deviceId = complaint?.deviceId ?? input.deviceId;
  if (input.deviceId !== null && !reportable(await deps.devices.get(input.deviceId)))
    refuse('device', L.deviceBad);
  const now = deps.clock.now();
  const clientKey = hash(`zoneops-satisfaction:${client.address}|${client.cookie ?? '-'}`);
  const taken = await ratings.takenSince(clientKey, now - hourMs);
  const c = deps.config;
  const allowed = windowLimit(
    taken.mine,
    taken.all,
    now,
    hourMs,
    c.satisfactionPerHour,
    c.satisfactionTotalPerHour,
  );
  if (!allowed.ok) limited(deps, allowed.retryAfterMs, 'rating');
  const id = await deps.db.transaction(async (tx) => {
    const rid = await ratings.add(tx, {
      at: now,
      rating: input.rating,
      deviceId,
      complaintId: complaint?.id ?? null,
      comment: input.comment,
      clientKey,
    });
    if (complaint) {
      await repo.update(tx, complaint.id, {
        satisfaction: input.rating,
        satisfactionAt: now,
        updatedAt: now,
      });
      await repo.addEvent(tx, complaint.id, now, 'rated', 'public', { rating: input.rating });
    }
    return rid;
  });
  await auditAs(
    deps,
    'public',
    'satisfaction.create',
    `satisfaction:${id}`,
    {
      rating: input.rating,
      deviceId,
      complaintId: complaint?.id ?? null,
      via: client.source,
    },
    client.address,
  );
  return { id, caseNo: complaint?.caseNo ?? null };
}

import type { Clock } from '../clock.js';
import type { Actor } from '../domain/access.js';
import { ServiceError } from '../domain/errors.js';
import type { HygienePlan, HygieneTask } from '../domain/hygiene-plan.js';
import type { AuditRepo } from '../store/audit-repo.js';
import { checkPhoto, type PhotoMime, type PhotoStore, sha256Pattern } from './photos.js';
import type { HygieneRecord, HygieneRepo, RecordSource } from './repo.js';

export interface RecordInput {
  targets: readonly string[];
  task: HygieneTask;
  /** Who did the work. */
  by: string;
  /** A claimed earlier time; stored, but the record is then flagged back-dated (late). */
  doneAt?: number;
  method?: string;
  agent?: string;
  note?: string;
  /** SHA-256 of a photo uploaded before. */
  photo?: string;
  /** The record this one corrects (both stay; only the newer counts). */
  correctsId?: number;
  source: RecordSource;
}

interface HygieneServiceDeps {
  repo: HygieneRepo;
  audit: AuditRepo;
  clock: Clock;
  plan: HygienePlan;
  photos: PhotoStore;
  photoMaxBytes: number;
  backdateToleranceMinutes: number;
  /** Called after records are stored (e.g. to let the checker clear an overdue at once). */
  onRecorded?: (records: readonly HygieneRecord[]) => void;
}

/** A claimed time may be a little ahead (phone clocks drift) but not more. */
const FUTURE_SLACK_MS = 2 * 60_000;
/** Paper sheets get typed in late, but not months later. */
const MAX_BACKDATE_MS = 31 * 86_400_000;

export type HygieneService = ReturnType<typeof createHygieneService>;

/** The one way records and photos get in, whether from the API, the CLI or a button. Every write is audited. */
export function createHygieneService(deps: HygieneServiceDeps) {
  const { repo, clock, plan } = deps;

  function checkTargets(input: RecordInput): void {
    if (input.targets.length === 0) throw new ServiceError('invalid', 'give at least one target');
    if (new Set(input.targets).size !== input.targets.length) {
      throw new ServiceError('invalid', 'a target is listed twice');
    }
    for (const id of input.targets) {
      const target = plan.targets.find((t) => t.id === id);
      if (!target) throw new ServiceError('invalid', `unknown target ${JSON.stringify(id.slice(0, 64))}`);
      if (!target.tasks.some((t) => t.task === input.task)) {
        throw new ServiceError('invalid', `target "${id}" has no task "${input.task}" in the plan`);
      }
    }
  }

  async function record(input: RecordInput, actor: Actor): Promise<HygieneRecord[]> {
    checkTargets(input);
    const now = clock.now();
    const doneAt = input.doneAt ?? now;
    if (doneAt > now + FUTURE_SLACK_MS) throw new ServiceError('invalid', 'doneAt is in the future');
    if (doneAt < now - MAX_BACKDATE_MS) throw new ServiceError('invalid', 'doneAt is more than 31 days ago');
    if (input.photo !== undefined) {
      if (!sha256Pattern.test(input.photo) || !(await repo.getPhoto(input.photo))) {
        throw new ServiceError('invalid', 'photo: no uploaded photo with that SHA-256');
      }
    }
    if (input.correctsId !== undefined && input.targets.length !== 1) {
      throw new ServiceError('invalid', 'a correction replaces one record: give exactly one target');
    }
    const tolerance = deps.backdateToleranceMinutes * 60_000;
    let stored: HygieneRecord[];
    try {
      stored = await repo.db.transaction(async (tx) => {
        let firstRecordedAt = now;
        if (input.correctsId !== undefined) {
          const old = await repo.get(tx, input.correctsId);
          if (!old) throw new ServiceError('not-found', `no hygiene record ${input.correctsId}`);
          if (old.correctedBy !== null) {
            throw new ServiceError(
              'conflict',
              `record ${old.id} is already corrected by record ${old.correctedBy}; correct that one`,
            );
          }
          // The correction keeps the time the work was first entered, so it cannot launder a late entry.
          firstRecordedAt = old.firstRecordedAt;
        }
        const out: HygieneRecord[] = [];
        for (const target of input.targets) {
          out.push(
            await repo.insert(tx, {
              target,
              task: input.task,
              actor: input.by,
              recordedBy: actor.name,
              recordedAt: now,
              doneAt,
              method: input.method ?? null,
              agent: input.agent ?? null,
              note: input.note ?? null,
              photo: input.photo ?? null,
              correctsId: input.correctsId ?? null,
              backdated: doneAt < firstRecordedAt - tolerance,
              source: input.source,
              firstRecordedAt,
            }),
          );
        }
        return out;
      });
    } catch (err) {
      // Two corrections of one record at the same moment: the unique index lets one through.
      if (
        err instanceof Error &&
        /UNIQUE constraint failed: hygiene_records\.corrects_id/.test(err.message)
      ) {
        throw new ServiceError('conflict', `record ${input.correctsId} is already corrected`);
      }
      throw err;
    }
    await deps.audit.append({
      at: now,
      actor: actor.name,
      role: actor.role,
      action: input.correctsId === undefined ? 'hygiene.record' : 'hygiene.correct',
      target: `hygiene:${input.targets.join(',')}`.slice(0, 200),
      remoteAddr: actor.remoteAddr,
      detail: {
        recordIds: stored.map((r) => r.id),
        task: input.task,
        by: input.by,
        source: input.source,
        backdated: stored.some((r) => r.backdated),
        ...(input.correctsId !== undefined ? { correctsId: input.correctsId } : {}),
      },
    });
    deps.onRecorded?.(stored);
    return stored;
  }

  async function uploadPhoto(
    buf: Uint8Array,
    actor: Actor,
  ): Promise<{ sha256: string; mime: PhotoMime; bytes: number }> {
    const check = checkPhoto(buf, deps.photoMaxBytes);
    if (!check.ok) {
      const code = check.status === 413 ? 'too-large' : check.status === 415 ? 'unsupported-type' : 'invalid';
      throw new ServiceError(code, check.problem);
    }
    const now = clock.now();
    await deps.photos.save(buf, check.sha256, check.mime);
    await repo.addPhoto({
      sha256: check.sha256,
      mime: check.mime,
      bytes: check.bytes,
      uploadedBy: actor.name,
      uploadedAt: now,
    });
    await deps.audit.append({
      at: now,
      actor: actor.name,
      role: actor.role,
      action: 'hygiene.photo',
      target: `photo:${check.sha256}`,
      remoteAddr: actor.remoteAddr,
      detail: { mime: check.mime, bytes: check.bytes },
    });
    return { sha256: check.sha256, mime: check.mime, bytes: check.bytes };
  }

  return { record, uploadPhoto, repo, plan };
}

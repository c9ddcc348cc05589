import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import { effectiveRecords, evaluateSlot } from '../../domain/hygiene-compliance.js';
import { type HygieneTask, hygieneTasks, slotsDueOn } from '../../domain/hygiene-plan.js';
import { localMoment, zonedEpoch } from '../../domain/hygiene-time.js';
import { formatLocal, hhmm, localTime } from '../../domain/local-time.js';
import { checkPhoto } from '../../hygiene/photos.js';
import { cleanText, pageError, queryOf, type WebContext } from '../context.js';
import { html } from '../html.js';
import type { Strings } from '../i18n.js';
import { boundaryOf, parseMultipart } from '../multipart.js';
import { type HygieneDoneView, hygieneBody, hygieneDoneBody, hygieneStyle } from '../pages/hygiene.js';
import { message } from '../pages/layout.js';
import type { FormState } from '../pages/parts.js';
import type { WebUser } from '../sessions.js';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1);

/**
 * The hygiene record form (only the target's own tasks; no disinfectant field for cleaning), which keeps
 * what was typed on every error, and a success page saying what was recorded (target, task, time, on time
 * or late, photo saved).
 */
export function hygienePages(ctx: WebContext, requireUser: RequestHandler): Router {
  const { deps } = ctx;
  const h = deps.hygiene;
  const r = Router();
  const targets = h.plan.targets.map((t) => ({
    id: t.id,
    name: t.name,
    tasks: t.tasks.map((x): string => x.task),
  }));

  const show = (res: Response, status: number, form: FormState, msg?: string) => {
    const s = ctx.t(res);
    ctx.send(
      res,
      status,
      s.hygieneRecord,
      html`${message(msg, 'err')}${hygieneBody({ targets, csrf: (ctx.user(res) as WebUser).csrf, maxBytes: h.photoMaxBytes, form }, s)}`,
      hygieneStyle(targets),
    );
  };

  r.get('/hygiene/record', requireUser, (req, res) => {
    const target = queryOf(req, 'target');
    const task = queryOf(req, 'task');
    show(res, 200, {
      values: {
        ...(target && targets.some((t) => t.id === target) ? { target } : {}),
        ...(task ? { task } : {}),
      },
      errors: {},
    });
  });

  const multipartBody = express.raw({ type: 'multipart/form-data', limit: h.photoMaxBytes + 64 * 1024 });

  r.post('/hygiene/record', requireUser, multipartBody, async (req, res) => {
    const s = ctx.t(res);
    const boundary = boundaryOf(req.get('content-type'));
    if (!boundary || !Buffer.isBuffer(req.body)) throw pageError('unsupported-type', s.malformed);
    const parsed = parseMultipart(req.body, boundary);
    if (!parsed.ok) throw pageError('invalid', s.malformed);
    const get = (k: string) => parsed.fields.get(k);
    req.body = { csrf: get('csrf') };
    ctx.checkCsrf(req, res);
    const user = ctx.user(res) as WebUser;
    const values = {
      target: get('target') ?? '',
      task: get('task') ?? '',
      method: get('method') ?? '',
      agent: get('agent') ?? '',
      note: get('note') ?? '',
    };
    const errors = check(values, s);
    const file = parsed.files.get('photo');
    if (file) {
      const photo = checkPhoto(file.data, h.photoMaxBytes);
      if (!photo.ok)
        errors.photo = photo.status === 413 ? s.errPhotoSize(mb(h.photoMaxBytes)) : s.errPhotoType;
    }
    if (Object.keys(errors).length) return show(res, 400, { values, errors }, s.fixBelow);
    const by = ctx.actor(req, user);
    const photo = file ? (await h.service.uploadPhoto(file.data, by)).sha256 : undefined;
    const method = cleanText(values.method, 200);
    const agent = values.task === 'disinfect' ? cleanText(values.agent, 200) : undefined;
    const note = cleanText(values.note, 2000);
    const stored = await h.service.record(
      {
        targets: [values.target],
        task: values.task as HygieneTask,
        by: user.name,
        source: 'api',
        ...(method ? { method } : {}),
        ...(agent ? { agent } : {}),
        ...(note ? { note } : {}),
        ...(photo ? { photo } : {}),
      },
      by,
    );
    res.redirect(303, `/hygiene/record/done?id=${stored[0]?.id ?? 0}`);
  });

  /** Which fields are wrong, with what to do (the photo is checked separately). */
  function check(v: Record<string, string>, s: Strings): Record<string, string> {
    const errors: Record<string, string> = {};
    const t = targets.find((x) => x.id === v.target);
    if (!t) errors.target = s.errTarget;
    else if (!(hygieneTasks as readonly string[]).includes(v.task ?? '') || !t.tasks.includes(v.task ?? ''))
      errors.task = s.errTask(t.name, t.tasks.map((x) => s.tasks[x] ?? x).join(s.list));
    for (const [k, max] of [
      ['method', 200],
      ['agent', 200],
      ['note', 2000],
    ] as const) {
      if (cleanText(v[k], max) === null) errors[k] = s.errText(max);
    }
    return errors;
  }

  r.get('/hygiene/record/done', requireUser, async (req: Request, res) => {
    const s = ctx.t(res);
    const id = Number(queryOf(req, 'id') ?? '');
    const rec = Number.isSafeInteger(id) && id > 0 ? await h.repo.get(h.repo.db, id) : undefined;
    if (!rec) throw pageError('not-found', s.notFound);
    const tz = deps.timeZone;
    const today = localMoment(rec.recordedAt, tz).date;
    const slot = slotsDueOn(today, h.plan, h.days).find(
      (x) => x.target === rec.target && x.task === rec.task,
    );
    let timeliness: HygieneDoneView['timeliness'] = { status: 'none', by: '' };
    if (slot) {
      const facts = effectiveRecords(
        await h.repo.facts(zonedEpoch(slot.cycleStart, 0, tz), zonedEpoch(slot.cycleEnd, 0, tz)),
      );
      const v = evaluateSlot(slot, facts, tz, deps.clock.now());
      const by = hhmm(localTime(v.deadlineAt, tz).minutes);
      timeliness = { status: v.status === 'on-time' ? 'on-time' : 'late', by };
    }
    const target = targets.find((t) => t.id === rec.target);
    ctx.send(
      res,
      200,
      s.doneTitle,
      hygieneDoneBody(
        {
          targetId: rec.target,
          targetName: target?.name ?? rec.target,
          task: rec.task,
          recordedAt: formatLocal(rec.recordedAt, tz),
          timeliness,
          backdated: rec.backdated,
          photo: rec.photo !== null,
        },
        s,
      ),
    );
  });

  return r;
}

import { z } from 'zod';
import { type Deadline, hygieneTasks } from '../../domain/hygiene-plan.js';
import { clockTime, identifier, integer, isoDate, secret, text } from '../fields.js';
import { alsoAt, imeHint, say, show } from '../problems.js';
import type { SecretSources } from '../secret.js';

/** The top-level `hygiene:` section (issue 8). Every field has a default, so the section is optional. */

const deadline = () =>
  z
    .union([z.literal('opening'), clockTime()], {
      error: (iss) =>
        say(
          `expected "opening" or a time HH:MM, got ${show(iss.input)}`,
          `应为 "opening"（开门时）或时间 HH:MM，实际是 ${show(iss.input)}`,
        ),
    })
    .transform((v): Deadline => (v === 'opening' ? { kind: 'opening' } : { kind: 'time', minutes: v }));

const post = () =>
  z.enum(['A', 'B'], {
    error: (iss) =>
      say(`expected post A or B, got ${show(iss.input)}`, `岗位应为 A 或 B，实际是 ${show(iss.input)}`) +
      imeHint(iss.input, ['A', 'B']),
  });

const override = () =>
  z.strictObject({ deadline: deadline().optional(), post: post().optional() }).optional();

export const hygieneDefaults = {
  clean: { everyDays: 1, deadline: { kind: 'opening' } as Deadline, post: 'A' as const },
  disinfect: {
    everyDays: 7,
    intensive: false,
    anchor: '2024-01-01',
    deadline: { kind: 'time', minutes: 17 * 60 } as Deadline,
    post: 'A' as const,
  },
  reminderLeadMinutes: 30,
  photoMaxBytes: 5 * 1024 * 1024,
  backdateToleranceMinutes: 10,
};

/** Sources for secrets that are never read (the hygiene tests parse the section alone). */
const noSecretSources: SecretSources = {
  env: {},
  readFile: () => {
    throw new Error('no secret files here');
  },
};

export function hygieneSchema(sources: SecretSources = noSecretSources) {
  const target = z.strictObject({
    id: identifier(),
    /** What the attendants call it: 查阅区, 自助办理区, 等候区, 自助查询机 … */
    name: text(),
    device: identifier().optional(),
    tasks: z.array(z.enum(hygieneTasks)).min(1).default(['clean', 'disinfect']),
    clean: override(),
    disinfect: override(),
  });
  /**
   * A cleaning button by the door on MQTT: it may publish only `zoneops/<site>/hygiene/<target>/<task>` for
   * its own target and tasks, with its own credential (default username: the button id).
   */
  const button = z.strictObject({
    id: identifier(),
    target: identifier(),
    /** Default: every task of the target. */
    tasks: z.array(z.enum(hygieneTasks)).min(1).optional(),
    username: text().optional(),
    password: secret(sources).optional(),
  });
  return z
    .strictObject({
      targets: z.array(target).default([]),
      buttons: z.array(button).default([]),
      clean: z
        .strictObject({
          everyDays: integer(1, 366).default(hygieneDefaults.clean.everyDays),
          deadline: deadline().default(hygieneDefaults.clean.deadline),
          post: post().default(hygieneDefaults.clean.post),
        })
        .default({ ...hygieneDefaults.clean }),
      disinfect: z
        .strictObject({
          everyDays: integer(1, 366).default(hygieneDefaults.disinfect.everyDays),
          /** Epidemic periods: disinfect every working day whatever everyDays says. */
          intensive: z.boolean().default(false),
          /** First day of the first cycle (2024-01-01 is a Monday: 7-day cycles are Monday–Sunday weeks). */
          anchor: isoDate().default(hygieneDefaults.disinfect.anchor),
          deadline: deadline().default(hygieneDefaults.disinfect.deadline),
          post: post().default(hygieneDefaults.disinfect.post),
        })
        .default({ ...hygieneDefaults.disinfect }),
      reminderLeadMinutes: integer(0, 240).default(hygieneDefaults.reminderLeadMinutes),
      photoMaxBytes: integer(1024, 20 * 1024 * 1024).default(hygieneDefaults.photoMaxBytes),
      /** Where photos go; default: a `hygiene-photos` folder next to the database. */
      photoDir: text('a folder path').optional(),
      /** A claimed time more than this before the server time marks the record back-dated (late). */
      backdateToleranceMinutes: integer(0, 240).default(hygieneDefaults.backdateToleranceMinutes),
    })
    .superRefine((h, ctx) => {
      const seen = new Map<string, number>();
      h.targets.forEach((t, i) => {
        const prev = seen.get(t.id);
        if (prev !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['targets', i, 'id'],
            message: say(`duplicate target id "${t.id}"`, `清洁对象编号 "${t.id}" 重复`) + alsoAt(prev),
          });
        }
        seen.set(t.id, i);
      });
      const buttonIds = new Set<string>();
      h.buttons.forEach((b, i) => {
        if (buttonIds.has(b.id))
          ctx.addIssue({
            code: 'custom',
            path: ['buttons', i, 'id'],
            message: `duplicate button id "${b.id}"`,
          });
        buttonIds.add(b.id);
        const t = h.targets.find((x) => x.id === b.target);
        if (!t) {
          ctx.addIssue({
            code: 'custom',
            path: ['buttons', i, 'target'],
            message: `unknown target "${b.target}"`,
          });
          return;
        }
        for (const task of b.tasks ?? []) {
          if (!t.tasks.includes(task))
            ctx.addIssue({
              code: 'custom',
              path: ['buttons', i, 'tasks'],
              message: `target "${t.id}" has no task "${task}"`,
            });
        }
      });
    })
    .default({
      targets: [],
      buttons: [],
      clean: { ...hygieneDefaults.clean },
      disinfect: { ...hygieneDefaults.disinfect },
      reminderLeadMinutes: hygieneDefaults.reminderLeadMinutes,
      photoMaxBytes: hygieneDefaults.photoMaxBytes,
      backdateToleranceMinutes: hygieneDefaults.backdateToleranceMinutes,
    });
}

export type HygieneConfig = z.output<ReturnType<typeof hygieneSchema>>;

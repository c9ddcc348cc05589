import type { Clock } from '../clock.js';
import { type HygienePlan, type HygieneTask, hygieneTasks } from '../domain/hygiene-plan.js';
import type { Logger } from '../log.js';
import type { HygieneRecord } from './repo.js';
import type { HygieneService } from './service.js';

type ButtonResult =
  | { ok: true; target: string; task: HygieneTask; by: string }
  | { ok: false; reason: string };

/** Button presses; anything else a button firmware sends (release, hold, double) is not a record. */
const pressActions = new Set(['single', 'press', 'pressed', 'click', 'on', 'toggle']);

/**
 * A physical button by the door publishes to `zoneops/<site>/hygiene/<target>/<task>`. Pure: decides
 * whether a message is a press for a planned (target, task). A retained message is an old press
 * replayed by the broker, an empty one a retained message being deleted: neither is a new record.
 * The payload may be anything short ("1", "ON"), or JSON like zigbee2mqtt's `{"action":"single"}`,
 * optionally with `"by": "<name>"`.
 */
export function handleHygieneButton(
  topic: string,
  payload: Uint8Array | string,
  ctx: { site: string; plan: HygienePlan; retained?: boolean },
): ButtonResult {
  if (ctx.retained) return { ok: false, reason: 'retained message (an old press)' };
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== 'zoneops' || parts[2] !== 'hygiene') {
    return { ok: false, reason: 'not a hygiene button topic' };
  }
  const [, site, , target = '', task = ''] = parts;
  if (site !== ctx.site) return { ok: false, reason: `topic is for site "${site}"` };
  if (!(hygieneTasks as readonly string[]).includes(task))
    return { ok: false, reason: `unknown task "${task}"` };
  const planned = ctx.plan.targets.find((t) => t.id === target);
  if (!planned?.tasks.some((t) => t.task === task)) {
    return { ok: false, reason: `target "${target}" has no task "${task}" in the plan` };
  }
  const text = (typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8')).trim();
  if (text === '') return { ok: false, reason: 'empty payload' };
  if (text.length > 1024) return { ok: false, reason: 'payload too long for a button' };
  let by = 'button';
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'malformed JSON payload' };
    }
    if (typeof json !== 'object' || json === null)
      return { ok: false, reason: 'JSON payload is not an object' };
    const o = json as Record<string, unknown>;
    if (
      o.action !== undefined &&
      !(typeof o.action === 'string' && pressActions.has(o.action.toLowerCase()))
    ) {
      return { ok: false, reason: `action ${JSON.stringify(o.action)} is not a press` };
    }
    if (typeof o.by === 'string' && o.by.trim() !== '' && o.by.length <= 100) by = o.by.trim();
  }
  return { ok: true, target, task: task as HygieneTask, by };
}

/**
 * Records button presses through the service. A second press of the same button within
 * `debounceMs` (contact bounce, an impatient double press) is the same cleaning, not a new one.
 */
export function createButtonRecorder(deps: {
  service: HygieneService;
  site: string;
  clock: Clock;
  logger: Logger;
  debounceMs?: number;
  /** `hygiene.buttons`: a press is recorded as entered by the button whose topic it came on. */
  buttons?: ReadonlyArray<{ id: string; target: string; tasks?: readonly HygieneTask[] | undefined }>;
}) {
  const buttonOf = (target: string, task: HygieneTask) => {
    const owners = (deps.buttons ?? []).filter(
      (b) => b.target === target && (b.tasks === undefined || b.tasks.includes(task)),
    );
    return owners.length === 1 ? `button:${owners[0]?.id}` : 'mqtt-button';
  };
  const debounce = deps.debounceMs ?? 60_000;
  const last = new Map<string, number>();
  return async (
    topic: string,
    payload: Uint8Array | string,
    retained = false,
  ): Promise<HygieneRecord[] | null> => {
    const r = handleHygieneButton(topic, payload, { site: deps.site, plan: deps.service.plan, retained });
    if (!r.ok) {
      deps.logger.debug({ topic: topic.slice(0, 200), reason: r.reason }, 'hygiene button message ignored');
      return null;
    }
    const key = `${r.target}/${r.task}`;
    const now = deps.clock.now();
    const prev = last.get(key);
    if (prev !== undefined && now - prev < debounce) return null;
    last.set(key, now);
    try {
      return await deps.service.record(
        { targets: [r.target], task: r.task, by: r.by, source: 'button' },
        { name: buttonOf(r.target, r.task), role: 'device', remoteAddr: 'mqtt', via: 'mqtt' },
      );
    } catch (err) {
      deps.logger.error({ err, topic: topic.slice(0, 200) }, 'hygiene button record failed');
      return null;
    }
  };
}

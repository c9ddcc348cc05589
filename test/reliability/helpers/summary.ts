import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach } from 'vitest';
import { talliesDir, thisRun } from '../../helpers/run.js';
import type { Reply } from './http.js';
import { looksLikeCrash } from './http.js';

/**
 * What one reliability test file observed, counted outcome by outcome as it happens — never a copy of the
 * number tried. Each input, fault, record and notification is put in the column of what was seen; a
 * shortfall is a smaller number there, and the inputs or faults that fell short are listed (`failures`).
 * The file saves its tally in `afterAll` whether its tests passed or not; test/final/summary.test.ts builds
 * test/reliability/SUMMARY.md from this run's tallies. A test that fails before it has counted everything
 * is named in the failure list (so SUMMARY.md's shortfalls say which test left its figures short).
 */
export type InputOutcome =
  /** Refused as it should be: the right status (4xx, problem+json), the right error, nothing changed. */
  | 'refused'
  /** A valid input, accepted (fuzzers sometimes make one). */
  | 'accepted'
  /** A 5xx, a stack trace in the answer, an exception, a hang. */
  | 'crashed'
  /** Neither: refused with the wrong status, refused yet changed state, accepted when it must be refused. */
  | 'mishandled';

export interface TallyData {
  file: string;
  runId: string;
  faults: { injected: number; survived: number };
  inputs: { tried: number } & Record<InputOutcome, number>;
  records: { written: number; found: number };
  /** delivered = distinct delivery ids the receivers saw; repeats = further copies of one already seen. */
  notifications: { queued: number; delivered: number; repeats: number };
  /** kill -9s during the file's notification runs (the denominator of "N repeats in M kills"). */
  kills: number;
  /** Per channel kind (WeCom robot, DingTalk robot, webhook, e-mail): what the kill -9 runs observed. */
  channels: Record<string, ChannelFigures>;
  /** Each input, fault, record or notification that fell short, with what was seen (at most 200). */
  failures: string[];
  notes: string[];
}

/** One channel kind under kill -9: messages queued, kills on it, copies beyond the first, never reached. */
export interface ChannelFigures {
  messages: number;
  kills: number;
  repeats: number;
  /** Marked sent-uncertain after a cut-off attempt (reached the platform once, not resent). */
  uncertain: number;
  lost: number;
}

function addChannel(into: Record<string, ChannelFigures>, kind: string, seen: ChannelFigures): void {
  const sum = into[kind] ?? { messages: 0, kills: 0, repeats: 0, uncertain: 0, lost: 0 };
  for (const k of Object.keys(sum) as Array<keyof ChannelFigures>) sum[k] += seen[k];
  into[kind] = sum;
}

const maxListed = 200;

export class Tally {
  readonly data: TallyData;

  constructor(file: string) {
    this.data = {
      file,
      runId: '',
      faults: { injected: 0, survived: 0 },
      inputs: { tried: 0, refused: 0, accepted: 0, crashed: 0, mishandled: 0 },
      records: { written: 0, found: 0 },
      notifications: { queued: 0, delivered: 0, repeats: 0 },
      kills: 0,
      channels: {},
      failures: [],
      notes: [],
    };
    // Made at the top of a test file, so this hook is the file's: every test that fails is listed.
    beforeEach((ctx) =>
      ctx.onTestFailed(({ task }) => {
        const why = String(task.result?.errors?.[0]?.message ?? 'no error message').split('\n')[0];
        this.#fail(`test failed before all its figures were counted: ${task.name} → ${why}`);
      }),
    );
  }

  #fail(what: string): void {
    if (this.data.failures.length < maxListed) this.data.failures.push(what);
  }

  /** One input and what became of it; `what` names it in the failure list when it fell short. */
  input(what: string, outcome: InputOutcome, detail = ''): InputOutcome {
    this.data.inputs.tried++;
    this.data.inputs[outcome]++;
    if (outcome === 'crashed' || outcome === 'mishandled')
      this.#fail(`${outcome}: ${what}${detail ? ` → ${detail}` : ''}`);
    return outcome;
  }

  /** An input that must be refused: accepted counts as mishandled. */
  mustRefuse(what: string, outcome: InputOutcome, detail = ''): InputOutcome {
    return this.input(
      what,
      outcome === 'accepted' ? 'mishandled' : outcome,
      outcome === 'accepted' ? `accepted: ${detail}` : detail,
    );
  }

  /** One injected fault; `survived` is what was observed afterwards. */
  fault(what: string, survived: boolean, detail = ''): boolean {
    this.data.faults.injected++;
    if (survived) this.data.faults.survived++;
    else this.#fail(`fault not survived: ${what}${detail ? ` → ${detail}` : ''}`);
    return survived;
  }

  /** Records acknowledged, and which of them were found afterwards. */
  records(what: string, acknowledged: readonly unknown[], found: (id: unknown) => boolean): number {
    const lost = acknowledged.filter((id) => !found(id));
    this.data.records.written += acknowledged.length;
    this.data.records.found += acknowledged.length - lost.length;
    for (const id of lost) this.#fail(`record lost: ${what} ${String(id)}`);
    return lost.length;
  }

  /** Notifications queued (by delivery id) against what the receivers saw (delivery id → copies). */
  notifications(what: string, queued: Iterable<string>, seen: ReadonlyMap<string, number>): void {
    const ids = new Set(queued);
    this.data.notifications.queued += ids.size;
    for (const id of ids) {
      const n = seen.get(id) ?? 0;
      if (n > 0) this.data.notifications.delivered++;
      else this.#fail(`notification not delivered: ${what} ${id}`);
      if (n > 1) this.data.notifications.repeats += n - 1;
    }
    for (const id of seen.keys())
      if (!ids.has(id)) this.#fail(`notification never queued yet received: ${what} ${id}`);
  }

  /** What the receivers of one channel kind saw over the kill -9 runs (added to earlier runs' figures). */
  channel(kind: string, seen: ChannelFigures): void {
    addChannel(this.data.channels, kind, seen);
  }

  note(text: string): void {
    this.data.notes.push(text);
  }

  /** A place in the failure list; `failuresSince(mark)` is what one test added (assert it is []). */
  mark(): number {
    return this.data.failures.length;
  }

  failuresSince(mark: number): string[] {
    return this.data.failures.slice(mark);
  }

  save(): void {
    mkdirSync(talliesDir, { recursive: true });
    const data = { ...this.data, runId: thisRun().id };
    writeFileSync(join(talliesDir, `${this.data.file}.json`), `${JSON.stringify(data, null, 2)}\n`);
  }
}

/**
 * The outcome of one HTTP answer to an input that may be valid: a crash (5xx, a stack trace), accepted
 * (2xx/3xx), or refused — and refused only counts when it is problem+json, with an expected status, and
 * changed nothing (`changed`: the database differs from before).
 */
export function httpOutcome(
  res: Reply,
  opts: { changed?: boolean; statuses?: readonly number[] } = {},
): { outcome: InputOutcome; detail: string } {
  const detail = `${res.status} ${res.body.slice(0, 200)}`;
  if (looksLikeCrash(res)) return { outcome: 'crashed', detail };
  if (res.status < 400) return { outcome: 'accepted', detail };
  if (!res.contentType.includes('application/problem+json'))
    return { outcome: 'mishandled', detail: `not problem+json (${res.contentType}): ${detail}` };
  if (opts.statuses && !opts.statuses.includes(res.status))
    return { outcome: 'mishandled', detail: `status ${res.status}, expected ${opts.statuses.join('/')}` };
  if (opts.changed) return { outcome: 'mishandled', detail: `refused yet changed the database: ${detail}` };
  return { outcome: 'refused', detail };
}

export interface Figures {
  commit: string;
  /** Uncommitted changes under src/ or test/ when measured. */
  dirty: boolean;
  date: string;
  runId: string;
  totals: Pick<TallyData, 'faults' | 'inputs' | 'records' | 'notifications' | 'kills' | 'channels'>;
}

/** Adds up the tallies. */
export function totalsOf(tallies: readonly TallyData[]): Figures['totals'] {
  const t: Figures['totals'] = {
    faults: { injected: 0, survived: 0 },
    inputs: { tried: 0, refused: 0, accepted: 0, crashed: 0, mishandled: 0 },
    records: { written: 0, found: 0 },
    notifications: { queued: 0, delivered: 0, repeats: 0 },
    kills: 0,
    channels: {},
  };
  for (const x of tallies) {
    for (const group of ['faults', 'inputs', 'records', 'notifications'] as const) {
      const into = t[group] as unknown as Record<string, number>;
      for (const [k, v] of Object.entries(x[group])) into[k] = (into[k] ?? 0) + v;
    }
    t.kills += x.kills;
    for (const [kind, c] of Object.entries(x.channels ?? {})) addChannel(t.channels, kind, c);
  }
  return t;
}

/** test/reliability/SUMMARY.md for one run's tallies; its last line carries the figures as JSON. */
export function renderSummary(tallies: readonly TallyData[], meta: Omit<Figures, 'totals'>): string {
  const totals = totalsOf(tallies);
  const figures: Figures = { ...meta, totals };
  const row = (name: string, t: Figures['totals']) =>
    `| ${name} | ${t.faults.injected} / ${t.faults.survived} | ${t.inputs.tried} / ${t.inputs.refused} / ${t.inputs.accepted} / ${t.inputs.crashed} / ${t.inputs.mishandled} | ${t.records.written} / ${t.records.found} | ${t.notifications.queued} / ${t.notifications.delivered} / ${t.notifications.repeats} |`;
  const i = totals.inputs;
  const n = totals.notifications;
  const shortfalls = tallies.flatMap((t) => t.failures.map((f) => `- ${t.file}: ${f}`));
  return [
    '# Reliability and security suite: summary',
    '',
    `Measured by one run of the \`reliability\` vitest project (\`bash scripts/test-all.sh\`) at commit \`${meta.commit}\`` +
      `${meta.dirty ? ' with uncommitted changes' : ''}, ${meta.date} (run ${meta.runId}). Written by`,
    '`test/final/summary.test.ts` from that run’s tallies only (each counts what it observed, input by input);',
    'do not edit by hand. The README quotes these figures through `scripts/readme-figures.mjs`.',
    '',
    `- faults injected / survived: **${totals.faults.injected} / ${totals.faults.survived}**`,
    `- inputs tried: **${i.tried}** — refused cleanly **${i.refused}**, valid and accepted **${i.accepted}**, crashed **${i.crashed}**, mishandled **${i.mishandled}**`,
    `- records acknowledged / found afterwards: **${totals.records.written} / ${totals.records.found}**`,
    `- notifications queued / delivered at least once: **${n.queued} / ${n.delivered}**; repeats: **${n.repeats}** in **${totals.kills}** kill -9s (each receiver counts a repeat by its delivery id and drops it)`,
    '',
    'Refused cleanly: the right status (4xx, problem+json) or error, and nothing changed. Valid and accepted: a',
    'fuzzed input that happened to be valid. Mishandled: refused with the wrong status, refused yet changed',
    'something, or accepted when it had to be refused.',
    '',
    '| test file | faults injected / survived | inputs tried / refused / accepted / crashed / mishandled | records written / found | notifications queued / delivered / repeats |',
    '|---|---|---|---|---|',
    ...tallies.map((t) => row(t.file, t)),
    row('**total**', totals),
    '',
    '## Notifications under kill -9, per channel kind',
    '',
    '| channel kind | messages | kills on it | repeats reaching the platform | sent-uncertain | lost |',
    '|---|---|---|---|---|---|',
    ...Object.entries(totals.channels).map(
      ([k, c]) => `| ${k} | ${c.messages} | ${c.kills} | ${c.repeats} | ${c.uncertain} | ${c.lost} |`,
    ),
    '',
    '## Shortfalls',
    '',
    ...(shortfalls.length > 0 ? shortfalls : ['none']),
    '',
    '## Notes',
    '',
    ...tallies.flatMap((t) => t.notes.map((x) => `- ${t.file}: ${x}`)),
    '',
    `<!-- figures ${JSON.stringify(figures)} -->`,
    '',
  ].join('\n');
}

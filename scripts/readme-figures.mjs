// Rewrites the reliability figures in README.md from test/reliability/SUMMARY.md (the block between the
// two `reliability-figures` markers), so the README quotes what the last full run measured and nothing else.
//   node scripts/readme-figures.mjs          rewrite the block
//   node scripts/readme-figures.mjs --check  exit 1 when the README's block differs from SUMMARY.md
// scripts/test-all.sh runs it after the suite; test/unit/docs/readme-figures.test.ts checks the committed pair.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const summaryPath = `${root}test/reliability/SUMMARY.md`;
export const readmePath = `${root}README.md`;
export const begin =
  '<!-- reliability-figures: written by scripts/readme-figures.mjs from test/reliability/SUMMARY.md; do not edit -->';
export const end = '<!-- /reliability-figures -->';
export const channelsBegin =
  '<!-- notify-crash-figures: written by scripts/readme-figures.mjs from test/reliability/SUMMARY.md; do not edit -->';
export const channelsEnd = '<!-- /notify-crash-figures -->';

const channelNames = {
  wecom: 'WeCom robot',
  dingtalk: 'DingTalk robot',
  webhook: 'webhook',
  email: 'e-mail',
};
const robots = new Set(['wecom', 'dingtalk']);

/** The figures SUMMARY.md carries in its last line, `<!-- figures {json} -->`. */
export function figuresOf(summary) {
  const m = /<!-- figures (\{.*\}) -->/.exec(summary);
  if (!m)
    throw new Error('test/reliability/SUMMARY.md has no "<!-- figures {...} -->" line: rerun the suite');
  return JSON.parse(m[1]);
}

/** The README block for these figures. */
export function render(f) {
  const t = f.totals;
  const i = t.inputs;
  const n = t.notifications;
  const when = `${f.date.slice(0, 10)} ${f.date.slice(11, 16)} UTC`;
  return [
    begin,
    `Measured at commit \`${f.commit.slice(0, 12)}\`${f.dirty ? ' (with uncommitted changes)' : ''} on ${when}, from \`test/reliability/SUMMARY.md\`:`,
    '',
    `- faults injected / survived: **${t.faults.injected} / ${t.faults.survived}**`,
    `- inputs tried: **${i.tried}** — refused cleanly **${i.refused}**, valid and accepted **${i.accepted}**, crashed **${i.crashed}**, mishandled **${i.mishandled}**`,
    `- records acknowledged / found afterwards: **${t.records.written} / ${t.records.found}**`,
    `- notifications queued / delivered: **${n.queued} / ${n.delivered}**, at least once: **${n.repeats}** repeats in **${t.kills}** kill -9s (the receivers drop a repeat by its delivery id)`,
    end,
  ].join('\n');
}

/** The README's notify-crash table: per channel kind, what the kill -9 runs of this measurement saw. */
export function renderChannels(f) {
  const when = `${f.date.slice(0, 10)} ${f.date.slice(11, 16)} UTC`;
  const channels = Object.entries(f.totals.channels ?? {});
  if (channels.length === 0)
    throw new Error('test/reliability/SUMMARY.md has no per-channel notification figures: rerun the suite');
  const dedupe = { webhook: ' (each dropped by its `webhook-id`)', email: ' (same Message-ID)' };
  return [
    channelsBegin,
    `Measured at commit \`${f.commit.slice(0, 12)}\` on ${when}, from \`test/reliability/SUMMARY.md\`:`,
    '',
    '| channel kind | messages | kills on it | repeats reaching the platform | sent-uncertain (reached once, not resent) | lost |',
    '|---|---|---|---|---|---|',
    ...channels.map(([k, c]) => {
      const repeats = robots.has(k)
        ? `**${c.repeats}**`
        : `${c.repeats}${c.repeats > 0 ? (dedupe[k] ?? '') : ''}`;
      const uncertain = robots.has(k) ? String(c.uncertain) : c.uncertain === 0 ? '—' : String(c.uncertain);
      return `| ${channelNames[k] ?? k} | ${c.messages} | ${c.kills} | ${repeats} | ${uncertain} | ${c.lost} |`;
    }),
    channelsEnd,
  ].join('\n');
}

function replaceBetween(text, from, to, block) {
  const a = text.indexOf(from);
  const b = text.indexOf(to);
  if (a < 0 || b < a) throw new Error(`README.md has no block between "${from}" and "${to}"`);
  return text.slice(0, a) + block + text.slice(b + to.length);
}

/** README.md with its reliability block replaced by `block`. */
export function withBlock(readme, block) {
  return replaceBetween(readme, begin, end, block);
}

/** README.md with both generated blocks rewritten from the figures `f`. */
export function withFigures(readme, f) {
  return replaceBetween(withBlock(readme, render(f)), channelsBegin, channelsEnd, renderChannels(f));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const readme = readFileSync(readmePath, 'utf8');
    const next = withFigures(readme, figuresOf(readFileSync(summaryPath, 'utf8')));
    if (process.argv.includes('--check')) {
      if (next !== readme) {
        console.error(
          'README.md: the reliability figures differ from test/reliability/SUMMARY.md (run node scripts/readme-figures.mjs)',
        );
        process.exit(1);
      }
    } else if (next !== readme) {
      writeFileSync(readmePath, next);
      console.log('README.md: reliability figures rewritten from test/reliability/SUMMARY.md');
    }
  } catch (err) {
    console.error(`readme-figures: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

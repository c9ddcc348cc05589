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

/** README.md with its block replaced by `block`. */
export function withBlock(readme, block) {
  const a = readme.indexOf(begin);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no block between "${begin}" and "${end}"`);
  return readme.slice(0, a) + block + readme.slice(b + end.length);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const readme = readFileSync(readmePath, 'utf8');
    const next = withBlock(readme, render(figuresOf(readFileSync(summaryPath, 'utf8'))));
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

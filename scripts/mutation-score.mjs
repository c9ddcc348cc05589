// Reads StrykerJS's JSON report (mutation-testing-report-schema) and prints the one-line score, then writes
// test/mutation/SCORE.md with the score of each group, the commit and the date it was measured at.
// Score = detected / (detected + undetected): detected = Killed + Timeout, undetected = Survived + NoCoverage
// (Stryker's own definition); mutants Stryker ignored (static ones with ignoreStatic) are listed apart.
//   node scripts/mutation-score.mjs reports/mutation/mutation.json
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const groups = [
  ['src/domain', (p) => p.startsWith('src/domain/')],
  ['decoders', (p) => !p.startsWith('src/domain/')],
];

export function score(report) {
  return groups.map(([name, match]) => {
    const c = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, other: 0 };
    const survivors = [];
    for (const [path, file] of Object.entries(report.files)) {
      const rel = path.replace(/^.*?(src\/)/, '$1');
      if (!match(rel)) continue;
      for (const m of file.mutants) {
        if (m.status in c) c[m.status]++;
        else c.other++;
        if (m.status === 'Survived' || m.status === 'NoCoverage')
          survivors.push(
            `${rel}:${m.location.start.line} ${m.mutatorName}${m.replacement ? ` → ${m.replacement}` : ''}`,
          );
      }
    }
    const detected = c.Killed + c.Timeout;
    const valid = detected + c.Survived + c.NoCoverage;
    // A group with no mutant in the report was not mutated in this run (e.g. `npm run mutation -- --mutate …`).
    return { name, score: valid === 0 ? undefined : (100 * detected) / valid, counts: c, survivors };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2] ?? 'reports/mutation/mutation.json';
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`mutation-score: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const results = score(report);
  const pct = (r) => (r.score === undefined ? 'not measured in this run' : `${r.score.toFixed(1)} %`);
  const git = (...a) => execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', 'HEAD');
  const dirty =
    git(
      'status',
      '--porcelain',
      '--',
      'src',
      'test',
      ':!test/reliability/SUMMARY.md',
      ':!test/mutation/SCORE.md',
    ) !== '';
  const date = new Date().toISOString();
  const line = results.map((r) => `mutation score (${r.name}): ${pct(r)}`).join('; ');
  console.log(line);
  const md = [
    '# Mutation score',
    '',
    `Measured by \`npm run mutation\` (StrykerJS, \`stryker.config.mjs\`) at commit \`${commit}\`${dirty ? ' with uncommitted changes' : ''}, ${date}.`,
    'Written by `scripts/mutation-score.mjs` from `reports/mutation/mutation.json`; do not edit by hand.',
    '',
    ...results.map((r) => `- mutation score (${r.name}): **${pct(r)}**`),
    '',
    '| group | killed | timed out | survived | no coverage | ignored (static) | score |',
    '|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.counts.Killed} | ${r.counts.Timeout} | ${r.counts.Survived} | ${r.counts.NoCoverage} | ${r.counts.Ignored} | ${pct(r)} |`,
    ),
    '',
    'Score = (killed + timed out) / (killed + timed out + survived + no coverage).',
    ...(results.some((r) => r.counts.Ignored > 0)
      ? [
          '',
          'Ignored (static): mutants in code that runs once, when a module is loaded (the tables of words and',
          'thresholds at the top of a file). Stryker cannot tell which tests cover them, so each one needs the',
          'whole unit suite (about 40 s here); `npm run mutation` passes `--ignoreStatic` so a run fits in an',
          'hour on two cores. They are left out of the score, and counted in the table above.',
        ]
      : []),
    '',
    '## Surviving mutants',
    '',
    ...results.flatMap((r) => r.survivors.map((s) => `- ${s}`)),
    '',
  ].join('\n');
  writeFileSync(`${root}test/mutation/SCORE.md`, md);
}

// Prints the plain closing line CI reads ("N passed, N failed") from vitest's JSON report, counting as
// failures: the lint/type-check steps, every failed test, every skipped or todo test (the suite never
// skips: a skip hides a test that cannot run), and any test file that failed to load. An unreadable or
// missing report is one failure, with the reason printed above the line.
//   node scripts/summarize-vitest.mjs REPORT.json [CHECKS_FAILED] [VITEST_EXIT_CODE]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** @returns {{ passed: number, failed: number, reasons: string[] }} */
export function summarize(readReport, checksFailed = 0, vitestRc = 0) {
  const reasons = [];
  let passed = 0;
  let failed = checksFailed;
  if (checksFailed > 0) reasons.push(`${checksFailed} check step(s) failed (lint/format or type-check)`);
  let report;
  try {
    report = JSON.parse(readReport());
    if (typeof report !== 'object' || report === null || !Array.isArray(report.testResults))
      throw new Error('not a vitest JSON report (no testResults)');
  } catch (err) {
    reasons.push(`vitest report unreadable: ${err instanceof Error ? err.message : String(err)}`);
    return { passed: 0, failed: failed + 1, reasons };
  }
  for (const suite of report.testResults) {
    const name = String(suite.name ?? '?');
    const results = Array.isArray(suite.assertionResults) ? suite.assertionResults : [];
    let fileFailed = false;
    for (const a of results) {
      const title = [...(a.ancestorTitles ?? []), a.title].join(' > ');
      if (a.status === 'passed') passed++;
      else if (a.status === 'failed') {
        failed++;
        fileFailed = true;
      } else {
        // skipped, pending, todo, disabled: a test that did not run is not a pass.
        failed++;
        fileFailed = true;
        reasons.push(`${a.status}, counted as failed: ${name} > ${title}`);
      }
    }
    // A test file that could not even load has no failed assertion but must count.
    if (suite.status === 'failed' && !fileFailed) {
      failed++;
      reasons.push(`test file failed to run: ${name}: ${String(suite.message ?? '').split('\n')[0]}`);
    }
  }
  if (vitestRc !== 0 && failed === 0) {
    failed = 1;
    reasons.push(`vitest exited with code ${vitestRc} although no test failed`);
  }
  if (passed + failed === 0) {
    failed = 1;
    reasons.push('the report holds no test at all');
  }
  return { passed, failed, reasons };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, checksFailedArg = '0', vitestRcArg = '0'] = process.argv.slice(2);
  const r = summarize(
    () => {
      if (!file) throw new Error('no report file given');
      return readFileSync(file, 'utf8');
    },
    Number(checksFailedArg) || 0,
    Number(vitestRcArg) || 0,
  );
  for (const reason of r.reasons.slice(0, 50)) console.log(`  ${reason}`);
  if (r.reasons.length > 50) console.log(`  … and ${r.reasons.length - 50} more`);
  console.log(`${r.passed} passed, ${r.failed} failed`);
  process.exit(r.failed === 0 ? 0 : 1);
}

// Prints the plain closing line CI reads ("N passed, N failed") from vitest's JSON report,
// counting the lint/type-check steps and any test file that failed to load as failures.
import { existsSync, readFileSync } from 'node:fs';

const [file, checksFailedArg = '0', vitestRcArg = '0'] = process.argv.slice(2);
const checksFailed = Number(checksFailedArg);
const vitestRc = Number(vitestRcArg);
let passed = 0;
let failed = checksFailed;
if (file && existsSync(file)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  // A test file that could not even load has no failed assertion but must count.
  for (const suite of report.testResults ?? []) {
    const anyFailed = (suite.assertionResults ?? []).some((a) => a.status === 'failed');
    if (suite.status === 'failed' && !anyFailed) failed += 1;
  }
} else {
  failed += 1;
}
if (vitestRc !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

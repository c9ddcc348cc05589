// Mutation testing of the pure core (`npm run mutation`, see the README's "Mutation testing"): StrykerJS
// changes one thing at a time in these files (a `<` to `<=`, a constant, a condition, a string) and runs
// the unit tests that cover it; a mutant the tests do not notice "survived". Not run by CI (minutes long).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/domain/**/*.ts',
    'src/probes/**/*decode*.ts',
    'src/probes/ipp/codec.ts',
    'src/mqtt/dialects/tasmota.ts',
    'src/mqtt/dialects/shelly-gen1.ts',
    'src/mqtt/dialects/shelly-gen2.ts',
  ],
  reporters: ['html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 20_000,
  tempDirName: 'test/artifacts/stryker-tmp',
  // dist is copied into each sandbox: a few unit tests run the built CLI (test/helpers/cli.ts).
  ignorePatterns: ['reports', 'test/artifacts', 'bench/results*', 'grafana'],
};

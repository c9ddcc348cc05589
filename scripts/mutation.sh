#!/usr/bin/env bash
# Mutation testing of src/domain and the protocol decoders with StrykerJS (stryker.config.mjs), then the
# one-line score and test/mutation/SCORE.md (the score, the commit and the date it was measured at).
# Minutes long on two cores; not part of CI. The HTML report: reports/mutation/index.html.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=test/artifacts/stryker-tmp
mkdir -p "$tmp"
# The tests read ../shared/fixtures relative to the checkout; each sandbox sits in $tmp, so $tmp/shared.
ln -sfn "$(cd .. && pwd)/shared" "$tmp/shared"
# A few unit tests run the built CLI (test/helpers/cli.ts): build it first.
npx tsc -p tsconfig.build.json
# --ignoreStatic: module-level mutants need the whole suite each (see SCORE.md); --incremental reuses
# reports/stryker-incremental.json for the mutants and tests that did not change since the last run.
npx stryker run --ignoreStatic --incremental "$@"
node scripts/mutation-score.mjs reports/mutation/mutation.json

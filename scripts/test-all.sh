#!/usr/bin/env bash
# The whole test suite, on a fresh machine or a developer's: installs the Debian packages the
# tests talk to, installs npm packages (npm ci), then lint, type-check and every vitest project in order
# (unit; integration, e2e and reliability; then final: the secrets check over this run's captures and
# test/reliability/SUMMARY.md rebuilt from this run's tallies), then rewrites the README's reliability
# figures from that SUMMARY.md. Ends with a plain line "N passed, N failed" (skipped and todo tests count
# as failed) and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

if [ -n "${CI:-}" ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || { echo "0 passed, 1 failed"; exit 1; }
fi

checks_failed=0
echo "== lint and format (biome)"
npx biome ci --colors=off . || checks_failed=$((checks_failed + 1))
echo "== type-check (tsc --noEmit, strict)"
npx tsc --noEmit -p tsconfig.json && npx tsc --noEmit -p bench/tsconfig.json || checks_failed=$((checks_failed + 1))

echo "== tests (vitest)"
mkdir -p test/artifacts
rm -f test/artifacts/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test/artifacts/vitest.json
vitest_rc=$?

echo "== README reliability figures (from test/reliability/SUMMARY.md)"
node scripts/readme-figures.mjs || checks_failed=$((checks_failed + 1))

node scripts/summarize-vitest.mjs test/artifacts/vitest.json "$checks_failed" "$vitest_rc"

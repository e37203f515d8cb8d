#!/usr/bin/env bash
# npm test: every suite, on both databases.
#   unit                         pure code, no services
#   integration (PGlite)         the embedded database, as `npm start` uses it
#   integration (PostgreSQL)     real PostgreSQL, incl. concurrency, outage and Workers-entry cases
#   contract                     every channel folder against the channel contract
#   fuzz (PGlite)                property-based tests (fast-check) through the real entry points
#   security (PostgreSQL)        authorization matrix, sign-in limits, sessions, CSRF, headers, XSS
#   faults (PostgreSQL)          database stopped, processes killed, mail servers failing
#   e2e (PostgreSQL)             a real browser (Debian chromium) against the real server
# Installs and starts what is missing first (scripts/ensure-test-services.sh).
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-test-services.sh || exit 1
node scripts/build-ui-if-stale.mjs || exit 1

PG_URL=${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/test}
results=$(mktemp -d)
status=0

suite() {
  local name=$1; shift
  echo
  echo "=== $name"
  if ! "$@" --reporter=default --reporter=json --outputFile.json="$results/$name.json"; then status=1; fi
}

suite unit npx vitest run --project unit --project contract
suite fuzz env -u DATABASE_URL npx vitest run --project fuzz --passWithNoTests
# The two integration runs share nothing (each test file makes its own database and takes free
# ports), and most of their time is spent waiting on sockets and timers: run them side by side
# and print each one's output whole when it is done.
side_by_side() {
  local name=$1; shift
  ( "$@" --reporter=default --reporter=json --outputFile.json="$results/$name.json" >"$results/$name.log" 2>&1; echo $? >"$results/$name.rc" ) &
}
side_by_side integration-pglite env -u DATABASE_URL npx vitest run --project integration
side_by_side integration-postgres env DATABASE_URL="$PG_URL" npx vitest run --project integration --project postgres
wait
for name in integration-pglite integration-postgres; do
  echo
  echo "=== $name"
  cat "$results/$name.log"
  [ "$(cat "$results/$name.rc" 2>/dev/null)" = 0 ] || status=1
done
suite security env DATABASE_URL="$PG_URL" npx vitest run --project security --passWithNoTests
suite faults env DATABASE_URL="$PG_URL" npx vitest run --project faults --passWithNoTests
suite e2e env DATABASE_URL="$PG_URL" npx vitest run --project e2e

node scripts/summarize-tests.mjs "$results"/*.json || status=1
rm -rf "$results"
exit $status

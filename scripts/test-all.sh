#!/usr/bin/env bash
# The whole test suite, as CI runs it: the migration check (both providers), unit +
# integration tests (Vitest on real SQLite files), the integration tests again on the
# machine's PostgreSQL, a production build (which also type-checks every .ts file, tests
# included), browser tests (Playwright + axe) against the app server (server.ts) on its own
# database, HTTP tests against that server (tests/http: what a client can send over the
# wire), and the multi-server test (three app servers on one PostgreSQL database).
# PostgreSQL must be reachable at TEST_PG_SERVER (default postgresql://postgres@127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "Chromium not found at $CHROMIUM_PATH. Install it with: apt-get update && apt-get install -y chromium" >&2
  exit 1
fi

step() { printf '\n==> %s\n' "$*"; }

step "ESLint (typescript-eslint, React hooks, jsx-a11y, Next.js rules): no errors, no warnings"
npm run --silent lint

step "Prettier: every code file is formatted (npm run format fixes it)"
npm run --silent format:check

step "Migrations match prisma/schema.prisma, for SQLite and PostgreSQL"
npm run --silent db:check-migrations

step "Unit and integration tests (Vitest, SQLite)"
npx vitest run

step "Integration tests again on PostgreSQL (a database per test file, dropped afterwards)"
TEST_DATABASE=postgres npx vitest run tests/integration

step "Production build for the browser tests"
export E2E_PORT="${E2E_PORT:-3200}"
export DATABASE_URL="file:./prisma/e2e.db"
export NEXT_DIST_DIR=".next-test"
export SITE_URL="http://127.0.0.1:${E2E_PORT}"
rm -f prisma/e2e.db prisma/e2e.db-journal prisma/e2e.db-wal prisma/e2e.db-shm
npx prisma migrate deploy >/dev/null
npx tsx prisma/seed.ts
# Staff accounts the browser tests sign in with (tests/e2e/staff.ts). Test-only passwords.
STAFF_PASSWORD=e2e-admin-password-123 npx tsx scripts/staff.ts create --email admin-e2e@loomstack.example --name "Ada Admin" --role admin
STAFF_PASSWORD=e2e-staff-password-123 npx tsx scripts/staff.ts create --email staff-e2e@loomstack.example --name "Sam Staff" --role staff
npx next build

step "Browser tests (Playwright, Chromium)"
npx playwright test --project=chromium
# CTA impressions and clicks are counted per guide page, which other specs open too: their
# exact counts are checked alone, after the rest (playwright.config.ts, "cta-counters").
npx playwright test --project=cta-counters

step "HTTP tests against the production server (the same build; each test starts its own server.ts)"
npx vitest run --config vitest.http.config.ts

step "Three app servers on one PostgreSQL (the same build; Redis for one rate-limit check)"
npx vitest run --config vitest.multi-server.config.ts

#!/usr/bin/env bash
# Sets up whatever is missing (toolchain, cargo-leptos, wasm-bindgen, PostgreSQL, Chromium,
# the Playwright package) and runs every test: formatting, clippy (inside the build), unit,
# storage and integration tests on SQLite and a throwaway PostgreSQL cluster, and the
# browser tests in Chromium with and without JavaScript.
source "$(dirname "$0")/lib.sh"
# One cold build per run: incremental state would only add gigabytes to target/.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

started=$SECONDS
E2E_DIR=""
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$E2E_DIR" ] && rm -rf "$E2E_DIR"
  smtp_stop
  pg_stop
}
ensure_toolchain
ensure_wasm_bindgen
ensure_cargo_leptos
ensure_postgres
ensure_chromium
ensure_end2end_modules
ensure_smtp_sink

log "formatting (cargo fmt --check)"
cargo fmt --all --check

# One build of the server and wasm (clippy runs inside it, -D warnings).
build_site

pg_start
smtp_start
trap cleanup EXIT

log "unit, storage and integration tests (SQLite and PostgreSQL)"
packages=(-p tessera_common -p tessera_core -p tessera_app -p tessera_server)
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run "${packages[@]}" --no-fail-fast
else
  cargo test "${packages[@]}" --no-fail-fast
fi

# Seeds a demo database, serves it on a free port and runs every Playwright spec against it
# (each with and without JavaScript). $1 names the database for the log, $2 its URL; the
# PostgreSQL run connects as the application role (row-level security applies) and
# migrates as the owner.
browser_suite() {
  local name="$1" url="$2" port log
  port="$(free_port)"
  log="$E2E_DIR/server-$name.log"
  log "browser tests on $name (Chromium, with and without JavaScript)"
  DATABASE_URL="$url" ./target/debug/tessera seed-demo --members 60 --password "$TESSERA_DEMO_PASSWORD" >/dev/null
  DATABASE_URL="$url" TESSERA_ADDR="127.0.0.1:$port" TESSERA_SITE_ROOT="$ROOT/target/site" \
    TESSERA_SMTP_URL="$TESSERA_TEST_SMTP_URL" ./target/debug/tessera serve > "$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$log"; die "the server did not start on $name"; }
  # The specs wait for the newest mail to an address: none may come from the previous run.
  find "$TESSERA_TEST_MAIL_DIR" -name '*.eml' -delete
  if ! (cd end2end && TESSERA_BASE_URL="http://127.0.0.1:$port" npx playwright test); then
    echo "--- server log ($name) ---"; tail -n 50 "$log"
    exit 1
  fi
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

E2E_DIR="$(mktemp -d /tmp/tessera-e2e.XXXXXX)"
export TESSERA_DEMO_PASSWORD="e2e-password-$RANDOM-$RANDOM"
e2e_started=$SECONDS
browser_suite SQLite "sqlite://$E2E_DIR/tessera.db"
log "browser tests on SQLite took $(( SECONDS - e2e_started )) s"
pg_create_db tessera_e2e
e2e_started=$SECONDS
DATABASE_MIGRATION_URL="$TESSERA_TEST_PG_OWNER_URL/tessera_e2e" \
  browser_suite PostgreSQL "$TESSERA_TEST_PG_APP_URL/tessera_e2e"
log "browser tests on PostgreSQL took $(( SECONDS - e2e_started )) s"

log "all tests passed in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"

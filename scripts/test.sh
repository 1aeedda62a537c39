#!/usr/bin/env bash
# Sets up whatever is missing (toolchain, cargo-leptos, wasm-bindgen, PostgreSQL, Chromium,
# the Playwright package) and runs every test: formatting, clippy (inside the build), unit,
# storage and integration tests on SQLite and a throwaway PostgreSQL cluster, and the
# browser tests in Chromium with and without JavaScript.
source "$(dirname "$0")/lib.sh"

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

log "browser tests (Chromium, with and without JavaScript)"
E2E_DIR="$(mktemp -d /tmp/tessera-e2e.XXXXXX)"
E2E_PORT="$(free_port)"
export TESSERA_DEMO_PASSWORD="e2e-password-$RANDOM-$RANDOM"
DATABASE_URL="sqlite://$E2E_DIR/tessera.db" ./target/debug/tessera seed-demo --members 60 --password "$TESSERA_DEMO_PASSWORD" >/dev/null
DATABASE_URL="sqlite://$E2E_DIR/tessera.db" TESSERA_ADDR="127.0.0.1:$E2E_PORT" TESSERA_SITE_ROOT="$ROOT/target/site" \
  TESSERA_SMTP_URL="$TESSERA_TEST_SMTP_URL" ./target/debug/tessera serve > "$E2E_DIR/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$E2E_PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$E2E_PORT/healthz" >/dev/null || { cat "$E2E_DIR/server.log"; die "the server did not start"; }
if ! (cd end2end && TESSERA_BASE_URL="http://127.0.0.1:$E2E_PORT" npx playwright test); then
  echo "--- server log ---"; tail -n 50 "$E2E_DIR/server.log"
  exit 1
fi

log "all tests passed in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"

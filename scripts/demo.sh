#!/usr/bin/env bash
# Sets up whatever is missing, builds Tessera, seeds the demo dataset on first run and
# serves it at http://127.0.0.1:3000 on the embedded SQLite database under ./data.
source "$(dirname "$0")/lib.sh"

ensure_toolchain
ensure_wasm_bindgen
ensure_cargo_leptos
build_site

export DATABASE_URL="${DATABASE_URL:-sqlite://./data/tessera.db}"
export TESSERA_ADDR="${TESSERA_ADDR:-127.0.0.1:3000}"
DEMO_PASSWORD="${TESSERA_DEMO_PASSWORD:-demo-password-2026}"
./target/debug/tessera seed-demo --if-empty --password "$DEMO_PASSWORD"
log "Tessera is at http://$TESSERA_ADDR (every demo account's password: $DEMO_PASSWORD). Ctrl-C stops it."
exec ./target/debug/tessera serve

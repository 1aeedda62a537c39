#!/usr/bin/env bash
# Prints Tessera's benchmark figures (not a test: nothing here passes or fails on a number):
#   - cold build time (with --cold: a release build into an empty target directory)
#   - wasm bundle size, raw and gzipped (release, size-optimised profile, wasm-opt)
#   - server RSS when idle
#   - requests/s and p99 latency of a club home page at 8 connections, signed in as the
#     club's admin, on SQLite and on PostgreSQL (wrk)
source "$(dirname "$0")/lib.sh"

COLD=0
DURATION="${BENCH_DURATION:-15s}"
for a in "$@"; do
  case "$a" in
    --cold) COLD=1 ;;
    *) die "unknown option $a (use --cold to include a cold build)" ;;
  esac
done

ensure_toolchain
ensure_wasm_bindgen
ensure_cargo_leptos
ensure_postgres
command -v wrk >/dev/null || apt_install wrk
# Release builds run wasm-opt; Debian's binaryen is too old (its output no longer hydrates).
if ! "$ROOT/.tools/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version 132"; then
  log "installing wasm-opt (npm binaryen@132) into .tools/"
  ensure_node
  mkdir -p "$ROOT/.tools"
  npm install --prefix "$ROOT/.tools" --no-audit --no-fund --loglevel=error binaryen@132 >/dev/null
fi
export PATH="$ROOT/.tools/node_modules/.bin:$PATH"

declare -A FIG

if [ "$COLD" = 1 ]; then
  log "cold release build into an empty target directory"
  COLD_DIR="$(mktemp -d /tmp/tessera-cold.XXXXXX)"
  t0=$SECONDS
  CARGO_TARGET_DIR="$COLD_DIR" cargo leptos build --release >/dev/null 2>&1
  FIG[cold_build]="$(( SECONDS - t0 )) s"
  rm -rf "$COLD_DIR"
fi

log "release build"
t0=$SECONDS
cargo leptos build --release 2>&1 | tail -n 3
FIG[release_build]="$(( SECONDS - t0 )) s (incremental)"

WASM="$ROOT/target/site/pkg/tessera.wasm"
FIG[wasm_raw]="$(( $(stat -c %s "$WASM") / 1024 )) KiB"
FIG[wasm_gzip]="$(( $(gzip -9 -c "$WASM" | wc -c) / 1024 )) KiB"
FIG[js_gzip]="$(( $(gzip -9 -c "$ROOT/target/site/pkg/tessera.js" | wc -c) / 1024 )) KiB"

BENCH_DIR="$(mktemp -d /tmp/tessera-bench.XXXXXX)"
SERVER_PID=""
stop_server() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() { stop_server; rm -rf "$BENCH_DIR"; pg_stop; }
trap cleanup EXIT
PASSWORD="bench-password-2026"

# run_server NAME: seeds and serves with the DATABASE_URL (and migration URL) in the environment.
run_server() {
  local name="$1" port
  port="$(free_port)"
  ./target/release/tessera seed-demo --password "$PASSWORD" >/dev/null
  TESSERA_ADDR="127.0.0.1:$port" TESSERA_SITE_ROOT="$ROOT/target/site" RUST_LOG=warn \
    ./target/release/tessera serve > "$BENCH_DIR/$name.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  BASE="http://127.0.0.1:$port"
}

sign_in_cookie() {
  curl -sS -o /dev/null -D - -H "Origin: $BASE" \
    --data-urlencode "email=admin.kempenvlug@demo.tessera.test" --data-urlencode "password=$PASSWORD" \
    "$BASE/login" | awk -F'[ ;]' 'tolower($1) == "set-cookie:" { print $2 }' | tail -n 1
}

measure() {
  local name="$1" cookie out
  cookie="$(sign_in_cookie)"
  [ -n "$cookie" ] || die "sign-in failed on $name"
  local url="$BASE/c/vc-kempenvlug-herentals"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url")" = 200 ] || die "club page not 200 on $name"
  wrk -t2 -c8 -d3s -H "Cookie: $cookie" "$url" >/dev/null 2>&1   # warm-up
  out="$(wrk -t2 -c8 -d"$DURATION" --latency -H "Cookie: $cookie" "$url")"
  FIG[${name}_rps]="$(awk '/Requests\/sec/ { print $2 }' <<<"$out")"
  FIG[${name}_p99]="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  FIG[${name}_rss_load]="$(( $(ps -o rss= -p "$SERVER_PID") / 1024 )) MiB"
}

log "SQLite"
export DATABASE_URL="sqlite://$BENCH_DIR/bench.db"
run_server sqlite
sleep 2
FIG[rss_idle]="$(( $(ps -o rss= -p "$SERVER_PID") / 1024 )) MiB"
measure sqlite
stop_server

log "PostgreSQL"
pg_start
pg_create_db tessera_bench
export DATABASE_URL="postgres://tessera_app:app-pw@127.0.0.1:$PG_PORT/tessera_bench"
export DATABASE_MIGRATION_URL="postgres://tessera_owner:owner-pw@127.0.0.1:$PG_PORT/tessera_bench"
run_server postgres
measure postgres
stop_server

cat <<REPORT

Tessera benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, $(rustc --version | awk '{print $1, $2}'))
  cold release build          ${FIG[cold_build]:-not measured (pass --cold)}
  release build               ${FIG[release_build]}
  wasm bundle                 ${FIG[wasm_raw]} raw, ${FIG[wasm_gzip]} gzipped (js glue ${FIG[js_gzip]} gzipped)
  server RSS idle (SQLite)    ${FIG[rss_idle]}
  club home page, 8 connections, signed-in admin (wrk, $DURATION):
    SQLite                    ${FIG[sqlite_rps]} req/s, p99 ${FIG[sqlite_p99]}, RSS ${FIG[sqlite_rss_load]}
    PostgreSQL                ${FIG[postgres_rps]} req/s, p99 ${FIG[postgres_p99]}, RSS ${FIG[postgres_rss_load]}
REPORT

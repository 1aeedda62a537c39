#!/usr/bin/env bash
# Prints Tessera's benchmark figures (not a test: nothing here passes or fails on a number):
#   - cold build time (with --cold: a release build into an empty target directory)
#   - wasm bundle size, raw and gzipped (release, size-optimised profile, wasm-opt)
#   - server RSS when idle
#   - requests/s and p99 latency of a club home page at 8 connections, signed in as the
#     club's admin, on SQLite and on PostgreSQL (wrk)
# With --members, the member register at scale instead (no wasm build; see members_bench):
#   - seed time of 100,000 members in one club, and of 1,000,000 across 1,000 clubs
#   - requests/s, p99 and server RSS for the register's first page, a member page and a
#     name search, at 8 connections as the admin of the first club, on both databases
#   (BENCH_SETS="100k" measures the 100,000-member club only; the default is "100k 1m";
#   BENCH_DBS="postgres" one database only; the default is "sqlite postgres";
#   BENCH_NO_BUILD=1 measures the release binary already built, without building it)
#   (BENCH_PARTS="rights consent retention backup import" measures only those parts beside
#   the register's list, member page and search; empty, the default, measures every part:
#   retention rights consent groups documents dupes reconcile invoices transfers licences
#   dashboard activities mailings reports backup import; licences need transfers, whose session they reuse)
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/bench_rights.sh"
source "$(dirname "$0")/bench_retention.sh"
source "$(dirname "$0")/bench_consent.sh"
source "$(dirname "$0")/bench_backup.sh"
source "$(dirname "$0")/bench_groups.sh"
source "$(dirname "$0")/bench_activities.sh"
source "$(dirname "$0")/bench_mailings.sh"
source "$(dirname "$0")/bench_documents.sh"
source "$(dirname "$0")/bench_dupes.sh"
source "$(dirname "$0")/bench_reconcile.sh" # reconcile
source "$(dirname "$0")/bench_invoices.sh" # invoices (pay20)
source "$(dirname "$0")/bench_reports.sh" # reports
source "$(dirname "$0")/bench_transfers.sh" # xfer18
source "$(dirname "$0")/bench_licences.sh" # licences
source "$(dirname "$0")/bench_dashboard.sh" # dash18

COLD=0
MEMBERS=0
DURATION="${BENCH_DURATION:-15s}"
for a in "$@"; do
  case "$a" in
    --cold) COLD=1 ;;
    --members) MEMBERS=1 ;;
    *) die "unknown option $a (use --cold to include a cold build, --members for the register at scale)" ;;
  esac
done

ensure_toolchain
ensure_postgres
command -v wrk >/dev/null || apt_install wrk
if [ "$MEMBERS" = 0 ]; then
ensure_wasm_bindgen
ensure_cargo_leptos
ensure_wasm_opt
fi

declare -A FIG

# part NAME: true when BENCH_PARTS is empty or names NAME.
part() { [ -z "${BENCH_PARTS:-}" ] || [[ " $BENCH_PARTS " == *" $1 "* ]]; }

if [ "$COLD" = 1 ]; then
  log "cold release build into an empty target directory"
  COLD_DIR="$(mktemp -d /tmp/tessera-cold.XXXXXX)"
  t0=$SECONDS
  CARGO_TARGET_DIR="$COLD_DIR" cargo leptos build --release >/dev/null 2>&1
  FIG[cold_build]="$(( SECONDS - t0 )) s"
  rm -rf "$COLD_DIR"
fi

if [ "$MEMBERS" = 0 ]; then
# lib.sh's RUSTFLAGS (--cfg erase_components) stays on for the release build too: it
# type-erases Leptos views, which takes the gzipped wasm from 453 KiB to 330 KiB.
log "release build"
t0=$SECONDS
cargo leptos build --release --precompress 2>&1 | tail -n 3
FIG[release_build]="$(( SECONDS - t0 )) s (incremental)"

# The file names carry their content's hash (hash-files = true).
WASM="$(ls "$ROOT"/target/site/pkg/tessera.*.wasm | head -n 1)"
JS="$(ls "$ROOT"/target/site/pkg/tessera.*.js | head -n 1)"
FIG[wasm_raw]="$(( $(stat -c %s "$WASM") / 1024 )) KiB"
FIG[wasm_gzip]="$(( $(gzip -9 -c "$WASM" | wc -c) / 1024 )) KiB"
FIG[js_gzip]="$(( $(gzip -9 -c "$JS" | wc -c) / 1024 )) KiB"

FIG[hash]="$(./target/release/tessera bench-hash --iterations 20 | sed 's/.*: //')"
else
  # The register's pages render on the server: the release server binary is all it takes.
  # BENCH_NO_BUILD=1 measures the release binary already in target/ as it is.
  if [ -z "${BENCH_NO_BUILD:-}" ]; then
    log "release build of the server"
    cargo build --release -p tessera_server --bin tessera 2>&1 | tail -n 3
  fi
fi

BENCH_DIR="$(mktemp -d /tmp/tessera-bench.XXXXXX)"
SERVER_PID=""
stop_server() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() { stop_server; smtp_stop; rm -rf "$BENCH_DIR" "${TESSERA_TEST_MAIL_DIR:-/nonexistent}"; pg_stop; }
trap cleanup EXIT
PASSWORD="bench-password-2026"

# run_server NAME: seeds and serves with the DATABASE_URL (and migration URL) in the environment.
run_server() {
  ./target/release/tessera seed-demo --password "$PASSWORD" >/dev/null
  serve_only "$1"
}

# A signed-in session of the club's staff: password, then the authenticator app, enrolled
# here with the key the enrolment hands out (computed with the server's own TOTP code).
sign_in_cookie() {
  local jar="$BENCH_DIR/jar" key code
  rm -f "$jar"
  curl -sS -o /dev/null -c "$jar" -b "$jar" -H "Origin: $BASE" \
    --data-urlencode "email=admin.kempenvlug@demo.tessera.test" --data-urlencode "password=$PASSWORD" "$BASE/login"
  key="$(curl -sS -c "$jar" -b "$jar" -H "Origin: $BASE" -X POST "$BASE/api/totp_setup" | sed -n 's/.*"pending_key":"\([A-Z2-7]*\)".*/\1/p')"
  if [ -n "$key" ]; then
    code="$(python3 -c 'import base64,hmac,struct,sys,time; k=base64.b32decode(sys.argv[1]+"="*(-len(sys.argv[1])%8)); h=hmac.new(k,struct.pack(">Q",int(time.time())//30),"sha1").digest(); o=h[-1]&15; print("%06d"%((struct.unpack(">I",h[o:o+4])[0]&0x7fffffff)%1000000))' "$key")"
    curl -sS -o /dev/null -c "$jar" -b "$jar" -H "Origin: $BASE" --data-urlencode "code=$code" "$BASE/account/two-factor"
  fi
  awk '$6 == "tessera_session" { print $6 "=" $7 }' "$jar" | tail -n 1
}

COOKIE=""
measure() {
  local name="$1" cookie out
  COOKIE="$(sign_in_cookie)"
  cookie="$COOKIE"
  [ -n "$cookie" ] || die "sign-in failed on $name"
  local url="$BASE/c/vc-kempenvlug-herentals"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url")" = 200 ] || die "club page not 200 on $name"
  wrk -t2 -c8 -d3s -H "Cookie: $cookie" "$url" >/dev/null 2>&1   # warm-up
  out="$(wrk -t2 -c8 -d"$DURATION" --latency -H "Cookie: $cookie" "$url")"
  FIG[${name}_rps]="$(awk '/Requests\/sec/ { print $2 }' <<<"$out")"
  FIG[${name}_p99]="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  FIG[${name}_rss_load]="$(( $(ps -o rss= -p "$SERVER_PID") / 1024 )) MiB"
}

# Sign-ins per second at 8 connections (a member: password only), and the club page's
# latency while 50 sign-ins per second run beside it.
cat > "$BENCH_DIR/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "email=member.kempenvlug%40demo.tessera.test&password=$PASSWORD&next=/"
LUA
cat > "$BENCH_DIR/pace.py" <<'PY'
import sys, threading, time, urllib.request, urllib.parse
base, password, rate, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
body = urllib.parse.urlencode({"email": "member.confluent@demo.tessera.test", "password": password, "next": "/"}).encode()
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
opener = urllib.request.build_opener(NoRedirect)
done = [0]
def one():
    req = urllib.request.Request(base + "/login", data=body, headers={"Origin": base})
    try: opener.open(req, timeout=10)
    except Exception: pass
    done[0] += 1
start = time.time(); n = 0
while time.time() - start < seconds:
    threading.Thread(target=one, daemon=True).start(); n += 1
    time.sleep(max(0.0, start + n / rate - time.time()))
print(f"{done[0] / (time.time() - start):.0f}")
PY

measure_sign_ins() {
  local out cookie="$COOKIE" url
  out="$(wrk -t2 -c8 -d10s -s "$BENCH_DIR/login.lua" -H "Origin: $BASE" "$BASE/login")"
  FIG[signins_rps]="$(awk '/Requests\/sec/ { print $2 }' <<<"$out")"
  url="$BASE/c/vc-kempenvlug-herentals"
  python3 "$BENCH_DIR/pace.py" "$BASE" "$PASSWORD" 50 17 > "$BENCH_DIR/pace.out" &
  local pace=$!
  sleep 1
  out="$(wrk -t2 -c8 -d15s --latency -H "Cookie: $cookie" "$url")"
  wait "$pace" || true
  FIG[under_signins_p99]="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  FIG[under_signins_rps]="$(awk '/Requests\/sec/ { print $2 }' <<<"$out")"
  FIG[under_signins_rate]="$(cat "$BENCH_DIR/pace.out")"
}

CLUB="vc-kempenvlug-herentals"
SEARCH="${BENCH_SEARCH:-jans}"   # the start of Janssens, one of the common family names

# wrk_figures KEY URL: requests/s and p99 of URL at 8 connections, with the session cookie.
wrk_figures() {
  local key="$1" url="$2" out code
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$url")"
  [ "$code" = 200 ] || die "$url answered $code"
  wrk -t2 -c8 -d3s -H "Cookie: $COOKIE" "$url" >/dev/null 2>&1   # warm-up
  out="$(wrk -t2 -c8 -d"$DURATION" --latency -H "Cookie: $COOKIE" "$url")"
  FIG[${key}_rps]="$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")"
  FIG[${key}_p99]="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  if grep -q "Non-2xx" <<<"$out"; then FIG[${key}_p99]+=" ($(awk '/Non-2xx/ { print $5 }' <<<"$out") non-2xx!)"; fi
}

# members_dataset KEY SEED-ARGS...: a fresh database (DATABASE_URL is set by the caller),
# seeded with the release binary (timed), then served and measured as the first club's admin.
members_dataset() {
  local key="$1" line t0 t1 html member
  shift
  log "$key: seed-demo $*"
  t0="$(date +%s.%N)"
  line="$(./target/release/tessera seed-demo --password "$PASSWORD" "$@" | grep '^seeded')"
  t1="$(date +%s.%N)"
  FIG[${key}_seed]="$line (command $(python3 -c "print(f'{$t1 - $t0:.1f}')") s with migrations)"
  # PostgreSQL: vacuumed and analysed first, as autovacuum does within a minute or so of a
  # bulk load, so the figures are not those of autovacuum running beside the load.
  # (As the schema's owner: the system catalogs it may not vacuum are skipped quietly.)
  if [ -n "${DATABASE_MIGRATION_URL:-}" ]; then
    PGOPTIONS="-c client_min_messages=error" psql -q "$DATABASE_MIGRATION_URL" -c "VACUUM ANALYZE"
  fi
  if part retention; then bench_retention "$key" || FIG[${key}_failed]+="retention "; fi
  if part transfers; then bench_transfers_setup; fi # xfer18: licensed people for the federation search
  serve_only "$key"
  COOKIE="$(sign_in_cookie)"
  [ -n "$COOKIE" ] || die "sign-in failed on $key"
  html="$(curl -sS -H "Cookie: $COOKIE" "$BASE/c/$CLUB/members")"
  member="$(grep -o "/c/$CLUB/members/[0-9][0-9]*" <<<"$html" | head -n 1)"
  [ -n "$member" ] || die "no member link on the register page ($key)"
  wrk_figures "${key}_list" "$BASE/c/$CLUB/members"
  wrk_figures "${key}_member" "$BASE$member"
  wrk_figures "${key}_search" "$BASE/c/$CLUB/members?q=$SEARCH"
  if part rights; then bench_rights "$key" || FIG[${key}_failed]+="rights "; fi
  if [[ "$key" == *_100k ]] && part consent; then bench_consent "$key" || FIG[${key}_failed]+="consent "; fi
  if part groups; then bench_groups "$key" || FIG[${key}_failed]+="groups "; fi
  if part documents; then bench_documents "$key" || FIG[${key}_failed]+="documents "; fi
  if part dupes; then bench_dupes "$key" || FIG[${key}_failed]+="dupes "; fi
  if part reconcile; then bench_reconcile "$key" || FIG[${key}_failed]+="reconcile "; fi # reconcile
  if [[ "$key" == *_100k ]] && part invoices; then bench_invoices "$key" || FIG[${key}_failed]+="invoices "; fi # invoices (pay20)
  if part transfers; then bench_transfers "$key" || FIG[${key}_failed]+="transfers "; fi # xfer18
  if [[ "$key" == *_1m ]] && part licences; then bench_licences "$key" || FIG[${key}_licence_club]="failed"; fi # licences (1,000 members per club)
  if [[ "$key" == *_1m ]] && part dashboard; then bench_dashboard "$key" || FIG[${key}_failed]+="dashboard "; fi # dash18 (1,000 clubs)
  if [[ "$key" == *_100k ]]; then
    if part activities; then bench_activities "$key" || FIG[${key}_failed]+="activities "; fi
    if part mailings; then bench_mailings "$key" || FIG[${key}_failed]+="mailings "; fi
  fi
  if [[ "$key" == *_100k ]] && part reports; then bench_reports "$key" || FIG[${key}_failed]+="reports "; fi # reports (after the others: it issues 100,000 invoices)
  FIG[${key}_rss]="$(awk '/VmHWM/ { hwm = int($2 / 1024) } /VmRSS/ { rss = int($2 / 1024) } END { print "peak " hwm " MiB, now " rss " MiB" }' "/proc/$SERVER_PID/status")"
  stop_server
  if part backup; then bench_backup "$key" || FIG[${key}_failed]+="backup "; fi
  # The CSV import of 100,000 rows into the measured club (once into the big club), and
  # the same file again (everything a duplicate: nothing added).
  if [[ "$key" == *_100k ]] && part import; then
    [ -f "$BENCH_DIR/import.csv" ] || ./target/release/tessera gen-import-csv --rows 100000 --out "$BENCH_DIR/import.csv" >/dev/null
    local n
    for n in first again; do
      log "$key: import-members ($n)"
      FIG[${key}_import_$n]="$(./target/release/tessera import-members --club "$CLUB" --file "$BENCH_DIR/import.csv" 2>/dev/null | grep '^added' || echo failed)"
    done
  fi
}

serve_only() {
  local port
  port="$(free_port)"
  # Mail goes to the SMTP sink, and the mailing job runs unthrottled so its own speed shows.
  TESSERA_ADDR="127.0.0.1:$port" TESSERA_SITE_ROOT="$ROOT/target/site" RUST_LOG=warn \
    TESSERA_SMTP_URL="${TESSERA_TEST_SMTP_URL:-}" TESSERA_MAIL_RATE=100000 \
    ./target/release/tessera serve > "$BENCH_DIR/$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  BASE="http://127.0.0.1:$port"
  wait_idle "$1"
}

# wait_idle KEY: waits (at most 15 minutes) until the server just started has finished its
# first run of the daily jobs (retention, usage, the dashboards' counts, each club's
# reminders): the server's and the database's processes use less than 5 % of a core over
# two seconds. At 1,000 clubs that run takes minutes, and figures taken beside it measured
# the jobs as much as the requests. FIG[KEY_settle] tells how long it took.
wait_idle() {
  local t0 busy
  t0="$(date +%s)"
  while [ $(( $(date +%s) - t0 )) -lt 900 ]; do
    busy="$(cpu_ticks)"; sleep 2; busy=$(( $(cpu_ticks) - busy ))
    # 100 ticks a second: under 5 % of a core over 2 s is under 10 ticks.
    [ "$busy" -lt 10 ] && break
  done
  FIG[${1}_settle]="$(( $(date +%s) - t0 )) s"
}

# cpu_ticks: the user and system ticks so far of the server and of PostgreSQL's processes.
cpu_ticks() {
  local pids p total=0
  pids="$SERVER_PID $(pgrep -x postgres 2>/dev/null | tr '\n' ' ')"
  for p in $pids; do
    [ -r "/proc/$p/stat" ] || continue
    total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

members_bench() {
  local db
  ensure_smtp_sink
  smtp_start
  for db in ${BENCH_DBS:-sqlite postgres}; do
    for set in ${BENCH_SETS:-100k 1m}; do
      if [ "$db" = sqlite ]; then
        export DATABASE_URL="sqlite://$BENCH_DIR/members-$set.db"
        unset DATABASE_MIGRATION_URL
      else
        [ -n "$PG_DIR" ] || pg_start
        pg_create_db "tessera_members_$set"
        export DATABASE_URL="postgres://tessera_app:app-pw@127.0.0.1:$PG_PORT/tessera_members_$set"
        export DATABASE_MIGRATION_URL="postgres://tessera_owner:owner-pw@127.0.0.1:$PG_PORT/tessera_members_$set"
      fi
      case "$set" in
        100k) members_dataset "${db}_100k" --members 100000 --clubs 1 ;;
        1m) members_dataset "${db}_1m" --members 1000 --clubs 1000 ;;
      esac
      # Each dataset's raw figures as soon as they are measured, so a later failure loses
      # nothing (also kept in target/bench-figures.txt).
      # (An if, not `&&`: under pipefail a last key of another dataset would end the run.)
      for f in "${!FIG[@]}"; do
        if [[ "$f" == "${db}_${set}"_* ]]; then printf 'figure %s = %s\n' "$f" "${FIG[$f]}"; fi
      done | sort | tee -a "$ROOT/target/bench-figures.txt"
      if [ "$db" = sqlite ]; then rm -f "$BENCH_DIR/members-$set.db"*; fi
    done
  done
  row() { printf '    %-26s %8s req/s  p99 %-10s\n' "$1" "${FIG[${2}_rps]:-?}" "${FIG[${2}_p99]:-not measured}"; }
  echo
  echo "Tessera member register at scale ($(date -u +%Y-%m-%d), $(nproc) cores, wrk 8 connections, $DURATION each, signed in as the first club's admin)"
  for db in ${BENCH_DBS:-sqlite postgres}; do
    for set in ${BENCH_SETS:-100k 1m}; do
      local k="${db}_${set}"
      if [ "$set" = 100k ]; then echo "  $db, 100,000 members in one club:"; else echo "  $db, 1,000,000 members in 1,000 clubs (the club measured has 1,000):"; fi
      echo "    seed: ${FIG[${k}_seed]:-not measured}"
      echo "    first daily run (waited):   ${FIG[${k}_settle]:-not measured}"
      row "register, first page" "${k}_list"
      row "member page" "${k}_member"
      row "search q=$SEARCH" "${k}_search"
      row "My-data download (zip)" "${k}_mydata"
      echo "    server RSS under load       ${FIG[${k}_rss]:-not measured}"
      bench_retention_print "$k"
      bench_groups_print "$k"
      bench_documents_print "$k"
      bench_dupes_print "$k"
      bench_reconcile_print "$k" # reconcile
      if [ "$set" = 100k ]; then bench_invoices_print "$k"; fi # invoices (pay20)
      bench_transfers_print "$k" # xfer18
      bench_licences_print "$k" # licences
      if [ "$set" = 1m ]; then bench_dashboard_print "$k"; fi # dash18
      if [ "$set" = 100k ]; then bench_activities_print "$k"; bench_mailings_print "$k"; fi
      if [ "$set" = 100k ]; then bench_reports_print "$k"; fi # reports
      echo "    backup (plain; encrypted):  ${FIG[${k}_backup]:-not measured}; ${FIG[${k}_backup_sealed]:-not measured}"
      echo "    restore:                    ${FIG[${k}_restore]:-not measured}"
      if [ "$set" = 100k ]; then
        echo "    CSV import, 100,000 rows:   ${FIG[${k}_import_first]:-not measured}"
        echo "    the same file again:        ${FIG[${k}_import_again]:-not measured}"
        echo "    export 10,000, CSV:         ${FIG[${k}_export_csv]:-not measured}"
        echo "    export 10,000, XLSX:        ${FIG[${k}_export_xlsx]:-not measured}"
      fi
    done
  done
}

if [ "$MEMBERS" = 1 ]; then
  members_bench
  exit 0
fi

log "SQLite"
export DATABASE_URL="sqlite://$BENCH_DIR/bench.db"
run_server sqlite
sleep 2
FIG[rss_idle]="$(( $(ps -o rss= -p "$SERVER_PID") / 1024 )) MiB"
measure sqlite
measure_sign_ins
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
  argon2id per hash           ${FIG[hash]}
  wasm bundle                 ${FIG[wasm_raw]} raw, ${FIG[wasm_gzip]} gzipped (js glue ${FIG[js_gzip]} gzipped)
  server RSS idle (SQLite)    ${FIG[rss_idle]}
  club home page, 8 connections, signed-in admin (wrk, $DURATION):
    SQLite                    ${FIG[sqlite_rps]} req/s, p99 ${FIG[sqlite_p99]}, RSS ${FIG[sqlite_rss_load]}
    PostgreSQL                ${FIG[postgres_rps]} req/s, p99 ${FIG[postgres_p99]}, RSS ${FIG[postgres_rss_load]}
  sign-ins (SQLite, 8 connections)  ${FIG[signins_rps]} /s
  club page while ${FIG[under_signins_rate]} sign-ins/s run (SQLite): ${FIG[under_signins_rps]} req/s, p99 ${FIG[under_signins_p99]}
REPORT

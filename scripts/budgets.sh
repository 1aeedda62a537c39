#!/usr/bin/env bash
# Checks Tessera's delivery budgets on a release build, as a phone would receive the pages:
#   - Lighthouse 12.2.3 (npm, pinned) in its mobile profile, in Debian's Chromium, on the
#     landing page, sign-in, a club home, the member register (100 rows: `per=100`, in a
#     club of 150 members), a member page and a registration form (signed in as the club's
#     administrator where the page needs it): performance >= 95, accessibility 100, best
#     practices >= 95, total blocking time < 150 ms on each;
#   - the wasm and JS a club page loads, Brotli-compressed as served: <= 150 KiB together;
#   - the register page's HTML, Brotli-compressed as served: <= 40 KB.
# Prints every figure (gzip beside Brotli, and the raw sizes) and exits non-zero when a
# budget is missed. SQLite only: the budgets are about what is sent, not the database.
source "$(dirname "$0")/lib.sh"

LIGHTHOUSE_VERSION="12.2.3"
CLUB="vc-kempenvlug-herentals"
FORM="word-lid"
PASSWORD="budgets-password-2026"

ensure_toolchain
ensure_wasm_bindgen
ensure_cargo_leptos
ensure_wasm_opt
ensure_chromium
ensure_node
if [ "$(node -p "try { require('$ROOT/.tools/node_modules/lighthouse/package.json').version } catch (e) { '' }")" != "$LIGHTHOUSE_VERSION" ]; then
  log "installing Lighthouse $LIGHTHOUSE_VERSION (npm) into .tools/"
  mkdir -p "$ROOT/.tools"
  npm install --prefix "$ROOT/.tools" --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi
LIGHTHOUSE="$ROOT/.tools/node_modules/.bin/lighthouse"

# The release build as bench.sh makes it (lib.sh's RUSTFLAGS stay on), with the static
# files precompressed (.br and .gz beside each, served as they are).
log "release build (cargo leptos build --release --precompress)"
cargo leptos build --release --precompress 2>&1 | tail -n 3

WORK="$(mktemp -d /tmp/tessera-budgets.XXXXXX)"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export DATABASE_URL="sqlite://$WORK/budgets.db"
log "seeding the demo dataset (150 members per club)"
./target/release/tessera seed-demo --members 150 --password "$PASSWORD" >/dev/null
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
TESSERA_ADDR="127.0.0.1:$PORT" TESSERA_SITE_ROOT="$ROOT/target/site" RUST_LOG=warn \
  ./target/release/tessera serve > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "$BASE/healthz" >/dev/null || { cat "$WORK/server.log"; die "the server did not start"; }

# A signed-in session of the club's administrator: password, then the authenticator app,
# enrolled with the key the enrolment hands out (the code computed as bench.sh does).
sign_in_cookie() {
  local jar="$WORK/jar" key code
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
COOKIE="$(sign_in_cookie)"
[ -n "$COOKIE" ] || die "the administrator could not sign in"

REGISTER="$BASE/c/$CLUB/members?per=100"
curl -sS -H "Cookie: $COOKIE" "$REGISTER" > "$WORK/register.html"
MEMBER="$(grep -o "/c/$CLUB/members/[0-9][0-9]*" "$WORK/register.html" | sed -n 1p)"
[ -n "$MEMBER" ] || die "no member link on the register page"
ROWS="$(grep -o '<tr' "$WORK/register.html" | wc -l)"
ROWS=$(( ROWS > 0 ? ROWS - 1 : 0 ))   # less the header row

# size URL ENCODING [COOKIE]: the bytes of the body as sent with that Accept-Encoding.
size() {
  local h=()
  [ -n "${3:-}" ] && h=(-H "Cookie: $3")
  curl -sS -o /dev/null -w '%{size_download}' -H "Accept-Encoding: $2" "${h[@]}" "$1"
}
# encoding URL ENCODING: the Content-Encoding the server answers with.
encoding() {
  curl -sS -o /dev/null -D - -H "Accept-Encoding: $2" "$1" | tr -d '\r' | awk -F': ' 'tolower($1) == "content-encoding" { print $2 }'
}

FAILED=()
check() {   # check NAME OK(0/1) TEXT
  if [ "$2" = 1 ]; then printf '  %-44s %s\n' "$1" "$3"; else printf '  %-44s %s   MISSED\n' "$1" "$3"; FAILED+=("$1"); fi
}

CLUB_HTML="$(curl -sS -H "Cookie: $COOKIE" "$BASE/c/$CLUB")"
CSS="$(grep -o '/pkg/[^"]*\.css' <<<"$CLUB_HTML" | sed -n 1p)"
JS="$(grep -o '/pkg/[^"]*\.js' <<<"$CLUB_HTML" | sed -n 1p)"
WASM="$(grep -o '/pkg/[^"]*\.wasm' <<<"$CLUB_HTML" | sed -n 1p)"
[ -n "$JS" ] && [ -n "$WASM" ] && [ -n "$CSS" ] || die "the club page names no stylesheet, module or wasm"
[ "$(encoding "$BASE$WASM" br)" = br ] || die "the wasm is not served with Brotli"

declare -A SZ
for f in CSS JS WASM; do
  for e in identity br gzip; do SZ[$f.$e]="$(size "$BASE${!f}" "$e")"; done
done
for e in identity br gzip; do SZ[REG.$e]="$(size "$REGISTER" "$e" "$COOKIE")"; done
kib() { python3 -c "print(f'{$1 / 1024:.1f}')"; }
kb() { python3 -c "print(f'{$1 / 1000:.1f}')"; }

# lighthouse NAME URL [COOKIE]: the scores of one page (mobile profile, simulated throttling).
declare -A LH
lighthouse_page() {
  local name="$1" url="$2" cookie="${3:-}" out="$WORK/lh-$1.json" headers=()
  [ -n "$cookie" ] && headers=(--extra-headers "{\"Cookie\": \"$cookie\"}")
  CHROME_PATH=/usr/bin/chromium "$LIGHTHOUSE" "$url" --quiet \
    --only-categories=performance,accessibility,best-practices \
    --output=json --output-path="$out" "${headers[@]}" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic" \
    >/dev/null 2>"$WORK/lh-$name.log" || { tail -n 20 "$WORK/lh-$name.log"; die "Lighthouse failed on $name"; }
  LH[$name]="$(node -e '
    const r = require(process.argv[1]);
    const s = (c) => Math.round((r.categories[c]?.score ?? 0) * 100);
    const tbt = Math.round(r.audits["total-blocking-time"].numericValue);
    const failed = (c) => r.categories[c].auditRefs
      .filter((a) => a.weight > 0 && r.audits[a.id].score !== null && r.audits[a.id].score < 1)
      .map((a) => a.id);
    console.log([s("performance"), s("accessibility"), s("best-practices"), tbt,
      [...failed("accessibility"), ...failed("best-practices")].join(",") || "-"].join(" "));
  ' "$out")"
}

log "Lighthouse $LIGHTHOUSE_VERSION (mobile) on six pages"
lighthouse_page landing "$BASE/"
lighthouse_page sign-in "$BASE/login"
lighthouse_page club-home "$BASE/c/$CLUB" "$COOKIE"
lighthouse_page register "$REGISTER" "$COOKIE"
lighthouse_page member "$BASE$MEMBER" "$COOKIE"
lighthouse_page join-form "$BASE/c/$CLUB/join/$FORM"

echo
echo "Tessera delivery budgets ($(date -u +%Y-%m-%d), release build, Lighthouse $LIGHTHOUSE_VERSION mobile, $(chromium --version 2>/dev/null | awk '{print $1, $2}'))"
printf '  %-12s %5s %6s %6s %8s  %s\n' page perf a11y best tbt "audits below 1 (a11y, best practices)"
for p in landing sign-in club-home register member join-form; do
  read -r perf a11y best tbt audits <<<"${LH[$p]}"
  printf '  %-12s %5s %6s %6s %6s ms  %s\n' "$p" "$perf" "$a11y" "$best" "$tbt" "$audits"
done
echo
echo "  sizes as served (raw / Brotli / gzip):"
printf '    %-30s %9s / %9s / %9s bytes\n' "stylesheet ($CSS)" "${SZ[CSS.identity]}" "${SZ[CSS.br]}" "${SZ[CSS.gzip]}"
printf '    %-30s %9s / %9s / %9s bytes\n' "module ($JS)" "${SZ[JS.identity]}" "${SZ[JS.br]}" "${SZ[JS.gzip]}"
printf '    %-30s %9s / %9s / %9s bytes\n' "wasm ($WASM)" "${SZ[WASM.identity]}" "${SZ[WASM.br]}" "${SZ[WASM.gzip]}"
printf '    %-30s %9s / %9s / %9s bytes\n' "register HTML ($ROWS rows)" "${SZ[REG.identity]}" "${SZ[REG.br]}" "${SZ[REG.gzip]}"
echo
code_br=$(( SZ[JS.br] + SZ[WASM.br] ))
code_gz=$(( SZ[JS.gzip] + SZ[WASM.gzip] ))
echo "  budgets:"
check "wasm + JS of a club page <= 150 KiB (br)" "$(( code_br <= 150 * 1024 ))" "$(kib $code_br) KiB br, $(kib $code_gz) KiB gzip"
check "register HTML <= 40 KB (br)" "$(( SZ[REG.br] <= 40000 ))" "$(kb "${SZ[REG.br]}") KB br, $(kb "${SZ[REG.gzip]}") KB gzip, $(kb "${SZ[REG.identity]}") KB raw"
for p in landing sign-in club-home register member join-form; do
  read -r perf a11y best tbt _ <<<"${LH[$p]}"
  check "$p: perf >= 95, a11y 100, best >= 95, TBT < 150" \
    "$(( perf >= 95 && a11y >= 100 && best >= 95 && tbt < 150 ))" "$perf / $a11y / $best / $tbt ms"
done
if [ ${#FAILED[@]} -gt 0 ]; then
  echo
  echo "budgets missed: ${#FAILED[@]}"
  exit 1
fi
echo
echo "every budget met"

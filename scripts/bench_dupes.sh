# Duplicate detection (issue 19), measured per dataset by scripts/bench.sh's
# members_dataset: requests/s and p99 of POST /api/member_duplicates (the possible
# duplicates of one record: the two index lookups a staff member's "add" and the member
# page make) at 8 connections, signed in as the club's administrator.
# Needs BASE, CLUB, COOKIE, BENCH_DIR, DURATION and FIG from bench.sh; target p99 < 25 ms.

# bench_dupes KEY: FIG[KEY_dupes_rps], FIG[KEY_dupes_p99].
bench_dupes() {
  local key="$1" html member url out code
  html="$(curl -sS -H "Cookie: $COOKIE" "$BASE/c/$CLUB/members")"
  member="$(grep -o "/c/$CLUB/members/[0-9][0-9]*" <<<"$html" | head -n 1 | sed 's#.*/##')"
  [ -n "$member" ] || { FIG[${key}_dupes_p99]="no member on the register page"; return; }
  url="$BASE/api/member_duplicates"
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" -H "Origin: $BASE" \
    -H 'Accept: application/json' --data "club=$CLUB&id=$member" "$url")"
  [ "$code" = 200 ] || { FIG[${key}_dupes_p99]="$url answered $code"; return; }
  cat > "$BENCH_DIR/dupes.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Origin"] = "$BASE"
wrk.headers["Cookie"] = "$COOKIE"
wrk.body = "club=$CLUB&id=$member"
LUA
  wrk -t2 -c8 -d3s -s "$BENCH_DIR/dupes.lua" "$url" >/dev/null 2>&1   # warm-up
  out="$(wrk -t2 -c8 -d"$DURATION" --latency -s "$BENCH_DIR/dupes.lua" "$url")"
  FIG[${key}_dupes_rps]="$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")"
  FIG[${key}_dupes_p99]="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  if grep -q "Non-2xx" <<<"$out"; then FIG[${key}_dupes_p99]+=" ($(awk '/Non-2xx/ { print $5 }' <<<"$out") non-2xx!)"; fi
}

# bench_dupes_print KEY: one line of the figures.
bench_dupes_print() {
  local key="$1"
  echo "duplicate lookup ($key): ${FIG[${key}_dupes_rps]:-?} req/s, p99 ${FIG[${key}_dupes_p99]:-?} (target < 25 ms)"
}

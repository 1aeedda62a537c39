# The My-data download (issue 17), measured per dataset by scripts/bench.sh's
# members_dataset: requests/s and p99 of POST /c/$CLUB/me/privacy/download (a zip of
# everything the club holds about the demo member, produced at once and logged) at 8
# connections, signed in as the club's demo member (no second factor for members).
# Needs BASE, CLUB, PASSWORD, BENCH_DIR, DURATION and FIG from bench.sh; target p99 < 50 ms.

# rights_cookie: a signed-in session of member.kempenvlug.
rights_cookie() {
  local jar="$BENCH_DIR/rights.jar"
  rm -f "$jar"
  curl -sS -o /dev/null -c "$jar" -b "$jar" -H "Origin: $BASE" \
    --data-urlencode "email=member.kempenvlug@demo.tessera.test" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "next=/" "$BASE/login"
  awk '$6 == "tessera_session" { print $6 "=" $7 }' "$jar" | tail -n 1
}

# bench_rights KEY: FIG[KEY_mydata_rps], FIG[KEY_mydata_p99], FIG[KEY_mydata_size].
bench_rights() {
  local key="$1" cookie url out code
  cookie="$(rights_cookie)"
  [ -n "$cookie" ] || die "the demo member's sign-in failed ($key)"
  url="$BASE/c/$CLUB/me/privacy/download"
  code="$(curl -s -o "$BENCH_DIR/my-data.zip" -w '%{http_code}' -H "Cookie: $cookie" -H "Origin: $BASE" \
    -H "Sec-Fetch-Site: same-origin" --data "child=" "$url")"
  [ "$code" = 200 ] || die "$url answered $code"
  unzip -l "$BENCH_DIR/my-data.zip" 2>/dev/null | grep -q my-data.json || python3 -c \
    'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).getinfo("my-data.json")' "$BENCH_DIR/my-data.zip" \
    || die "the download has no my-data.json ($key)"
  FIG[${key}_mydata_size]="$(stat -c %s "$BENCH_DIR/my-data.zip") bytes"
  cat > "$BENCH_DIR/mydata.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = "$BASE"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.headers["Cookie"] = "$cookie"
wrk.body = "child="
LUA
  wrk -t2 -c8 -d3s -s "$BENCH_DIR/mydata.lua" "$url" >/dev/null 2>&1   # warm-up
  out="$(wrk -t2 -c8 -d"$DURATION" --latency -s "$BENCH_DIR/mydata.lua" "$url")"
  FIG[${key}_mydata_rps]="$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")"
  FIG[${key}_mydata_p99]="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  if grep -q "Non-2xx" <<<"$out"; then FIG[${key}_mydata_p99]+=" ($(awk '/Non-2xx/ { print $5 }' <<<"$out") non-2xx!)"; fi
}

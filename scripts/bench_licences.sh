# Benchmark of licences (issue 18): licensing a whole club in one request (target < 1 s for
# 1,000 members): the federation opens a new season, then the club's admin requests a
# licence for every member of the register (`all=on`, no filter) in one POST of
# `request_licences`, which copies each member's shared fields into the federation and
# gives the new people their licence numbers, in one transaction. Five runs, each in a
# season of its own (so every run licenses the whole club anew). Sourced by bench.sh;
# members_dataset calls bench_licences KEY while the server runs ($BASE, $COOKIE, $CLUB set,
# FIG[...] filled).

# A signed-in session of the demo federation's staff (password and second factor, enrolled
# here as sign_in_cookie does for the club's admin).
lic_fed_cookie() {
  local jar="$BENCH_DIR/fedjar" key code cookie
  # The transfers bench signed the federation in on this server already (second factor
  # enrolled then: a new sign-in could not enrol it again): reuse that session if it works.
  cookie="$(awk '$6 == "tessera_session" { print $6 "=" $7 }' "$jar" 2>/dev/null | tail -n 1)"
  if [ -n "$cookie" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$BASE/f/bsf/licences")" = 200 ]; then
    printf '%s\n' "$cookie"
    return
  fi
  rm -f "$jar"
  curl -sS -o /dev/null -c "$jar" -b "$jar" -H "Origin: $BASE" \
    --data-urlencode "email=federation@demo.tessera.test" --data-urlencode "password=$PASSWORD" "$BASE/login"
  key="$(curl -sS -c "$jar" -b "$jar" -H "Origin: $BASE" -X POST "$BASE/api/totp_setup" | sed -n 's/.*"pending_key":"\([A-Z2-7]*\)".*/\1/p')"
  if [ -n "$key" ]; then
    code="$(python3 -c 'import base64,hmac,struct,sys,time; k=base64.b32decode(sys.argv[1]+"="*(-len(sys.argv[1])%8)); h=hmac.new(k,struct.pack(">Q",int(time.time())//30),"sha1").digest(); o=h[-1]&15; print("%06d"%((struct.unpack(">I",h[o:o+4])[0]&0x7fffffff)%1000000))' "$key")"
    curl -sS -o /dev/null -c "$jar" -b "$jar" -H "Origin: $BASE" --data-urlencode "code=$code" "$BASE/account/two-factor"
  fi
  awk '$6 == "tessera_session" { print $6 "=" $7 }' "$jar" | tail -n 1
}

# bench_licences KEY: FIG[KEY_licence_club] = the times of licensing the whole club, five
# runs, and how many licences one run made.
bench_licences() {
  local key="$1" fed season category times="" n="" i t out y
  fed="$(lic_fed_cookie)"
  if [ -z "$fed" ]; then FIG[${key}_licence_club]="federation sign-in failed"; return; fi
  category="$(curl -sS -H "Cookie: $fed" -H "Origin: $BASE" -d "federation=bsf&season=&status=approved" \
    "$BASE/api/fed_licences" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(next(c["id"] for c in d["categories"] if c["name"] == "Recreational"))')"
  for i in 1 2 3 4 5; do
    y=$((2100 + i * 2))
    curl -sS -o /dev/null -H "Cookie: $fed" -H "Origin: $BASE" \
      -d "federation=bsf&name=Bench+$y&starts_on=$y-09-01&ends_on=$((y + 1))-08-31" "$BASE/api/add_fed_season"
    season="$(curl -sS -H "Cookie: $fed" -H "Origin: $BASE" -d "federation=bsf&season=&status=" \
      "$BASE/api/fed_licences" | python3 -c "import json,sys; d=json.load(sys.stdin); print(next(s['id'] for s in d['seasons'] if s['name'] == 'Bench $y'))")"
    out="$(curl -sS -w '\n%{http_code} %{time_total}' -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
      -d "club=$CLUB&federation=bsf&season=$season&category=$category&all=on&q=&status=&fed%5Blevel%5D=Recreatief" "$BASE/api/request_licences")"
    t="$(tail -n 1 <<<"$out")"
    if [ "${t%% *}" != 200 ]; then FIG[${key}_licence_club]="HTTP ${t%% *}: $(head -c 200 <<<"$out")"; return; fi
    n="$(head -n 1 <<<"$out" | sed -n 's/.*"requested":\([0-9]*\).*/\1/p')"
    times+="$(awk -v s="${t##* }" 'BEGIN { printf "%.0f ms ", s * 1000 }')"
  done
  FIG[${key}_licence_club]="$n licences per run: $times"
}

# bench_licences_print KEY: the lines of the report.
bench_licences_print() {
  local key="$1"
  echo "    licensing the whole club:   ${FIG[${key}_licence_club]:-not measured}"
}

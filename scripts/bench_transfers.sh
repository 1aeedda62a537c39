# A federation's search of its licensed people (issue 18, item 4; xfer18), measured per
# dataset by scripts/bench.sh's members_dataset: requests/s and p99 of the search page
# GET /f/bsf/people?q=PREFIX (the first page of 25 across every affiliated club, each
# page logged in each club it shows) and of a search by licence number, at 8 connections,
# signed in as the demo federation's staff (federation@…). Target p99 < 25 ms.
# Needs BASE, BENCH_DIR, DURATION, PASSWORD and FIG from bench.sh (and DATABASE_URL /
# DATABASE_MIGRATION_URL for the setup below); run it while the server is up.

FED="bsf"
FED_SEARCH="${BENCH_FED_SEARCH:-jans}"

# BENCH SETUP, NOT THE PRODUCT (clearly marked: to go once lic18's bulk licensing seed is
# merged): the demo seed licenses only a few people; this licenses every member of the
# federation's clubs that is not restricted, with one INSERT … SELECT, and accepts sharing
# terms (names, birth date, gender) for clubs that have none. Run before serving.
bench_transfers_setup() {
  local sql
  sql="
    UPDATE affiliations SET shared_fields = 'given_name family_name birth_date gender',
      terms_version = 1, accepted_at = 0, accepted_by_name = 'bench'
      WHERE accepted_at IS NULL AND status = 'active'
      AND federation_id = (SELECT id FROM tenants WHERE slug = '$FED' AND kind = 'federation');
    INSERT INTO fed_people (tenant_id, id, licence_number, given_name, family_name, birth_date,
      gender, shared, club_id, member_id, restricted, created_at, updated_at, updated_by_name)
    SELECT f.id, m.id, 'B' || m.id, m.given_name, m.family_name, m.birth_date, m.gender, '{}',
      m.tenant_id, m.id, RESTRICTED_FALSE, 0, 0, 'bench'
    FROM members m JOIN tenants c ON c.id = m.tenant_id
      JOIN tenants f ON f.id = c.parent_id AND f.slug = '$FED' AND f.kind = 'federation'
    WHERE m.restricted_at IS NULL AND m.erased_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM fed_people p WHERE p.tenant_id = f.id
                      AND p.club_id = m.tenant_id AND p.member_id = m.id);"
  if [ -n "${DATABASE_MIGRATION_URL:-}" ]; then
    # As the owner, through the maintenance policy of row-level security (migration 0018).
    PGOPTIONS="-c client_min_messages=error" psql -q "$DATABASE_MIGRATION_URL" -v ON_ERROR_STOP=1 \
      -c "SELECT set_config('app.maintenance', 'on', false); ${sql//RESTRICTED_FALSE/FALSE} ANALYZE fed_people;" >/dev/null
  else
    # No ANALYZE on SQLite: Tessera never gathers statistics there (`Db::analyze` is for
    # PostgreSQL), so its plans are those of a database without them. Statistics left
    # behind here changed the plans of every later part of the run (the groups page fell
    # from 219 to 19 requests/s, My data from about 560 to 183).
    sqlite3 "${DATABASE_URL#sqlite://}" "${sql//RESTRICTED_FALSE/0}"
  fi
}

# The federation staff's session (password, then the authenticator app, as sign_in_cookie).
bench_transfers_cookie() {
  local jar="$BENCH_DIR/fedjar" key code
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

# bench_transfers_one KEY NAME URL COOKIE
bench_transfers_one() {
  local key="$1" name="$2" url="$3" cookie="$4" code out
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url")"
  [ "$code" = 200 ] || { FIG[${key}_${name}_p99]="$url answered $code"; return; }
  wrk -t2 -c8 -d3s -H "Cookie: $cookie" "$url" >/dev/null 2>&1   # warm-up
  out="$(wrk -t2 -c8 -d"$DURATION" --latency -H "Cookie: $cookie" "$url")"
  FIG[${key}_${name}_rps]="$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")"
  FIG[${key}_${name}_p99]="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  if grep -q "Non-2xx" <<<"$out"; then FIG[${key}_${name}_p99]+=" ($(awk '/Non-2xx/ { print $5 }' <<<"$out") non-2xx!)"; fi
}

# bench_transfers KEY: FIG[KEY_fedsearch_*], FIG[KEY_fedlicence_*], FIG[KEY_fedpeople].
# The setup writes the database: call it with the server stopped (SQLite's one writer),
# then serve; or set BENCH_TRANSFERS_SETUP=done when it already ran.
bench_transfers() {
  local key="$1" cookie html number
  cookie="$(bench_transfers_cookie)"
  [ -n "$cookie" ] || { FIG[${key}_fedsearch_p99]="federation sign-in failed"; return; }
  bench_transfers_one "$key" fedsearch "$BASE/f/$FED/people?q=$FED_SEARCH" "$cookie"
  html="$(curl -sS -H "Cookie: $cookie" "$BASE/f/$FED/people?q=$FED_SEARCH")"
  number="$(grep -o "href=\"/f/$FED/people/[0-9]*\">[^<]*" <<<"$html" | head -n 1 | sed 's/.*>//')"
  if [ -n "$number" ]; then
    bench_transfers_one "$key" fedlicence "$BASE/f/$FED/people?q=$number" "$cookie"
  fi
}

# bench_transfers_print KEY: the figures.
bench_transfers_print() {
  local key="$1"
  echo "    federation search q=$FED_SEARCH:  ${FIG[${key}_fedsearch_rps]:-?} req/s, p99 ${FIG[${key}_fedsearch_p99]:-?} (target < 25 ms)"
  echo "    federation search by licence: ${FIG[${key}_fedlicence_rps]:-?} req/s, p99 ${FIG[${key}_fedlicence_p99]:-?}"
}

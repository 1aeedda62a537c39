# Benchmark of issuing a season's invoices (issue 20, pay20), in the club of the dataset
# (100,000 members), on SQLite and PostgreSQL. Sourced by bench.sh; members_dataset calls
# bench_invoices KEY while the server runs ($BASE, $COOKIE, $CLUB set, FIG[...] filled).
#
# - generating a season's invoices for 10,000 members (target < 10 s, PDFs measured
#   apart): a season of its own far in the future with one membership fee, then the whole
#   `generate_invoices` call as curl sees it (the members read, priced per payer with the
#   family rules, numbered without gaps under the lock, invoices and lines stored), for
#   the ids of the register's first 10,000 rows; then the same call again (nobody twice:
#   nothing issued);
# - the PDFs apart: 100 invoices' PDFs fetched one after the other (rendered on each
#   download), the mean per PDF and what 10,000 would take at that pace.
#
# BENCH_INVOICES_N (default 10000) and BENCH_INVOICES_PDFS (default 100) change the sizes,
# e.g. for a run against a debug server.

# invoices_api ENDPOINT ARGS: POSTs ARGS to the server function, prints "CODE BODY".
invoices_api() {
  curl -sS -w '\n%{http_code}' -H "Cookie: $COOKIE" -H "Origin: $BASE" \
    -H 'Accept: application/json' --data-binary "$2" "$BASE/api/$1"
}

# bench_invoices KEY: FIG[KEY_invoices_generate], FIG[KEY_invoices_again],
# FIG[KEY_invoices_pdf], FIG[KEY_invoices_count].
bench_invoices() {
  local key="$1" n="${BENCH_INVOICES_N:-10000}" pdfs="${BENCH_INVOICES_PDFS:-100}"
  local out season ids page t code
  curl -sS -o /dev/null -H "Cookie: $COOKIE" -H "Origin: $BASE" \
    -d "club=$CLUB&module=fees&on=on" "$BASE/api/switch_module"
  # A season of its own (a year no demo season reaches) with one membership fee.
  local name="Bench $key $(date -u +%s)"
  out="$(invoices_api save_season "club=$CLUB&name=$(printf '%s' "$name" | tr ' ' '+')&starts_on=2095-07-01&ends_on=2096-06-30&prorata=none")"
  if [ "${out##*$'\n'}" != 200 ]; then
    # A season from an earlier run holds those dates: a later year.
    out="$(invoices_api save_season "club=$CLUB&name=$(printf '%s' "$name" | tr ' ' '+')&starts_on=2097-07-01&ends_on=2098-06-30&prorata=none")"
  fi
  season="$(invoices_api fees_overview "club=$CLUB" | sed '$d' | python3 -c '
import json, sys
name = sys.argv[1]
o = json.load(sys.stdin)
print(next((s["id"] for s in o.get("seasons", []) if s.get("name") == name), ""))' "$name")"
  if [ -z "$season" ]; then
    FIG[${key}_invoices_generate]="no season (${out##*$'\n'})"
    return
  fi
  invoices_api add_season_fee "club=$CLUB&season=$season&kind=membership&name=Bench+fee&amount=120" >/dev/null
  # The ids of the register's first N rows (its largest page is 100 rows).
  ids="$BENCH_DIR/invoice-ids.txt"
  : > "$ids"
  page=1
  while [ "$(wc -l < "$ids")" -lt "$n" ] && [ "$page" -le $(( n / 100 + 1 )) ]; do
    invoices_api member_list "club=$CLUB&q=&page=$page&per=100" | sed '$d' | python3 -c '
import json, sys
for r in json.load(sys.stdin).get("rows", []):
    print(r["id"])' >> "$ids"
    page=$(( page + 1 ))
  done
  # The form in a file: 10,000 ids are too long for one command-line argument.
  local body="$BENCH_DIR/invoices-form.txt"
  printf 'club=%s&season=%s&members=%s' "$CLUB" "$season" "$(head -n "$n" "$ids" | paste -sd, -)" > "$body"
  FIG[${key}_invoices_count]="$(head -n "$n" "$ids" | wc -l) members"
  for run in generate again; do
    t="$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: $COOKIE" \
      -H "Origin: $BASE" -H 'Accept: application/json' \
      --data-binary "@$body" "$BASE/api/generate_invoices")"
    code="${t%% *}"
    if [ "$code" != 200 ]; then
      FIG[${key}_invoices_$run]="HTTP $code"
    else
      FIG[${key}_invoices_$run]="$(awk -v s="${t#* }" 'BEGIN { printf "%.2f s", s }')"
    fi
  done
  # The PDFs apart: the first ones the season's list shows, one after the other.
  local list
  list="$(invoices_api season_invoices "club=$CLUB&season=$season" | sed '$d' | python3 -c '
import json, sys
for i in json.load(sys.stdin).get("invoices", [])[:int(sys.argv[1])]:
    print(i["id"])' "$pdfs")"
  if [ -z "$list" ]; then
    FIG[${key}_invoices_pdf]="no invoice listed"
    return
  fi
  FIG[${key}_invoices_pdf]="$(for id in $list; do
    curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: $COOKIE" \
      "$BASE/c/$CLUB/invoices/$id/pdf"
  done | awk -v n="$n" '$1 != 200 { bad++ } { s += $2; c++ }
    END { printf "%d PDFs, mean %.1f ms (10,000 at that pace: %.0f s)%s", c, s / c * 1000, s / c * n, bad ? ", " bad " not 200!" : "" }')"
}

# bench_invoices_print KEY: the lines of the report.
bench_invoices_print() {
  local key="$1"
  echo "    invoices for ${FIG[${key}_invoices_count]:-10,000 members}: ${FIG[${key}_invoices_generate]:-not measured}, again (nothing issued) ${FIG[${key}_invoices_again]:-not measured}"
  echo "    invoice PDFs (apart):       ${FIG[${key}_invoices_pdf]:-not measured}"
}

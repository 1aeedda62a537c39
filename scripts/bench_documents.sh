# Benchmark of the everyday lists and member documents (issue 19): the birthdays
# widget of the club home and the list of certificates that expire within 30 days, in the
# club of the dataset (100,000 members: target p99 < 25 ms), on SQLite and PostgreSQL.
# Sourced by bench.sh; members_dataset calls bench_documents KEY while the server runs
# ($BASE, $COOKIE, $CLUB set, FIG[...] filled).
#
# Two views of each: the server function alone (200 sequential calls after a warm-up:
# p50 and p99 of the whole request as curl sees it), and the page that shows it under
# load (wrk at 8 connections through wrk_figures: the club home with its birthdays, the
# documents page with the expiring list).

# doc_fn_latency KEY ENDPOINT: FIG[KEY] = "p50 X ms, p99 Y ms" of 200 calls of ENDPOINT.
doc_fn_latency() {
  local key="$1" endpoint="$2" code
  code="$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" -H "Origin: $BASE" \
    -H 'Accept: application/json' -d "club=$CLUB" "$BASE/api/$endpoint")"
  if [ "$code" != 200 ]; then FIG[$key]="HTTP $code"; return; fi
  for _ in $(seq 1 20); do
    curl -sS -o /dev/null -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
      -d "club=$CLUB" "$BASE/api/$endpoint"
  done
  FIG[$key]="$(for _ in $(seq 1 200); do
    curl -sS -o /dev/null -w '%{time_total}\n' -H "Cookie: $COOKIE" -H "Origin: $BASE" \
      -H 'Accept: application/json' -d "club=$CLUB" "$BASE/api/$endpoint"
  done | sort -n | awk '{ t[NR] = $1 } END { printf "p50 %.1f ms, p99 %.1f ms", t[int(NR * 0.5)] * 1000, t[int(NR * 0.99)] * 1000 }')"
}

# bench_documents KEY: FIG[KEY_birthdays_fn], FIG[KEY_expiring_fn] (server functions) and
# the wrk figures of the home page (KEY_home_birthdays) and the documents page
# (KEY_documents_page).
bench_documents() {
  local key="$1"
  # The documents module on (it is in the demo's plan and on for the demo clubs).
  curl -sS -o /dev/null -H "Cookie: $COOKIE" -H "Origin: $BASE" \
    -d "club=$CLUB&module=documents&on=on" "$BASE/api/switch_module"
  doc_fn_latency "${key}_birthdays_fn" birthdays
  doc_fn_latency "${key}_expiring_fn" documents_overview
  wrk_figures "${key}_home_birthdays" "$BASE/c/$CLUB"
  wrk_figures "${key}_documents_page" "$BASE/c/$CLUB/documents"
}

# bench_documents_print KEY: the lines of the report.
bench_documents_print() {
  local key="$1"
  echo "    birthdays (function):       ${FIG[${key}_birthdays_fn]:-not measured}"
  echo "    expiring list (function):   ${FIG[${key}_expiring_fn]:-not measured}"
  printf '    %-26s %8s req/s  p99 %-10s\n' "club home + birthdays" \
    "${FIG[${key}_home_birthdays_rps]:-?}" "${FIG[${key}_home_birthdays_p99]:-?}"
  printf '    %-26s %8s req/s  p99 %-10s\n' "documents page" \
    "${FIG[${key}_documents_page_rps]:-?}" "${FIG[${key}_documents_page_p99]:-?}"
}

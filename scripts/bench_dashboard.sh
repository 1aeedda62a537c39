# Benchmark of the federation's oversight dashboard (issue 18, deliverable 3; dash18):
# requests/s and p99 of GET /f/bsf at 8 connections, signed in as the demo federation's
# staff, on the 1,000-club dataset (target p99 < 50 ms, at least 500 requests/s). The page
# reads the counts kept per club (`fed_club_stats`, one row per club, taken at seed time),
# so it reads O(clubs) rows; the time of counting all clubs again (the daily job's step,
# POST /api/fed_dashboard_refresh) is measured once besides. Sourced by bench.sh;
# members_dataset calls bench_dashboard KEY while the server runs ($BASE, FIG[...] set);
# lic_fed_cookie (bench_licences.sh) signs the federation in.

# bench_dashboard KEY: FIG[KEY_dashboard_rps], FIG[KEY_dashboard_p99],
# FIG[KEY_dashboard_refresh].
bench_dashboard() {
  local key="$1" fed url code out t
  fed="$(lic_fed_cookie)"
  if [ -z "$fed" ]; then FIG[${key}_dashboard_p99]="federation sign-in failed"; return; fi
  url="$BASE/f/bsf"
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $fed" "$url")"
  [ "$code" = 200 ] || { FIG[${key}_dashboard_p99]="$url answered $code"; return; }
  wrk -t2 -c8 -d3s -H "Cookie: $fed" "$url" >/dev/null 2>&1   # warm-up
  out="$(wrk -t2 -c8 -d"$DURATION" --latency -H "Cookie: $fed" "$url")"
  FIG[${key}_dashboard_rps]="$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")"
  FIG[${key}_dashboard_p99]="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  if grep -q "Non-2xx" <<<"$out"; then FIG[${key}_dashboard_p99]+=" ($(awk '/Non-2xx/ { print $5 }' <<<"$out") non-2xx!)"; fi
  # Counting every club again, once (what the daily job does).
  out="$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: $fed" -H "Origin: $BASE" \
    -H 'Accept: application/json' -d "federation=bsf" "$BASE/api/fed_dashboard_refresh")"
  if [ "${out%% *}" = 200 ]; then
    FIG[${key}_dashboard_refresh]="$(awk -v s="${out##* }" 'BEGIN { printf "%.1f s", s }')"
  else
    FIG[${key}_dashboard_refresh]="HTTP ${out%% *}"
  fi
}

# bench_dashboard_print KEY: the lines of the report.
bench_dashboard_print() {
  local key="$1"
  echo "    federation dashboard /f/bsf: ${FIG[${key}_dashboard_rps]:-?} req/s, p99 ${FIG[${key}_dashboard_p99]:-?} (target >= 500 req/s, p99 < 50 ms)"
  echo "    counting all clubs again:    ${FIG[${key}_dashboard_refresh]:-not measured}"
}

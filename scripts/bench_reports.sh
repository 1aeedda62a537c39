# Benchmark of the season fee report (rep20), in the club of the dataset (100,000 members),
# on SQLite and PostgreSQL. Sourced by bench.sh; members_dataset calls bench_reports KEY on
# the 100k set while the server runs ($BASE, $COOKIE, $CLUB set, FIG[...] filled), after
# bench_reconcile (which switched the fees module on and imported a statement).
#
# - the current season's invoices issued for every active member (one generate_invoices
#   call, timed), then marked sent in bulk in the database as the demo seeding does
#   (mailing 100,000 PDFs is not what is measured here);
# - the report page under load (wrk at 8 connections through wrk_figures: req/s and p99);
# - the XLSX of the report once (timed; recorded in the export register).

# reports_open_drafts: marks the club's draft invoices sent, straight in the database.
reports_open_drafts() {
  local sql
  sql="UPDATE invoices SET status = 'open', sent_at = updated_at WHERE status = 'draft' AND tenant_id = (SELECT id FROM tenants WHERE slug = '$CLUB')"
  if [ -n "${DATABASE_MIGRATION_URL:-}" ]; then
    # Row-level security is forced on the owner too: the club's tenant is set first.
    PGOPTIONS="-c client_min_messages=error" psql -q "$DATABASE_MIGRATION_URL" >/dev/null <<SQL
SELECT set_config('app.tenant_id', (SELECT id::text FROM tenants WHERE slug = '$CLUB'), false);
$sql;
SQL
  else
    python3 - "${DATABASE_URL#sqlite://}" "$sql" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=60)
db.execute(sys.argv[2])
db.commit()
PY
  fi
}

# bench_reports KEY: FIG[KEY_report_generate], FIG[KEY_report_counts], FIG[KEY_report_xlsx]
# and the wrk figures of the report page (KEY_report_page).
bench_reports() {
  local key="$1" page season t code url
  page="$(curl -sS -H "Cookie: $COOKIE" "$BASE/c/$CLUB/fees/report")"
  # The season the report shows (the current one): the XLSX form's hidden field.
  season="$(printf '%s' "$page" | grep -o 'name="season" value="[0-9]*"' | head -n 1 | grep -o '[0-9][0-9]*' || true)"
  if [ -z "$season" ]; then
    FIG[${key}_report_generate]="no season on the report page"
    return 0
  fi
  t="$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: $COOKIE" -H "Origin: $BASE" \
    -H 'Accept: application/json' -d "club=$CLUB&season=$season&all=on" "$BASE/api/generate_invoices")"
  code="${t%% *}"
  case "$code" in
    2??|3??) FIG[${key}_report_generate]="$(awk -v s="${t#* }" 'BEGIN { printf "%.2f s", s }')" ;;
    *) FIG[${key}_report_generate]="HTTP $code" ;;
  esac
  reports_open_drafts
  url="$BASE/c/$CLUB/fees/report?season=$season"
  page="$(curl -sS -H "Cookie: $COOKIE" "$url")"
  FIG[${key}_report_counts]="$(printf '%s' "$page" | grep -o 'data-testid="report-counts">[^<]*' | sed 's/.*>//' || true)"
  wrk_figures "${key}_report_page" "$url"
  t="$(curl -sS -o /dev/null -w '%{http_code} %{time_total} %{size_download}' -H "Cookie: $COOKIE" \
    -H "Origin: $BASE" -d "season=$season" "$BASE/c/$CLUB/fees/report.xlsx")"
  code="${t%% *}"
  if [ "$code" != 200 ]; then
    FIG[${key}_report_xlsx]="HTTP $code"
  else
    t="${t#* }"
    FIG[${key}_report_xlsx]="$(awk -v s="${t%% *}" -v b="${t#* }" 'BEGIN { printf "%.0f ms, %d KiB", s * 1000, b / 1024 }')"
  fi
}

# bench_reports_print KEY: the lines of the report.
bench_reports_print() {
  local key="$1"
  echo "    fee report: issue invoices for every active member ${FIG[${key}_report_generate]:-not measured} (${FIG[${key}_report_counts]:-?})"
  printf '    %-26s %8s req/s  p99 %-10s\n' "fee report page" \
    "${FIG[${key}_report_page_rps]:-?}" "${FIG[${key}_report_page_p99]:-?}"
  echo "    fee report XLSX:            ${FIG[${key}_report_xlsx]:-not measured}"
}

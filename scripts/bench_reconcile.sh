# Benchmark of reconciliation (issue 20), in the club of the dataset (100,000 members), on
# SQLite and PostgreSQL. Sourced by bench.sh; members_dataset calls bench_reconcile KEY
# while the server runs ($BASE, $COOKIE, $CLUB set, FIG[...] filled).
#
# - importing a CAMT.053 statement of 10,000 credit lines (target < 5 s): the whole upload
#   as curl sees it (read, checked, every line looked up by its structured communication,
#   matched or queued, stored), then the same file again (idempotent: nothing changes);
# - the register's filter "unpaid this season" (target p99 < 25 ms): the server function
#   alone (200 sequential calls: p50/p99) and the register page under load (wrk at 8
#   connections through wrk_figures).

# reconcile_camt FILE IBAN DAY N: writes a CAMT.053.001.02 statement of IBAN with N credit
# lines booked on DAY, each with a valid structured communication (modulo 97).
reconcile_camt() {
  local file="$1" iban="$2" day="$3" n="$4"
  awk -v iban="$iban" -v day="$day" -v n="$n" 'BEGIN {
    printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"
    printf "<BkToCstmrStmt><GrpHdr><MsgId>BENCH-%s</MsgId><CreDtTm>%sT18:00:00</CreDtTm></GrpHdr>", day, day
    printf "<Stmt><Id>BENCH-%s-%d</Id><Acct><Id><IBAN>%s</IBAN></Id><Ccy>EUR</Ccy></Acct>", day, n, iban
    for (i = 1; i <= n; i++) {
      base = 9100000000 + i; check = base % 97; if (check == 0) check = 97
      printf "<Ntry><Amt Ccy=\"EUR\">%d.%02d</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>", 50 + i % 150, i % 100
      printf "<BookgDt><Dt>%s</Dt></BookgDt><AcctSvcrRef>BENCH%07d</AcctSvcrRef><NtryDtls><TxDtls>", day, i
      printf "<RltdPties><Dbtr><Nm>Payer %d</Nm></Dbtr><DbtrAcct><Id><IBAN>BE62510007547061</IBAN></Id></DbtrAcct></RltdPties>", i
      printf "<RmtInf><Strd><CdtrRefInf><Ref>%010d%02d</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>", base, check
    }
    printf "</Stmt></BkToCstmrStmt></Document>\n"
  }' > "$file"
}

# bench_reconcile KEY: FIG[KEY_camt_import], FIG[KEY_camt_reimport], FIG[KEY_unpaid_fn]
# and the wrk figures of the register filtered on unpaid (KEY_unpaid_page).
bench_reconcile() {
  local key="$1" page iban day file code t
  curl -sS -o /dev/null -H "Cookie: $COOKIE" -H "Origin: $BASE" \
    -d "club=$CLUB&module=fees&on=on" "$BASE/api/switch_module"
  # The club's account as the bank page shows it (the demo seeding set it).
  page="$(curl -sS -H "Cookie: $COOKIE" "$BASE/c/$CLUB/fees/bank")"
  iban="$(printf '%s' "$page" | grep -o 'data-testid="club-account">[^<]*' | grep -o 'BE[0-9 ]*' | tr -d ' ')"
  day="$(date -u +%Y-%m-%d)"
  if [ -z "$iban" ]; then
    FIG[${key}_camt_import]="no club account on the bank page"
  else
    file="$(mktemp /tmp/tessera-camt.XXXXXX.xml)"
    reconcile_camt "$file" "$iban" "$day" 10000
    for run in import reimport; do
      t="$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: $COOKIE" \
        -H "Origin: $BASE" -F "file=@$file;type=application/xml" "$BASE/c/$CLUB/fees/bank/import")"
      code="${t%% *}"
      if [ "$code" != 303 ]; then
        FIG[${key}_camt_$run]="HTTP $code"
      else
        FIG[${key}_camt_$run]="$(awk -v s="${t#* }" 'BEGIN { printf "%.2f s", s }')"
      fi
    done
    FIG[${key}_camt_size]="$(( $(stat -c %s "$file") / 1024 )) KiB"
    rm -f "$file"
  fi
  # The filter: the server function alone, then the page under load.
  local args="club=$CLUB&q=&page=1&unpaid=1"
  code="$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" -H "Origin: $BASE" \
    -H 'Accept: application/json' -d "$args" "$BASE/api/member_list")"
  if [ "$code" != 200 ]; then
    FIG[${key}_unpaid_fn]="HTTP $code"
  else
    for _ in $(seq 1 20); do
      curl -sS -o /dev/null -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
        -d "$args" "$BASE/api/member_list"
    done
    FIG[${key}_unpaid_fn]="$(for _ in $(seq 1 200); do
      curl -sS -o /dev/null -w '%{time_total}\n' -H "Cookie: $COOKIE" -H "Origin: $BASE" \
        -H 'Accept: application/json' -d "$args" "$BASE/api/member_list"
    done | sort -n | awk '{ t[NR] = $1 } END { printf "p50 %.1f ms, p99 %.1f ms", t[int(NR * 0.5)] * 1000, t[int(NR * 0.99)] * 1000 }')"
  fi
  wrk_figures "${key}_unpaid_page" "$BASE/c/$CLUB/members?unpaid=1"
}

# bench_reconcile_print KEY: the lines of the report.
bench_reconcile_print() {
  local key="$1"
  echo "    CAMT.053 10,000 lines (${FIG[${key}_camt_size]:-?}): import ${FIG[${key}_camt_import]:-not measured}, again ${FIG[${key}_camt_reimport]:-not measured}"
  echo "    unpaid filter (function):   ${FIG[${key}_unpaid_fn]:-not measured}"
  printf '    %-26s %8s req/s  p99 %-10s\n' "register, unpaid" \
    "${FIG[${key}_unpaid_page_rps]:-?}" "${FIG[${key}_unpaid_page_p99]:-?}"
}

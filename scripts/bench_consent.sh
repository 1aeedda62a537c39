# Benchmark of the export register (issue 17): an export of 10,000 members of the 100,000-
# member club as CSV (target < 100 ms) and as XLSX (< 1 s). Sourced by bench.sh; members_dataset
# calls bench_consent KEY while the server runs ($BASE, $COOKIE, $CLUB set, FIG[...] filled).
# The 10,000: the members with consent for "Sharing with the federation", which the demo
# seed gives to one member in ten (the realistic export: who may be shared with X).

# bench_consent KEY: FIG[KEY_export_csv] and FIG[KEY_export_xlsx] (median of 5, with the
# number of people and the file size).
bench_consent() {
  local key="$1" purpose fmt t times people size
  # The exports module on (it needs the event log, on in the demo's plan).
  curl -sS -o /dev/null -H "Cookie: $COOKIE" -H "Origin: $BASE" \
    -d "club=$CLUB&module=exports&on=on" "$BASE/api/switch_module"
  purpose="$(curl -sS -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
    -d "club=$CLUB" "$BASE/api/export_choices" | python3 -c '
import json, sys
for id, title in json.load(sys.stdin)["purposes"]:
    if title["en"] == "Sharing with the federation":
        print(id)')"
  if [ -z "$purpose" ]; then FIG[${key}_export_csv]="no purpose to filter on"; return; fi
  for fmt in csv xlsx; do
    times=()
    for _ in 1 2 3 4 5 6; do
      t="$(curl -sS -o "$BENCH_DIR/export.$fmt" -w '%{time_total}' -H "Cookie: $COOKIE" -H "Origin: $BASE" \
        --data-urlencode "purpose=Benchmark" -d "status=&consent=$purpose" \
        "$BASE/c/$CLUB/exports/members.$fmt")"
      times+=("$t")
    done
    # The first is a warm-up; the median of the other five.
    t="$(printf '%s\n' "${times[@]:1}" | sort -n | sed -n 3p)"
    size="$(( $(stat -c %s "$BENCH_DIR/export.$fmt") / 1024 ))"
    if [ "$fmt" = csv ]; then people="$(( $(wc -l < "$BENCH_DIR/export.csv") - 1 ))"; fi
    FIG[${key}_export_$fmt]="$(python3 -c "print(f'{$t * 1000:.0f} ms')") (${people:-?} people, $size KiB)"
  done
}

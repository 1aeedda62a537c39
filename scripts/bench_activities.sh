# Benchmark of attendance marking (issue 19): a leader taps through the attendance list of a
# group of up to 30, one form POST per person (as on a phone without JavaScript: each answered
# by a redirect back to the list), ten rounds; p99 and median per request. Sourced by
# bench.sh; call bench_activities KEY while the server runs ($BASE, $COOKIE of the club's
# administrator, who holds activities.attendance; $CLUB set; FIG[...] filled).

# bench_activities KEY: FIG[KEY_attendance_p99] and FIG[KEY_attendance_median].
bench_activities() {
  local key="$1" found activity date members t times=() m mark round
  found="$(curl -sS -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
    -d "club=$CLUB" "$BASE/api/activities" | python3 -c '
import json, sys, datetime
o = json.load(sys.stdin)
for occ in o["occurrences"]:
    if occ["weekly"] and not occ["cancelled"]:
        d = datetime.date.fromisoformat(occ["date"]) - datetime.timedelta(days=7)
        print(occ["activity"], d.isoformat())
        break')"
  if [ -z "$found" ]; then FIG[${key}_attendance_p99]="no weekly training in the demo"; return; fi
  activity="${found% *}"; date="${found#* }"
  members="$(curl -sS -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
    -d "club=$CLUB&activity=$activity&date=$date" "$BASE/api/occurrence" | python3 -c '
import json, sys
print(" ".join(str(r["member"]) for r in json.load(sys.stdin)["rows"][:30]))')"
  if [ -z "$members" ]; then FIG[${key}_attendance_p99]="nobody on the list"; return; fi
  for round in 1 2 3 4 5 6 7 8 9 10; do
    for m in $members; do
      case $(( (round + m) % 3 )) in 0) mark=present ;; 1) mark=absent ;; *) mark=excused ;; esac
      t="$(curl -sS -o /dev/null -w '%{time_total}' -H "Cookie: $COOKIE" -H "Origin: $BASE" \
        -H 'Sec-Fetch-Site: same-origin' \
        -d "club=$CLUB&activity=$activity&date=$date&member=$m&mark=$mark" \
        "$BASE/api/mark_attendance")"
      times+=("$t")
    done
  done
  local n="${#times[@]}"
  FIG[${key}_attendance_p99]="$(printf '%s\n' "${times[@]}" | sort -n | python3 -c '
import sys
v = [float(x) for x in sys.stdin]
print(f"{v[min(len(v) - 1, int(len(v) * 0.99))] * 1000:.1f} ms")') ($n taps, group of $(wc -w <<<"$members"))"
  FIG[${key}_attendance_median]="$(printf '%s\n' "${times[@]}" | sort -n | python3 -c '
import sys
v = [float(x) for x in sys.stdin]
print(f"{v[len(v) // 2] * 1000:.1f} ms")')"
}

# bench_activities_print KEY: the lines for the report.
bench_activities_print() {
  local key="$1"
  echo "attendance marking, one tap (p99):    ${FIG[${key}_attendance_p99]:-}"
  echo "attendance marking, one tap (median): ${FIG[${key}_attendance_median]:-}"
}

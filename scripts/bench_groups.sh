# Benchmark of groups (issue 19), against the running server ($BASE, $COOKIE of the
# club's administrator, $CLUB, FIG[...]): the groups page, a team's page, the register
# filtered by an age category (members in it today) and the register as the demo trainer
# sees it (limited to the team they lead), each at 8 connections (wrk_figures). The seeding
# figure (teams and age categories filled from birth years) is part of seed-demo's own.
#
# In bench.sh: `source "$(dirname "$0")/bench_groups.sh"` next to the other sources, and
# `bench_groups "$key"` in members_dataset after bench_rights; bench_groups_print "$k" in the
# report.

# bench_groups KEY: FIG[KEY_groups_*].
bench_groups() {
  local key="$1" overview team band trainer_cookie jar
  overview="$(curl -sS -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
    -d "club=$CLUB" "$BASE/api/groups")"
  read -r team band < <(python3 -c '
import json, sys
o = json.load(sys.stdin)
team = band = ""
for k in o["kinds"]:
    for g in k["groups"]:
        if k["age_bands"] and not band and g["members_today"] > 0:
            band = g["id"]
        if not k["age_bands"] and not team:
            team = g["id"]
print(team, band)' <<<"$overview")
  if [ -z "$team" ] || [ -z "$band" ]; then FIG[${key}_groups_page]="no demo groups"; return; fi
  wrk_figures "${key}_groups_page" "$BASE/c/$CLUB/groups"
  wrk_figures "${key}_groups_team" "$BASE/c/$CLUB/groups/$team"
  wrk_figures "${key}_groups_band_filter" "$BASE/c/$CLUB/members?group=$band"
  # The demo trainer (no second factor: the leader role is not staff).
  jar="$BENCH_DIR/trainer.jar"
  rm -f "$jar"
  curl -sS -o /dev/null -c "$jar" -b "$jar" -H "Origin: $BASE" \
    --data-urlencode "email=trainer.kempenvlug@demo.tessera.test" \
    --data-urlencode "password=$PASSWORD" -d "next=/" "$BASE/login"
  trainer_cookie="$(awk '$6 == "tessera_session" { print $6 "=" $7 }' "$jar" | tail -n 1)"
  if [ -z "$trainer_cookie" ]; then FIG[${key}_groups_trainer]="trainer sign-in failed"; return; fi
  local saved="$COOKIE"
  COOKIE="$trainer_cookie"
  wrk_figures "${key}_groups_trainer" "$BASE/c/$CLUB/members"
  COOKIE="$saved"
}

# bench_groups_print KEY: the figures' lines for the report.
bench_groups_print() {
  local k="$1" n
  for n in page team band_filter trainer; do
    printf '    %-26s %8s req/s  p99 %s\n' "groups $n" "${FIG[${k}_groups_${n}_rps]:-?}" "${FIG[${k}_groups_${n}_p99]:-${FIG[${k}_groups_${n}]:-?}}"
  done
}

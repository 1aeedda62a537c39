# benchmark of mailings (issue 19): a newsletter to 10,000 recipients rendered
# and handed to the mail transport by the server's delivery job (messages per second).
# Sourced by bench.sh; members_dataset calls bench_mailings KEY while the server runs
# ($BASE, $COOKIE, $CLUB set, FIG[...] filled).
#
# The 10,000: the subscribers of "Sharing with the federation", which the demo seed gives
# to one member in ten of the 100,000-member club. The delivery job sends at most
# TESSERA_MAIL_RATE mails a second (50 by default): to measure the job itself, the server
# runs with a high rate (TESSERA_MAIL_RATE=100000) and TESSERA_SMTP_URL at the SMTP sink
# (scripts/smtp_sink.py); without TESSERA_SMTP_URL the mails are written as .eml files.

# bench_mailings KEY: FIG[KEY_mailing_rate] (messages per second, with the count and time)
# and FIG[KEY_mailing_queue] (the time to resolve and queue the recipients).
bench_mailings() {
  local key="$1" purpose form t0 t1 id version sent queued body deadline
  purpose="$(curl -sS -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
    -d "club=$CLUB" "$BASE/api/mailing_choices" | python3 -c '
import json, sys
choices, _ = json.load(sys.stdin)
for id, title in choices["topics"]:
    if title["en"] == "Sharing with the federation":
        print(id)')"
  if [ -z "$purpose" ]; then FIG[${key}_mailing_rate]="no topic to mail"; return; fi
  curl -sS -o /dev/null -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
    -d "club=$CLUB&kind=newsletter&purpose=$purpose&audience=topic" \
    --data-urlencode "subject_en=Benchmark for {first_name}" \
    --data-urlencode "subject_nl=Benchmark voor {first_name}" \
    --data-urlencode "subject_fr=Benchmark pour {first_name}" \
    --data-urlencode "body_en=Hello {first_name}, this is {club_name}." \
    --data-urlencode "body_nl=Dag {first_name}, hier is {club_name}." \
    --data-urlencode "body_fr=Bonjour {first_name}, ici {club_name}." \
    "$BASE/api/create_mailing"
  id="$(curl -sS -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
    -d "club=$CLUB" "$BASE/api/mailings" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
  version="$(curl -sS -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
    -d "club=$CLUB&id=$id&to=" "$BASE/api/mailing" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')"
  t0="$(date +%s.%N)"
  curl -sS -o /dev/null -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
    -d "club=$CLUB&id=$id&version=$version" "$BASE/api/send_mailing"
  t1="$(date +%s.%N)"
  FIG[${key}_mailing_queue]="$(python3 -c "print(f'{($t1 - $t0) * 1000:.0f} ms')")"
  # Until nothing waits any more (at most 10 minutes).
  deadline=$(( SECONDS + 600 ))
  while :; do
    body="$(curl -sS -H "Cookie: $COOKIE" -H "Origin: $BASE" -H 'Accept: application/json' \
      -d "club=$CLUB&id=$id&to=" "$BASE/api/mailing")"
    read -r sent queued < <(python3 -c '
import json, sys
f = json.loads(sys.argv[1])["summary"]["figures"]
print(f["sent"] + f["failed"] + f["interrupted"], f["queued"])' "$body")
    if [ "$queued" = 0 ] || [ $SECONDS -ge $deadline ]; then break; fi
    sleep 0.5
  done
  t1="$(date +%s.%N)"
  FIG[${key}_mailing_rate]="$(python3 -c "
n, s = $sent, $t1 - $t0
print(f'{n / s:.0f} msg/s ({n} mails in {s:.1f} s{\", unfinished\" if $queued else \"\"})')")"
}

# bench_mailings_print KEY: the figures' lines.
bench_mailings_print() {
  local key="$1"
  echo "mailing to a topic's subscribers, queued:     ${FIG[${key}_mailing_queue]:-n/a}"
  echo "mailing delivery (rendered, handed to SMTP):  ${FIG[${key}_mailing_rate]:-n/a}"
}

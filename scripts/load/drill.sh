#!/usr/bin/env bash
# Fault drills against the jar, each under a bounded load from the generator; the last line is
#   drill NAME: PASS|FAIL (what was seen)
#   scripts/load/drill.sh postgres-down | kafka-down | openai-faults | twilio-down | kill9 | sigterm | disk-full
# LOAD_OUTAGE_SECONDS (60) sets how long a dependency stays down; LOAD_RATE (calls/s, 4) the load under it.
source "$(dirname "$0")/lib.sh"
DRILL=${1:?usage: drill.sh postgres-down|kafka-down|openai-faults|twilio-down|kill9|sigterm|disk-full}
OUTAGE=${LOAD_OUTAGE_SECONDS:-60}; RATE=${LOAD_RATE:-4}
OUT=$OUT/drill-$DRILL; mkdir -p "$OUT"; rm -rf "$OUT/shared" "$OUT"/*-data
build
DB=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres
KAFKA=127.0.0.1:$KAFKA_PORT
result() { echo "drill $DRILL: $1 ($2)"; exit 0; }
load_bg() {   # load_bg SECONDS [load.*=…]: Gatling in the background, summary in $OUT/load.txt
  local s=$1; shift
  ( gatling "drill-$DRILL" base="$BASE" public="${BELLA_PUBLIC:-$BASE}" rate="$RATE" seconds="$s" "$@" >"$OUT/load.txt" ) &
  LOAD_PID=$!
  # the fault comes after the returning callers are seeded and the calls have started
  for _ in $(seq 1 1200); do grep -q "Simulation .* started" "$OUT/gatling-drill-$DRILL.log" 2>/dev/null && break; sleep 0.5; done
}
failed_webhooks() { local f; f=$(grep -o 'webhooks_failed=[0-9]*' "$OUT/load.txt" | cut -d= -f2); echo "${f:-0}"; }
tally() { grep -o "$1_[a-z]*=[0-9]*" "$OUT/load.txt" | cut -d= -f2 | paste -sd+ | bc; }
restart_pg() { start_shared_postgres; }
one_bella() {   # one Bella on the shared PostgreSQL and Kafka
  bella_env "${1:-twilio}"
  start_bella bella $((PORTS + 81)) BELLA_DB_URL="$DB" KAFKA_BOOTSTRAP_SERVERS="$KAFKA" "${@:2}"
  BASE=http://127.0.0.1:$((PORTS + 81))
}
shared() { start_fakes "${1:-1000}"; start_shared_postgres; start_shared_kafka; }
behind_lb() {   # two Bellas behind HAProxy (retrying a lost request elsewhere, as Twilio's retry would)
  BELLA_PUBLIC=http://127.0.0.1:$LB_PORT
  bella_env twilio
  start_bella node1 $((PORTS + 81)) BELLA_DB_URL="$DB" KAFKA_BOOTSTRAP_SERVERS="$KAFKA"
  start_bella node2 $((PORTS + 82)) BELLA_DB_URL="$DB" KAFKA_BOOTSTRAP_SERVERS="$KAFKA"
  printf '%s\n' global "  maxconn 2048" defaults "  mode http" "  timeout connect 2s" "  timeout client 30s" \
    "  timeout server 15s" "  timeout check 5s" "  option redispatch" "  retries 3" "  retry-on conn-failure empty-response" \
    frontend\ bella "  bind 127.0.0.1:$LB_PORT" "  default_backend nodes" backend\ nodes "  balance roundrobin" \
    "  option httpchk GET /readyz" "  server node1 127.0.0.1:$((PORTS + 81)) check inter 1s fall 2 rise 2" \
    "  server node2 127.0.0.1:$((PORTS + 82)) check inter 1s fall 2 rise 2" >"$OUT/haproxy.cfg"
  spawn haproxy haproxy -db -f "$OUT/haproxy.cfg"
  BASE=$BELLA_PUBLIC
  wait_for "$BASE/readyz" 120
}
checks() { java -cp "$CP" app.bella.load.Checks --db "$DB" --kafka "$KAFKA" --fakes "$FAKES" --wait-seconds "${1:-60}" || true; }

case $DRILL in
postgres-down)
  # goal: while PostgreSQL is unreachable every webhook answers TwiML within 1 s; calls continue after it returns
  shared; one_bella
  load_bg $((OUTAGE + 40))
  sleep 15; log "stopping PostgreSQL for ${OUTAGE}s"; kill -TERM "$PG_PID"; sleep 3
  java -cp "$CP" app.bella.load.Probe --base "$BASE" --token "$TOKEN" --webhook --seconds $((OUTAGE - 5)) --limit-ms 1000 | tee "$OUT/probe.txt"
  restart_pg; log "PostgreSQL back"
  wait "$LOAD_PID" || true; c=$(checks); echo "$c"
  probe=$(cat "$OUT/probe.txt")
  after=$(java -cp "$CP" app.bella.load.Probe --base "$BASE" --token "$TOKEN" --webhook --seconds 5 --limit-ms 1000)
  callbacks=$(psql_q "$DB" "select count(*) from callback_request")
  if [[ $probe =~ status\ \{200=[0-9]+\},\ 0\ over && $after =~ status\ \{200= ]] && ! grep -q FAIL <<<"$c"; then v=PASS; else v=FAIL; fi
  result $v "during the outage: ${probe#probe call start: }; after: ${after#probe call start: }; $(failed_webhooks) failed webhooks in the load; callback_request rows: $callbacks; $(grep -c PASS <<<"$c")/$(grep -c '^check' <<<"$c") checks"
  ;;
kafka-down)
  # goal: 0 events lost, order kept, and /readyz stays 200 (serving calls does not need Kafka)
  shared; one_bella
  load_bg $((OUTAGE + 40))
  sleep 15; log "stopping Kafka for ${OUTAGE}s"; kill -TERM "$KAFKA_PID"; sleep 3
  java -cp "$CP" app.bella.load.Probe --base "$BASE" --get /readyz --seconds $((OUTAGE - 5)) --interval-ms 2000 --limit-ms 1000 | tee "$OUT/probe.txt"
  start_shared_kafka; log "Kafka back"
  wait "$LOAD_PID" || true; c=$(checks 120); echo "$c"
  probe=$(cat "$OUT/probe.txt")
  if [[ $probe =~ status\ \{200=[0-9]+\}, ]] && grep -q "check events: PASS" <<<"$c" && [[ $(failed_webhooks) == 0 ]]; then v=PASS; else v=FAIL; fi
  result $v "/readyz during the outage: ${probe#probe /readyz: }; $(grep 'check events' <<<"$c"); $(failed_webhooks) failed webhooks"
  ;;
openai-faults)
  # goal: Whisper answering 500, then hanging 10 s: calls complete on the fallbacks within Twilio's 15 s
  shared 300; one_bella whisper
  load_bg $((OUTAGE + 20)) mix=new:100
  sleep 10; log "transcriptions answer 500"
  id=$(curl -s -X POST "$FAKES/__admin/mappings" -d '{"priority":1,"request":{"method":"POST","url":"/v1/audio/transcriptions"},"response":{"status":500,"body":"{\"error\":{\"message\":\"boom\"}}"}}' | grep -o '"id" *: *"[^"]*"' | head -1 | cut -d'"' -f4)
  sleep $((OUTAGE / 2)); curl -s -X DELETE "$FAKES/__admin/mappings/$id" >/dev/null; log "transcriptions hang 10 s"
  id=$(curl -s -X POST "$FAKES/__admin/mappings" -d '{"priority":1,"request":{"method":"POST","url":"/v1/audio/transcriptions"},"response":{"status":200,"fixedDelayMilliseconds":10000,"body":"{\"text\":\"yes\"}"}}' | grep -o '"id" *: *"[^"]*"' | head -1 | cut -d'"' -f4)
  sleep $((OUTAGE / 2)); curl -s -X DELETE "$FAKES/__admin/mappings/$id" >/dev/null; log "transcriptions healed"
  wait "$LOAD_PID" || true
  calls=$(tally calls); ok=$(tally succeeded)
  slowest=$(grep -E '^> max response time' "$OUT/gatling-drill-$DRILL.log" | tail -1 | awk -F'|' '{gsub(/[ ,]/,"",$2); print $2}' || true)
  if [[ $(failed_webhooks) == 0 && $calls == "$ok" && ${slowest:-99999} -lt 15000 ]]; then v=PASS; else v=FAIL; fi
  result $v "$ok of $calls calls completed, $(failed_webhooks) failed webhooks, slowest webhook ${slowest:-?} ms (Twilio gives up at 15000)"
  ;;
twilio-down)
  # goal: SMS wait (pending) while Twilio REST answers 503 (with Twilio's JSON error body: a bare 503 without a status in
  # the body is ambiguous to the client library, and Bella then records the text as failed rather than risk a second
  # one), then each is sent exactly once
  shared; one_bella twilio BELLA_SMS_MAX_REDELIVERIES=2
  id=$(curl -s -X POST "$FAKES/__admin/mappings" -d '{"priority":1,"request":{"method":"POST","urlPathPattern":".*/Messages.json"},"response":{"status":503,"headers":{"Content-Type":"application/json"},"body":"{\"code\":20503,\"message\":\"Service Unavailable\",\"more_info\":\"https://www.twilio.com/docs/errors/20503\",\"status\":503}"}}' | grep -o '"id" *: *"[^"]*"' | head -1 | cut -d'"' -f4)
  log "Twilio REST answers 503 for ${OUTAGE}s"
  load_bg 20 mix=new:100
  sleep "$OUTAGE"; curl -s -X DELETE "$FAKES/__admin/mappings/$id" >/dev/null; log "Twilio REST back"
  wait "$LOAD_PID" || true
  during=$(psql_q "$DB" "select count(*) filter (where status='pending') || ' pending, ' || count(*) filter (where status='failed') || ' failed, ' || count(*) filter (where status='sent') || ' sent' from notification where purpose='confirmation'")
  sleep 30; c=$(checks 90); echo "$c"
  after=$(psql_q "$DB" "select count(*) filter (where status='pending') || ' pending, ' || count(*) filter (where status='failed') || ' failed, ' || count(*) filter (where status='sent') || ' sent' from notification where purpose='confirmation'")
  if grep -q "check sms: PASS" <<<"$c" && [[ $after =~ ^0\ pending,\ 0\ failed ]]; then v=PASS; else v=FAIL; fi
  result $v "confirmations when Twilio returned: $during; 30 s later: $after; $(grep 'check sms' <<<"$c")"
  ;;
kill9|sigterm)
  # kill9 goal: no partial booking, the retried request gets a consistent answer; sigterm goal: in-flight turns
  # finish, 0 failed webhooks. Two instances behind HAProxy; node2 gets the signal half-way through the load.
  shared; behind_lb
  signal=$([[ $DRILL == kill9 ]] && echo KILL || echo TERM)
  load_bg 40
  sleep 20; log "kill -$signal node2"; kill -"$signal" "$(cat "$OUT/node2.pid")"
  wait "$LOAD_PID" || true; c=$(checks 90); echo "$c"
  calls=$(tally calls); ok=$(tally succeeded)
  if ! grep -q FAIL <<<"$c" && [[ $(failed_webhooks) == 0 ]]; then v=PASS; else v=FAIL; fi
  result $v "node2 got SIG$signal under $RATE calls/s behind HAProxy: $ok of $calls calls completed, $(failed_webhooks) failed webhooks; $(grep -c PASS <<<"$c")/$(grep -c '^check' <<<"$c") checks ($(grep -o 'check [a-z-]*: FAIL' <<<"$c" | paste -sd, ))"
  ;;
disk-full)
  # goal: clear error and alert while the data directory is full, no corruption, service resumes when space returns.
  # Bella's embedded PostgreSQL lives on a 512 MB tmpfs that is then filled up (needs root and mount).
  start_fakes 1000; start_shared_kafka
  dir=$OUT/small-disk; mkdir -p "$dir"
  mount -t tmpfs -o size=512m tmpfs "$dir" 2>/dev/null || result FAIL "cannot mount a small tmpfs here (needs root): drill not run"
  trap 'cleanup; umount "$dir" 2>/dev/null || true' EXIT
  bella_env twilio
  start_bella bella $((PORTS + 81)) BELLA_DATA_DIR="$dir" KAFKA_BOOTSTRAP_SERVERS="$KAFKA"
  BASE=http://127.0.0.1:$((PORTS + 81))
  load_bg 50 mix=new:100
  sleep 10; log "filling the data directory"; fallocate -l "$(( $(df --output=avail -B1 "$dir" | tail -1) - 65536 ))" "$dir/filler" || dd if=/dev/zero of="$dir/filler" bs=1M 2>/dev/null || true
  java -cp "$CP" app.bella.load.Probe --base "$BASE" --token "$TOKEN" --webhook --seconds 20 --limit-ms 1000 | tee "$OUT/probe.txt"
  ready=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/readyz")
  rm -f "$dir/filler"; log "space freed"
  wait "$LOAD_PID" || true
  after=$(java -cp "$CP" app.bella.load.Probe --base "$BASE" --token "$TOKEN" --webhook --seconds 5 --limit-ms 1000)
  errors=$(grep -ciE "No space left|could not extend|disk full" "$OUT/bella.log" || true)
  alerts=$(curl -s -H "X-API-Key: $API_KEY" "$BASE/api/alerts" | grep -oiE 'disk|space' | head -1 || true)
  probe=$(cat "$OUT/probe.txt")
  if [[ $probe =~ status\ \{200=[0-9]+\}, && $after =~ status\ \{200= && -n $alerts ]]; then v=PASS; else v=FAIL; fi
  result $v "while full: ${probe#probe call start: }, /readyz $ready, $errors 'no space' lines in the log, alert naming the disk: ${alerts:-none}; after freeing: ${after#probe call start: }"
  ;;
*) echo "unknown drill $DRILL"; exit 2 ;;
esac

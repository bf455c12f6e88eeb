#!/usr/bin/env bash
# Several Bella instances on one PostgreSQL and one Kafka behind HAProxy, under the load generator; one instance is
# killed with kill -9 half-way. Afterwards: no double booking, no partial booking, no lost event, no SMS sent twice,
# and how many webhooks failed (calls must continue on the other instances).
#   scripts/load/cluster.sh            LOAD_INSTANCES (3), LOAD_RATE (calls/s, 10), LOAD_SECONDS (60), LOAD_KILL=0 to not kill
# Prints "cluster: PASS|FAIL (…)" last.
source "$(dirname "$0")/lib.sh"
N=${LOAD_INSTANCES:-3}; RATE=${LOAD_RATE:-10}; DURATION=${LOAD_SECONDS:-60}
build
command -v haproxy >/dev/null || { log "installing haproxy"; apt-get install -y -qq haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }; }
rm -rf "$OUT/shared" "$OUT"/node*-data
start_fakes "${LOAD_WHISPER_MS:-1000}"
# side by side; only these two are waited for (a bare `wait` would wait for the fakes too)
start_shared_postgres & w1=$!; start_shared_kafka & w2=$!; wait "$w1" "$w2"
PG_PID=$(cat "$OUT/postgres.pid"); KAFKA_PID=$(cat "$OUT/kafka.pid"); STARTED+=("$PG_PID" "$KAFKA_PID")
DB=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres
BELLA_PUBLIC=http://127.0.0.1:$LB_PORT
bella_env "${LOAD_STT:-twilio}"
# the first instance migrates the schema alone; the others start side by side
start_bella node1 $((PORTS + 81)) BELLA_DB_URL="$DB" KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
waits=()
for i in $(seq 2 "$N"); do
  start_bella "node$i" $((PORTS + 80 + i)) BELLA_DB_URL="$DB" KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT &
  waits+=($!)
done
wait "${waits[@]}"
for i in $(seq 1 "$N"); do STARTED+=("$(cat "$OUT/node$i.pid")"); done

cfg=$OUT/haproxy.cfg
{
  echo "global"
  echo "  maxconn 4096"
  echo "defaults"
  echo "  mode http"
  echo "  timeout connect 2s"
  echo "  timeout client 30s"
  echo "  timeout server 15s"
  echo "  option redispatch"
  echo "  retries 3"
  echo "  retry-on conn-failure empty-response"     # what Twilio's own retry would do for a lost request
  echo "  timeout check 5s"
  echo "frontend bella"
  echo "  bind 127.0.0.1:$LB_PORT"
  echo "  default_backend nodes"
  echo "backend nodes"
  echo "  balance roundrobin"
  echo "  option httpchk GET /readyz"
  for i in $(seq 1 "$N"); do echo "  server node$i 127.0.0.1:$((PORTS + 80 + i)) check inter 1s fall 2 rise 2"; done
} >"$cfg"
haproxy -c -f "$cfg" >/dev/null
spawn haproxy haproxy -db -f "$cfg"
wait_for "$BELLA_PUBLIC/readyz" 120

if [[ ${LOAD_KILL:-1} == 1 ]]; then
  victim=$(cat "$OUT/node2.pid")
  ( sleep $((DURATION / 2)); log "kill -9 node2 (pid $victim)"; kill -KILL "$victim" ) &
  killer=$!
fi
gatling "cluster-$N" base="$BELLA_PUBLIC" public="$BELLA_PUBLIC" rate="$RATE" seconds="$DURATION" | tee "$OUT/cluster-load.txt"
[[ -n ${killer:-} ]] && wait "$killer"
checks=$(java -cp "$CP" app.bella.load.Checks --db "$DB" --kafka 127.0.0.1:$KAFKA_PORT --fakes "$FAKES" --wait-seconds 90 || true)
echo "$checks"
failed=$(grep -o 'webhooks_failed=[0-9]*' "$OUT/cluster-load.txt" | cut -d= -f2 || true); failed=${failed:-0}  # absent when none failed
calls=$(grep -o 'calls_[a-z]*=[0-9]*' "$OUT/cluster-load.txt" | cut -d= -f2 | paste -sd+ | bc)
ok=$(grep -o 'succeeded_[a-z]*=[0-9]*' "$OUT/cluster-load.txt" | cut -d= -f2 | paste -sd+ | bc)
if ! grep -q FAIL <<<"$checks" && [[ $failed == 0 ]]; then verdict=PASS; else verdict=FAIL; fi
echo "cluster: $verdict ($N instances behind HAProxy, $RATE calls/s for ${DURATION}s, node2 killed half-way: $ok of $calls calls got what they called for, $failed failed webhooks; $(grep -c PASS <<<"$checks") of $(grep -c '^check' <<<"$checks") checks passed)"

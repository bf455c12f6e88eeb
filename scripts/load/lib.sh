# Shared functions of the load and fault-drill scripts (sourced, not run). Everything binds to 127.0.0.1, writes under
# target/load/, and stops what it started (by process id) when the script exits.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
OUT=${LOAD_OUT:-$ROOT/target/load}
CPFILE=$ROOT/target/load/cp.txt
mkdir -p "$OUT"
PORTS=${LOAD_PORT_BASE:-18000}
FAKES_PORT=$((PORTS + 999))
BARE_PORT=$((PORTS + 90))
LB_PORT=$((PORTS + 100))
PG_PORT=$((PORTS - 2568))      # 15432 with the default base
KAFKA_PORT=$((PORTS + 1092))   # 19092
TOKEN=${LOAD_AUTH_TOKEN:-load-test-token}
API_KEY=${LOAD_API_KEY:-load-test-admin-key-0123456789abcdef0123}
ACCOUNT=AC00000000000000000000000000000000
CLOCK=${LOAD_CLOCK:-2025-10-08T10:00:00-06:00}
STARTED=()

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cleanup() {
  local pid
  for ((i=${#STARTED[@]}-1; i>=0; i--)); do
    pid=${STARTED[i]}
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    for _ in $(seq 1 400); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# The jar and one test classpath (Gatling included) for the helper classes: built once, reused.
build() {
  # rebuilt when missing, asked for, or older than any source, route, Kamelet or resource it packs
  if [[ ! -f target/bella.jar || -n "${LOAD_REBUILD:-}" \
        || -n $(find src/main routes kamelets pom.xml -newer target/bella.jar -print -quit) ]]; then
    log "building target/bella.jar"
    ./mvnw -B -q package -DskipTests
  fi
  local sim=target/test-classes/app/bella/load/ConversationSimulation.class
  if [[ ! -f "$CPFILE" || ! -f $sim || -n "${LOAD_REBUILD:-}" || -n $(find src/test/java/app/bella/load src/load -newer $sim -print -quit) ]]; then
    log "compiling the load generator"
    ./mvnw -B -q -Pload test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CPFILE"
  fi
  CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$CPFILE")"
}

# wait_for URL SECONDS: until it answers 2xx
wait_for() {
  local url=$1 limit=${2:-90} t0=$SECONDS
  until curl -sf -o /dev/null --max-time 2 "$url"; do
    (( SECONDS - t0 > limit )) && { log "timed out waiting for $url"; return 1; }
    sleep 0.2
  done
}

# spawn NAME command…: background process, log in $OUT/NAME.log, pid remembered for cleanup and in $OUT/NAME.pid
spawn() {
  local name=$1; shift
  "$@" >"$OUT/$name.log" 2>&1 &
  local pid=$!
  STARTED+=("$pid")
  echo "$pid" >"$OUT/$name.pid"
  LAST_PID=$pid
}

start_fakes() {   # start_fakes WHISPER_MS [SMS_MS]
  spawn fakes nice -n "${LOAD_GENERATOR_NICE:-0}" java -Xmx256m -cp "$CP" app.bella.load.SaasFakes --port "$FAKES_PORT" --whisper-ms "${1:-1000}" \
    --sms-ms "${2:-100}"
  FAKES=http://127.0.0.1:$FAKES_PORT
  wait_for "$FAKES/__fake/stats" 240
}

start_bare() {
  spawn bare java -Xmx128m -cp "$CP" app.bella.load.BareTwimlServer --port "$BARE_PORT"
  for _ in $(seq 1 1200); do grep -q ready "$OUT/bare.log" && return 0; sleep 0.1; done
  log "bare server did not start"; return 1
}

start_shared_postgres() {
  spawn postgres java -Xmx128m -cp "$CP" app.bella.load.SharedServices postgres --data "$OUT/shared" --port "$PG_PORT"
  PG_PID=$LAST_PID
  for _ in $(seq 1 2400); do grep -q ready "$OUT/postgres.log" && return 0; sleep 0.1; done
  log "shared PostgreSQL did not start"; return 1
}

start_shared_kafka() {
  spawn kafka java -Xmx384m -cp "$CP" app.bella.load.SharedServices kafka --data "$OUT/shared" --port "$KAFKA_PORT"
  KAFKA_PID=$LAST_PID
  for _ in $(seq 1 2400); do grep -q ready "$OUT/kafka.log" && return 0; sleep 0.1; done
  log "shared Kafka did not start"; return 1
}

# bella_env STT: the environment of a Bella under load (frozen clock, long hours and horizon, SaaS on the fakes)
bella_env() {
  local stt=${1:-twilio}
  BELLA_ENV=(TWILIO_AUTH_TOKEN="$TOKEN" BELLA_API_KEY="$API_KEY" BELLA_CLOCK="$CLOCK"
    BELLA_HOURS="Mon-Sun 07:00-21:00" BELLA_HORIZON_DAYS=3650 BELLA_MIN_LEAD_MINUTES=30
    TWILIO_ACCOUNT_SID="$ACCOUNT" TWILIO_API_BASE_URL="${FAKES:-http://127.0.0.1:$FAKES_PORT}" BELLA_SMS_FROM=+15875550100
    OPENAI_BASE_URL="${FAKES:-http://127.0.0.1:$FAKES_PORT}" BELLA_EXTRACTOR=rules BELLA_STT="$stt"
    BELLA_API_RATE_LIMIT_PER_HOUR=0) # the seeding of returning callers alone makes thousands of API requests
  if [[ $stt == whisper ]]; then BELLA_ENV+=(OPENAI_API_KEY=sk-load-local); fi
  if [[ -n ${BELLA_PUBLIC:-} ]]; then BELLA_ENV+=(BELLA_PUBLIC_URL="$BELLA_PUBLIC"); fi
}

# start_bella NAME PORT [VAR=value…]: java -jar target/bella.jar with bella_env plus the extras; waits for /readyz
start_bella() {
  local name=$1 port=$2; shift 2
  local t0=$(date +%s.%N)
  spawn "$name" env "${BELLA_ENV[@]}" BELLA_HTTP_PORT="$port" BELLA_HTTP_HOST=127.0.0.1 \
    BELLA_MANAGEMENT_PORT=$((port + 1000)) BELLA_DATA_DIR="$OUT/$name-data" "$@" \
    java ${BELLA_JAVA_OPTS:-} -jar target/bella.jar
  eval "${name//-/_}_PID=$LAST_PID"
  wait_for "http://127.0.0.1:$port/readyz" "${LOAD_READY_SECONDS:-300}"
  log "$name ready on :$port in $(echo "$(date +%s.%N) - $t0" | bc | cut -c1-5) s (pid $LAST_PID)"
  # an embedded Kafka starts once Bella serves: let it come up before the load, so its start is not in the figures
  for _ in $(seq 1 600); do curl -s --max-time 2 "http://127.0.0.1:$port/readyz" | grep -q '"kafka":"UP"' && break; sleep 0.1; done
  log "$name: Kafka up $(echo "$(date +%s.%N) - $t0" | bc | cut -c1-5) s after launch"
}

rss_mb() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }

# cpu_ms PID: CPU time (user + system, ms) of a process and of everything under it, children that ended included
cpu_ms() {
  local tck; tck=$(getconf CLK_TCK)
  local pids=("$1") all=() p
  while ((${#pids[@]})); do   # the tree, breadth first
    all+=("${pids[@]}")
    local next=()
    for p in "${pids[@]}"; do next+=($(cat /proc/"$p"/task/*/children 2>/dev/null)); done
    pids=("${next[@]}")
  done
  # fields after the command: 14 utime, 15 stime, 16 cutime, 17 cstime (the waited-for children's)
  for p in "${all[@]}"; do sed -E 's/^.*\) //' /proc/"$p"/stat 2>/dev/null; done |
    awk -v tck="$tck" '{ t += $12 + $13 + $14 + $15 } END { printf "%d\n", t * 1000 / tck }'
}

# postgres_pid DATA_DIR: the postmaster of the PostgreSQL whose data directory is under DATA_DIR
postgres_pid() { head -1 "$(find "$1" -maxdepth 3 -name postmaster.pid | head -1)" 2>/dev/null; }

# gatling DESCRIPTION load.*=value…: runs ConversationSimulation; the HTML report lands in target/gatling/
gatling() {
  local desc=$1; shift
  local props=("-Dload.summary=$OUT/summary-$(echo "$desc" | tr -c 'a-zA-Z0-9\n' '-').txt")
  for kv in "$@"; do props+=("-Dload.$kv"); done
  # bounded: on a starved machine Gatling's controller can miss its own 5 s start-up deadline and then wait forever
  # LOAD_GENERATOR_NICE=N runs Gatling (and the fakes) at a lower CPU priority: on a machine shared with the load
  # generator, what Bella answers is then measured with Bella first in line, as it is when the load comes from elsewhere
  timeout --signal=KILL "${LOAD_GATLING_TIMEOUT:-1500}" nice -n "${LOAD_GENERATOR_NICE:-0}" java -Xmx1g --add-opens java.base/java.lang=ALL-UNNAMED ${GATLING_JAVA_OPTS:-} -Dgatling.http.requestTimeout=15000 "${props[@]}" \
    -Dload.authToken="$TOKEN" -Dload.apiKey="$API_KEY" -Dload.media="http://127.0.0.1:$FAKES_PORT" \
    -cp "$CP" io.gatling.app.Gatling -s app.bella.load.ConversationSimulation \
    -rf "$ROOT/target/gatling" -rd "$desc" >"$OUT/gatling-$(echo "$desc" | tr -c 'a-zA-Z0-9\n' '-').log" 2>&1 || true
  grep -E "^(load summary|call endings|seeded|step )" "$OUT/gatling-$(echo "$desc" | tr -c 'a-zA-Z0-9\n' '-').log" || true
}

# callstart URL SIGNED_URL SECONDS CONNECTIONS: wrk's one-line summary
callstart() {
  wrk -t2 -c"${4:-32}" -d"${3:-10}s" --latency -s scripts/load/callstart.lua "$1" -- "$TOKEN" "${2:-$1}" | grep '^callstart:'
}

psql_q() {   # psql_q URL SQL: one value, through the JDBC driver (no psql client needed)
  java -cp "$CP" app.bella.load.Checks value --db "$1" "$2"
}

# texts_report NAME: how the confirmation SMS of instance NAME's calls went out so far (its embedded database)
texts_report() {
  local data="$OUT/$1-data"
  local url="jdbc:postgresql://127.0.0.1:$(sed -n 4p "$data/postgres/postmaster.pid")/postgres"
  BELLA_DB_PASSWORD="$(sed -n 's/^superuser.password=//p' "$data/postgres-credentials.properties")" psql_q "$url" \
    "select 'texts: ' || count(*) filter (where status = 'sent') || ' confirmations sent, '
       || count(*) filter (where status in ('pending', 'sending')) || ' waiting; sent after booking p50 '
       || coalesce(to_char(extract(epoch from percentile_disc(0.5) within group (order by updated_at - created_at)
            filter (where status = 'sent')), 'FM9990.0'), '-') || ' s, p90 '
       || coalesce(to_char(extract(epoch from percentile_disc(0.9) within group (order by updated_at - created_at)
            filter (where status = 'sent')), 'FM9990.0'), '-') || ' s, max '
       || coalesce(to_char(extract(epoch from max(updated_at - created_at) filter (where status = 'sent')), 'FM9990.0'), '-')
       || ' s' from notification where purpose = 'confirmation'"
}

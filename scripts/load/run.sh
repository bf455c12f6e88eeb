#!/usr/bin/env bash
# Measures Bella under load on this machine, each figure next to its ceiling where there is one.
#   scripts/load/run.sh [callstart] [conversations] [whisper]      (default: all three)
# callstart:     wrk, signed call starts, bare Vert.x ceiling then Bella, same run (LOAD_WRK_SECONDS, LOAD_WRK_CONNECTIONS;
#                LOAD_WRK_WARMUP seconds of uncounted call starts first, 5 by default: the JIT is still compiling then)
# conversations: Gatling, whole calls on the Twilio-speech path (LOAD_RATE calls/s for LOAD_SECONDS; first
#                LOAD_CONVERSATION_WARMUP seconds of uncounted calls at the same rate, 0 by default); then how the
#                confirmation SMS went out (the fake Twilio answers each in LOAD_SMS_MS, 100 by default)
# whisper:       Gatling, LOAD_BURST simultaneous calls on the Whisper path with a LOAD_WHISPER_MS transcription fake
#                (after LOAD_WHISPER_WARMUP seconds of uncounted calls at LOAD_RATE, 0 by default), then, with
#                LOAD_IN_FLIGHT_SECONDS, that long at LOAD_RATE calls/s; throughout, /healthz, /readyz and an API read
#                are timed every 0.5 s
# LOAD_BASE=url[,url…] plays against running instances instead of starting one (then only what needs no restart runs).
# LOAD_JFR=1 records a JFR profile of Bella per phase, after start-up (target/load/PHASE.jfr, summarised by
# scripts/load/jfr-top.sh into target/load/PHASE-top.txt).
source "$(dirname "$0")/lib.sh"
PHASES=${*:-callstart conversations whisper}
SECONDS_=${LOAD_SECONDS:-20}
BELLA_PORT=$((PORTS + 80))
build
start_fakes "${LOAD_WHISPER_MS:-1000}" "${LOAD_SMS_MS:-100}"
RESULTS=$OUT/results.txt
: >"$RESULTS"
say() { echo "$*" | tee -a "$RESULTS"; }

bella_up() {   # bella_up STT PHASE: a fresh Bella; with LOAD_JFR, a JFR recording of the phase (after start-up)
  PHASE=$2
  if [[ -n ${LOAD_BASE:-} ]]; then BASE=$LOAD_BASE; bella_PID=; return; fi   # instances started elsewhere
  bella_env "$1"
  rm -rf "$OUT/bella-data" # a fresh database: bookings of an earlier run would crowd the calendar this run books into
  BELLA_JAVA_OPTS="${LOAD_BELLA_JAVA_OPTS:-}" start_bella bella "$BELLA_PORT"
  BASE=http://127.0.0.1:$BELLA_PORT
  if [[ -n ${LOAD_JFR:-} ]]; then jcmd "$bella_PID" JFR.start name=load settings=profile >/dev/null; fi
}
bella_down() {
  [[ -n $bella_PID ]] || return 0
  if [[ -n ${LOAD_JFR:-} ]]; then jcmd "$bella_PID" JFR.dump name=load filename="$OUT/$PHASE.jfr" >/dev/null || true; fi
  kill -TERM "$bella_PID" 2>/dev/null || true
  # a stop drains 3 s, lets in-flight exchanges finish (up to 15 s), then stops Kafka and PostgreSQL
  for _ in $(seq 1 900); do kill -0 "$bella_PID" 2>/dev/null || break; sleep 0.1; done
}

# probe URL…: every 0.5 s, each URL timed, until probe_stop prints the figures per URL
probe() {
  ( while :; do
      for url in "$@"; do
        at=$(date +%T)
        curl -s -o /dev/null -w "$url %{http_code} %{time_total} $at\n" --max-time 15 -H "X-API-Key: $API_KEY" "$url" || echo "$url 000 15 $at"
      done
      sleep 0.5
    done >"$OUT/probe.txt" ) &
  PROBE_PID=$!
  STARTED+=("$PROBE_PID")
}
probe_stop() {
  kill "$PROBE_PID" 2>/dev/null || true
  # per URL: the median, the 90th percentile, the slowest, how many took over 100 ms (the goal) and how many failed
  sort -k1,1 -k3,3n "$OUT/probe.txt" | awk '
    function report() { if (u != "") printf "probe %s: %d probes, median %.0f ms, p90 %.0f ms, slowest %.0f ms, %d over 100 ms, %d not 2xx\n",
                          u, n, t[int((n + 1) / 2)], t[int(n * 0.9 + 0.999)], t[n], over, bad }
    $1 != u { report(); u = $1; n = 0; over = 0; bad = 0 }
    { t[++n] = $3 * 1000; if ($3 > 0.1) over++; if ($2 !~ /^2/) bad++ }
    END { report() }' 
}

if [[ $PHASES == *callstart* ]]; then
  start_bare
  bella_up twilio callstart
  wrk_s=${LOAD_WRK_SECONDS:-10}; wrk_c=${LOAD_WRK_CONNECTIONS:-32}; warm=${LOAD_WRK_WARMUP:-5}
  callstart "http://127.0.0.1:$BARE_PORT/twilio/voice" "http://127.0.0.1:$BARE_PORT/twilio/voice" "$warm" "$wrk_c" >/dev/null
  callstart "$BASE/twilio/voice" "$BASE/twilio/voice" "$warm" "$wrk_c" >/dev/null   # warm-ups (JIT), not counted
  bare=$(callstart "http://127.0.0.1:$BARE_PORT/twilio/voice" "http://127.0.0.1:$BARE_PORT/twilio/voice" "$wrk_s" "$wrk_c")
  bella=$(callstart "$BASE/twilio/voice" "$BASE/twilio/voice" "$wrk_s" "$wrk_c")
  say "bare Vert.x  $bare"
  say "Bella        $bella"
  b=$(sed -E 's/.* ([0-9]+) req\/s.*/\1/' <<<"$bare"); m=$(sed -E 's/.* ([0-9]+) req\/s.*/\1/' <<<"$bella")
  say "call start ratio: $(echo "scale=1; 100 * $m / $b" | bc)% of the bare ceiling${bella_PID:+; Bella RSS after load $(rss_mb "$bella_PID") MB}"
  bella_down
fi

if [[ $PHASES == *conversations* ]]; then
  bella_up twilio conversations
  if (( ${LOAD_CONVERSATION_WARMUP:-0} > 0 )); then
    gatling "twilio-path-warmup" base="$BASE" rate="${LOAD_RATE:-20}" seconds="$LOAD_CONVERSATION_WARMUP" pauses=true >/dev/null
  fi
  if [[ -n $bella_PID ]]; then pg_PID=$(postgres_pid "$OUT/bella-data"); bella_cpu0=$(cpu_ms "$bella_PID"); pg_cpu0=$(cpu_ms "$pg_PID"); fi
  gatling "twilio-path" base="$BASE" rate="${LOAD_RATE:-20}" seconds="$SECONDS_" pauses=true | tee -a "$RESULTS"
  if [[ -n $bella_PID ]]; then   # CPU per webhook of the measured run: the structural figure, whatever the generator took
    webhooks=$(sed -nE 's/.* webhooks=([0-9]+).*/\1/p' "$OUT/summary-twilio-path.txt" | head -1)
    bella_cpu=$(( $(cpu_ms "$bella_PID") - bella_cpu0 )); pg_cpu=$(( $(cpu_ms "$pg_PID") - pg_cpu0 ))
    say "CPU in the measured run: Bella $((bella_cpu / 1000)) s, PostgreSQL $((pg_cpu / 1000)) s for $webhooks webhooks:" \
        "$(echo "scale=2; $bella_cpu / $webhooks" | bc) ms and $(echo "scale=2; $pg_cpu / $webhooks" | bc) ms per webhook"
  fi
  say "conversations report: $(ls -td target/gatling/*/ | head -1)index.html"
  if [[ -n $bella_PID ]]; then say "Bella RSS $(rss_mb "$bella_PID") MB; at the end of the run, $(texts_report bella)"; fi
  bella_down
fi

if [[ $PHASES == *whisper* ]]; then
  bella_up whisper whisper
  if (( ${LOAD_WHISPER_WARMUP:-0} > 0 )); then   # uncounted calls at LOAD_RATE first, before the probes start
    gatling "whisper-path-warmup" base="$BASE" burst=0 rate="${LOAD_RATE:-20}" seconds="$LOAD_WHISPER_WARMUP" mix=new:100 >/dev/null
  fi
  probe "$BASE/healthz" "$BASE/readyz" "$BASE/api/services"
  # LOAD_BURST=0: calls arrive at LOAD_RATE/s for LOAD_SECONDS instead (calls in flight = rate × call length)
  gatling "whisper-path" base="$BASE" burst="${LOAD_BURST:-100}" rate="${LOAD_RATE:-20}" seconds="$SECONDS_" mix=new:100 | tee -a "$RESULTS"
  if (( ${LOAD_BURST:-100} > 0 && ${LOAD_IN_FLIGHT_SECONDS:-0} > 0 )); then   # then calls in flight, same probes
    gatling "whisper-in-flight" base="$BASE" burst=0 rate="${LOAD_RATE:-20}" seconds="$LOAD_IN_FLIGHT_SECONDS" mix=new:100 | tee -a "$RESULTS"
  fi
  probe_stop | tee -a "$RESULTS"
  say "whisper report: $(ls -td target/gatling/*/ | head -1)index.html; fakes: $(curl -s "$FAKES/__fake/stats")"
  [[ -z $bella_PID ]] || { grep -c "Connection is not available" "$OUT/bella.log" || true; } | sed "s/^/pool timeouts in the log: /" | tee -a "$RESULTS"
  bella_down
fi
for f in "$OUT"/*.jfr; do [[ -f $f ]] && bash scripts/load/jfr-top.sh "$f" 12 >"${f%.jfr}-top.txt" 2>/dev/null || true; done
echo "results: $RESULTS"

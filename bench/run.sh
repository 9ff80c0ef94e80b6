#!/usr/bin/env bash
# Builds BlazorChat, the ceiling server, the load generator, the browser driver and Blazor's template
# (E's floor) in Release,
# runs each scenario REPEATS times against its variants alternately (servers restarted every
# run), and writes bench/RESULTS.md with medians and ratios. The first variant of a scenario is
# its baseline. Runs unattended (E, the browser pages, takes about 25 minutes a repeat); loopback
# only; stops every server it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${REPEATS:-3}
# ONLY="A" (a prefix of scenario names) runs just those, for a quick look; RESULTS.md is then left
# as it is, and the results go to bench/results/partial-A.* instead of results.*, so a quick look
# never overwrites the last full run's (nor another quick look's). `python3 bench/report.py
# bench/results/results.jsonl bench/notes.md bench/results/partial-A.jsonl > bench/RESULTS.md`
# then puts its scenarios in place of the full run's.
ONLY=${ONLY:-}
out=bench/results
mkdir -p "$out"
results_file=$out/results.jsonl
[ -z "$ONLY" ] || results_file=$out/partial-${ONLY//[^A-Za-z0-9]/_}.jsonl
rm -f "$results_file"

for project in BlazorChat/BlazorChat.csproj bench/Ceiling/Ceiling.csproj bench/LoadGen/LoadGen.csproj bench/Circuits/Circuits.csproj bench/Floor/Floor.csproj; do
  dotnet build "$project" -c Release -v q -nologo > /dev/null
done

# Scenario C holds 5,000 sockets on each side of loopback (every client is on 127.0.0.1, so the
# per-address caps and the join rate are off: the benchmark measures the server, not its limits).
ulimit -n "$(ulimit -Hn)"

PIDS=()
DIRS=()
stop_servers() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
  for dir in "${DIRS[@]}"; do rm -rf "$dir"; done
  PIDS=() DIRS=()
}
trap stop_servers EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# A cluster node also listens on its port + 10000 (the cluster bus), so both must be free and the
# port at most 55535.
free_cluster_port() { python3 -c '
import socket
while True:
    s, b = socket.socket(), socket.socket()
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    try:
        if port <= 55535:
            b.bind(("127.0.0.1", port + 10000)); print(port); break
    except OSError:
        pass
    finally:
        s.close(); b.close()'; }

wait_for() { # $1 = URL that answers 2xx once the server is ready
  for _ in $(seq 200); do curl -sf -o /dev/null "$1" && return; sleep 0.1; done
  echo "no answer from $1" >&2; exit 1
}

start_redis() { # sets REDIS_PORT: one fresh redis-server, nothing kept
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > /dev/null &
  PIDS+=("$!")
  for _ in $(seq 100); do redis-cli -p "$REDIS_PORT" ping > /dev/null 2>&1 && break; sleep 0.1; done
}

start_cluster() { # sets CLUSTER_PORTS: three masters with a replica each, as the tests' RedisClusterServer
  local dir port; dir=$(mktemp -d /tmp/blazorchat-bench-cluster.XXXXXX)
  DIRS+=("$dir")
  CLUSTER_PORTS=()
  for _ in 1 2 3 4 5 6; do
    port=$(free_cluster_port)
    redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file "$dir/nodes-$port.conf" \
      --cluster-node-timeout 2000 --repl-diskless-sync-delay 0 --dir "$dir" --save "" --appendonly no > /dev/null &
    PIDS+=("$!")
    CLUSTER_PORTS+=("$port")
    for _ in $(seq 100); do redis-cli -p "$port" ping > /dev/null 2>&1 && break; sleep 0.1; done
  done
  redis-cli --cluster create "${CLUSTER_PORTS[@]/#/127.0.0.1:}" --cluster-replicas 1 --cluster-yes > /dev/null
  # Ready once every node sees the cluster whole and every replica is in sync with its master.
  for _ in $(seq 300); do
    local ready=1
    for port in "${CLUSTER_PORTS[@]}"; do
      local cluster replication
      cluster=$(redis-cli -p "$port" cluster info) replication=$(redis-cli -p "$port" info replication)
      [[ $cluster == *cluster_state:ok* ]] || ready=0
      [[ $replication != *role:slave* || $replication == *master_link_status:up* ]] || ready=0
    done
    [ "$ready" = 1 ] && return
    sleep 0.1
  done
  echo "the cluster on ${CLUSTER_PORTS[*]} did not come up" >&2; exit 1
}

start_pair() { # $1 = connection string, rest = extra environment: subscribers' instance measured, publishers on the second
  local redis=$1; shift
  start_app Limits__MessagesPerSecond=0 Bus__Provider=Redis ConnectionStrings__Redis="$redis" "$@"
  SERVER_PID=$APP_PID URL="ws://127.0.0.1:$APP_PORT/"
  start_app Limits__MessagesPerSecond=0 Bus__Provider=Redis ConnectionStrings__Redis="$redis" "$@"
  EXTRA=("--publish-server=ws://127.0.0.1:$APP_PORT/")
}

start_app() { # extra environment (KEY=VALUE ...); sets APP_PID and APP_PORT
  APP_PORT=$(free_port)
  env Logging__LogLevel__Default=Warning Limits__MaxConnectionsPerAddress=0 Limits__MaxCircuitsPerAddress=0 Limits__JoinsPerMinute=0 Limits__ApiRequestsPerMinute=0 "$@" \
    dotnet BlazorChat/bin/Release/net10.0/BlazorChat.dll --urls "http://127.0.0.1:$APP_PORT" > /dev/null 2>&1 &
  APP_PID=$!
  PIDS+=("$APP_PID")
  wait_for "http://127.0.0.1:$APP_PORT/health/ready"
}

start_servers() { # $1 = variant; sets SERVER_PID (the one measured), URL, PUBLISH_URL, EXTRA (load generator arguments)
  EXTRA=()
  case $1 in
    ceiling)
      local port; port=$(free_port)
      dotnet bench/Ceiling/bin/Release/net10.0/Ceiling.dll --urls "http://127.0.0.1:$port" > /dev/null 2>&1 &
      PIDS+=("$!")
      SERVER_PID=$!
      URL="ws://127.0.0.1:$port/"
      # It has no health endpoint; any HTTP answer (400 to a plain request) means it listens.
      for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port/ws/x/" && break; sleep 0.1; done ;;
    blazorchat | memory)
      # Every client shares one address and publishes as fast as it may: both limits off.
      start_app Limits__MessagesPerSecond=0
      SERVER_PID=$APP_PID URL="ws://127.0.0.1:$APP_PORT/" ;;
    redis)
      # Subscribers on one instance, publishers on another, one fresh redis-server between them;
      # the tap splits each message's time where Redis hands it on.
      start_redis
      start_pair "127.0.0.1:$REDIS_PORT"
      EXTRA+=("--redis-tap=$REDIS_PORT") ;;
    single | cluster-sharded | cluster-classic)
      # Scenario H: D's two instances on one redis-server, or on a local cluster of three masters
      # and three replicas with sharded or classic pub/sub; every node's CPU and bytes are read.
      if [ "$1" = single ]; then
        start_redis
        start_pair "127.0.0.1:$REDIS_PORT"
        EXTRA+=("--redis-nodes=$REDIS_PORT")
      else
        start_cluster
        local nodes; nodes=$(IFS=,; echo "${CLUSTER_PORTS[*]/#/127.0.0.1:}")
        start_pair "$nodes" Bus__Redis__PubSub="$([ "$1" = cluster-sharded ] && echo Sharded || echo Classic)"
        EXTRA+=("--redis-nodes=$(IFS=,; echo "${CLUSTER_PORTS[*]}")")
      fi ;;
    quiet | disrupted)
      # Scenario F: the default rate limit, with or without the flooder and the stalled reader.
      start_app
      SERVER_PID=$APP_PID URL="ws://127.0.0.1:$APP_PORT/"
      if [ "$1" = disrupted ]; then EXTRA=(--flooder --stalled); fi ;;
    calm | attacked | calm-redis | attacked-redis)
      # Scenario G: the default limits, every legitimate client on an address of its own, and
      # rooms forgotten 10 s after their last message, so that "after" comes within the run.
      local g_env=(Limits__MaxConnectionsPerAddress=100 Limits__MaxCircuitsPerAddress=20 Limits__JoinsPerMinute=120 Limits__ApiRequestsPerMinute=600 History__IdleRoomTtlSeconds=10)
      EXTRA=(--distinct-addresses --idle-wait-ms=15000)
      if [[ $1 == *redis ]]; then
        start_redis
        g_env+=(Bus__Provider=Redis ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT")
        EXTRA+=("--redis-port=$REDIS_PORT")
      fi
      start_app "${g_env[@]}"
      SERVER_PID=$APP_PID URL="ws://127.0.0.1:$APP_PORT/"
      if [[ $1 == attacked* ]]; then EXTRA+=(--attacker --attack-seconds=6); fi ;;
    floor)
      # E's floor: Blazor's own template with nothing of ours, in the Development environment as
      # the room page is, so that both serve the static assets of a build that is not published.
      local port; port=$(free_port)
      env ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
        dotnet bench/Floor/bin/Release/net10.0/Floor.dll --urls "http://127.0.0.1:$port" > /dev/null 2>&1 &
      PIDS+=("$!")
      SERVER_PID=$!
      wait_for "http://127.0.0.1:$port/health/ready"
      URL="http://127.0.0.1:$port/" ;;
    browser | browser-pausing)
      # The Development environment serves the static assets of a build that is not published.
      # Pausing: a tab hidden for a second gives its circuit back.
      local pause=()
      [ "$1" = browser ] || pause=(Pages__PauseHiddenAfterSeconds=1)
      start_app Limits__MessagesPerSecond=0 ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__BlazorChat=Warning "${pause[@]}"
      SERVER_PID=$APP_PID URL="http://127.0.0.1:$APP_PORT/" ;;
  esac
  PUBLISH_URL=$URL
}

record() { # $1 = scenario, $2 = variant, $3 = run, $4 = result JSON
  echo "{\"scenario\":\"$1\",\"server\":\"$2\",\"run\":$3,\"result\":$4}" >> "$results_file"
  echo "$1 | $2 | run $3: $4"
}

WARM_UP=0
selected() { [ -z "$ONLY" ] || [[ "$1" == "$ONLY"* ]]; }

run() { # $1 = scenario, $2 = its variants (baseline first), rest = load generator arguments
  local name=$1 variants=$2; shift 2
  selected "$name" || return 0
  for i in $(seq "$REPEATS"); do
    for variant in $variants; do
      # A variant named *-cold is its variant without the warm-up, for comparison.
      start_servers "${variant%-cold}"
      if [ "$WARM_UP" = 1 ] && [[ $variant != *-cold ]]; then
        # The same load once in rooms of its own, its result dropped: the servers' JIT is then
        # done before the measured run (see notes.md, D).
        local warm=()
        for arg in "${EXTRA[@]}"; do [[ $arg == --redis-* ]] || warm+=("$arg"); done
        dotnet bench/LoadGen/bin/Release/net10.0/LoadGen.dll --server="$URL" "${warm[@]}" --room-prefix=warmup "$@" > /dev/null
      fi
      result=$(dotnet bench/LoadGen/bin/Release/net10.0/LoadGen.dll --server="$URL" --server-pid="$SERVER_PID" "${EXTRA[@]}" "$@")
      stop_servers
      record "$name" "$variant" "$i" "$result"
    done
  done
}

A_FAST=(--rooms=1 --subscribers=200 --publishers=1 --messages=2000 --window=32)
A_500=(--rooms=1 --subscribers=200 --publishers=1 --messages=2000 --rate=500)
B=(--rooms=100 --subscribers=10 --publishers=100 --messages=100 --window=32)

run "A 1x200, as fast as possible (window 32)" "ceiling blazorchat" "${A_FAST[@]}"
run "A 1x200, 500 msg/s"                       "ceiling blazorchat" "${A_500[@]}"
run "B 100x10, one publisher per room"         "ceiling blazorchat" "${B[@]}"

run "C 5,000 idle connections over 50 rooms" "ceiling blazorchat" --idle --rooms=50 --subscribers=100

# D and H measure servers that are warm: each run is preceded by the same load in other rooms.
WARM_UP=1
run "D A as fast as possible, on Redis"  "memory redis" "${A_FAST[@]}"
run "D A 500 msg/s, on Redis"            "memory redis memory-cold redis-cold" "${A_500[@]}"
run "D B 100x10, on Redis"               "memory redis" "${B[@]}"

# H: D's A and B on a Redis Cluster against one Redis, sharded pub/sub against classic.
run "H A as fast as possible, on a Redis Cluster" "single cluster-sharded cluster-classic" "${A_FAST[@]}"
run "H B 100x10, on a Redis Cluster"              "single cluster-sharded cluster-classic" "${B[@]}"
WARM_UP=0

# A's 500 msg/s from 25 publishers at 20 msg/s each: each within the default limit (a bucket of
# 40, refilled by 20 a second), so only the flooder is refused. 6 s rather than A's 4: the
# stalled reader's queue overflows after about 3.5 s of this traffic (see StalledReader.cs).
run "F A 500 msg/s (25 x 20) with a flooder and a stalled reader" "quiet disrupted" \
  --rooms=1 --subscribers=200 --publishers=1 --publishers-per-room=25 --messages=120 --rate=20

# F's traffic (500 msg/s from 25 publishers, 200 readers) with the attacker beside it, on each
# provider; memory is read before, at its peak, and 15 s after (past the 10 s idle time).
G=(--rooms=1 --subscribers=200 --publishers=1 --publishers-per-room=25 --messages=120 --rate=20)
run "G abuse from one address, on Memory" "calm attacked" "${G[@]}"
run "G abuse from one address, on Redis"  "calm-redis attacked-redis" "${G[@]}"

# E: memory per page, as RSS and as live managed heap (dotnet-gcdump), read by the browser driver.
pages() { # $1 = scenario, $2 = its variants (baseline first), rest = browser driver arguments
  local name=$1 variants=$2; shift 2
  selected "$name" || return 0
  for i in $(seq "$REPEATS"); do
    for variant in $variants; do
      start_servers "$variant"
      result=$(dotnet bench/Circuits/bin/Release/net10.0/Circuits.dll --server="$URL" --server-pid="$SERVER_PID" "$@")
      stop_servers
      record "$name" "$variant" "$i" "$result"
    done
  done
}

# An empty room's page against Blazor's template (bench/Floor): what of a page's cost is the
# framework's own floor, and what is ours. Then one page per room; then 40 pages in one room after
# 20 warm-up pages, as people chat, where each page also sees the others arrive and the member
# list grows with the room; then 40 pages whose tabs go to the background and pause their
# circuits: what a hidden tab costs.
pages "E 40 browser pages, empty rooms, against Blazor's template" "floor browser" --pages=40 --warmup-pages=20 --messages=0 --heap
pages "E 50 browser pages, 50 messages each" browser --pages=50 --messages=50 --heap
pages "E 40 browser pages in one room of 50 messages" browser --pages=40 --warmup-pages=20 --messages=50 --shared-room --heap
pages "E 40 browser pages, hidden (circuits paused)" browser-pausing --pages=40 --warmup-pages=20 --messages=50 --hidden --heap

report=bench/RESULTS.md
[ -z "$ONLY" ] || report=${results_file%.jsonl}.md
python3 bench/report.py "$results_file" bench/notes.md > "$report"
cat "$report"

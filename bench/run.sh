#!/usr/bin/env bash
# Builds BlazorChat, the ceiling server and the load generator in Release, runs each scenario
# against both servers in the same run (REPEATS times each, servers restarted every run), and
# writes bench/RESULTS.md with medians and ratios. Runs unattended; loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${REPEATS:-3}
out=bench/results
mkdir -p "$out"
rm -f "$out"/*.jsonl

dotnet build BlazorChat/BlazorChat.csproj -c Release -v q -nologo > /dev/null
dotnet build bench/Ceiling/Ceiling.csproj -c Release -v q -nologo > /dev/null
dotnet build bench/LoadGen/LoadGen.csproj -c Release -v q -nologo > /dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start_server() { # $1 = ceiling | blazorchat; sets SERVER_PID and PORT
  PORT=$(free_port)
  if [ "$1" = ceiling ]; then
    dotnet bench/Ceiling/bin/Release/net10.0/Ceiling.dll --urls "http://127.0.0.1:$PORT" > /dev/null 2>&1 &
  else
    # Every client shares one address and publishes as fast as it may: both limits off.
    Limits__MessagesPerSecond=0 Limits__MaxConnectionsPerAddress=0 Logging__LogLevel__Default=Warning \
      dotnet BlazorChat/bin/Release/net10.0/BlazorChat.dll --urls "http://127.0.0.1:$PORT" > /dev/null 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/ws/x/" && return; sleep 0.1; done
  echo "server $1 did not start" >&2; exit 1
}

run() { # $1 = scenario name, rest = load generator arguments
  local name=$1; shift
  for i in $(seq "$REPEATS"); do
    for server in ceiling blazorchat; do
      start_server "$server"
      result=$(dotnet bench/LoadGen/bin/Release/net10.0/LoadGen.dll --server="ws://127.0.0.1:$PORT/" "$@")
      kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
      echo "{\"scenario\":\"$name\",\"server\":\"$server\",\"run\":$i,\"result\":$result}" >> "$out/results.jsonl"
      echo "$name $server run $i: $result"
    done
  done
}

run "A 1x200, as fast as possible (window 32)" --rooms=1 --subscribers=200 --publishers=1 --messages=2000 --window=32
run "A 1x200, 500 msg/s"                       --rooms=1 --subscribers=200 --publishers=1 --messages=2000 --rate=500
run "B 100x10, one publisher per room"         --rooms=100 --subscribers=10 --publishers=100 --messages=100 --window=32

python3 bench/report.py "$out/results.jsonl" > bench/RESULTS.md
cat bench/RESULTS.md

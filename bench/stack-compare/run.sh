#!/usr/bin/env bash
# Compares the same minimal reverse proxy (POST /v1/chat/completions) on Vert.x 5 core, Helidon SE 4 and the JDK
# alone, with nginx as a reference, against an nginx fake upstream on loopback. Prints a Markdown table.
# Numbers for docs/decisions/001-http-stack.md.
#
# Usage: bench/stack-compare/run.sh [--duration S] [--warmup S] [--no-build]
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$ROOT/bench/lib.sh"

DURATION=15
WARMUP=10
BUILD=1
while [ $# -gt 0 ]; do
  case $1 in
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h | --help) sed -n '2,6p' "$0"; exit 0 ;;
    *) bench_die "unknown option $1" ;;
  esac
done

UPSTREAM_PORT=18181
NGINX_PORT=18182
PROXY_PORT=18183
# About 300 bytes, like a short real chat request.
BODY='{"model":"bench-model","messages":[{"role":"system","content":"You are a terse assistant. Answer in one word."},{"role":"user","content":"Say ok. This sentence only pads the prompt so that the whole request body is about three hundred bytes long, like a short chat."}],"max_tokens":16,"temperature":0}'

bench_need_tools
bench_find_java

TMP=$(mktemp -d /tmp/trustgate-stack.XXXXXX)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

if [ "$BUILD" = 1 ]; then
  bench_log "building stack-compare"
  "$ROOT/mvnw" -q -f "$HERE/pom.xml" package -DskipTests >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; bench_die "build failed"; }
fi
CP="$HERE/target/classes:$HERE/target/lib/*"

bench_nginx_upstream "$TMP" "$UPSTREAM_PORT"
bench_start_nginx "$TMP" upstream.conf
PIDS+=("$NGINX_PID")
bench_wait_http "http://127.0.0.1:$UPSTREAM_PORT/" 10 || bench_die "upstream nginx did not start"
bench_wrk_lua "$TMP/chat.lua" "$BODY"

ROWS=()
# measure NAME PORT PID: moderate load then saturation; appends table rows.
measure() {
  local name=$1 port=$2 pid=${3:-} url="http://127.0.0.1:$2/v1/chat/completions" m s rss="-"
  m=$(bench_wrk "$TMP/$name-c8.txt" 1 8 "$DURATION" "$TMP/chat.lua" "$url")
  s=$(bench_wrk "$TMP/$name-c64.txt" 2 64 "$DURATION" "$TMP/chat.lua" "$url")
  [ -n "$pid" ] && rss=$(bench_rss_mib "$pid")
  bench_log "$name: c8 [$m] c64 [$s] rss ${rss} MiB"
  ROWS+=("$name 8 $m $rss" "$name 64 $s $rss")
}

bench_log "direct to the upstream"
bench_wrk "$TMP/warm.txt" 2 64 3 "$TMP/chat.lua" "http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions" >/dev/null
measure direct "$UPSTREAM_PORT"

bench_log "nginx reverse proxy"
bench_nginx_proxy "$TMP" "$NGINX_PORT" "$UPSTREAM_PORT"
bench_start_nginx "$TMP" proxy.conf
PIDS+=("$NGINX_PID")
bench_wait_http "http://127.0.0.1:$NGINX_PORT/" 10 || bench_die "proxy nginx did not start"
bench_wrk "$TMP/warm.txt" 2 64 3 "$TMP/chat.lua" "http://127.0.0.1:$NGINX_PORT/v1/chat/completions" >/dev/null
measure nginx "$NGINX_PORT" "$NGINX_PID"
stop "$NGINX_PID"

for stack in vertx helidon jdk; do
  case $stack in
    vertx) main=io.trustgate.bench.stack.VertxProxy ;;
    helidon) main=io.trustgate.bench.stack.HelidonProxy ;;
    jdk) main=io.trustgate.bench.stack.JdkProxy ;;
  esac
  bench_log "$stack: start, warm up ${WARMUP}s"
  "$JAVA" -Xms512m -Xmx512m -cp "$CP" "$main" "$PROXY_PORT" "$UPSTREAM_PORT" >"$TMP/$stack.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  bench_wait_http "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" 30 POST || { cat "$TMP/$stack.log"; bench_die "$stack did not start"; }
  bench_wrk "$TMP/$stack-warm.txt" 2 64 "$WARMUP" "$TMP/chat.lua" "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" >/dev/null
  measure "$stack" "$PROXY_PORT" "$pid"
  stop "$pid"
done

# The table: added latency is against "direct" at the same connection count.
direct_of() { printf '%s\n' "${ROWS[@]}" | awk -v c="$1" -v f="$2" '$1 == "direct" && $2 == c {print $f}'; }
echo
echo "Machine: $(bench_machine)"
echo "wrk on loopback, ${DURATION}s per cell, -t1 -c8 (moderate) and -t2 -c64 (saturation); JVMs warmed up ${WARMUP}s at -c64."
echo
echo "| setup | connections | req/s | p50 ms | p99 ms | p50 added ms | p99 added ms | errors | RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for row in "${ROWS[@]}"; do
  read -r name conns rps p50 p99 errs rss <<<"$row"
  if [ "$name" = direct ]; then a50="-"; a99="-"; else
    a50=$(bench_sub "$p50" "$(direct_of "$conns" 4)"); a99=$(bench_sub "$p99" "$(direct_of "$conns" 5)"); fi
  echo "| $name | $conns | $rps | $p50 | $p99 | $a50 | $a99 | $errs | $rss |"
done

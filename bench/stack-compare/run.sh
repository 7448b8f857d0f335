#!/usr/bin/env bash
# Compares the same minimal reverse proxy (POST /v1/chat/completions) on Vert.x 5 core, Helidon SE 4 and the JDK
# alone, with nginx as a reference, against an nginx fake upstream on loopback. Prints a Markdown table.
# Numbers for docs/decisions/001-http-stack.md.
#
# Usage: bench/stack-compare/run.sh [--duration S] [--warmup S] [--rounds N] [--no-build]
# With --rounds N the whole sequence runs N times (round robin, so background load hits every stack alike);
# each round gets its own table, then a table of the medians.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$ROOT/bench/lib.sh"

DURATION=15
WARMUP=10
ROUNDS=1
BUILD=1
while [ $# -gt 0 ]; do
  case $1 in
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
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
# measure NAME PORT [PID]: moderate load then saturation; appends "round name conns rps p50 p99 errors rss".
measure() {
  local name=$1 port=$2 pid=${3:-} url="http://127.0.0.1:$2/v1/chat/completions" m s rss="-"
  m=$(bench_wrk "$TMP/$name-c8.txt" 1 8 "$DURATION" "$TMP/chat.lua" "$url")
  s=$(bench_wrk "$TMP/$name-c64.txt" 2 64 "$DURATION" "$TMP/chat.lua" "$url")
  [ -n "$pid" ] && rss=$(bench_rss_mib "$pid")
  bench_log "round $ROUND $name: c8 [$m] c64 [$s] rss ${rss} MiB, load $(cut -d' ' -f1 /proc/loadavg)"
  ROWS+=("$ROUND $name 8 $m $rss" "$ROUND $name 64 $s $rss")
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
  bench_log "round $ROUND: direct to the upstream"
  bench_wrk "$TMP/warm.txt" 2 64 3 "$TMP/chat.lua" "http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions" >/dev/null
  measure direct "$UPSTREAM_PORT"

  bench_log "round $ROUND: nginx reverse proxy"
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
    bench_log "round $ROUND: $stack: start, warm up ${WARMUP}s"
    "$JAVA" -Xms512m -Xmx512m -cp "$CP" "$main" "$PROXY_PORT" "$UPSTREAM_PORT" >"$TMP/$stack.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    bench_wait_http "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" 30 POST || { cat "$TMP/$stack.log"; bench_die "$stack did not start"; }
    bench_wrk "$TMP/$stack-warm.txt" 2 64 "$WARMUP" "$TMP/chat.lua" "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" >/dev/null
    measure "$stack" "$PROXY_PORT" "$pid"
    stop "$pid"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# table ROWS...: rows "name conns rps p50 p99 errors rss" as Markdown; added latency is against "direct" at the
# same connection count.
table() {
  echo "| setup | connections | req/s | p50 ms | p99 ms | p50 added ms | p99 added ms | errors | RSS MiB |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "$@" | awk '
    { row[NR] = $0; if ($1 == "direct") { d50[$2] = $4; d99[$2] = $5 } }
    END {
      for (i = 1; i <= NR; i++) {
        split(row[i], f, " ")
        a50 = "-"; a99 = "-"
        if (f[1] != "direct") { a50 = sprintf("%+.3f", f[4] - d50[f[2]]); a99 = sprintf("%+.3f", f[5] - d99[f[2]]) }
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", f[1], f[2], f[3], f[4], f[5], a50, a99, f[6], f[7]
      }
    }'
}

echo
echo "Machine: $(bench_machine)"
echo "Load average before: $LOAD_BEFORE; after: $LOAD_AFTER."
echo "wrk on loopback, ${DURATION}s per cell, -t1 -c8 (moderate) and -t2 -c64 (saturation); JVMs warmed up ${WARMUP}s at -c64."
for ((r = 1; r <= ROUNDS; r++)); do
  echo
  echo "Round $r:"
  echo
  mapfile -t round_rows < <(printf '%s\n' "${ROWS[@]}" | awk -v r="$r" '$1 == r { $1 = ""; sub(/^ /, ""); print }')
  table "${round_rows[@]}"
done
if [ "$ROUNDS" -gt 1 ]; then
  echo
  echo "Median of $ROUNDS rounds (each column on its own; errors summed):"
  echo
  mapfile -t median_rows < <(printf '%s\n' "${ROWS[@]}" | awk '
    function med(list,   n, a, i, j, t) {
      n = split(list, a, " ")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { k = $2 " " $3; if (!(k in seen)) { seen[k] = 1; order[++n] = k }
      rps[k] = rps[k] " " $4; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6; err[k] += $7; rss[k] = rss[k] " " $8 }
    END { for (i = 1; i <= n; i++) { k = order[i]
      printf "%s %.0f %.3f %.3f %d %s\n", k, med(rps[k]), med(p50[k]), med(p99[k]), err[k], (rss[k] ~ /-/ ? "-" : sprintf("%.0f", med(rss[k]))) } }')
  table "${median_rows[@]}"
fi

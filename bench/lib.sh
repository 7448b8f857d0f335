# Shared helpers for bench/run and bench/stack-compare/run.sh: tools, nginx configs, wrk runs and parsing.
# Source it; it defines functions and the canned upstream reply, and runs nothing.

# The fake upstream's reply: an OpenAI chat.completion with a usage block.
BENCH_REPLY='{"id":"chatcmpl-b","object":"chat.completion","created":1,"model":"bench","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":1,"total_tokens":13}}'

bench_log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
bench_die() { bench_log "error: $*"; exit 1; }

# Installs nginx and wrk from Debian packages when either is missing.
bench_need_tools() {
  local missing=()
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || bench_die "missing ${missing[*]} and no apt-get to install them"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    bench_log "installing ${missing[*]} (apt-get)"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
}

# Sets JAVA to a java of version 21 or later (JAVA_HOME first, then the usual places).
bench_find_java() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64)
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] || continue
    v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ "${v%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$c"
      JAVA="$c/bin/java"
      return 0
    fi
  done
  bench_die "no JDK 21+ found; set JAVA_HOME"
}

# bench_nginx_upstream DIR PORT: the fake upstream, one worker, answering POST /v1/chat/completions.
bench_nginx_upstream() {
  local dir=$1 port=$2
  cat >"$dir/upstream.conf" <<EOF
worker_processes 1;
pid $dir/upstream.pid;
error_log $dir/upstream-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  client_body_temp_path $dir/tmp-upstream;
  server {
    listen 127.0.0.1:$port backlog=4096;
    location = /v1/chat/completions {
      default_type application/json;
      return 200 '$BENCH_REPLY';
    }
    location / { return 404; }
  }
}
EOF
}

# bench_nginx_proxy DIR PORT UPSTREAM_PORT: nginx as a plain reverse proxy with upstream keep-alive.
bench_nginx_proxy() {
  local dir=$1 port=$2 up=$3
  cat >"$dir/proxy.conf" <<EOF
worker_processes auto;
pid $dir/proxy.pid;
error_log $dir/proxy-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  client_body_temp_path $dir/tmp-proxy;
  proxy_temp_path $dir/tmp-proxy-out;
  upstream fake {
    server 127.0.0.1:$up;
    keepalive 128;
    keepalive_requests 10000000;
  }
  server {
    listen 127.0.0.1:$port backlog=4096;
    location / {
      proxy_pass http://fake;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
EOF
}

# bench_start_nginx DIR CONF: runs nginx in the foreground as a child of this shell; sets NGINX_PID.
bench_start_nginx() {
  local dir=$1 conf=$2
  "$NGINX_BIN" -p "$dir" -c "$dir/$conf" -g 'daemon off;' >>"$dir/nginx-$conf.log" 2>&1 &
  NGINX_PID=$!
}

# bench_wait_http URL SECONDS [METHOD]: waits until URL answers at all (any status), or fails.
bench_wait_http() {
  local url=$1 secs=$2 method=${3:-GET} i
  for ((i = 0; i < secs * 10; i++)); do
    if curl -s -o /dev/null -X "$method" -m 1 "$url"; then return 0; fi
    sleep 0.1
  done
  return 1
}

# bench_wrk_lua FILE BODY [AUTH] [DELAY_MS]: a wrk script that POSTs BODY as JSON, with a bearer key when
# given; with DELAY_MS each connection waits that long between requests (a paced, moderate load).
bench_wrk_lua() {
  local file=$1 body=$2 auth=${3:-} delay=${4:-}
  {
    echo 'wrk.method = "POST"'
    printf 'wrk.body = [[%s]]\n' "$body"
    echo 'wrk.headers["Content-Type"] = "application/json"'
    if [ -n "$auth" ]; then printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$auth"; fi
    if [ -n "$delay" ]; then printf 'function delay() return %s end\n' "$delay"; fi
  } >"$file"
}

# bench_to_ms VALUE: wrk's latency ("812.00us", "1.23ms", "1.01s") in milliseconds.
bench_to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.3f", n }'
}

# bench_wrk OUT THREADS CONNS SECONDS LUA URL: runs wrk --latency (bounded by SECONDS plus a margin),
# keeps its output in OUT and prints "rps p50_ms p99_ms errors".
bench_wrk() {
  local out=$1 t=$2 c=$3 d=$4 lua=$5 url=$6
  timeout $((d + 30)) wrk -t"$t" -c"$c" -d"${d}s" --timeout 5s --latency -s "$lua" "$url" >"$out" 2>&1 || true
  local rps p50 p99 non2xx sock
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
  sock=$(awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$out")
  [ -n "$rps" ] && [ -n "$p50" ] && [ -n "$p99" ] || { echo "0 NaN NaN wrk-failed"; return 0; }
  echo "$rps $(bench_to_ms "$p50") $(bench_to_ms "$p99") $(( ${non2xx:-0} + ${sock:-0} ))"
}

# bench_sub A B: A - B with three decimals (for the "added" columns).
bench_sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.3f", a - b }'; }

# bench_rss_mib PID: resident memory of a process, MiB.
bench_rss_mib() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

# bench_machine: one Markdown line describing this machine.
bench_machine() {
  local cpu jdk
  cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  jdk=$("${JAVA:-java}" -version 2>&1 | head -1)
  echo "$(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $jdk, nginx $("$NGINX_BIN" -v 2>&1 | sed 's|.*/||'), $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
}

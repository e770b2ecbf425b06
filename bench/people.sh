#!/usr/bin/env bash
# Staff pages in a large unit (issue 12, point 5): the people search (`/equipe/pessoas?q=`)
# and the dashboard (`/equipe`, paged) with COUNT (default 50,000) people in one unit, as the
# demo técnica (her half of the unit) and as the coordinator (all of it).
#
# For each database (SQLite; PostgreSQL when ESV_BENCH_POSTGRES_URL is set): seeds the demo
# data plus COUNT people (`esv-server seed-benchmark-pessoas`: plans, appointments, referrals),
# starts the release server, logs in and drives bench/people-workload.txt (1,200 distinct
# requests, made by bench/make_people_workload.py) with wrk. Every search that lists people
# writes their reads to the audit log, so this is a read-and-write load. Prints a Markdown
# table; reports figures only, nothing passes or fails on a time. Needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${COUNT:-50000}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-32}"
export WORKLOAD="${WORKLOAD:-bench/people-workload.txt}"
SERVER=target/release/esv-server
[ -x "$SERVER" ] || cargo build --release -p server
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
work=$(mktemp -d)
SERVER_PID=
trap 'kill $SERVER_PID $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

login() { # port email → "esv_sessao=…"
  curl -s -o /dev/null -D - -H "Origin: http://127.0.0.1:$1" \
    --data-urlencode "identificador=$2" --data-urlencode "senha=esv-demo-2026" \
    "http://127.0.0.1:$1/entrar" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(esv_sessao=[^;]*\).*/\1/p'
}

source bench/common.sh

run_backend() {
  local name=$1 url=$2 port=$3
  local data="$work/$name"
  mkdir -p "$data"
  [ "$url" = sqlite ] && url="sqlite://$data/esv.sqlite3?mode=rwc"
  local t0=$SECONDS
  ESV_DATA_DIR="$data" ESV_DATABASE_URL="$url" ESV_DEMO_DATA=1 ESV_LOG=warn "$SERVER" seed-benchmark-pessoas "$COUNT" >/dev/null
  local seeded=$((SECONDS - t0))
  ESV_DATA_DIR="$data" ESV_DATABASE_URL="$url" ESV_BIND="127.0.0.1:$port" ESV_PUSH_WORKER=0 \
    ESV_LOG=warn "$SERVER" > "$work/server.log" 2>&1 &
  SERVER_PID=$!
  wait_up "http://127.0.0.1:$port/health"
  for who in tecnica coordenacao; do
    local cookie
    cookie=$(login "$port" "$who@exemplo.org")
    [ -n "$cookie" ] || { echo "login as $who failed"; cat "$work/server.log"; exit 1; }
    read -r p50 p99 rps bad < <(measure "http://127.0.0.1:$port" "$cookie")
    local mem
    mem=$(awk '/VmHWM/{h=$2} /RssAnon/{a=$2} END{printf "%.0f MiB (own %.0f", h/1024, a/1024}' "/proc/$SERVER_PID/status")
    echo "| $name | $COUNT | $who | $rps | $p50 | $p99 | $bad | ${mem} MiB) | ${seeded} s |"
  done
  kill -INT "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

echo "Workload: $(wc -l < "$WORKLOAD") distinct staff requests; wrk -t2 -c$CONNECTIONS -d$DURATION; $(nproc) cores shared by wrk and the server."
echo
echo "| database | people in the unit | as | req/s | p50 | p99 | non-2xx / timeouts | server memory (peak) | seed |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|"
run_backend sqlite sqlite 4300
rm -rf "$work/sqlite"
if [ -n "${ESV_BENCH_POSTGRES_URL:-}" ]; then
  base=${ESV_BENCH_POSTGRES_URL%/*}
  psql "$ESV_BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS esv_bench_people" -qc "CREATE DATABASE esv_bench_people" >/dev/null
  run_backend postgres "$base/esv_bench_people" 4400
  psql "$ESV_BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS esv_bench_people" >/dev/null
fi

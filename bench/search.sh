#!/usr/bin/env bash
# Public search under a long tail of different requests (issue 12).
#
# KIND=vagas (default): the job board, bench/search-workload.txt (1,200 distinct /vagas
# requests, made by bench/make_search_workload.py), `seed-benchmark`.
# KIND=servicos: the service directory, bench/directory-workload.txt (made by
# bench/make_directory_workload.py), `seed-benchmark-servicos`.
#
# For each size in COUNTS (default "100000 1000000" for vagas, "100000" for servicos) and each
# database (SQLite; PostgreSQL when ESV_BENCH_POSTGRES_URL is set): seeds the generated rows,
# starts the release server and drives the workload with wrk:
#   1. caches off (ESV_CACHE_PUBLICO=0): the headline, every request pays the search;
#   2. caches on: the same workload, with the page/result cache hit ratio the server reports;
#   3. esv-bare, a bare axum handler serving a page of the same size, in the same run;
#   4. esv-bare --middleware: the same bytes behind the middleware every response passes,
#      without database or page — the most any page can reach against the bare handler.
# Prints a Markdown table with requests/s, p50/p99, the ratio to the bare handler and the
# server's peak memory (VmHWM, which counts the SQLite file pages it maps) and its own
# memory (RssAnon). Reports figures only; nothing passes or fails on a time.
# Needs: `make server` (or it builds), `apt-get install wrk`.
set -euo pipefail
cd "$(dirname "$0")/.."
KIND="${KIND:-vagas}"
case "$KIND" in
  vagas) SEED=seed-benchmark; DEFAULT_WORKLOAD=bench/search-workload.txt; SAMPLE="/vagas?q=auxiliar"; DEFAULT_COUNTS="100000 1000000" ;;
  servicos) SEED=seed-benchmark-servicos; DEFAULT_WORKLOAD=bench/directory-workload.txt; SAMPLE="/servicos?lat=-15.8&lon=-47.9"; DEFAULT_COUNTS="100000" ;;
  *) echo "KIND is vagas or servicos"; exit 2 ;;
esac
COUNTS="${COUNTS:-$DEFAULT_COUNTS}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-32}"
export WORKLOAD="${WORKLOAD:-$DEFAULT_WORKLOAD}"
SERVER=target/release/esv-server
BARE=target/release/esv-bare
INDEX_BENCH=target/release/esv-search-bench
[ -x "$SERVER" ] && [ -x "$BARE" ] && [ -x "$INDEX_BENCH" ] || cargo build --release -p server --bins -p esv-tests --features bench --bin esv-search-bench
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
work=$(mktemp -d)
SERVER_PID=
trap 'kill $SERVER_PID $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

source bench/common.sh

start_server() { # data url port cache; sets SERVER_PID
  ESV_DATA_DIR="$1" ESV_DATABASE_URL="$2" ESV_BIND="127.0.0.1:$3" ESV_CACHE_PUBLICO="$4" \
    ESV_PUSH_WORKER=0 ESV_LOG=warn,esv_cache=info "$SERVER" > "$work/server.log" 2>&1 &
  SERVER_PID=$!
}

run_backend() {
  local name=$1 url=$2 port=$3 count=$4
  local data="$work/$name-$count"
  mkdir -p "$data"
  [ "$url" = sqlite ] && url="sqlite://$data/esv.sqlite3?mode=rwc"
  local t0=$SECONDS
  ESV_DATA_DIR="$data" ESV_DATABASE_URL="$url" ESV_DEMO_DATA=1 ESV_LOG=warn "$SERVER" "$SEED" "$count" >/dev/null
  local seeded=$((SECONDS - t0))
  local index_line=""
  [ "$KIND" = vagas ] && index_line=$("$INDEX_BENCH" "$url" "$WORKLOAD")
  t0=$SECONDS
  start_server "$data" "$url" "$port" 0
  local pid=$SERVER_PID
  wait_up "http://127.0.0.1:$port/health"
  local started=$((SECONDS - t0))
  curl -s "http://127.0.0.1:$port$SAMPLE" > "$work/page.html"
  read -r sp50 sp99 srps sbad < <(measure "http://127.0.0.1:$port")
  local mem
  mem=$(awk '/VmHWM/{h=$2} /RssAnon/{a=$2} END{printf "%.0f MiB (own %.0f", h/1024, a/1024}' "/proc/$pid/status")
  kill -INT "$pid"; wait "$pid" 2>/dev/null || true
  start_server "$data" "$url" "$port" 1
  pid=$SERVER_PID
  wait_up "http://127.0.0.1:$port/health"
  read -r cp50 cp99 crps cbad < <(measure "http://127.0.0.1:$port")
  kill -INT "$pid"; wait "$pid" 2>/dev/null || true
  local hits
  # The log may carry colour codes: strip them before reading the figure.
  hits=$(sed 's/\x1b\[[0-9;]*m//g' "$work/server.log" | grep -o 'hit_ratio=[0-9.]*' | tail -1 | cut -d= -f2 || true)
  "$BARE" "$work/page.html" "127.0.0.1:$((port + 1))" &
  local bare=$!
  wait_up "http://127.0.0.1:$((port + 1))/"
  read -r bp50 bp99 brps _ < <(measure "http://127.0.0.1:$((port + 1))")
  kill "$bare"; wait "$bare" 2>/dev/null || true
  # The ceiling: the same bytes behind the middleware every response passes, no database, no page.
  "$BARE" "$work/page.html" "127.0.0.1:$((port + 1))" --middleware &
  bare=$!
  wait_up "http://127.0.0.1:$((port + 1))/"
  read -r _ _ mrps _ < <(measure "http://127.0.0.1:$((port + 1))")
  kill "$bare"; wait "$bare" 2>/dev/null || true
  local ratio
  ratio=$(awk -v a="$srps" -v b="$brps" 'BEGIN{printf "%.1f %%", 100*a/b}')
  local ceiling
  ceiling=$(awk -v a="$mrps" -v b="$brps" 'BEGIN{printf "%.1f %%", 100*a/b}')
  echo "| $name | $count | $srps | $sp50 | $sp99 | $ratio | $sbad | ${mem} MiB) | $crps | ${hits:-?} | $brps | $bp50 | $bp99 | ${seeded} s / ${started} s | $mrps | $ceiling |"
  [ -n "$index_line" ] && INDEX_LINES+=("$name, $count: $index_line")
  return 0
}

echo "Workload: $(wc -l < "$WORKLOAD") distinct requests; wrk -t2 -c$CONNECTIONS -d$DURATION; $(nproc) cores shared by wrk and the server."
echo
INDEX_LINES=()
echo "| database | $KIND rows | cold req/s | cold p50 | cold p99 | cold / bare | non-2xx / timeouts | server memory (peak) | cached req/s | cache hit ratio | bare req/s | bare p50 | bare p99 | seed / start | bare + middleware req/s | bare + middleware / bare |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for count in $COUNTS; do
  run_backend sqlite sqlite 4100 "$count"
  rm -rf "$work/sqlite-$count"
  if [ -n "${ESV_BENCH_POSTGRES_URL:-}" ]; then
    base=${ESV_BENCH_POSTGRES_URL%/*}
    psql "$ESV_BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS esv_bench" -qc "CREATE DATABASE esv_bench" >/dev/null
    run_backend postgres "$base/esv_bench" 4200 "$count"
    psql "$ESV_BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS esv_bench" >/dev/null
  fi
done
for line in "${INDEX_LINES[@]}"; do echo; echo "- $line"; done

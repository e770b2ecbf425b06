#!/usr/bin/env bash
# /vagas?q=… with 100,000 vacancies: latency (p50/p99) and throughput with wrk, 64 connections,
# against a bare axum handler serving the same bytes in the same run; SQLite and PostgreSQL.
# Needs: `make server`, `apt-get install wrk`, PostgreSQL at ESV_BENCH_POSTGRES_URL (optional).
# Prints a Markdown table. Reports figures only; nothing here passes or fails on a time.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${COUNT:-100000}"
DURATION="${DURATION:-10s}"
QUERY="${QUERY:-/vagas?q=manutencao}"
SERVER=target/release/esv-server
BARE=target/release/esv-bare
[ -x "$SERVER" ] && [ -x "$BARE" ] || cargo build --release -p server --bins
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

wait_up() { for _ in $(seq 1 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "no answer from $1"; exit 1; }

# "p50 p99 req/s" from wrk --latency output.
measure() {
  wrk -t2 -c64 -d"$DURATION" --latency "$1" > "$work/wrk.txt"
  local p50 p99 rps
  p50=$(awk '$1=="50%"{print $2}' "$work/wrk.txt")
  p99=$(awk '$1=="99%"{print $2}' "$work/wrk.txt")
  rps=$(awk '/Requests\/sec/{print $2}' "$work/wrk.txt")
  echo "$p50 $p99 $rps"
}

run_backend() {
  local name=$1 url=$2 port=$3
  local data="$work/$name"
  mkdir -p "$data"
  ESV_DATA_DIR="$data" ESV_DATABASE_URL="$url" ESV_DEMO_DATA=1 ESV_LOG=warn "$SERVER" seed-benchmark "$COUNT" >/dev/null
  ESV_DATA_DIR="$data" ESV_DATABASE_URL="$url" ESV_BIND="127.0.0.1:$port" ESV_LOG=warn "$SERVER" &
  local pid=$!
  wait_up "http://127.0.0.1:$port/health"
  curl -s "http://127.0.0.1:$port$QUERY" > "$work/page.html"
  "$BARE" "$work/page.html" "127.0.0.1:$((port + 1))" &
  local bare=$!
  wait_up "http://127.0.0.1:$((port + 1))/"
  read -r sp50 sp99 srps < <(measure "http://127.0.0.1:$port$QUERY")
  read -r bp50 bp99 brps < <(measure "http://127.0.0.1:$((port + 1))$QUERY")
  kill "$pid" "$bare"
  wait "$pid" "$bare" 2>/dev/null || true
  local ratio
  ratio=$(awk -v a="$srps" -v b="$brps" 'BEGIN{printf "%.2f%%", 100*a/b}')
  echo "| $name | $(stat -c %s "$work/page.html") | $sp50 | $sp99 | $srps | $bp50 | $bp99 | $brps | $ratio |"
}

echo "| backend | page bytes | ESV p50 | ESV p99 | ESV req/s | bare p50 | bare p99 | bare req/s | ESV / bare |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
run_backend sqlite "sqlite://$work/sqlite/esv.sqlite3?mode=rwc" 4100
if [ -n "${ESV_BENCH_POSTGRES_URL:-}" ]; then
  base=${ESV_BENCH_POSTGRES_URL%/*}
  psql "$ESV_BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS esv_bench" -qc "CREATE DATABASE esv_bench" >/dev/null
  run_backend postgres "$base/esv_bench" 4200
  psql "$ESV_BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS esv_bench" >/dev/null
fi

#!/usr/bin/env bash
# A/B of two server builds on the cold /vagas path (issue 13: "within 10 % of today's").
#
# Usage: bench/ab-vagas.sh BASE_SERVER NEW_SERVER   (two esv-server binaries, e.g. the release
# build of the previous commit in a worktree and target/release/esv-server)
#
# Seeds one SQLite database with 100,000 vacancies (COUNT), then runs the 1,200-request long
# tail (bench/search-workload.txt) with the public caches off against each binary in turn,
# ROUNDS times, alternating, so drift of the machine hits both alike. Prints req/s and
# p50/p99 per run and the mean ratio new / base. Reports figures only; nothing fails on a time.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:?base esv-server}; NEW=${2:?new esv-server}
COUNT=${COUNT:-100000}; ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}; DURATION=${DURATION:-10s}
export WORKLOAD=bench/search-workload.txt
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
work=$(mktemp -d)
pid=
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
source bench/common.sh
url="sqlite://$work/esv.sqlite3?mode=rwc"
ESV_DATA_DIR="$work" ESV_DATABASE_URL="$url" ESV_DEMO_DATA=1 ESV_LOG=warn "$NEW" seed-benchmark "$COUNT" >/dev/null
declare -A total=([base]=0 [new]=0)
echo "| round | build | req/s | p50 | p99 | non-2xx / timeouts |"
echo "|---:|---|---:|---:|---:|---:|"
for round in $(seq 1 "$ROUNDS"); do
  for name in base new; do
    bin=$BASE; [ "$name" = new ] && bin=$NEW
    ESV_DATA_DIR="$work" ESV_DATABASE_URL="$url" ESV_BIND=127.0.0.1:4300 ESV_CACHE_PUBLICO=0 \
      ESV_PUSH_WORKER=0 ESV_LOG=warn "$bin" > "$work/server.log" 2>&1 &
    pid=$!
    wait_up http://127.0.0.1:4300/health
    read -r p50 p99 rps bad < <(measure http://127.0.0.1:4300)
    echo "| $round | $name | $rps | $p50 | $p99 | $bad |"
    total[$name]=$(awk -v a="${total[$name]}" -v b="$rps" 'BEGIN{print a+b}')
    kill -INT "$pid"; wait "$pid" 2>/dev/null || true
  done
done
awk -v a="${total[new]}" -v b="${total[base]}" -v n="$ROUNDS" \
  'BEGIN{printf "\nmean req/s: base %.0f, new %.0f; new / base = %.1f %%\n", b/n, a/n, 100*a/b}'

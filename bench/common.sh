# Shared by bench/search.sh and bench/people.sh (sourced; needs $work, $CONNECTIONS, $DURATION).

wait_up() { for _ in $(seq 1 1200); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "no answer from $1"; exit 1; }

# measure URL [COOKIE] → "p50 p99 req/s non-2xx/timeouts" from wrk --latency output, driving
# the workload file in $WORKLOAD (bench/search-mixed.lua), as COOKIE's account when given.
measure() {
  COOKIE="${2:-}" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/search-mixed.lua "$1" > "$work/wrk.txt"
  local p50 p99 rps bad timeouts
  p50=$(awk '$1=="50%"{print $2}' "$work/wrk.txt")
  p99=$(awk '$1=="99%"{print $2}' "$work/wrk.txt")
  rps=$(awk '/Requests\/sec/{print $2}' "$work/wrk.txt")
  bad=$(awk '/Non-2xx/{print $NF}' "$work/wrk.txt")
  timeouts=$(awk '/Socket errors/{for(i=1;i<=NF;i++) if($i=="timeout") print $(i+1)}' "$work/wrk.txt")
  echo "$p50 $p99 $rps ${bad:-0}/${timeouts:-0}"
}

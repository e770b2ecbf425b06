#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers of outside input (issue 15, point 5; `make fuzz`,
# part of `make test`). Builds fuzz/ with LLVM's SanitizerCoverage through stable rustc
# flags (the same instrumentation cargo-fuzz asks for, without its nightly-only sanitizer)
# and runs each target for ESV_FUZZ_SECONDS (default 15) from its corpus in
# fuzz/corpus/<target>. A broken promise stops the run and leaves the input that broke it
# in target/fuzz/crashes/. Inputs a run finds go to target/fuzz/corpus/<target>; keep the
# useful ones with `fuzz/run.sh merge`, which adds them to fuzz/corpus (then commit).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${ESV_FUZZ_SECONDS:-15}"
targets=(${ESV_FUZZ_TARGETS:-cpf cnpj cep dinheiro datas horarios busca ics hsds hsds-csv formularios})
host="$(rustc -vV | sed -n 's/^host: //p')"

# Only code built for the target is instrumented (`--target`): build scripts and proc macros
# run in the compiler and must not call the coverage hooks.
export RUSTFLAGS="-Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 --cfg fuzzing"
cargo build -p esv-fuzz --profile fuzz --target "$host" --target-dir target/fuzz
exe="target/fuzz/$host/fuzz/esv-fuzz"
mkdir -p target/fuzz/crashes

if [ "${1:-}" = "merge" ]; then
  for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t" "target/fuzz/corpus/$t"
    ESV_FUZZ="$t" "$exe" -merge=1 "fuzz/corpus/$t" "target/fuzz/corpus/$t" 2>/dev/null
    echo "$t: $(ls "fuzz/corpus/$t" | wc -l) inputs in fuzz/corpus/$t"
  done
  exit 0
fi

failed=0
for t in "${targets[@]}"; do
  mkdir -p "target/fuzz/corpus/$t"
  log="target/fuzz/$t.log"
  # The repo's corpus is only read; what is new goes to the first directory.
  if ESV_FUZZ="$t" "$exe" "target/fuzz/corpus/$t" "fuzz/corpus/$t" \
      -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="target/fuzz/crashes/$t-" -print_final_stats=1 >"$log" 2>&1; then
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
    cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1)"
    echo "fuzz $t: ${runs:-?} inputs in ${seconds} s, ${cov:-cov: ?}, no broken promise"
  else
    echo "FAIL: fuzz $t broke a promise; input in target/fuzz/crashes/$t-*:"
    grep -v '^#\|^INFO' "$log" | tail -30
    failed=1
  fi
done
exit "$failed"

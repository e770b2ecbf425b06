#!/usr/bin/env bash
# Measures first-visit bytes (Chromium, brotli on the wire) and LCP on a throttled phone. With --clean-build it first times a
# clean release build of the site and server (about 10 minutes on 2 cores; removes target/).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--clean-build" ]; then
  cargo clean
  start=$(date +%s)
  make site server >/dev/null
  echo "clean build of site + server: $(( $(date +%s) - start )) s"
fi
echo "WASM on disk: $(stat -c %s target/site/pkg/*.wasm) bytes raw, $(stat -c %s target/site/pkg/*.wasm.br) brotli"
node end2end/perf.js
node end2end/lcp.js

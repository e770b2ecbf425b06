#!/usr/bin/env bash
# Browser tests in Debian's Chromium. Outside CI a missing browser is reported and skipped;
# with CI=true it is a failure.
set -euo pipefail
cd "$(dirname "$0")"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "FAIL: browser tests need $chromium (apt-get install chromium)"
    exit 1
  fi
  echo "SKIPPED: browser tests: $chromium is not installed (apt-get install chromium)"
  exit 0
fi
exec node --test --test-concurrency=1 tests/

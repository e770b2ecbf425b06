#!/usr/bin/env bash
# Web Push throughput and scheduler lag (issue 6), release build: the sender alone on one
# core, end to end to the local push service (which verifies VAPID and decrypts, on the same
# 2 cores), and the lag with 100,000 reminders due (compressed from one hour into 60 s).
# SQLite, and PostgreSQL when ESV_TEST_POSTGRES_URL is set. Prints Markdown table rows.
# Reports figures only; nothing here passes or fails on a time.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p esv-tests --features bench --bin esv-push-bench
exec target/release/esv-push-bench

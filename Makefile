# Escritório Social Virtual. The README's two commands: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

CARGO ?= cargo
WASM_OUT := target/wasm32-unknown-unknown/wasm-release/frontend.wasm
# Two bundles of the same crate (see docs/ARCHITECTURE.md, "Two WASM bundles"): built one
# after the other (one invocation would unify the feature into both) and copied aside.
WASM := target/front/esv.wasm
WASM_ACTIONS := target/front/esv-acoes.wasm
SITE := target/site
SERVER := target/release/esv-server
SITE_TOOL := target/release/site
NPM_STAMP := end2end/node_modules/.package-lock.json
WASM_OPT := end2end/node_modules/.bin/wasm-opt
# Packages whose host build would unify the `hydrate` feature into the server's `app`.
HOST_EXCLUDES := --exclude frontend --exclude site

.PHONY: run test setup wasm site server lint unit fuzz e2e perf bench load fmt clean FORCE

## run: build the release site and server, then serve on ESV_BIND (default 127.0.0.1:3000)
##      with SQLite in ESV_DATA_DIR (default ./data) and the demo data on first start.
run: site server
	ESV_DEMO_DATA="$${ESV_DEMO_DATA:-1}" ESV_SITE_DIR="$(SITE)" exec $(SERVER)

## test: formatting and lints, unit + integration (SQLite; PostgreSQL when
##       ESV_TEST_POSTGRES_URL is set), the fuzz targets for a bounded time, then browser
##       tests in Debian's Chromium.
test: lint unit fuzz e2e

setup: $(NPM_STAMP)
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# Node is on every machine of this kind; npm packages come pinned from the lockfile.
$(NPM_STAMP): end2end/package.json end2end/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install nodejs npm"; exit 1; }
	cd end2end && npm ci --no-audit --no-fund

wasm: setup
	$(CARGO) build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
	mkdir -p target/front && cp -p $(WASM_OUT) $(WASM)
	$(CARGO) build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release --features actions
	cp -p $(WASM_OUT) $(WASM_ACTIONS)

$(WASM) $(WASM_ACTIONS): wasm

$(SITE_TOOL): FORCE
	$(CARGO) build --release -p site

# Rebuilt only when an input changed, so a second `make run` starts in seconds.
$(SITE)/hash.txt: $(WASM) $(WASM_ACTIONS) $(SITE_TOOL) style/main.css $(wildcard pwa/* pwa/icons/*)
	$(SITE_TOOL) --wasm $(WASM) --wasm-actions $(WASM_ACTIONS) --out $(SITE) --wasm-opt $(WASM_OPT)

site: wasm $(SITE)/hash.txt

server:
	$(CARGO) build --release -p server

lint: setup
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace $(HOST_EXCLUDES) --all-targets --features esv-tests/bench -- -D warnings
	$(CARGO) clippy -p frontend --lib --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy -p frontend --lib --target wasm32-unknown-unknown --features actions -- -D warnings

unit:
	@if [ -z "$${ESV_TEST_POSTGRES_URL:-}" ]; then \
	  if [ "$${CI:-}" = "true" ]; then echo "FAIL: CI=true but ESV_TEST_POSTGRES_URL is not set"; exit 1; fi; \
	  echo "SKIPPED: PostgreSQL integration tests (set ESV_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test)"; \
	fi
	$(CARGO) test --workspace $(HOST_EXCLUDES) --exclude esv-fuzz

## fuzz: coverage-guided fuzzing (libFuzzer) of every parser of outside input, each target
##       for ESV_FUZZ_SECONDS (default 15) from its corpus in fuzz/corpus (fuzz/run.sh).
fuzz:
	fuzz/run.sh

e2e: site server
	end2end/run.sh

## perf: first-visit bytes and build times, written to docs/PERFORMANCE.md's tables.
perf: site server
	end2end/perf.sh

## bench: public search under a long tail of distinct requests (issue 12): /vagas at 100,000
##        and 1,000,000 vacancies, /servicos at 100,000 entries, caches off and on, against a
##        bare handler; the staff's people search and dashboard with 50,000 people in a unit;
##        SQLite, and PostgreSQL when ESV_BENCH_POSTGRES_URL is set. Needs wrk.
bench: server
	KIND=vagas bench/search.sh
	KIND=servicos bench/search.sh
	bench/people.sh

## load: 200 logged-in people of every role doing their usual visits for 5 minutes against
##       the release server on a new PostgreSQL database (issue 15); loopback only, stops by
##       itself. Prints p99 per page type and the server's memory (docs/PERFORMANCE.md).
##       LOAD_PEOPLE and LOAD_SECONDS change the size.
load: server
	$(CARGO) build --release -p esv-tests --features bench --bin esv-load
	ESV_TEST_POSTGRES_URL="$${ESV_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}" \
	  target/release/esv-load $(SERVER) $${LOAD_PEOPLE:-200} $${LOAD_SECONDS:-300}

fmt:
	$(CARGO) fmt --all

clean:
	rm -rf $(SITE) $(SITE).staging

FORCE:

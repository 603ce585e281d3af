#!/usr/bin/env bash
# Runs every test of the repository: the README's second command, and what
# .ci/run runs. It installs what the tests need when it is missing (protoc,
# from Debian's protobuf-compiler package) and needs nothing else but Go.
#
# Each step says what it does and how long it takes the first time, on this
# project's 2-core machine with empty Go caches (later runs take it from Go's
# build cache); a line every minute says a long step still runs. A failing
# step does not stop the others: the last line is "N passed, M failed"
# (steps), and the exit status is 1 when any step failed.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
trap heartbeat_stop EXIT

# The fuzz targets of the main module: "PKG TARGET" lines.
fuzz_targets() {
  local file
  for file in $(git ls-files '*_test.go' 2>/dev/null || find . -name '*_test.go'); do
    case "$file" in example/* | bench/* | interop/*) continue ;; esac # other modules
    sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$file" | sed "s|^|./$(dirname "$file") |"
  done
}

gofmt_check() {
  local unformatted
  unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
  if [ -n "$unformatted" ]; then
    echo "gofmt would change:" $unformatted >&2
    return 1
  fi
  echo "every .go file is gofmt'd"
}

vet_main() {
  echo "vetting $(go list ./... | wc -l) packages of $(go list -m) (go vet prints only problems)"
  go vet ./...
}

# Every fuzz target runs briefly (FUZZTIME executions, default 500x) so none
# can rot; long runs are done by hand, e.g.
#   go test ./runtime -run '^$' -fuzz '^FuzzIsEmail$' -fuzztime 5m
# A count rather than a duration: Go's fuzzer can report a spurious "context
# deadline exceeded" when a duration ends while a worker is busy; such a run
# is tried once more.
fuzz_smoke() {
  local log pkg target attempt n=0 total
  log=$(mktemp)
  total=$(fuzz_targets | wc -l)
  while read -r pkg target; do
    n=$((n + 1))
    for attempt in 1 2; do
      if go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "${FUZZTIME:-500x}" >"$log" 2>&1; then
        echo "ok   [$n/$total] $pkg $target"
        break
      fi
      if [ "$attempt" = 1 ] && grep -q "context deadline exceeded" "$log"; then
        continue
      fi
      cat "$log"
      rm -f "$log"
      echo "fuzz target $target in $pkg failed" >&2
      return 1
    done
  done < <(fuzz_targets)
  rm -f "$log"
}

run_step "protoc" "installs Debian's protobuf-compiler when it is missing: about 30 s" \
  bash -c 'source scripts/lib.sh && ensure_protoc && protoc --version'
run_step "gofmt" "seconds" gofmt_check
run_step "go vet" "compiles every package: first time 1 to 3 min on 2 cores, then seconds" vet_main
# Plain go test prints a line per package as each finishes.
run_step "go test" "first time 2 to 4 min on 2 cores, mostly compiling; then about 1 min" \
  go test -count=1 ./...
# The race detector over what is concurrent by design: the interceptors
# under 64 streams, generated validators and mask methods shared by goroutines.
run_step "go test -race (concurrency)" "first time 1 to 2 min, a -race build of each package; then up to 2 min" \
  go test -race -count=1 -run 'Concurrent|Interceptor' ./runtime/... ./golden/...
run_step "fuzz smoke (${FUZZTIME:-500x} per target, $(fuzz_targets | wc -l) targets)" \
  "an instrumented build per target: first time about 4 min, then 1 to 3 min" fuzz_smoke
# The benchmarks against peers (bench/, a module of its own so that peers
# never enter the main module): vet, generated code up to date, agreement
# tests, every benchmark once.
run_step "bench module (bench/ci.sh)" "first time several minutes, compiling the peers; then about 30 s" \
  bash bench/ci.sh
# The example (example/) is a Go module of its own, so that buf and
# protoc-gen-go-grpc (its Go tool dependencies) stay out of the main module.
# Its tests are the end-to-end ones: protoc and buf generate with the freshly
# built plugins (the output must be the checked-in example/gen), the example
# service over a loopback port, and go-grpc-middleware interop.
run_step "example module: building buf (go tool buf)" \
  "first time about 4 min on 2 cores, downloading and compiling buf, then seconds" \
  bash -c 'cd example && go tool buf --version'
run_step "example module: go vet" "first time about 1 min, then seconds" \
  bash -c 'cd example && echo "vetting $(go list ./... | wc -l) packages of $(go list -m)" && go vet ./...'
run_step "example module: go test (end to end)" "first time about 2 min, then about 15 s" \
  bash -c 'cd example && go test -count=1 -timeout 15m ./...'
# The README's and docs/toolchain.md's installation, in a user's empty
# module: from a clone, as go tool dependencies, and from a tag (a local
# module proxy serving this checkout at internal/version's Version).
run_step "install test (scripts/install-test.sh)" \
  "first time 2 to 3 min, a -trimpath build of the plugins; then 30 s to 1 min" \
  bash scripts/install-test.sh
# Envoy's xDS API (interop/envoy, a module of its own): the core config
# packages, generated from go-control-plane's descriptors with PGV's
# annotations untouched, compared verdict by verdict with go-control-plane's
# PGV validators. interop/envoy/run.sh does the whole API.
run_step "envoy interop (interop/envoy/ci.sh)" \
  "first time about 4 min on 2 cores, compiling go-control-plane and the generated API; then about 2 min" \
  bash interop/envoy/ci.sh

steps_summary

#!/usr/bin/env bash
# Runs every test of the repository: the README's second command, and what
# .ci/run runs. It installs what the tests need when it is missing (protoc,
# from Debian's protobuf-compiler package) and needs nothing else but Go.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
ensure_protoc

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" $unformatted >&2
  exit 1
fi

echo "== go vet"
go vet ./...

echo "== go test"
go test -count=1 ./...

# The race detector over what is concurrent by design: the interceptors
# under 64 streams, generated validators and mask methods shared by goroutines.
echo "== go test -race (concurrency)"
go test -race -count=1 -run 'Concurrent|Interceptor' ./runtime ./golden/...

# Every fuzz target runs briefly (FUZZTIME executions, default 500x) so none
# can rot; long runs are done by hand, e.g.
#   go test ./runtime -run '^$' -fuzz '^FuzzIsEmail$' -fuzztime 5m
# A count rather than a duration: Go's fuzzer can report a spurious "context
# deadline exceeded" when a duration ends while a worker is busy; such a run
# is tried once more.
echo "== fuzz smoke (${FUZZTIME:-500x} per target)"
fuzz_log=$(mktemp)
for file in $(git ls-files '*_test.go' 2>/dev/null || find . -name '*_test.go'); do
  case "$file" in example/* | bench/*) continue ;; esac # other modules
  pkg="./$(dirname "$file")"
  for target in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$file"); do
    for attempt in 1 2; do
      if go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "${FUZZTIME:-500x}" >"$fuzz_log" 2>&1; then
        echo "ok   $pkg $target"
        break
      fi
      if [ "$attempt" = 1 ] && grep -q "context deadline exceeded" "$fuzz_log"; then
        continue
      fi
      cat "$fuzz_log"
      echo "fuzz target $target in $pkg failed" >&2
      exit 1
    done
  done
done
rm -f "$fuzz_log"

# The benchmarks against peers (bench/, a module of its own so that peers
# never enter the main module): vet, generated code up to date, agreement
# tests, every benchmark once.
echo "== bench module"
bash bench/ci.sh

# The example (example/) is a Go module of its own, so that buf and
# protoc-gen-go-grpc (its Go tool dependencies) stay out of the main module.
# Its tests are the end-to-end ones: protoc and buf generate with the freshly
# built plugins (the output must be the checked-in example/gen), the example
# service over a loopback port, and go-grpc-middleware interop.
echo "== example module: building buf (go tool buf; minutes the first time, then cached)"
(cd example && go tool buf --version)
echo "== example module: go vet"
(cd example && go vet ./...)
echo "== example module: go test (end to end)"
(cd example && go test -count=1 -timeout 15m ./...)

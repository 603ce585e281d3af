#!/usr/bin/env bash
# The whole Envoy API (every package of go-control-plane/envoy, with
# -tags envoyfull): generates gen/ with protoc-gen-go, protoc-gen-validate-lite
# and protoc-gen-fieldmask, times PGV's plugin on the same request, builds
# everything, compares the verdicts with go-control-plane's PGV validators
# and benchmarks Validate on the valid values. Writes results/ (the tables
# README.md quotes). Takes 10–15 minutes on 2 cores; ci.sh is the quick
# subset. COUNT (default 6) is the benchmark's -count.
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh
export GOFLAGS="${GOFLAGS:-} -tags=envoyfull"
mkdir -p results

echo "== envoy: generating gen/ (whole API; PGV's plugin timed too)"
go run ./internal/envoygen -plugins "$bin" -out gen -pgv -repeat 5 -stats results/plugins.md
echo "== envoy: building gen/"
time go build ./gen/...
echo "== envoy: go vet"
go vet ./...
echo "== envoy: tests (verdicts against PGV, allocations)"
go test -count=1 -timeout 30m ./verdict -report "$here/results/verdicts.md"
echo "== envoy: benchmarks"
go test -count=1 -run '^$' -bench . -benchmem -count "${COUNT:-6}" ./verdict | tee results/bench.txt
go run ./internal/benchtable <results/bench.txt >results/bench.md
echo "envoy: ok (results/)"

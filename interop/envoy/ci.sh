#!/usr/bin/env bash
# The Envoy interop check CI runs (scripts/test.sh calls it): the core
# configuration packages of the Envoy API (internal/envoyapi/ci.go: config
# core, listener, route, cluster, endpoint, bootstrap, the filters and TLS
# contexts go-control-plane's test resources use, and every file they
# import; 111 .proto files) are generated from go-control-plane's
# descriptors with protoc-gen-go and protolite's plugins into gen/, built,
# and compared verdict by verdict with go-control-plane's PGV validators
# (verdict/); every benchmark runs once. About 3 minutes cold on 2 cores.
# run.sh does the same on the whole API and measures.
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh

echo "== envoy: generating gen/ (CI set)"
go run ./internal/envoygen -plugins "$bin" -out gen
echo "== envoy: go vet"
go vet ./...
echo "== envoy: tests (verdicts against PGV, allocations)"
go test -count=1 ./...
echo "== envoy: every benchmark once"
go test -count=1 -run '^$' -bench . -benchtime=1x ./verdict >/dev/null
echo "envoy: ok"

#!/usr/bin/env bash
# Keeps the benchmarks from rotting (scripts/test.sh calls it): vets the
# bench module, checks that the checked-in generated code matches what the
# generators write now, runs its tests (every implementation agrees on every
# input; the valid paths allocate nothing) and runs every benchmark once
# (-benchtime=1x), here and in ../internal/genbench. About a minute.
set -euo pipefail
cd "$(dirname "$0")"

echo "== bench: go vet"
go vet ./...
echo "== bench: generated code up to date (else: cd bench && go generate ./...)"
go run ./internal/gen -check
echo "== bench: tests"
go test -count=1 ./...
echo "== bench: every benchmark once"
FAST=1 ./run.sh
echo "== bench: report"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -run '^$' -bench 'Validate/msg=small/input=valid/op=first' -benchtime=1x -count=1 . >"$tmp/micro.txt"
printf 'date: ci\n' >"$tmp/env.txt"
printf 'goos: linux\n' >"$tmp/gen.txt"
go run ./internal/report -micro "$tmp/micro.txt" -gen "$tmp/gen.txt" -env "$tmp/env.txt" -md "$tmp/R.md" -svg "$tmp/r.svg" >/dev/null
echo "bench: ok"

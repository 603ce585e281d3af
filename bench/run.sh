#!/usr/bin/env bash
# Runs every benchmark -count times (default 10): validation and field masks
# (this module, against protoc-gen-validate, protovalidate, fieldmask-utils,
# aip-go and hand-written code) and plugin generation time
# (../internal/genbench, against protoc-gen-go). Prints benchstat tables
# (time and allocations, against the hand-written baseline and each peer)
# and writes RESULTS.md (machine, Go version, date, load, ratio tables,
# targets) and results.svg. The raw benchmark output stays in results/.
# With FAST=1 it only compiles everything and runs each benchmark once (what
# ci.sh does, without the checks).
#
#   ./run.sh                     # the full run, about 10-20 minutes on 2 cores
#   COUNT=3 BENCHTIME=50ms ./run.sh   # a quicker, noisier one
#   BENCH='Validate/msg=mid' ./run.sh # a subset (the report shows — for the rest)
set -euo pipefail
cd "$(dirname "$0")"

COUNT=${COUNT:-10}
BENCHTIME=${BENCHTIME:-200ms}
BENCH=${BENCH:-.}
GENBENCH=${GENBENCH:-.}
mkdir -p results

if [ "${FAST:-}" = 1 ]; then
  go test -run '^$' -bench "$BENCH" -benchtime=1x . >/dev/null
  (cd .. && go test ./internal/genbench -run '^$' -bench "$GENBENCH" -benchtime=1x -args -genbench.messages=100 >/dev/null)
  echo "bench: every benchmark ran once"
  exit 0
fi

{
  echo "date:        $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "go:          $(go version)"
  echo "machine:     $(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
  echo "settings:    $COUNT interleaved rounds, -benchtime=$BENCHTIME (generation: -benchtime=1x)"
  echo "load before: $(uptime)"
} >results/env.txt

# The benchmarks run in COUNT rounds of one run each, rather than -count=N
# (which runs each benchmark N times back to back): on a shared machine the
# load drifts over minutes, and interleaving puts every implementation of a
# scenario under the same drift, which keeps the ratios honest.
echo "== building the benchmark binaries" >&2
go test -c -o results/bench.test .
(cd .. && go test -c -o bench/results/genbench.test ./internal/genbench)
trap 'rm -f results/bench.test results/genbench.test' EXIT
: >results/micro.txt
: >results/gen.txt
for round in $(seq 1 "$COUNT"); do
  echo "== round $round of $COUNT: validation and field masks (-benchtime=$BENCHTIME)" >&2
  ./results/bench.test -test.run '^$' -test.bench "$BENCH" -test.benchmem -test.benchtime="$BENCHTIME" | tee -a results/micro.txt >&2
  echo "== round $round of $COUNT: plugin generation time" >&2
  (cd ../internal/genbench && ../../bench/results/genbench.test -test.run '^$' -test.bench "$GENBENCH" -test.benchmem -test.benchtime=1x) | tee -a results/gen.txt >&2
  if [ "$round" = $(((COUNT + 1) / 2)) ]; then echo "load mid-run: $(uptime)" >>results/env.txt; fi
done
echo "load after:  $(uptime)" >>results/env.txt

bs() { go tool benchstat "$@"; echo; }
echo "== validation: time and allocs against the hand-written baseline"
bs -filter '.name:Validate' -col '/impl@(hand lite pgv protovalidate)' results/micro.txt
echo "== validation: lite against protoc-gen-validate"
bs -filter '.name:Validate' -col '/impl@(pgv lite)' results/micro.txt
echo "== validation: lite against protovalidate"
bs -filter '.name:Validate' -col '/impl@(protovalidate lite)' results/micro.txt
echo "== field masks: time and allocs against the hand-written baseline"
bs -filter '.name:Mask' -col '/impl@(hand lite lite-uncached lite-parsed reflect fmutils aip)' results/micro.txt
echo "== field masks: lite against fieldmask-utils"
bs -filter '.name:Mask' -col '/impl@(fmutils lite lite-uncached lite-parsed)' results/micro.txt
echo "== field masks: lite against aip-go"
bs -filter '.name:Mask' -col '/impl@(aip lite lite-uncached lite-parsed)' results/micro.txt
echo "== generation: against protoc-gen-go"
bs -col '/plugin@(protoc-gen-go validate-lite fieldmask)' results/gen.txt

echo "== ratios (RESULTS.md)"
go run ./internal/report -micro results/micro.txt -gen results/gen.txt -env results/env.txt -md RESULTS.md -svg results.svg

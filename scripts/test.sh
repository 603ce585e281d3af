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

# Every fuzz target runs briefly (FUZZTIME, default 2s) so none can rot;
# long runs are done by hand: go test ./runtime -run '^$' -fuzz '^FuzzIsEmail$' -fuzztime 5m
echo "== fuzz smoke (${FUZZTIME:-2s} per target)"
for file in $(git ls-files '*_test.go' 2>/dev/null || find . -name '*_test.go'); do
  pkg="./$(dirname "$file")"
  for target in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$file"); do
    go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "${FUZZTIME:-2s}" >/tmp/protolite-fuzz.log 2>&1 ||
      { cat /tmp/protolite-fuzz.log; echo "fuzz target $target in $pkg failed" >&2; exit 1; }
    echo "ok   $pkg $target"
  done
done

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

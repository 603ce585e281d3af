#!/usr/bin/env bash
# The README's first command: builds protolite's two plugins into ./bin,
# regenerates the example's code with the pinned buf, then runs the example
# user service and its client over a loopback port, printing a rejected
# request with its field violations, a masked read and masked updates.
#
# It needs only Go: buf, protoc-gen-go and protoc-gen-go-grpc are Go tool
# dependencies of example/go.mod (`go tool buf`), built from source the first
# time (a few minutes on a small machine), then reused from Go's build cache.
# No protoc, no network but the Go module proxy. Each step says how long it
# takes the first time, on this project's 2-core machine with empty Go
# caches, and a line every minute says a long step still runs.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
trap heartbeat_stop EXIT

# step TEXT: a step's title; the heartbeat says its name until the next one.
step() {
  printf '\n== %s\n' "$*"
  heartbeat_start "${*%% (*}"
}
fail() {
  heartbeat_stop
  printf '\ndemo.sh: %s\n' "$*" >&2
  exit 1
}

command -v go >/dev/null 2>&1 ||
  fail "Go is not on PATH. Install Go 1.26 or later (https://go.dev/dl/) and run this again."

buf_version=$(sed -n 's/^\tgithub.com\/bufbuild\/buf \(v[^ ]*\).*/\1/p' example/go.mod)

step "1/4 Building the plugins into ./bin ($(go version | cut -d' ' -f3); first time about 1 min, downloading and compiling protobuf and gRPC, then seconds)"
go build -o bin/ ./cmd/protoc-gen-validate-lite ./cmd/protoc-gen-fieldmask ||
  fail "could not build the plugins (see the compiler's errors above)."
echo "bin/protoc-gen-validate-lite and bin/protoc-gen-fieldmask are ready."

step "2/4 Building buf ${buf_version:-} (a Go tool dependency of example/; first time 3 to 4 min on 2 cores, downloading and compiling buf, then seconds)"
(cd example && go tool buf --version) ||
  fail "could not build buf with 'go tool buf' in example/: it needs the Go module proxy (GOPROXY) the first time."

step "3/4 Regenerating example/gen with 'go tool buf generate' (example/buf.gen.yaml; first time under a minute, building protoc-gen-go and protoc-gen-go-grpc, then seconds)"
(cd example && go tool buf generate) ||
  fail "buf generate failed (see its errors above)."
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  changed=$(git status --porcelain -- example/gen)
  if [ -z "$changed" ]; then
    echo "example/gen is unchanged: the checked-in code matches the plugins."
  else
    echo "example/gen changed (the plugins' output differs from the checked-in code):"
    echo "$changed"
  fi
else
  echo "example/gen regenerated."
fi

step "4/4 Running the example: server and client in one process (example/cmd/userdemo; first time about a minute, compiling the example and gRPC, then seconds)"
(cd example && go run ./cmd/userdemo) ||
  fail "the example failed (see above)."
heartbeat_stop

printf '\nDone. The service is example/server, the client example/demo; the protos are in example/proto.\n'

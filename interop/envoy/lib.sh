# Shared by ci.sh and run.sh (sourced, from interop/envoy): builds the
# plugins into $bin and generates gen/.
#
#   PROTOLITE_REPO=/path/to/checkout  build the plugins from that checkout
#       (default: this repository, ../..) and compile the generated code
#       against its runtime (through a temporary go.work whose replace
#       overrides go.mod's);
#   PROTOLITE_PLUGINS=/dir  take protoc-gen-validate-lite and
#       protoc-gen-fieldmask from that directory instead of building them.
# protoc-gen-go and PGV's protoc-gen-validate are this module's Go tool
# dependencies (the versions go.mod pins).

here=$(pwd)
repo=$(cd "${PROTOLITE_REPO:-../..}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/bin
mkdir -p "$bin"

if [ "$repo" != "$(cd ../.. && pwd)" ]; then
  printf 'go 1.26.0\n\nuse %s\n\nreplace github.com/protolite/protolite => %s\n' "$here" "$repo" >"$tmp/go.work"
  export GOWORK=$tmp/go.work
  echo "== envoy: protolite from $repo"
fi

echo "== envoy: building the plugins"
if [ -n "${PROTOLITE_PLUGINS:-}" ]; then
  for p in protoc-gen-validate-lite protoc-gen-fieldmask; do
    ln -s "$(cd "$PROTOLITE_PLUGINS" && pwd)/$p" "$bin/$p"
  done
else
  (cd "$repo" && go build -o "$bin/" ./cmd/protoc-gen-validate-lite ./cmd/protoc-gen-fieldmask)
fi
go build -o "$bin/" google.golang.org/protobuf/cmd/protoc-gen-go github.com/envoyproxy/protoc-gen-validate

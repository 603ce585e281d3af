#!/usr/bin/env bash
# Installs protolite's plugins the ways the README and docs/toolchain.md say,
# each into a new, empty Go module of a user (in a temporary directory),
# generates scripts/testdata/shop's proto with them, and builds and runs the
# user's program (scripts/testdata/shop/main.go), which calls the generated
# Validate, ValidateAll, ValidatePartial, ApplyMask and ValidateMask. Its
# output must be scripts/testdata/shop/want.txt, and every way must generate
# the same files. scripts/test.sh runs it; alone: bash scripts/install-test.sh
#
# The ways:
#   clone  go install ./cmd/... in this checkout; the user's module requires
#          protolite with a replace directive to the checkout; protoc with
#          the plugins on PATH, and buf with `local: protoc-gen-validate-lite`.
#   tool   go tool dependencies (`go mod edit -tool`, `go mod tidy`) of a
#          module that requires and replaces protolite the same way; protoc
#          with binaries built by `go build -o bin/`, and buf with
#          `local: [go, tool, protoc-gen-validate-lite]`.
#   tag    go install github.com/protolite/protolite/cmd/...@latest and
#          go get ...@VERSION, as they will work once VERSION (the one in
#          internal/version) is tagged: served from a local module proxy
#          holding this checkout at that version (its own module cache,
#          removed afterwards, so that the real cache never holds it);
#          every other module comes from the real module cache (or, when
#          it lacks one, from the usual GOPROXY).
#
# buf is the example module's pinned Go tool (`go tool -n buf` in example/),
# which scripts/test.sh has built before; alone, the first run builds it
# (minutes). Offline but for the Go module proxy, which only a cold module
# cache needs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
ensure_protoc

module=github.com/protolite/protolite
version=$(sed -n 's/^const Version = "\(.*\)"$/\1/p' internal/version/version.go)
[ -n "$version" ] || {
  echo "install-test: no Version in internal/version/version.go" >&2
  exit 1
}
fixture=$root/scripts/testdata/shop
realcache=$(go env GOMODCACHE)

tmp=$(mktemp -d)
cleanup() {
  chmod -R u+w "$tmp" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
export BUF_CACHE_DIR=$tmp/bufcache

say() { printf '== install test: %s\n' "$*"; }
fail() {
  printf 'install test: %s\n' "$*" >&2
  exit 1
}

say "buf (the example's go tool buf; minutes if it was never built, then cached)"
buf=$(cd example && go tool -n buf)

# new_module DIR: a user's empty module, with the fixture's proto.
new_module() {
  mkdir -p "$1"
  (cd "$1" && go mod init example.com/shop >/dev/null 2>&1)
  cp -r "$fixture/proto" "$1/"
}

# third_party DIR: what the user's proto imports besides its own files,
# copied from the protolite module as docs/toolchain.md says: the options
# (for buf; protoc takes -I "$PROTOLITE/options") and the field_behavior.proto
# stand-in. Run in the user's module.
third_party() {
  local protolite
  protolite=$(go list -m -f '{{.Dir}}' $module)
  mkdir -p third_party/google/api
  cp "$protolite/testdata/google/api/field_behavior.proto" third_party/google/api/
  if [ "${1:-}" = buf ]; then
    cp -r "$protolite/options/protolite" third_party/
    chmod -R u+w third_party
  fi
}

# protoc_gen OUT [protoc options]: the README's protoc command.
protoc_gen() {
  local out=$1
  shift
  mkdir -p "$out"
  protoc -I proto -I third_party -I "$(go list -m -f '{{.Dir}}' $module)/options" "$@" \
    --go_out="$out" --go_opt=paths=source_relative \
    --validate-lite_out="$out" --validate-lite_opt=paths=source_relative \
    --fieldmask_out="$out" --fieldmask_opt=paths=source_relative \
    shop/v1/order.proto
}

# buf_gen OUT PLUGIN...: docs/toolchain.md's buf workspace and buf.gen.yaml,
# each PLUGIN a `local:` value.
buf_gen() {
  local out=$1
  shift
  printf 'version: v2\nmodules:\n  - path: proto\n  - path: third_party\n' >buf.yaml
  {
    printf 'version: v2\ninputs:\n  - directory: proto\nplugins:\n'
    for plugin in "$@"; do
      printf '  - local: %s\n    out: %s\n    opt: paths=source_relative\n' "$plugin" "$out"
    done
  } >buf.gen.yaml
  "$buf" generate
}

# same_output DIR: DIR holds the files the first way generated; only the
# compiler's version line may differ (protoc's, or "(unknown)" from buf).
reference=$tmp/reference
same_output() {
  local want got
  if [ ! -d "$reference" ]; then
    cp -r "$1" "$reference"
    return 0
  fi
  want=$(cd "$reference" && find . -type f | sort)
  got=$(cd "$1" && find . -type f | sort)
  [ "$want" = "$got" ] || fail "$1 has files $got, not $want"
  for f in $want; do
    diff <(grep -v '^// 	protoc  ' "$reference/$f") <(grep -v '^// 	protoc  ' "$1/$f") >&2 ||
      fail "$1/$f differs from the first way's output (above)"
  done
}

# run_program: the user's program beside the generated code in gen/, then
# go mod tidy (it finds the imports), go vet, go run; compares its output.
run_program() {
  cp "$fixture/main.go" .
  go mod tidy
  go vet ./...
  go run . >program.txt || fail "the program failed in $(pwd)"
  diff "$fixture/want.txt" program.txt >&2 || fail "the program's output in $(pwd) differs (above)"
  sed 's/^/    /' program.txt
}

# check_version BINARY_OR_COMMAND... : --version names the plugin and starts
# with Version (a development build adds what it was built from).
check_version() {
  local got name=$1
  shift
  got=$("$@" --version)
  case "$got" in
  "$name $version" | "$name $version "*) echo "    $got" ;;
  *) fail "$* --version printed \"$got\", want \"$name $version ...\"" ;;
  esac
}

# --- clone ---------------------------------------------------------------
say "clone: go install ./cmd/... (and protoc-gen-go at the version protolite uses)"
clone=$tmp/clone
GOBIN=$clone/bin go install ./cmd/... google.golang.org/protobuf/cmd/protoc-gen-go
check_version protoc-gen-validate-lite "$clone/bin/protoc-gen-validate-lite"
check_version protoc-gen-fieldmask "$clone/bin/protoc-gen-fieldmask"
new_module "$clone/shop"
(
  cd "$clone/shop"
  export PATH=$clone/bin:$PATH
  go mod edit -require=$module@v0.0.0-00010101000000-000000000000 -replace=$module="$root"
  third_party
  say "clone: protoc with the plugins on PATH"
  protoc_gen gen
  same_output gen
  say "clone: buf generate with local: protoc-gen-validate-lite (on PATH)"
  third_party buf
  buf_gen gen-buf protoc-gen-go protoc-gen-validate-lite protoc-gen-fieldmask
  same_output gen-buf
  say "clone: go mod tidy, go vet, go run the user's program"
  run_program
)

# --- tool ----------------------------------------------------------------
say "tool: go mod edit -tool ..., go mod tidy, go tool protoc-gen-validate-lite --version"
tool=$tmp/tool
new_module "$tool/shop"
(
  cd "$tool/shop"
  go mod edit -require=$module@v0.0.0-00010101000000-000000000000 -replace=$module="$root" \
    -tool=$module/cmd/protoc-gen-validate-lite -tool=$module/cmd/protoc-gen-fieldmask \
    -tool=google.golang.org/protobuf/cmd/protoc-gen-go
  go mod tidy
  check_version protoc-gen-validate-lite go tool protoc-gen-validate-lite
  check_version protoc-gen-fieldmask go tool protoc-gen-fieldmask
  third_party
  say "tool: protoc with binaries from go build -o bin/"
  go build -o bin/ $module/cmd/protoc-gen-validate-lite $module/cmd/protoc-gen-fieldmask \
    google.golang.org/protobuf/cmd/protoc-gen-go
  protoc_gen gen --plugin=protoc-gen-go=bin/protoc-gen-go \
    --plugin=protoc-gen-validate-lite=bin/protoc-gen-validate-lite \
    --plugin=protoc-gen-fieldmask=bin/protoc-gen-fieldmask
  same_output gen
  say "tool: buf generate with local: [go, tool, protoc-gen-validate-lite]"
  third_party buf
  buf_gen gen-buf "[go, tool, protoc-gen-go]" "[go, tool, protoc-gen-validate-lite]" \
    "[go, tool, protoc-gen-fieldmask]"
  same_output gen-buf
  say "tool: go mod tidy, go vet, go run the user's program"
  run_program
)

# --- tag -----------------------------------------------------------------
say "tag: a local module proxy serving this checkout as $module $version"
tag=$tmp/tag
proxy=$tag/proxy/$module/@v
mkdir -p "$proxy"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  fail "not a git checkout: the tag way zips the checkout with git archive"
fi
# The working tree as it is (untracked files included, ignored ones not),
# through a copy of the index, so that the real one is left alone; nested
# modules (example/, bench/, ...) are not part of the module, as in a real
# module zip.
cp "$(git rev-parse --git-path index)" "$tag/index"
GIT_INDEX_FILE=$tag/index git add -A
tree=$(GIT_INDEX_FILE=$tag/index git write-tree)
excludes=()
while IFS= read -r mod; do
  excludes+=(":(exclude)$(dirname "$mod")")
done < <(git ls-files -- '*/go.mod')
git archive --format=zip --prefix="$module@$version/" -o "$proxy/$version.zip" "$tree" -- . "${excludes[@]}"
cp go.mod "$proxy/$version.mod"
echo "$version" >"$proxy/list"
printf '{"Version":"%s","Time":"%s"}\n' "$version" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$proxy/$version.info"
(
  # -trimpath, so that Go's build cache serves a temporary module cache too.
  export GOMODCACHE=$tag/modcache GOFLAGS="-modcacherw -trimpath" GOSUMDB=off
  # Every other module from the real module cache, which the ways above
  # filled, else from the usual proxy.
  export GOPROXY="file://$tag/proxy,file://$realcache/cache/download,$(go env GOPROXY)"
  say "tag: go install $module/cmd/...@latest (the README's line; go's \"downloading\" lines fill the temporary module cache)"
  GOBIN=$tag/bin go install $module/cmd/...@latest
  for plugin in protoc-gen-validate-lite protoc-gen-fieldmask; do
    got=$("$tag/bin/$plugin" --version)
    [ "$got" = "$plugin $version" ] || fail "$plugin --version printed \"$got\", want \"$plugin $version\""
    echo "    $got"
  done
  new_module "$tag/shop"
  cd "$tag/shop"
  say "tag: go get $module@latest, go get -tool $module/cmd/...@$version"
  go get $module@latest
  go get -tool $module/cmd/protoc-gen-validate-lite@"$version" $module/cmd/protoc-gen-fieldmask@"$version"
  # protoc-gen-go at the version protolite requires: the real module cache
  # holds that one.
  go get -tool google.golang.org/protobuf/cmd/protoc-gen-go@"$(go list -m -f '{{.Version}}' google.golang.org/protobuf)"
  check_version protoc-gen-validate-lite go tool protoc-gen-validate-lite
  third_party
  say "tag: protoc with the installed plugins on PATH"
  go build -o bin/ google.golang.org/protobuf/cmd/protoc-gen-go
  PATH=$tag/bin:$PATH protoc_gen gen --plugin=protoc-gen-go=bin/protoc-gen-go
  same_output gen
  say "tag: go mod tidy, go vet, go run the user's program"
  run_program
)

say "ok (clone, tool and tag: $version)"

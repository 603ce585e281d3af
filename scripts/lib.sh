# Helpers shared by the scripts; source it, do not run it.

# ensure_protoc installs protoc from Debian's protobuf-compiler package when
# it is not on PATH (root on Debian), and says what to do otherwise.
ensure_protoc() {
  if command -v protoc >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing protoc (Debian package protobuf-compiler)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq protobuf-compiler >/dev/null
    return 0
  fi
  echo "protoc is missing: install it (Debian/Ubuntu: sudo apt-get install -y protobuf-compiler)" >&2
  return 1
}

# Helpers shared by the scripts; source it, do not run it.

# ensure_protoc installs protoc from Debian's protobuf-compiler package when
# it is not on PATH (root on Debian), and says what to do otherwise.
ensure_protoc() {
  if command -v protoc >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing protoc (Debian package protobuf-compiler; about 30 s)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq protobuf-compiler >/dev/null
    return 0
  fi
  echo "protoc is missing: install it (Debian/Ubuntu: sudo apt-get install -y protobuf-compiler)" >&2
  return 1
}

# duration SECONDS prints "42 s" or "3 min 5 s".
duration() {
  if [ "$1" -lt 60 ]; then
    printf '%d s' "$1"
  else
    printf '%d min %d s' $(($1 / 60)) $(($1 % 60))
  fi
}

# heartbeat_start LABEL prints "... LABEL: still running, N min so far" every
# minute (HEARTBEAT_SECONDS) until heartbeat_stop, so that a long step is
# never silent for a minute. Scripts that use it run heartbeat_stop on EXIT
# too.
_heartbeat_pid=
_heartbeat_fd=
heartbeat_start() {
  heartbeat_stop
  local label=$1 start=$SECONDS fifo
  # The loop waits with a shell builtin (no sleep process to leave behind): a
  # read with a timeout on a FIFO, opened here and removed at once, into
  # which heartbeat_stop writes the line that ends the loop.
  fifo=$(mktemp -u "${TMPDIR:-/tmp}/heartbeat.XXXXXX")
  mkfifo "$fifo"
  exec {_heartbeat_fd}<>"$fifo"
  rm -f "$fifo"
  (
    while ! read -r -t "${HEARTBEAT_SECONDS:-60}" -u "$_heartbeat_fd" _; do
      printf '   ... %s: still running, ' "$label"
      duration $((SECONDS - start))
      printf ' so far\n'
    done
  ) &
  _heartbeat_pid=$!
}

# heartbeat_stop ends the heartbeat that heartbeat_start started, if any.
heartbeat_stop() {
  if [ -n "$_heartbeat_pid" ]; then
    echo >&"$_heartbeat_fd"
    wait "$_heartbeat_pid" 2>/dev/null || true
    exec {_heartbeat_fd}>&-
    _heartbeat_pid= _heartbeat_fd=
  fi
}

# run_step NAME HINT COMMAND... runs COMMAND (a command or a shell function)
# as one step of a script: it prints "== NAME (HINT)", a heartbeat while it
# runs, and "-- NAME: ok (12 s)" or "-- NAME: FAILED (12 s)". COMMAND runs in
# a subshell with `set -e`, so its first failing command fails the step; the
# script goes on with its next step, and steps_summary reports every step.
# Call it as a plain statement, never in a condition (`run_step ... || x`,
# `if run_step`), where bash would ignore `set -e` inside the step.
steps_passed=0
steps_failed=0
steps_failed_names=()
run_step() {
  local name=$1 hint=$2 start=$SECONDS rc
  shift 2
  printf '\n== %s%s\n' "$name" "${hint:+ ($hint)}"
  heartbeat_start "${name%% (*}"
  set +e
  (
    set -e
    "$@"
  )
  rc=$?
  set -e
  heartbeat_stop
  if [ "$rc" = 0 ]; then
    steps_passed=$((steps_passed + 1))
    printf -- '-- %s: ok (%s)\n' "$name" "$(duration $((SECONDS - start)))"
  else
    steps_failed=$((steps_failed + 1))
    steps_failed_names+=("$name")
    printf -- '-- %s: FAILED, exit status %d (%s)\n' "$name" "$rc" "$(duration $((SECONDS - start)))"
  fi
}

# steps_summary prints which steps failed, then "N passed, M failed" alone on
# the last line (the plain form CI reads), and returns 1 when a step failed.
steps_summary() {
  local name
  echo
  for name in "${steps_failed_names[@]}"; do
    echo "failed step: $name"
  done
  echo "$steps_passed passed, $steps_failed failed"
  [ "$steps_failed" = 0 ]
}

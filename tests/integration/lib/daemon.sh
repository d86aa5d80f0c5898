# Shared set-up for the daemon lifecycle tests: they need no cluster, only the built plugin and
# dsrolld. Source it first thing. Each test gets its own daemon home (so tests run in parallel);
# at exit every dsrolld that ran with a home of this test is stopped by its pid, whatever happened.
#
# Environment (set by CTest, see tests/integration/CMakeLists.txt):
#   DSROLL_BIN        directory holding kubectl-dsroll and dsrolld
#   DSROLL_TEST_PEER  the dsroll_test_peer executable (raw socket client, silent TCP server)
#   DSROLL_NEXT_BIN   directory with a plugin and dsrolld built as another version (optional)

set -euo pipefail

: "${DSROLL_BIN:?DSROLL_BIN must name the directory with kubectl-dsroll and dsrolld}"

PLUGIN="$DSROLL_BIN/kubectl-dsroll"
DSROLLD="$DSROLL_BIN/dsrolld"
# Every home this test creates lives under one root, so cleanup finds all of their daemons.
LC_ROOT=$(mktemp -d /tmp/dsroll-lc.XXXXXX)
chmod 700 "$LC_ROOT"
export KUBECTL_DSROLL_HOME="$LC_ROOT/home"
mkdir -m 700 "$KUBECTL_DSROLL_HOME"
unset KUBECTL_DSROLL_NO_SPAWN KUBECTL_DSROLL_IDLE_TIMEOUT

_lc_cleanups=()
_lc_bg_pids=()

# Pids of the dsrolld processes whose KUBECTL_DSROLL_HOME lies under LC_ROOT.
lc_daemon_pids() {
  local env_file pid
  for env_file in /proc/[0-9]*/environ; do
    pid=${env_file#/proc/}
    pid=${pid%/environ}
    [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */dsrolld ]] || continue
    if tr '\0' '\n' <"$env_file" 2>/dev/null | grep -qx "KUBECTL_DSROLL_HOME=$LC_ROOT/.*"; then
      echo "$pid"
    fi
  done
}

# stop_pid PID: SIGTERM, then SIGKILL after 5 s.
stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

_lc_exit() {
  local rc=$? c pid
  for c in "${_lc_cleanups[@]}"; do eval "$c" >/dev/null 2>&1 || true; done
  for pid in "${_lc_bg_pids[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for pid in $(lc_daemon_pids); do stop_pid "$pid"; done
  if ((rc != 0)); then
    for log in "$LC_ROOT"/*/dsrolld.log; do
      [[ -f $log ]] || continue
      echo "--- $log (last 30 lines) ---" >&2
      tail -n 30 "$log" >&2
    done
  fi
  rm -rf "$LC_ROOT"
  exit "$rc"
}
trap _lc_exit EXIT

# at_exit CMD: run CMD (a string) when the test ends.
at_exit() { _lc_cleanups+=("$1"); }

# background_pid PID: a helper process started with & that must die at exit.
background_pid() { _lc_bg_pids+=("$1"); }

# new_home NAME: a fresh private daemon home under the test's root; prints its path.
new_home() {
  local dir="$LC_ROOT/$1"
  mkdir -m 700 "$dir"
  echo "$dir"
}

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok - $*"; }

assert_eq() {
  if [[ $1 != "$2" ]]; then
    echo "FAIL: ${3:-values differ}" >&2
    diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") >&2 || true
    exit 1
  fi
}

assert_contains() {
  [[ $1 == *"$2"* ]] || fail "${3:-output} does not contain \"$2\": $1"
}

assert_not_contains() {
  [[ $1 != *"$2"* ]] || fail "${3:-output} contains \"$2\": $1"
}

# run_capture PREFIX CMD...: runs CMD, sets ${PREFIX}_out, ${PREFIX}_err, ${PREFIX}_rc.
run_capture() {
  local prefix=$1; shift
  local out err rc=0
  out=$(mktemp) err=$(mktemp)
  "$@" >"$out" 2>"$err" || rc=$?
  printf -v "${prefix}_out" '%s' "$(cat "$out")"
  printf -v "${prefix}_err" '%s' "$(cat "$err")"
  printf -v "${prefix}_rc" '%s' "$rc"
  rm -f "$out" "$err"
}

# wait_until SECONDS CMD...: retries CMD every 0.1 s until it succeeds.
wait_until() {
  local limit=$1; shift
  local deadline=$((SECONDS + limit))
  until "$@"; do
    ((SECONDS < deadline)) || fail "timed out after ${limit}s waiting for: $*"
    sleep 0.1
  done
}

# daemon_pid [HOME]: the pid recorded in HOME's pid file ("" when none).
daemon_pid() {
  local file="${1:-$KUBECTL_DSROLL_HOME}/dsrolld.pid"
  [[ -s $file ]] && tr -dc 0-9 <"$file" || true
}

# alive PID
alive() { [[ -n $1 ]] && kill -0 "$1" 2>/dev/null; }

# dead PID
dead() { ! alive "$1"; }

# status_value LABEL [HOME]: the value after "LABEL:" in `kubectl dsroll daemon status` of the
# daemon in HOME (which this starts if it is not running).
status_value() {
  KUBECTL_DSROLL_HOME=${2:-$KUBECTL_DSROLL_HOME} "$PLUGIN" daemon status |
    sed -n "s/^$1: *//p" | head -n 1
}

# in_flight [HOME]: requests in flight as daemon status reports them.
in_flight() { status_value requests "${1:-}" | sed -n 's/.*, \([0-9]*\) in flight/\1/p'; }

# in_flight_is OP N [HOME]: whether that count compares so (for wait_until, which must get a
# command to run again, not a value expanded once).
in_flight_is() { test "$(in_flight "${3:-}")" "-$1" "$2"; }

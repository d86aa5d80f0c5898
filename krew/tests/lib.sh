# Shared set-up of the krew packaging tests. Source it first thing.
#
# Environment (set by CTest, see CMakeLists.txt here):
#   DSROLL_BIN          directory holding kubectl-dsroll, dsrolld and kubectl_complete-dsroll
#   DSROLL_SOURCE_DIR   the checkout (LICENSE, krew/)
#   DSROLL_VERSION      the project version, X.Y.Z
#   DSROLL_KREW_OS, DSROLL_KREW_ARCH   this build's platform in krew's words
#   DSROLL_PACKAGE_DIR  where krew.package leaves the archive and dsroll.yaml for the others

set -euo pipefail

: "${DSROLL_BIN:?}" "${DSROLL_SOURCE_DIR:?}" "${DSROLL_VERSION:?}" "${DSROLL_KREW_OS:?}"
: "${DSROLL_KREW_ARCH:?}" "${DSROLL_PACKAGE_DIR:?}"

KREW_DIR=$DSROLL_SOURCE_DIR/krew
ARCHIVE_NAME="kubectl-dsroll_v${DSROLL_VERSION}_${DSROLL_KREW_OS}_${DSROLL_KREW_ARCH}.tar.gz"
ARCHIVE=$DSROLL_PACKAGE_DIR/$ARCHIVE_NAME
MANIFEST=$DSROLL_PACKAGE_DIR/dsroll.yaml
CLUSTER_BIN=$(source "$DSROLL_SOURCE_DIR/tests/cluster/lib/versions.sh" && cluster_bin_dir)

_krew_cleanups=()
_krew_exit() {
  local rc=$? c
  for c in "${_krew_cleanups[@]}"; do eval "$c" >/dev/null 2>&1 || true; done
  exit "$rc"
}
trap _krew_exit EXIT

# on_exit CMD: run CMD (a string) when the test ends, last registered first.
on_exit() { _krew_cleanups=("$1" "${_krew_cleanups[@]}"); }

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok - $*"; }

# assert_eq EXPECTED ACTUAL WHAT
assert_eq() {
  if [[ $1 != "$2" ]]; then
    echo "FAIL: $3" >&2
    diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") >&2 || true
    exit 1
  fi
}

# assert_contains HAYSTACK NEEDLE WHAT
assert_contains() { [[ $1 == *"$2"* ]] || fail "$3 does not contain \"$2\": $1"; }

# stop_pid PID: SIGTERM, then SIGKILL after 5 s.
stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

# wait_dead PID SECONDS
wait_dead() {
  local deadline=$((SECONDS + $2))
  while kill -0 "$1" 2>/dev/null; do
    ((SECONDS < deadline)) || fail "process $1 still runs after $2 s"
    sleep 0.1
  done
}

# dsrolld_pids_under DIR: pids of the dsrolld processes whose executable lies under DIR (also
# when the file has since been deleted).
dsrolld_pids_under() {
  local exe pid target
  for exe in /proc/[0-9]*/exe; do
    pid=${exe#/proc/}
    pid=${pid%/exe}
    target=$(readlink "$exe" 2>/dev/null) || continue
    if [[ $target == "$1"/* && ${target##*/} == dsrolld* ]]; then echo "$pid"; fi
  done
  return 0
}

# use_new_daemon_home: exports KUBECTL_DSROLL_HOME, a private directory removed at exit after
# the daemon that ran with it is stopped.
use_new_daemon_home() {
  KUBECTL_DSROLL_HOME=$(mktemp -d /tmp/dsroll-krew-home.XXXXXX)
  chmod 700 "$KUBECTL_DSROLL_HOME"
  export KUBECTL_DSROLL_HOME
  on_exit "rm -rf '$KUBECTL_DSROLL_HOME'"
  on_exit "[[ -s '$KUBECTL_DSROLL_HOME/dsrolld.pid' ]] && stop_pid \$(tr -dc 0-9 < '$KUBECTL_DSROLL_HOME/dsrolld.pid')"
}

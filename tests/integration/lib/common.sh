# Shared set-up for integration tests that drive `kubectl dsroll` against the test cluster.
# Source it first thing. It gives each test its own daemon home (so tests run in parallel),
# puts the built plugin and dsrolld first on PATH so `kubectl dsroll` works through kubectl's
# plugin mechanism, and on exit stops the test's daemon (by pid) and deletes what it created.
#
# Environment (set by CTest, see tests/integration/CMakeLists.txt):
#   DSROLL_TEST_KUBECONFIG  kubeconfig of the shared test cluster
#   DSROLL_BIN              directory holding kubectl-dsroll and dsrolld

set -euo pipefail

: "${DSROLL_TEST_KUBECONFIG:?DSROLL_TEST_KUBECONFIG must name the kubeconfig of the test cluster}"
: "${DSROLL_BIN:?DSROLL_BIN must name the directory with kubectl-dsroll and dsrolld}"

IT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
export KUBECONFIG=$DSROLL_TEST_KUBECONFIG
export KUBECTL_DSROLL_HOME
KUBECTL_DSROLL_HOME=$(mktemp -d /tmp/dsroll-it.XXXXXX)
chmod 700 "$KUBECTL_DSROLL_HOME"
# The pinned release's kubectl (the cluster fixture has built it): the reference.
KUBECTL="$(source "$IT_ROOT/tests/cluster/lib/versions.sh" && cluster_bin_dir)/kubectl"
[[ -x $KUBECTL ]] || KUBECTL="$IT_ROOT/tests/cluster/kubectl"
# `kubectl` (also in sub-shells) is that kubectl; `kubectl dsroll` is the built plugin.
IT_PATH_DIR=$(mktemp -d /tmp/dsroll-it-bin.XXXXXX)
ln -s "$KUBECTL" "$IT_PATH_DIR/kubectl"
export PATH="$IT_PATH_DIR:$DSROLL_BIN:$PATH"
MANIFESTS="$IT_ROOT/tests/integration/manifests"

# Namespaces go to a file: new_namespace runs in $(...), a sub-shell whose variables are lost.
_it_namespace_list=$(mktemp /tmp/dsroll-it-ns.XXXXXX)
_it_cleanups=()
_it_failure_hooks=()

# Runs at exit whatever happened: the test's own cleanups, its namespaces, its daemon.
_it_exit() {
  local rc=$?
  local c
  if (( rc != 0 )); then
    for c in "${_it_failure_hooks[@]}"; do eval "$c" >&2 || true; done
  fi
  for c in "${_it_cleanups[@]}"; do eval "$c" >/dev/null 2>&1 || true; done
  while IFS= read -r ns; do
    [[ -n $ns ]] && "$KUBECTL" delete namespace "$ns" --wait=false >/dev/null 2>&1 || true
  done < "$_it_namespace_list"
  local pidfile="$KUBECTL_DSROLL_HOME/dsrolld.pid" pid
  if [[ -s $pidfile ]]; then
    pid=$(tr -dc 0-9 < "$pidfile")
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  if (( rc != 0 )) && [[ -f $KUBECTL_DSROLL_HOME/dsrolld.log ]]; then
    echo "--- dsrolld.log (last 100 lines) ---" >&2
    tail -n 100 "$KUBECTL_DSROLL_HOME/dsrolld.log" >&2
  fi
  rm -rf "$KUBECTL_DSROLL_HOME" "$IT_PATH_DIR" "$_it_namespace_list"
  exit "$rc"
}
trap _it_exit EXIT

# at_exit CMD: run CMD (a string) when the test ends.
at_exit() { _it_cleanups+=("$1"); }

# on_failure CMD: run CMD (a string) first when the test fails, its output on stderr: the state
# that explains the failure, while the cluster still holds it.
on_failure() { _it_failure_hooks+=("$1"); }

# new_namespace PREFIX: creates a unique namespace, deleted at exit; prints its name.
new_namespace() {
  local ns
  ns="$1-$(tr -dc a-z0-9 < /dev/urandom | head -c 6)"
  "$KUBECTL" create namespace "$ns" >/dev/null
  echo "$ns" >> "$_it_namespace_list"
  echo "$ns"
}

fail() { echo "FAIL: $*" >&2; exit 1; }

# assert_eq EXPECTED ACTUAL [WHAT]
assert_eq() {
  if [[ $1 != "$2" ]]; then
    echo "FAIL: ${3:-values differ}" >&2
    diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") >&2 || true
    exit 1
  fi
}

# assert_contains HAYSTACK NEEDLE [WHAT]
assert_contains() {
  [[ $1 == *"$2"* ]] || fail "${3:-output} does not contain \"$2\": $1"
}

# run_capture VAR_PREFIX CMD...: runs CMD, sets ${P}_out, ${P}_err and ${P}_rc without exiting.
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

# wait_rollout NS NAME [TIMEOUT]: kubectl's own rollout status, as the reference.
wait_rollout() {
  "$KUBECTL" rollout status "ds/$2" -n "$1" --timeout="${3:-120s}" >/dev/null
}

# wait_until TIMEOUT_SECONDS CMD...: retries CMD every 0.2 s until it succeeds.
wait_until() {
  local limit=$1; shift
  local deadline=$((SECONDS + limit))
  local out
  until out=$("$@" 2>&1); do
    (( SECONDS < deadline )) || fail "timed out after ${limit}s waiting for: $*${out:+ (last output: $out)}"
    sleep 0.2
  done
}

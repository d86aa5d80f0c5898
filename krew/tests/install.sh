#!/usr/bin/env bash
# The user's path: `kubectl krew install --manifest --archive` into a throw-away KREW_ROOT, then
# kubectl dsroll from that install against the shared test cluster - its version, `history`
# (compared with kubectl rollout history) and `list -A` of a DaemonSet made here - with the
# daemon started from the krew store, the completer linked by `completion install`, `daemon
# stop`, and `kubectl krew uninstall dsroll`, after which no dsrolld of this KREW_ROOT runs.
source "$(dirname "$0")/lib.sh"
: "${KUBECONFIG:?KUBECONFIG must name the test cluster (the cluster fixture sets it)}"

KUBECTL=$CLUSTER_BIN/kubectl
KREW=$CLUSTER_BIN/krew
[[ -x $KUBECTL && -x $KREW ]] || fail "kubectl and krew are not in $CLUSTER_BIN (tests/cluster/build-binaries)"

work=$(mktemp -d /tmp/dsroll-krew-install.XXXXXX)
on_exit "rm -rf '$work'"
on_exit "for pid in \$(dsrolld_pids_under '$work'); do stop_pid \$pid; done"
export KREW_ROOT=$work/krew KREW_NO_UPGRADE_CHECK=1
# kubectl and krew (as the kubectl-krew plugin), krew's bin directory first, nothing of the build.
mkdir "$work/tools"
ln -s "$KUBECTL" "$work/tools/kubectl"
ln -s "$KREW" "$work/tools/kubectl-krew"
export PATH=$KREW_ROOT/bin:$work/tools:/usr/bin:/bin
unset KUBECTL_DSROLL_NO_SPAWN KUBECTL_DSROLL_IDLE_TIMEOUT
use_new_daemon_home
store=$KREW_ROOT/store/dsroll/v$DSROLL_VERSION

# --- install ---
out=$(kubectl krew install --manifest="$MANIFEST" --archive="$ARCHIVE" 2>&1) ||
  fail "krew install failed: $out"
assert_contains "$out" "Installed plugin: dsroll" "krew install's output"
assert_contains "$out" "kubectl dsroll daemon stop" "the caveats krew prints"
assert_contains "$out" "kubectl dsroll completion install" "the caveats krew prints"
assert_eq "$store/kubectl-dsroll" "$(readlink "$KREW_ROOT/bin/kubectl-dsroll")" "krew's link"
assert_eq "LICENSE dsrolld kubectl-dsroll kubectl_complete-dsroll" "$(cd "$store" && LC_ALL=C ls | xargs)" \
  "files in the krew store"
assert_eq "$KREW_ROOT/bin/kubectl-dsroll" "$(command -v kubectl-dsroll)" "kubectl-dsroll on PATH"
assert_contains "$(kubectl plugin list 2>&1)" "$KREW_ROOT/bin/kubectl-dsroll" "kubectl plugin list"
pass "krew install --manifest --archive: $store"

# --- commands through kubectl and the krew link ---
assert_contains "$(kubectl dsroll --version)" "$DSROLL_VERSION" "kubectl dsroll --version"
ns=krew-install-$$-$RANDOM
kubectl create namespace "$ns" >/dev/null
on_exit "'$KUBECTL' delete namespace '$ns' --wait=false"
kubectl apply -n "$ns" -f - >/dev/null <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: krew-probe
spec:
  selector:
    matchLabels: {app: krew-probe}
  template:
    metadata:
      labels: {app: krew-probe}
    spec:
      containers:
      - name: probe
        image: registry.k8s.io/pause:3.10
YAML
kubectl rollout status ds/krew-probe -n "$ns" --timeout=120s >/dev/null
assert_eq "$(kubectl rollout history ds/krew-probe -n "$ns")" "$(kubectl dsroll history krew-probe -n "$ns")" \
  "kubectl dsroll history against kubectl rollout history"
out=$(kubectl dsroll list -A)
grep -q "^$ns  *krew-probe " <<<"$out" || fail "kubectl dsroll list -A does not list $ns/krew-probe: $out"
pass "kubectl dsroll history and list -A from the krew install"

# --- the daemon runs from the krew store ---
out=$(kubectl dsroll daemon status)
pid=$(sed -n 's/^pid: *//p' <<<"$out")
[[ $pid =~ ^[0-9]+$ ]] || fail "no pid in daemon status: $out"
assert_eq "$store/dsrolld" "$(readlink "/proc/$pid/exe")" "executable of the daemon"
assert_eq "$pid" "$(dsrolld_pids_under "$KREW_ROOT")" "dsrolld processes of this KREW_ROOT"
pass "the daemon (pid $pid) runs $store/dsrolld"

# --- completion: krew links only kubectl-dsroll; the plugin links its completer ---
out=$(kubectl dsroll completion install)
assert_contains "$out" "$KREW_ROOT/bin/kubectl_complete-dsroll -> $store/kubectl_complete-dsroll" \
  "completion install's output"
out=$(kubectl __complete dsroll hist 2>/dev/null)
assert_contains "$out" "history" "kubectl __complete dsroll hist"
pass "completion install links the completer; kubectl completes through it"

# --- daemon stop, uninstall ---
out=$(kubectl dsroll daemon stop)
assert_contains "$out" "pid $pid" "daemon stop's output"
wait_dead "$pid" 10
# krew v0.4.3 refuses to uninstall without a plugin index (a git clone in index/), which an
# install from --manifest never makes; the index itself is not read.
mkdir -p "$KREW_ROOT/index/default/.git"
out=$(kubectl krew uninstall dsroll 2>&1) || fail "krew uninstall failed: $out"
assert_contains "$out" "Uninstalled plugin: dsroll" "krew uninstall's output"
[[ ! -e $KREW_ROOT/bin/kubectl-dsroll && ! -L $KREW_ROOT/bin/kubectl-dsroll ]] ||
  fail "krew uninstall left $KREW_ROOT/bin/kubectl-dsroll"
[[ ! -e $KREW_ROOT/store/dsroll ]] || fail "krew uninstall left $KREW_ROOT/store/dsroll"
# The completer link is the plugin's, not krew's: it stays, dangling, for the user to remove.
[[ -L $KREW_ROOT/bin/kubectl_complete-dsroll && ! -e $KREW_ROOT/bin/kubectl_complete-dsroll ]] ||
  fail "expected a dangling kubectl_complete-dsroll link after uninstall"
assert_eq "" "$(dsrolld_pids_under "$KREW_ROOT")" "dsrolld processes of this KREW_ROOT after uninstall"
pass "daemon stop and krew uninstall leave no dsrolld running"

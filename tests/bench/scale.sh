#!/usr/bin/env bash
# Benchmark: the daemon on a large cluster. N fake nodes (default 1000) and 3 DaemonSets (3N
# pods); measures the daemon's initial sync (DaemonSets, revisions, the 3 DaemonSets' pods and
# the nodes), its resident memory, and that 100 concurrent clients cost the API server no extra
# watches. Prints numbers; asserts nothing.
#
#   tests/bench/scale.sh [NODES] [BIN_DIR]      (defaults 1000, build/default/bin)
#
# Starts its own cluster and stops it, and the daemon, whatever happens.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NODES=${1:-1000}
BIN=$(cd "${2:-$ROOT/build/default/bin}" && pwd)
NAME=bench-scale-$$
KUBECTL=$ROOT/tests/cluster/kubectl
NS=scale
export KUBECTL_DSROLL_HOME
KUBECTL_DSROLL_HOME=$(mktemp -d /tmp/dsroll-scale.XXXXXX)
chmod 700 "$KUBECTL_DSROLL_HOME"

cleanup() {
  "$BIN/kubectl-dsroll" daemon stop >/dev/null 2>&1 || true
  if [[ -s $KUBECTL_DSROLL_HOME/dsrolld.pid ]]; then
    kill "$(tr -dc 0-9 < "$KUBECTL_DSROLL_HOME/dsrolld.pid")" 2>/dev/null || true
  fi
  "$ROOT/tests/cluster/down" --name "$NAME" >/dev/null 2>&1 || true
  rm -rf "$KUBECTL_DSROLL_HOME"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
t=$(now_ms)
export KUBECONFIG
KUBECONFIG=$("$ROOT/tests/cluster/up" --name "$NAME" --nodes "$NODES" --node-pods 110 2>/dev/null | tail -n 1)
echo "cluster of $NODES nodes up in $(( $(now_ms) - t )) ms"

"$KUBECTL" create namespace $NS >/dev/null
t=$(now_ms)
for ds in agent-a agent-b agent-c; do
  sed -e "s/namespace: kube-system/namespace: $NS/" -e "s/fluentd-elasticsearch/$ds/g" \
    "$ROOT/tests/integration/manifests/fluentd-daemonset-update.yaml" | "$KUBECTL" apply -f - >/dev/null
done
for ds in agent-a agent-b agent-c; do
  "$KUBECTL" rollout status -n $NS "ds/$ds" --timeout=30m >/dev/null
done
pods=$("$KUBECTL" get pods -n $NS --no-headers 2>/dev/null | wc -l)
echo "3 DaemonSets rolled out ($pods pods) in $(( $(now_ms) - t )) ms"

daemon_pid() { tr -dc 0-9 < "$KUBECTL_DSROLL_HOME/dsrolld.pid"; }
rss_mib() { awk -v f="$1:" '$1 == f {printf "%.1f", $2 / 1024}' "/proc/$(daemon_pid)/status"; }

# Cold: a fresh daemon answering for one DaemonSet (its informers list DaemonSets).
t=$(now_ms)
"$BIN/kubectl-dsroll" status agent-a -n $NS --watch=false >/dev/null
echo "cold status (daemon start + DaemonSet list): $(( $(now_ms) - t )) ms"

# Full sync: the live view needs the pods of each DaemonSet, the nodes and the revisions.
# `script` gives the plugin a terminal so it asks for the per-node view.
t=$(now_ms)
for ds in agent-a agent-b agent-c; do
  script -qec "$BIN/kubectl-dsroll status $ds -n $NS --timeout=10m" /dev/null >/dev/null
done
echo "initial sync of pods ($pods), nodes ($NODES) and revisions: $(( $(now_ms) - t )) ms"
echo "daemon resident memory after sync: $(rss_mib VmRSS) MiB (peak $(rss_mib VmHWM) MiB)"

# 100 clients at once: the API server must still see one watch per resource and selector.
t=$(now_ms)
for i in $(seq 100); do
  ds=agent-$(printf 'abc' | cut -c $(( i % 3 + 1 )))
  "$BIN/kubectl-dsroll" history "$ds" -n $NS >/dev/null &
done
wait
echo "100 concurrent history clients: $(( $(now_ms) - t )) ms in all"
"$BIN/kubectl-dsroll" daemon status | grep -E 'clusters:|watches' || true
echo "daemon resident memory now: $(rss_mib VmRSS) MiB (peak $(rss_mib VmHWM) MiB)"

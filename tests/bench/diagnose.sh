#!/usr/bin/env bash
# Benchmark: diagnose on a large cluster. N fake nodes (default 1000) with small memory (2Gi);
# on SHORT of them (default 100) a bare pod takes 1536Mi; a DaemonSet on every node is updated
# from 64Mi to 1Gi, which fits everywhere but on those nodes. Measures the first diagnose of a
# fresh daemon (its watches start), then the median of RUNS warm runs (-o json and text), next to
# what the manual check costs (kubectl get nodes + kubectl get pods -o wide). Prints numbers;
# asserts nothing.
#
#   tests/bench/diagnose.sh [NODES] [SHORT] [BIN_DIR] [RUNS]   (defaults 1000, 100, build/default/bin, 9)
#
# Starts its own cluster and stops it, and the daemon, whatever happens.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NODES=${1:-1000}
SHORT=${2:-100}
BIN=$(cd "${3:-$ROOT/build/default/bin}" && pwd)
RUNS=${4:-9}
NAME=bench-diagnose-$$
KUBECTL=$ROOT/tests/cluster/kubectl
NS=bench
export KUBECTL_DSROLL_HOME
KUBECTL_DSROLL_HOME=$(mktemp -d /tmp/dsroll-diagnose.XXXXXX)
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
# median_ms RUNS CMD...: runs CMD RUNS times, prints "median M ms (min A, max B)".
median_ms() {
  local runs=$1 i t times=()
  shift
  for ((i = 0; i < runs; i++)); do
    t=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    times+=($((($(date +%s%N) - t) / 1000)))
  done
  sort -n <<<"$(printf '%s\n' "${times[@]}")" | awk '{v[NR] = $1} END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "median %.1f ms (min %.1f, max %.1f, %d runs)\n", m / 1000, v[1] / 1000, v[NR] / 1000, NR }'
}

t=$(now_ms)
export KUBECONFIG
KUBECONFIG=$("$ROOT/tests/cluster/up" --name "$NAME" --nodes "$NODES" --node-cpu 4 --node-memory 2Gi \
  --node-pods 110 2>/dev/null | tail -n 1)
echo "cluster of $NODES nodes (4 cpu, 2Gi) up in $(( $(now_ms) - t )) ms"

"$KUBECTL" create namespace $NS >/dev/null
t=$(now_ms)
for ((i = 1; i <= SHORT; i++)); do
  cat <<EOF
---
apiVersion: v1
kind: Pod
metadata: {name: filler-$i, namespace: $NS}
spec:
  nodeName: node-$i
  containers: [{name: c, image: filler, resources: {requests: {cpu: 100m, memory: 1536Mi}}}]
EOF
done | "$KUBECTL" apply -f - >/dev/null
"$KUBECTL" apply -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: $NS}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy: {rollingUpdate: {maxUnavailable: "100%"}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "agent:1", resources: {requests: {cpu: 10m, memory: 64Mi}}}]
EOF
"$KUBECTL" rollout status -n $NS ds/agent --timeout=30m >/dev/null
echo "$SHORT filler pods and the DaemonSet ($((NODES - 1)) pods) rolled out in $(( $(now_ms) - t )) ms"

t=$(now_ms)
"$KUBECTL" patch ds agent -n $NS -p \
  '{"spec":{"template":{"spec":{"containers":[{"name":"agent","resources":{"requests":{"memory":"1Gi"}}}]}}}}' >/dev/null
want="$((NODES - 1))/$((NODES - 1 - SHORT))"
until [[ $("$KUBECTL" get ds agent -n $NS -o jsonpath='{.status.updatedNumberScheduled}/{.status.numberAvailable}') == "$want" ]]; do
  sleep 1
done
echo "updated to 1Gi: $((NODES - 1 - SHORT)) pods available, $SHORT Pending, after $(( $(now_ms) - t )) ms"

daemon_pid() { tr -dc 0-9 < "$KUBECTL_DSROLL_HOME/dsrolld.pid"; }
rss_mib() { awk -v f="$1:" '$1 == f {printf "%.1f", $2 / 1024}' "/proc/$(daemon_pid)/status"; }

t=$(date +%s%N)
"$BIN/kubectl-dsroll" diagnose agent -n $NS -o json >"$KUBECTL_DSROLL_HOME/first.json" || true
echo "first diagnose (daemon start, watches of DaemonSets, revisions, pods and nodes): $(( ($(date +%s%N) - t) / 1000000 )) ms"
echo "  it names $(jq '[.findings[] | select(.kind == "InsufficientResources") | .data.nodes[]] | length' \
  "$KUBECTL_DSROLL_HOME/first.json") nodes without room, exit $(jq -r 'if .blocking then 2 else 0 end' \
  "$KUBECTL_DSROLL_HOME/first.json") expected"

echo "warm diagnose -o json: $(median_ms "$RUNS" "$BIN/kubectl-dsroll" diagnose agent -n $NS -o json)"
echo "warm diagnose (text): $(median_ms "$RUNS" "$BIN/kubectl-dsroll" diagnose agent -n $NS)"
echo "the manual check, kubectl get nodes + kubectl get pods -o wide: $(median_ms "$RUNS" \
  sh -c "'$KUBECTL' get nodes >/dev/null && '$KUBECTL' get pods -n $NS -l app=agent -o wide >/dev/null")"
echo "daemon resident memory: $(rss_mib VmRSS) MiB (peak $(rss_mib VmHWM) MiB)"
echo "the daemon's account of the last run: $(grep -o 'diagnose .*' "$KUBECTL_DSROLL_HOME/dsrolld.log" | tail -n 1)"

#!/usr/bin/env bash
# Benchmark: `kubectl dsroll history` against `kubectl rollout history` on the same cluster,
# first on loopback, then with the API server 50 ms away (Toxiproxy, 25 ms each way), and the
# moment each tool reports a rollout complete. Prints numbers side by side; asserts nothing.
#
#   tests/bench/history_vs_kubectl.sh [BIN_DIR]     (default build/default/bin)
#   BENCH_RUNS=N   runs per measurement (default 50; 15 behind the proxy)
#
# Starts its own cluster (with --proxy) and stops it, and its daemon, whatever happens.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN=$(cd "${1:-$ROOT/build/default/bin}" && pwd)
RUNS=${BENCH_RUNS:-50}
NAME=bench-history-$$
KUBECTL=$ROOT/tests/cluster/kubectl
export KUBECTL_DSROLL_HOME
KUBECTL_DSROLL_HOME=$(mktemp -d /tmp/dsroll-bench.XXXXXX)
chmod 700 "$KUBECTL_DSROLL_HOME"
# kubectl-noop: a plugin that does nothing, to price kubectl's own start-up and plugin dispatch.
NOOP_DIR=$(mktemp -d /tmp/dsroll-bench-noop.XXXXXX)
ln -s /bin/true "$NOOP_DIR/kubectl-noop"
export PATH="$BIN:$NOOP_DIR:$PATH"

cleanup() {
  "$BIN/kubectl-dsroll" daemon stop >/dev/null 2>&1 || true
  if [[ -s $KUBECTL_DSROLL_HOME/dsrolld.pid ]]; then
    kill "$(tr -dc 0-9 < "$KUBECTL_DSROLL_HOME/dsrolld.pid")" 2>/dev/null || true
  fi
  "$ROOT/tests/cluster/down" --name "$NAME" >/dev/null 2>&1 || true
  rm -rf "$KUBECTL_DSROLL_HOME" "$NOOP_DIR"
}
trap cleanup EXIT

echo "starting a 3-node cluster with a proxy ..." >&2
export KUBECONFIG
KUBECONFIG=$("$ROOT/tests/cluster/up" --name "$NAME" --nodes 3 --proxy 2>/dev/null | tail -n 1)
NS=bench
"$KUBECTL" create namespace $NS >/dev/null
sed "s/namespace: kube-system/namespace: $NS/" "$ROOT/tests/integration/manifests/fluentd-daemonset.yaml" |
  "$KUBECTL" apply -f - >/dev/null
for v in v2.6.0 v2.7.0 v2.8.0; do
  "$KUBECTL" set image -n $NS ds/fluentd-elasticsearch fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:$v >/dev/null
  "$KUBECTL" rollout status -n $NS ds/fluentd-elasticsearch >/dev/null
done

# median wall time (ms) of a command, via hyperfine
median_ms() {
  local json
  json=$(mktemp)
  hyperfine --style none --warmup 3 --runs "$1" --export-json "$json" -- "$2" >/dev/null 2>&1
  jq '.results[0].median * 1000' "$json"
  rm -f "$json"
}
# largest peak RSS (KiB) over a few runs
peak_kib() {
  local max=0 m
  for _ in 1 2 3 4 5; do
    m=$( { /usr/bin/time -f '%M' bash -c "$1 >/dev/null 2>&1"; } 2>&1 | tail -n 1)
    (( m > max )) && max=$m
  done
  echo "$max"
}

measure() {  # measure LABEL CONTEXT RUNS
  local ctx=$2 runs=$3
  "$BIN/kubectl-dsroll" history fluentd-elasticsearch -n $NS --context "$ctx" >/dev/null  # warm
  printf '\n%s (context %s, %s runs)\n' "$1" "$ctx" "$runs"
  printf '  %-42s %12s %12s\n' command "median ms" "peak MiB"
  local label cmd
  for pair in \
    "kubectl-dsroll daemon status (warm daemon)|$BIN/kubectl-dsroll daemon status" \
    "kubectl-dsroll history|$BIN/kubectl-dsroll history fluentd-elasticsearch -n $NS --context $ctx" \
    "kubectl dsroll history|$KUBECTL dsroll history fluentd-elasticsearch -n $NS --context $ctx" \
    "kubectl rollout history|$KUBECTL rollout history ds/fluentd-elasticsearch -n $NS --context $ctx" \
    "kubectl noop (start-up + plugin dispatch)|$KUBECTL noop" \
    "kubectl version --client (start-up)|$KUBECTL version --client" \
    "/bin/true|/bin/true"; do
    label=${pair%%|*} cmd=${pair#*|}
    printf '  %-42s %12.2f %12.1f\n' "$label" "$(median_ms "$runs" "$cmd")" \
      "$(echo "scale=1; $(peak_kib "$cmd") / 1024" | bc)"
  done
}

CTX_ADMIN=$("$KUBECTL" config current-context)
CTX_PROXY=$("$KUBECTL" config get-contexts -o name | grep '^proxied@')
measure "loopback" "$CTX_ADMIN" "$RUNS"
"$ROOT/tests/cluster/proxy" --name "$NAME" latency 25 >/dev/null
measure "API server 50 ms away (25 ms each way)" "$CTX_PROXY" "${BENCH_PROXY_RUNS:-15}"
"$ROOT/tests/cluster/proxy" --name "$NAME" reset >/dev/null

# Who reports completion first: both watch the same rollout, timestamps taken as each prints.
echo
echo "rollout completion reported (ms after the image change; loopback)"
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date +%s%3N)" "$line"; done; }
for round in 1 2 3 4; do
  image=quay.io/fluentd_elasticsearch/fluentd:v3.$round.0
  d=$(mktemp) k=$(mktemp)
  t0=$(date +%s%3N)
  "$KUBECTL" set image -n $NS ds/fluentd-elasticsearch fluentd-elasticsearch="$image" >/dev/null
  # Both start watching right after the change; who starts first alternates between rounds.
  if (( round % 2 )); then
    "$BIN/kubectl-dsroll" status fluentd-elasticsearch -n $NS --timeout 5m 2>/dev/null | stamp > "$d" &
    "$KUBECTL" rollout status ds/fluentd-elasticsearch -n $NS --timeout 5m 2>/dev/null | stamp > "$k" &
  else
    "$KUBECTL" rollout status ds/fluentd-elasticsearch -n $NS --timeout 5m 2>/dev/null | stamp > "$k" &
    "$BIN/kubectl-dsroll" status fluentd-elasticsearch -n $NS --timeout 5m 2>/dev/null | stamp > "$d" &
  fi
  wait
  td=$(grep 'successfully rolled out' "$d" | tail -n 1 | cut -d' ' -f1)
  tk=$(grep 'successfully rolled out' "$k" | tail -n 1 | cut -d' ' -f1)
  printf '  round %d: kubectl dsroll %s ms, kubectl rollout status %s ms (difference %+d ms)\n' \
    "$round" "$((td - t0))" "$((tk - t0))" "$((td - tk))"
  rm -f "$d" "$k"
done

#!/usr/bin/env bash
# Rollouts on 50 nodes, next to kubectl on the same cluster: a DaemonSet that tolerates the
# control-plane taint (all 50 nodes) rolled with maxSurge 20% and minReadySeconds, then with a
# percentage maxUnavailable; a second one limited by a nodeSelector to 20 labelled nodes. Non-TTY
# status ends with kubectl's line, history is kubectl's byte for byte, and the pods land exactly
# where the scheduler rules say.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# Kubernetes v1.36.3's DaemonSet controller now and then stops a surge rollout here: new pods turn
# Ready, the controller syncs before minReadySeconds has passed, and the re-check it schedules for
# when they become available never runs (in its log the last sync says "numSurge=10"), so the old
# pods stay until some other event. While the rollouts run, a watcher asks diagnose every 10 s and
# applies its ControllerIdle fix, as a user would: that finding is what keeps this test from
# hanging on the controller, and its line in the log shows when it did.
ROLLOUT_TIMEOUT=300s
nudge_idle() {  # nudge_idle NAME...: runs until killed
  local name fix
  while sleep 10; do
    for name in "$@"; do
      fix=$(kubectl dsroll diagnose "$name" -n "$ns" -o json 2>/dev/null |
        jq -r '.findings[] | select(.kind == "ControllerIdle") | .fixes[0].command' 2>/dev/null) || true
      if [[ -n $fix ]]; then
        echo "ControllerIdle on $name: $fix" >&2
        eval "\"\$KUBECTL\" ${fix#kubectl }" >/dev/null || true
      fi
    done
  done
}

# What a stalled rollout looks like, for the log of a failed run.
dump_state() {
  local name
  echo "--- DaemonSets ---"
  "$KUBECTL" get ds -n "$ns" -o wide
  "$KUBECTL" get ds -n "$ns" -o json | jq -c '.items[] | {name: .metadata.name,
      generation: .metadata.generation, status, strategy: .spec.updateStrategy,
      minReadySeconds: .spec.minReadySeconds}'
  "$KUBECTL" get controllerrevisions -n "$ns" -o json | jq -r '.items[] |
      "\(.metadata.name) revision \(.revision) \(.data.spec.template.spec.containers[0].image)"'
  echo "--- pods by image, readiness and deletion ---"
  "$KUBECTL" get pods -n "$ns" -o json | jq -r '.items[] | [.metadata.labels.app,
      .spec.containers[0].image,
      .metadata.labels["controller-revision-hash"],
      "ready=" + ([.status.conditions[]? | select(.type == "Ready") | .status][0] // "?"),
      (if .metadata.deletionTimestamp then "deleting" else "-" end)] | @tsv' | sort | uniq -c
  echo "--- nodes without exactly one pod per DaemonSet ---"
  "$KUBECTL" get pods -n "$ns" -o json |
    jq -r '.items[] | "\(.metadata.labels.app) \(.spec.nodeName // "unscheduled")"' | sort | uniq -c |
    awk '$1 != 1' | head -n 20
  for name in agent ssd; do
    echo "--- kubectl dsroll diagnose $name ---"
    kubectl dsroll diagnose "$name" -n "$ns" 2>&1 | head -n 30
  done
  echo "--- controller-manager log on this namespace (last 30 lines) ---"
  grep -F "$ns" "${DSROLL_CLUSTER_STATE:-/tmp/dsroll-clusters}/$DSROLL_TEST_CLUSTER_NAME/logs/controller-manager.log" |
    tail -n 30
}

ns=$(new_namespace fifty)
on_failure dump_state
nudge_idle agent ssd &
nudger=$!
at_exit "pkill -P $nudger; kill $nudger"
nodes=$("$KUBECTL" get nodes --no-headers | wc -l)
assert_eq 50 "$nodes" "nodes in the cluster"

"$KUBECTL" apply -n "$ns" -f - >/dev/null <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations:
      - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
      containers:
      - {name: main, image: "registry.example/agent:1"}
YAML
wait_rollout "$ns" agent 180s
assert_eq 50 "$("$KUBECTL" get ds agent -n "$ns" -o jsonpath='{.status.desiredNumberScheduled}')" \
  "the toleration puts a pod on the control-plane node too"

# maxSurge as a percentage, with minReadySeconds: a new pod starts before the old one goes.
kubectl dsroll strategy agent -n "$ns" --max-surge=20% --max-unavailable=0 --min-ready-seconds=2 >/dev/null
assert_eq '{"maxSurge":"20%","maxUnavailable":0}' \
  "$("$KUBECTL" get ds agent -n "$ns" -o jsonpath='{.spec.updateStrategy.rollingUpdate}')" "the strategy"
run_capture shown kubectl dsroll strategy agent -n "$ns"
# Pods Ready for less than minReadySeconds are unavailable, and the controller replaces unavailable
# pods without counting them against maxSurge: wait until they count again.
wait_rollout "$ns" agent
assert_contains "$shown_out" "20%" "strategy shows maxSurge"

kubectl dsroll set image agent -n "$ns" main=registry.example/agent:2 >/dev/null
# Both follow the same rollout without a terminal: kubectl's closing line, exit 0.
"$KUBECTL" rollout status ds/agent -n "$ns" --timeout="$ROLLOUT_TIMEOUT" >"$KUBECTL_DSROLL_HOME/k.out" &
kpid=$!
at_exit "kill $kpid"
run_capture s kubectl dsroll status agent -n "$ns" --timeout="$ROLLOUT_TIMEOUT"
wait "$kpid"
assert_eq 0 "$s_rc" "status exit code: $s_err"
assert_eq "$(tail -n 1 "$KUBECTL_DSROLL_HOME/k.out")" "$(tail -n 1 <<<"$s_out")" "the closing line is kubectl's"
grep -q 'new pods have been updated' <<<"$s_out" || fail "no progress lines: $s_out"
assert_eq "50 50" \
  "$("$KUBECTL" get ds agent -n "$ns" -o jsonpath='{.status.updatedNumberScheduled} {.status.numberAvailable}')" \
  "every node updated and available"
assert_eq 50 "$("$KUBECTL" get pods -n "$ns" -l app=agent -o json |
  jq '[.items[] | select(.spec.containers[0].image == "registry.example/agent:2")] | length')" \
  "one new pod per node, the surge pods gone"

# maxUnavailable as a percentage: 10% of 50 is 5 at a time.
kubectl dsroll strategy agent -n "$ns" --max-surge=0 --max-unavailable=10% >/dev/null
assert_eq '{"maxSurge":0,"maxUnavailable":"10%"}' \
  "$("$KUBECTL" get ds agent -n "$ns" -o jsonpath='{.spec.updateStrategy.rollingUpdate}')" "the strategy"
kubectl dsroll set image agent -n "$ns" main=registry.example/agent:3 >/dev/null
run_capture s kubectl dsroll status agent -n "$ns" --timeout="$ROLLOUT_TIMEOUT"
assert_eq 0 "$s_rc" "status exit code: $s_err"
assert_eq "daemon set \"agent\" successfully rolled out" "$(tail -n 1 <<<"$s_out")" "closing line"
assert_eq "$("$KUBECTL" rollout history ds/agent -n "$ns")" "$(kubectl dsroll history agent -n "$ns")" \
  "history is kubectl's"

# A nodeSelector: 20 labelled worker nodes, and nothing on the others.
# shellcheck disable=SC2046
"$KUBECTL" label nodes $(for i in $(seq 1 20); do echo "node-$i"; done) disk=ssd --overwrite >/dev/null
at_exit "$KUBECTL label nodes -l disk=ssd disk- >/dev/null 2>&1"
"$KUBECTL" apply -n "$ns" -f - >/dev/null <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd
spec:
  selector: {matchLabels: {app: ssd}}
  template:
    metadata: {labels: {app: ssd}}
    spec:
      nodeSelector: {disk: ssd}
      containers:
      - {name: main, image: "registry.example/ssd:1"}
YAML
wait_rollout "$ns" ssd 180s
kubectl dsroll set image ssd -n "$ns" 'main=registry.example/ssd:2' >/dev/null
run_capture s kubectl dsroll status ssd -n "$ns" --timeout="$ROLLOUT_TIMEOUT"
assert_eq 0 "$s_rc" "status exit code: $s_err"
assert_eq "20 20" \
  "$("$KUBECTL" get ds ssd -n "$ns" -o jsonpath='{.status.desiredNumberScheduled} {.status.updatedNumberScheduled}')" \
  "only the labelled nodes"
assert_eq "$(for i in $(seq 1 20); do echo "node-$i"; done | sort)" \
  "$("$KUBECTL" get pods -n "$ns" -l app=ssd -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | sort)" \
  "the pods' nodes"
run_capture l kubectl dsroll list -n "$ns"
assert_contains "$l_out" "ssd" "list names the DaemonSet"
echo "ok"

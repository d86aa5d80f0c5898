#!/usr/bin/env bash
# diagnose on nodes out of room, built for real on small nodes (2 CPU, 4Gi each): a Deployment's
# pod under a PodDisruptionBudget and a bare pod fill node-1; the DaemonSet is updated to request
# 2Gi of memory, which fits on node-2 and node-3 but not on node-1. diagnose must name exactly
# node-1, the shortfall and the two candidates with the right markings; deleting the pod it
# suggests completes the rollout. Runs on a cluster of its own (small nodes).
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ns=$(new_namespace room)

# The web pods may run only on nodes labelled web-ok; node-1 first, so one lands there. Later the
# label moves on, and a replacement of that pod goes elsewhere (required affinity is only checked
# when scheduling).
"$KUBECTL" label node node-1 node-2 web-ok=true >/dev/null
"$KUBECTL" apply -n "$ns" -f - >/dev/null <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms: [{matchExpressions: [{key: web-ok, operator: In, values: ["true"]}]}]
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}
      containers:
      - {name: web, image: nginx, resources: {requests: {cpu: 500m, memory: 1536Mi}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-pdb}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: web}}
---
apiVersion: v1
kind: Pod
metadata: {name: batch}
spec:
  nodeName: node-1
  containers:
  - {name: batch, image: busybox, resources: {requests: {cpu: 100m, memory: 1Gi}}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  # Every node at once, so the order the controller picks nodes in does not matter.
  updateStrategy: {rollingUpdate: {maxUnavailable: 3}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - {name: agent, image: agent:1, resources: {requests: {cpu: 100m, memory: 100Mi}}}
EOF
"$KUBECTL" rollout status -n "$ns" deploy/web --timeout=120s >/dev/null
wait_rollout "$ns" agent
web_on_node1=$("$KUBECTL" get pods -n "$ns" -l app=web --field-selector spec.nodeName=node-1 -o name)
web_on_node1=${web_on_node1#pod/}
[[ -n $web_on_node1 ]] || fail "no web pod on node-1"
wait_until 30 bash -c "[[ \$(kubectl get pdb web-pdb -n $ns -o jsonpath='{.status.disruptionsAllowed}') == 1 ]]"

# Healthy: a short answer, exit 0.
run_capture ok kubectl dsroll diagnose agent -n "$ns"
assert_eq 0 "$ok_rc" "diagnose exit code on a healthy rollout: $ok_out $ok_err"
assert_contains "$ok_out" "No problem found: daemon set \"agent\" in namespace $ns, revision 1: 3 of 3 nodes updated, 3 available (RollingUpdate, maxUnavailable 3, maxSurge 0)"

"$KUBECTL" label node node-1 web-ok- >/dev/null
"$KUBECTL" label node node-3 web-ok=true >/dev/null
"$KUBECTL" patch ds agent -n "$ns" -p \
  '{"spec":{"template":{"spec":{"containers":[{"name":"agent","resources":{"requests":{"memory":"2Gi"}}}]}}}}' >/dev/null
# node-2 and node-3 take the new pod; node-1's stays Pending.
stuck() {
  [[ $(kubectl get ds agent -n "$ns" -o jsonpath='{.status.updatedNumberScheduled}/{.status.numberAvailable}') == 3/2 ]] &&
    kubectl get pods -n "$ns" -l app=agent -o json |
    jq -e '[.items[] | select(.status.conditions // [] | any(.type == "PodScheduled" and .status == "False"))] | length == 1' >/dev/null
}
wait_until 120 stuck
run_capture j kubectl dsroll diagnose agent -n "$ns" -o json
assert_eq 2 "$j_rc" "diagnose exit code with a blocking finding: $j_err"
finding=$(jq -c '.findings[] | select(.kind == "InsufficientResources")' <<<"$j_out")
[[ -n $finding ]] || fail "no InsufficientResources finding: $j_out"
assert_eq '["node-1"]' "$(jq -c '[.data.nodes[].node]' <<<"$finding")" "the nodes without room"
assert_eq '{"cpu":"0","memory":"512Mi","pods":0}' "$(jq -c '.data.nodes[0].shortfall' <<<"$finding")" "the shortfall"
assert_eq '{"cpu":"100m","memory":"2Gi","pods":1}' "$(jq -c '.data.nodes[0].requests' <<<"$finding")" "the pod's requests"
assert_eq '{"cpu":"2","memory":"4Gi","pods":110}' "$(jq -c '.data.nodes[0].allocatable' <<<"$finding")" "allocatable"
assert_eq '{"cpu":"600m","memory":"2560Mi","pods":2}' "$(jq -c '.data.nodes[0].requested' <<<"$finding")" "requested"
candidates=$(jq -c '[.data.nodes[0].candidates[] | [.name, (.controller.kind // "bare"), .bare, ([.podDisruptionBudgets[] | "\(.name)/\(.disruptionsAllowed)"] | join(",")), .suggested]]' <<<"$finding")
assert_eq "[[\"$web_on_node1\",\"ReplicaSet\",false,\"web-pdb/1\",true],[\"batch\",\"bare\",true,\"\",false]]" \
  "$candidates" "the candidate pods, largest first, with their markings"
fix=$(jq -r '.fixes[0].command' <<<"$finding")
assert_eq "kubectl delete pod $web_on_node1 -n $ns" "$fix" "the suggested fix"
assert_eq "kubectl dsroll undo agent -n $ns --to-revision=1" "$(jq -r '.fixes[1].command' <<<"$finding")" "the undo fix"
assert_eq true "$(jq '.blocking' <<<"$j_out")" "blocking"

# The text names the same, for people.
run_capture t kubectl dsroll diagnose agent -n "$ns"
assert_eq 2 "$t_rc" "text exit code"
assert_contains "$t_out" "[blocking] 1 node has no room for the DaemonSet's pod (short of memory)"
assert_contains "$t_out" "    short         memory 512Mi"
assert_contains "$t_out" "      $ns/$web_on_node1  cpu 500m, memory 1536Mi  controller-managed (ReplicaSet"
assert_contains "$t_out" "PodDisruptionBudget web-pdb allows 1 disruption"
assert_contains "$t_out" "      $ns/batch  cpu 100m, memory 1Gi  bare pod: deleting it is an outage"
assert_contains "$t_out" "  fix: kubectl delete pod $web_on_node1 -n $ns"
[[ $t_out != *$'\e['* ]] || fail "colours without a terminal"

# Following the fix completes the rollout; the web pod comes back on node-3.
eval "\"\$KUBECTL\" ${fix#kubectl }" >/dev/null
wait_rollout "$ns" agent 120s
run_capture after kubectl dsroll diagnose agent -n "$ns"
assert_eq 0 "$after_rc" "diagnose after the fix: $after_out"
assert_contains "$after_out" "No problem found"
"$KUBECTL" rollout status -n "$ns" deploy/web --timeout=60s >/dev/null
echo "ok"

#!/usr/bin/env bash
# diagnose on node-level causes, each built for real on a cluster of its own: the control-plane
# taint the template does not tolerate (following the fix puts a pod there), clock skew under
# minReadySeconds (a node's heartbeat and its pod's Ready time an hour ahead), the controller
# manager stopped (a generation never observed; part way through a rollout, the controller idle),
# nodes no kubelet answers for (kwok stopped: NotReady, then a pod stuck Terminating), and finally
# the API server cut off (diagnose answers from the cache and says so).
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
: "${DSROLL_TEST_CLUSTER_NAME:?}"

ns=$(new_namespace nodes)
"$KUBECTL" apply -n "$ns" -f - >/dev/null <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  minReadySeconds: 5
  updateStrategy: {rollingUpdate: {maxUnavailable: 2}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - {name: main, image: "registry.example/agent:1"}
EOF
wait_rollout "$ns" agent
finding() { jq -c ".findings[] | select(.kind == \"$1\")" <<<"$2"; }

# 1. The control-plane taint: a note, exit 0; its fix puts a pod on node-0 too.
run_capture t kubectl dsroll diagnose agent -n "$ns" -o json
assert_eq 0 "$t_rc" "an untolerated taint does not block: $t_out"
f=$(finding UntoleratedTaint "$t_out")
assert_eq '"info"' "$(jq -c .severity <<<"$f")" "severity"
assert_eq '[{"nodes":["node-0"],"taint":"node-role.kubernetes.io/control-plane:NoSchedule"}]' \
  "$(jq -c .data.taints <<<"$f")" "the taint and its node"
fix=$(jq -r '.fixes[0].command' <<<"$f")
eval "\"\$KUBECTL\" ${fix#kubectl }" >/dev/null
wait_until 30 bash -c "[[ \$(kubectl get ds agent -n $ns -o jsonpath='{.status.desiredNumberScheduled}') == 4 ]]"
wait_rollout "$ns" agent
run_capture t kubectl dsroll diagnose agent -n "$ns" -o json
assert_eq "" "$(finding UntoleratedTaint "$t_out")" "no untolerated taint after the fix"
assert_eq true "$(jq .healthy <<<"$t_out")" "healthy after the fix"

# 2. Clock skew: node-1's kubelet writes times an hour ahead.
ahead=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)
pod1=$("$KUBECTL" get pods -n "$ns" -l app=agent --field-selector spec.nodeName=node-1 -o jsonpath='{.items[0].metadata.name}')
"$KUBECTL" patch node node-1 --subresource=status \
  -p "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"lastHeartbeatTime\":\"$ahead\"}]}}" >/dev/null
"$KUBECTL" patch pod "$pod1" -n "$ns" --subresource=status \
  -p "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"$ahead\"}]}}" >/dev/null
wait_until 30 bash -c "[[ \$(kubectl get ds agent -n $ns -o jsonpath='{.status.numberAvailable}') == 3 ]]"
run_capture c kubectl dsroll diagnose agent -n "$ns" -o json
assert_eq 2 "$c_rc" "clock skew blocks: $c_out"
f=$(finding ClockSkew "$c_out")
assert_eq '"blocking"' "$(jq -c .severity <<<"$f")" "severity"
assert_eq '["node-1"]' "$(jq -c '[.data.nodes[].node]' <<<"$f")" "the skewed node"
skew=$(jq '.data.nodes[0].skewSeconds' <<<"$f")
((skew > 3500 && skew < 3700)) || fail "node-1's skew should be about an hour, not $skew s"
assert_eq "[\"$pod1\"]" "$(jq -c '.data.nodes[0].heldPods' <<<"$f")" "the held pod"
server_minus_local=$(jq '.data.apiServerMinusLocalSeconds' <<<"$f")
((server_minus_local > -5 && server_minus_local < 5)) || fail "this machine and the API server share a clock: $server_minus_local"
run_capture c kubectl dsroll diagnose agent -n "$ns"
assert_contains "$c_out" "[blocking] clock skew holds back availability: 1 Ready pod is not counted available under minReadySeconds 5 (node-1 ahead of the API server)"
assert_contains "$c_out" "node-1: clock about "
assert_contains "$c_out" "  pod $pod1 Ready since $ahead (in the future)"
assert_contains "$c_out" "  fix: chronyc makestep"
# The node's clock "fixed", recreating the held pod completes the rollout.
"$KUBECTL" patch node node-1 --subresource=status \
  -p "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"lastHeartbeatTime\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}]}}" >/dev/null
fix=$(jq -r '.fixes[] | select(.command | startswith("kubectl delete pod")) | .command' <<<"$(finding ClockSkew "$(kubectl dsroll diagnose agent -n "$ns" -o json)")")
assert_eq "kubectl delete pod $pod1 -n $ns" "$fix" "the recreate fix"
eval "\"\$KUBECTL\" ${fix#kubectl }" >/dev/null
wait_rollout "$ns" agent
run_capture c kubectl dsroll diagnose agent -n "$ns"
assert_eq 0 "$c_rc" "after the clock fix: $c_out"

# 3. The controller manager down: the new generation is never observed.
"$IT_ROOT/tests/cluster/component" --name "$DSROLL_TEST_CLUSTER_NAME" stop controller-manager >/dev/null
"$KUBECTL" set image -n "$ns" ds/agent main=registry.example/agent:2 >/dev/null
run_capture g kubectl dsroll diagnose agent -n "$ns" -o json
assert_eq 2 "$g_rc" "an unobserved generation blocks: $g_out"
f=$(finding GenerationNotObserved "$g_out")
assert_eq '{"generation":3,"observedGeneration":2}' "$(jq -c .data <<<"$f")" "the generations"
assert_contains "$(jq -r '.evidence[]' <<<"$f")" "kube-system has no kube-controller-manager lease (leader election off?)"
"$IT_ROOT/tests/cluster/component" --name "$DSROLL_TEST_CLUSTER_NAME" start controller-manager >/dev/null
wait_rollout "$ns" agent
run_capture g kubectl dsroll diagnose agent -n "$ns" -o json
assert_eq "" "$(finding GenerationNotObserved "$g_out")" "observed once the controller manager is back"

# 4. The controller manager stopped part way through a surge rollout, right after it created the
# first new pod: once that pod is available nothing is in flight, yet its node keeps the old pod
# and three nodes still run the old revision, and nothing changes.
"$KUBECTL" patch ds agent -n "$ns" -p '{"spec":{"updateStrategy":{"rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}}}' >/dev/null
"$KUBECTL" set image -n "$ns" ds/agent main=registry.example/agent:3 >/dev/null
wait_until 60 bash -c "(( \$(kubectl get pods -n $ns -l app=agent --no-headers | wc -l) == 5 ))"
"$IT_ROOT/tests/cluster/component" --name "$DSROLL_TEST_CLUSTER_NAME" stop controller-manager >/dev/null
surged=$("$KUBECTL" get pods -n "$ns" -l app=agent -o json |
  jq -r '.items[] | select(.spec.containers[0].image == "registry.example/agent:3") | .spec.nodeName')
# status without a terminal, meanwhile: after 20 s without progress it says why on stderr.
kubectl dsroll status agent -n "$ns" --timeout=25s >"$KUBECTL_DSROLL_HOME/status.out" 2>"$KUBECTL_DSROLL_HOME/status.err" &
status_pid=$!
at_exit "kill $status_pid"
wait_until 90 bash -c "kubectl dsroll diagnose agent -n $ns -o json | jq -e '.findings[] | select(.kind == \"ControllerIdle\")' >/dev/null"
status_rc=0
wait "$status_pid" || status_rc=$?
assert_eq 1 "$status_rc" "status exit code when its timeout runs out"
assert_contains "$(cat "$KUBECTL_DSROLL_HOME/status.err")" "the DaemonSet controller may have stopped rolling: run kubectl dsroll diagnose agent -n $ns"
assert_contains "$(cat "$KUBECTL_DSROLL_HOME/status.err")" "no pod in flight (3 nodes on the old revision)"
assert_eq "error: timed out waiting for the condition" "$(tail -n 1 "$KUBECTL_DSROLL_HOME/status.err")" "status's last line"
run_capture i kubectl dsroll diagnose agent -n "$ns" -o json
assert_eq 2 "$i_rc" "an idle controller blocks: $i_out"
f=$(finding ControllerIdle "$i_out")
assert_eq "[\"$surged\"]" "$(jq -c .data.oldPodBesideNewNodes <<<"$f")" "the node with both pods"
assert_eq "$(for n in node-0 node-1 node-2 node-3; do [[ $n == "$surged" ]] || echo "$n"; done)" \
  "$(jq -r '.data.waitingNodes[]' <<<"$f")" "the nodes still on the old revision"
(($(jq '.data.idleSeconds' <<<"$f") >= 30)) || fail "idle for at least 30 s: $f"
run_capture i kubectl dsroll diagnose agent -n "$ns"
assert_contains "$i_out" "[blocking] the DaemonSet controller stopped rolling: 1 of 4 nodes updated, nothing in flight, no pod changed for "
assert_contains "$i_out" "1 nodes keep an old pod beside an available new one (the controller deletes it once the new one is available): $surged"
fix=$(jq -r '.fixes[0].command' <<<"$f")
assert_eq "kubectl annotate daemonset agent kubectl-dsroll/nudged-at=\"\$(date +%s)\" --overwrite -n $ns" "$fix" "the fix"
"$IT_ROOT/tests/cluster/component" --name "$DSROLL_TEST_CLUSTER_NAME" start controller-manager >/dev/null
eval "\"\$KUBECTL\" ${fix#kubectl }" >/dev/null
[[ -n $("$KUBECTL" get ds agent -n "$ns" -o jsonpath='{.metadata.annotations.kubectl-dsroll/nudged-at}') ]] ||
  fail "the fix annotates the DaemonSet"
wait_until 60 bash -c "[[ \$(kubectl get pods -n $ns -l app=agent --field-selector spec.nodeName=$surged --no-headers | wc -l) == 1 ]]"
# The rest without surge: under maxSurge the controller can miss its re-check again (see
# rollout_50_nodes.sh), and this step is about the finding, not about that.
"$KUBECTL" patch ds agent -n "$ns" -p '{"spec":{"updateStrategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":2}}}}' >/dev/null
wait_rollout "$ns" agent
run_capture i kubectl dsroll diagnose agent -n "$ns" -o json
assert_eq "" "$(finding ControllerIdle "$i_out")" "not idle once the rollout is done"

# 5. With kwok stopped no kubelet answers: the nodes go NotReady (node-monitor grace period 20 s).
"$IT_ROOT/tests/cluster/component" --name "$DSROLL_TEST_CLUSTER_NAME" stop kwok >/dev/null
wait_until 90 bash -c "[[ \$(kubectl get node node-2 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}') != True ]]"
run_capture n kubectl dsroll diagnose agent -n "$ns" -o json
f=$(finding NodeNotReady "$n_out")
[[ -n $f ]] || fail "no NodeNotReady finding: $n_out"
assert_contains "$(jq -c '[.data.nodes[].node]' <<<"$f")" '"node-2"' "the NotReady nodes"
assert_contains "$(jq -r '.fixes[].command' <<<"$f")" "kubectl delete node node-" "the fix"
# Its pod, deleted, stays Terminating: nothing on node-2 confirms.
pod2=$("$KUBECTL" get pods -n "$ns" -l app=agent --field-selector spec.nodeName=node-2 -o jsonpath='{.items[0].metadata.name}')
"$KUBECTL" delete pod "$pod2" -n "$ns" --wait=false >/dev/null
wait_until 30 bash -c "kubectl dsroll diagnose agent -n $ns -o json | jq -e '.findings[] | select(.kind == \"StuckTerminating\")' >/dev/null"
run_capture s kubectl dsroll diagnose agent -n "$ns" -o json
assert_eq 2 "$s_rc" "a pod stuck Terminating blocks"
f=$(finding StuckTerminating "$s_out")
assert_eq "[\"$pod2\"]" "$(jq -c .data.pods <<<"$f")" "the stuck pod"
fix=$(jq -r '.fixes[0].command' <<<"$f")
assert_eq "kubectl delete pod $pod2 --grace-period=0 --force -n $ns" "$fix" "the force delete"
eval "\"\$KUBECTL\" ${fix#kubectl }" >/dev/null 2>&1
wait_until 30 bash -c "! kubectl get pod $pod2 -n $ns >/dev/null 2>&1"
run_capture s kubectl dsroll diagnose agent -n "$ns" -o json
assert_eq "" "$(finding StuckTerminating "$s_out")" "no stuck pod after the force delete"

# 6. The API server cut off: the answer comes from the cache, and says so.
proxied=$("$KUBECTL" config get-contexts -o name | grep '^proxied@')
kubectl dsroll diagnose agent -n "$ns" --context "$proxied" >/dev/null || true
# The proxied server is a cluster of its own to the cache: wait until it has recorded the DaemonSet.
wait_until 30 bash -c "kubectl dsroll diagnose agent -n $ns --context $proxied --offline 2>&1 >/dev/null | grep -q 'from cache'"
"$IT_ROOT/tests/cluster/proxy" --name "$DSROLL_TEST_CLUSTER_NAME" disable >/dev/null
wait_until 30 bash -c "kubectl dsroll diagnose agent -n $ns --context $proxied 2>&1 >/dev/null | tee /dev/stderr | grep -q 'from cache'"
run_capture u kubectl dsroll diagnose agent -n "$ns" --context "$proxied"
assert_eq 1 "$u_rc" "exit code when only the cache answered"
assert_contains "$u_err" "(from cache, last synced "
assert_contains "$u_err" "the API server is unreachable)"
assert_contains "$u_out" "daemon set \"agent\" in namespace $ns (from the cache)"
assert_contains "$u_out" "[warning] the API server could not be reached: pods and nodes cannot be examined"
assert_contains "$u_out" "revision 4: registry.example/agent:3"
run_capture uj kubectl dsroll diagnose agent -n "$ns" --context "$proxied" -o json
assert_eq '"cache"' "$(jq -c .source <<<"$uj_out")" "source"
assert_eq 4 "$(jq '.lastKnownGoodRevision' <<<"$uj_out")" "the last known good revision, from the cache"
run_capture off kubectl dsroll diagnose agent -n "$ns" --context "$proxied" --offline
assert_eq 0 "$off_rc" "--offline exit code"
assert_contains "$off_out" "note: --offline: from the cache"
"$IT_ROOT/tests/cluster/proxy" --name "$DSROLL_TEST_CLUSTER_NAME" enable >/dev/null
echo "ok"

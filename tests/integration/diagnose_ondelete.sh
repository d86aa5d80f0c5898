#!/usr/bin/env bash
# diagnose and ondelete-roll on an OnDelete DaemonSet: after a template change the old pods wait
# for someone to delete them; diagnose lists them and offers ondelete-roll, which replaces them a
# batch at a time and ends with kubectl's success line. A broken template stops ondelete-roll at
# the first failing pod, with the rest left alone. Also hostPort with maxSurge: the surge pods
# wait for a port the old pods hold, and the strategy fix diagnose names completes the rollout.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ns=$(new_namespace ondel)
"$KUBECTL" apply -n "$ns" -f - >/dev/null <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: od}
spec:
  selector: {matchLabels: {app: od}}
  updateStrategy: {type: OnDelete}
  template:
    metadata: {labels: {app: od}}
    spec:
      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]
      containers:
      - {name: main, image: "registry.example/od:1"}
EOF
nodes=$("$KUBECTL" get nodes -o name | wc -l)
wait_until 60 bash -c "[[ \$(kubectl get ds od -n $ns -o jsonpath='{.status.numberAvailable}') == $nodes ]]"
run_capture ok kubectl dsroll diagnose od -n "$ns"
assert_eq 0 "$ok_rc" "a settled OnDelete DaemonSet: $ok_out"

"$KUBECTL" set image -n "$ns" ds/od main=registry.example/od:2 >/dev/null
wait_until 30 bash -c "[[ \$(kubectl get ds od -n $ns -o jsonpath='{.status.observedGeneration}') == 2 ]]"
old=$("$KUBECTL" get pods -n "$ns" -l app=od -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}' | sort)
run_capture j kubectl dsroll diagnose od -n "$ns" -o json
assert_eq 2 "$j_rc" "old pods waiting is blocking"
f=$(jq -c '.findings[] | select(.kind == "OnDeletePending")' <<<"$j_out")
assert_eq "$old" "$(jq -r '.data.pods[].name' <<<"$f" | sort)" "the old pods listed"
assert_eq "kubectl dsroll ondelete-roll od -n $ns --batch=1" "$(jq -r '.fixes[0].command' <<<"$f")" "the fix"
run_capture t kubectl dsroll diagnose od -n "$ns"
assert_contains "$t_out" "[blocking] $nodes old pods wait to be deleted: updateStrategy OnDelete replaces a pod only when it is deleted"

# ondelete-roll, two nodes at a time.
run_capture r kubectl dsroll ondelete-roll od -n "$ns" --batch 2
assert_eq 0 "$r_rc" "ondelete-roll exit code: $r_out $r_err"
assert_contains "$r_out" "daemonset.apps/od: $nodes old pods to replace with revision 2, 2 at a time"
assert_eq "$nodes" "$(grep -c '^deleting pod ' <<<"$r_out")" "one deletion per node"
assert_eq "$nodes" "$(grep -c ': new pod .* available$' <<<"$r_out")" "one new pod per node"
assert_eq 'daemon set "od" successfully rolled out' "$(tail -n 1 <<<"$r_out")" "the last line"
assert_eq "$nodes/$nodes/2" "$(kubectl get ds od -n "$ns" -o jsonpath='{.status.updatedNumberScheduled}/{.status.numberAvailable}/{.status.observedGeneration}')" \
  "the DaemonSet after ondelete-roll"
run_capture ok kubectl dsroll diagnose od -n "$ns"
assert_eq 0 "$ok_rc" "after ondelete-roll: $ok_out"

# A broken template stops the roll at the first failing pod.
"$KUBECTL" set image -n "$ns" ds/od main=pullfail.invalid/od:3 >/dev/null
run_capture b kubectl dsroll ondelete-roll od -n "$ns" --timeout 60s
assert_eq 1 "$b_rc" "ondelete-roll on a broken template"
assert_eq 1 "$(grep -c '^deleting pod ' <<<"$b_out")" "one pod deleted before stopping: $b_out"
assert_contains "$b_err" "is failing (ImagePullBackOff); the remaining old pods were left alone: run kubectl dsroll diagnose od"

# Not for RollingUpdate DaemonSets.
"$KUBECTL" patch ds od -n "$ns" -p '{"spec":{"updateStrategy":{"type":"RollingUpdate"}}}' >/dev/null
run_capture ru kubectl dsroll ondelete-roll od -n "$ns"
assert_eq 1 "$ru_rc" "ondelete-roll on RollingUpdate"
assert_eq 'error: daemonset "od" uses updateStrategy RollingUpdate: the controller replaces its pods itself; ondelete-roll is for OnDelete' \
  "$ru_err"

# hostPort with maxSurge.
"$KUBECTL" apply -n "$ns" -f - >/dev/null <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: hp}
spec:
  selector: {matchLabels: {app: hp}}
  updateStrategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}
  template:
    metadata: {labels: {app: hp}}
    spec:
      containers:
      - {name: exporter, image: "registry.example/exporter:1", ports: [{containerPort: 9100, hostPort: 9100}]}
EOF
wait_rollout "$ns" hp
run_capture w kubectl dsroll diagnose hp -n "$ns" -o json
assert_eq 0 "$w_rc" "hostPort with maxSurge before a rollout is a warning"
assert_eq '"warning"' "$(jq -c '.findings[] | select(.kind == "HostPortWithSurge") | .severity' <<<"$w_out")" "severity"
"$KUBECTL" set image -n "$ns" ds/hp exporter=registry.example/exporter:2 >/dev/null
wait_until 60 bash -c "kubectl get pods -n $ns -l app=hp -o json | jq -e '[.items[] | select(.status.conditions // [] | any(.type == \"PodScheduled\" and .status == \"False\" and (.message | test(\"free ports\"))))] | length >= 1' >/dev/null"
run_capture h kubectl dsroll diagnose hp -n "$ns" -o json
assert_eq 2 "$h_rc" "hostPort surge pods Pending"
f=$(jq -c '.findings[] | select(.kind == "HostPortWithSurge")' <<<"$h_out")
assert_eq '"blocking"' "$(jq -c '.severity' <<<"$f")" "severity once pods wait"
assert_eq '["9100/TCP (container exporter)"]' "$(jq -c '.data.hostPorts' <<<"$f")" "the host port"
fix=$(jq -r '.fixes[0].command' <<<"$f")
assert_eq "kubectl dsroll strategy hp -n $ns --max-surge=0 --max-unavailable=1" "$fix" "the fix"
eval "$fix" >/dev/null
wait_rollout "$ns" hp 120s
run_capture ok kubectl dsroll diagnose hp -n "$ns"
assert_eq 0 "$ok_rc" "after the strategy fix: $ok_out"
echo "ok"

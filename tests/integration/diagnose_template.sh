#!/usr/bin/env bash
# diagnose on a broken template, with the test cluster's failing images: an image that cannot be
# pulled (pullfail.invalid/), then one that crash-loops (crashloop.invalid/). diagnose names the
# pods, the reasons and the last known good revision; following its fixes completes the rollout:
# the undo it names the first time, a new template update (the seed's advice) the second.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ns=$(new_namespace broken)
"$KUBECTL" apply -n "$ns" -f - >/dev/null <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: img}
spec:
  selector: {matchLabels: {app: img}}
  template:
    metadata: {labels: {app: img}}
    spec:
      containers:
      - {name: main, image: "registry.example/img:1"}
EOF
wait_rollout "$ns" img
# The daemon sees revision 1 complete: it becomes the last known good revision.
kubectl dsroll history img -n "$ns" >/dev/null
wait_until 30 bash -c "kubectl dsroll history img -n $ns -o wide | grep -q '^1 .*last known good'"

finding() { jq -c ".findings[] | select(.kind == \"$1\")" <<<"$2"; }
failing() {  # failing REASON COUNT: that many pods of the DaemonSet wait with REASON
  [[ $(kubectl get pods -n "$ns" -l app=img -o json |
    jq "[.items[] | select(.status.containerStatuses // [] | any(.state.waiting.reason == \"$1\"))] | length") -ge $2 ]]
}

# 1. An image that does not exist.
"$KUBECTL" set image -n "$ns" ds/img main=pullfail.invalid/img:2 >/dev/null
wait_until 60 failing ImagePullBackOff 1
run_capture j kubectl dsroll diagnose img -n "$ns" -o json
assert_eq 2 "$j_rc" "exit code for a broken template: $j_err"
f=$(finding BrokenTemplate "$j_out")
[[ -n $f ]] || fail "no BrokenTemplate finding: $j_out"
assert_eq '"ImagePullBackOff"' "$(jq -c '.data.reasons[0].reason' <<<"$f")" "the reason"
assert_eq '"pullfail.invalid/img:2"' "$(jq -c '.data.reasons[0].pods[0].image' <<<"$f")" "the image"
pods=$("$KUBECTL" get pods -n "$ns" -l app=img -o json |
  jq -c '[.items[] | select(.status.containerStatuses // [] | any(.state.waiting.reason == "ImagePullBackOff")) | .metadata.name] | sort')
assert_eq "$pods" "$(jq -c '[.data.reasons[0].pods[].name] | sort' <<<"$f")" "the failing pods"
assert_eq 1 "$(jq '.data.restoreRevision' <<<"$f")" "the revision to restore"
assert_eq true "$(jq ".data.restoreIsLastKnownGood" <<<"$f")" "restore the last known good revision: $j_out"
assert_eq 1 "$(jq '.lastKnownGoodRevision' <<<"$j_out")" "lastKnownGoodRevision"
undo=$(jq -r '.fixes[0].command' <<<"$f")
assert_eq "kubectl dsroll undo img -n $ns --to-revision=1" "$undo" "the fix"

run_capture t kubectl dsroll diagnose img -n "$ns"
assert_contains "$t_out" "[blocking] the new template is broken:"
assert_contains "$t_out" "ImagePullBackOff: 1 new pod (revision 2): "
assert_contains "$t_out" "image pullfail.invalid/img:2"
assert_contains "$t_out" "revision 1 ran registry.example/img:1 in container main"
assert_contains "$t_out" "  fix: kubectl dsroll undo img -n $ns --to-revision=1"
assert_contains "$t_out" "revision 1 is the last known good one: its rollout completed"
assert_contains "$t_out" "a new template update also unblocks the rollout"

# Following the fix: the undo completes the rollout, and diagnose finds nothing.
eval "$undo" >/dev/null
wait_rollout "$ns" img
run_capture ok kubectl dsroll diagnose img -n "$ns"
assert_eq 0 "$ok_rc" "after the undo: $ok_out"
assert_contains "$ok_out" "No problem found"

# 2. A crash loop. The undo made the good template revision 3: it is the last known good one.
wait_until 30 bash -c "kubectl dsroll history img -n $ns -o wide | grep -q '^3 .*last known good'"
"$KUBECTL" set image -n "$ns" ds/img main=crashloop.invalid/img:4 >/dev/null
wait_until 60 failing CrashLoopBackOff 1
run_capture c kubectl dsroll diagnose img -n "$ns" -o json
assert_eq 2 "$c_rc" "exit code for a crash loop"
f=$(finding BrokenTemplate "$c_out")
assert_eq '"CrashLoopBackOff"' "$(jq -c '.data.reasons[0].reason' <<<"$f")" "the reason"
assert_eq 1 "$(jq '.data.reasons[0].pods[0].lastExitCode' <<<"$f")" "the last exit code"
assert_eq 5 "$(jq '.data.reasons[0].pods[0].restartCount' <<<"$f")" "the restart count"
assert_eq "kubectl dsroll undo img -n $ns --to-revision=3" "$(jq -r '.fixes[0].command' <<<"$f")" "the undo"
assert_eq "kubectl dsroll set image img -n $ns main=IMAGE" "$(jq -r '.fixes[1].command' <<<"$f")" "the update"
run_capture t kubectl dsroll diagnose img -n "$ns"
assert_contains "$t_out" "CrashLoopBackOff: 1 new pod (revision 4): "
assert_contains "$t_out" "last exit code 1, 5 restarts"

# The other fix: a new template update unblocks the rollout too.
kubectl dsroll set image img -n "$ns" main=registry.example/img:5 >/dev/null
wait_rollout "$ns" img
run_capture ok kubectl dsroll diagnose img -n "$ns"
assert_eq 0 "$ok_rc" "after the update: $ok_out"
echo "ok"

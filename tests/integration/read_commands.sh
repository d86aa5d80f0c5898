#!/usr/bin/env bash
# The read-only commands against kubectl: revisions byte for byte as `kubectl get
# controllerrevision -l <selector>` (table, -o name|json|yaml|wide), diff of two real revisions
# (the image change, exit 1; identical revisions exit 0; a missing one exits 2), list and list -A
# (-o json|yaml|name as `kubectl get ds`), status --all as `kubectl rollout status daemonset`,
# and -A refused to a user who may not list cluster-wide, with the reason.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ns=$(new_namespace read)
ds=fluentd-elasticsearch
sed "s/namespace: kube-system/namespace: $ns/" "$MANIFESTS/fluentd-daemonset.yaml" |
  "$KUBECTL" apply -f - >/dev/null
wait_rollout "$ns" $ds
"$KUBECTL" set image -n "$ns" ds/$ds fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 >/dev/null
wait_rollout "$ns" $ds
# A second DaemonSet, OnDelete, sorted before the first.
sed "s/namespace: kube-system/namespace: $ns/; s/name: $ds\$/name: agent-ondelete/; s/type: RollingUpdate/type: OnDelete/; /rollingUpdate:/d; /maxUnavailable/d" \
  "$MANIFESTS/fluentd-daemonset.yaml" | "$KUBECTL" apply -f - >/dev/null
wait_until 60 bash -c "[[ \$(kubectl get ds agent-ondelete -n $ns -o jsonpath='{.status.numberAvailable}') == 2 ]]"

selector=$("$KUBECTL" get ds $ds -n "$ns" -o jsonpath='{.spec.selector.matchLabels.name}')
# Same output as kubectl, retried in case the AGE column ticks between the two commands.
same_as_kubectl() {
  local what=$1; shift
  local ours theirs
  for _ in 1 2 3; do
    ours=$(kubectl dsroll "$@" 2>&1) || true
    theirs=$(kubectl "${KUBECTL_ARGS[@]}" 2>&1) || true
    [[ $ours == "$theirs" ]] && return 0
  done
  assert_eq "$theirs" "$ours" "$what"
}
KUBECTL_ARGS=(get controllerrevision -l "name=$selector" -n "$ns")
same_as_kubectl "revisions" revisions $ds -n "$ns"
for o in name json yaml wide; do
  KUBECTL_ARGS=(get controllerrevision -l "name=$selector" -n "$ns" -o $o)
  same_as_kubectl "revisions -o $o" revisions ds/$ds -n "$ns" -o $o
done

# diff: previous against current is the image change.
run_capture d kubectl dsroll diff $ds -n "$ns"
assert_eq 1 "$d_rc" "diff exit code with differences"
assert_contains "$d_out" "-  - image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2"
assert_contains "$d_out" "+  - image: quay.io/fluentd_elasticsearch/fluentd:v2.6.0"
hash1=$("$KUBECTL" get controllerrevision -n "$ns" -l "name=$selector" \
  -o jsonpath='{range .items[?(@.revision==1)]}{.metadata.name}{end}')
assert_eq "--- revision 1 ($hash1)" "$(head -1 <<<"$d_out")" "diff's first label"
run_capture same kubectl dsroll diff $ds 2 2 -n "$ns"
assert_eq "0:" "$same_rc:$same_out" "diff of a revision with itself"
run_capture missing kubectl dsroll diff $ds 9 -n "$ns"
assert_eq 2 "$missing_rc" "diff exit code for a missing revision"
assert_eq "error: unable to find the specified revision 9 (daemonset \"$ds\" has revisions 1, 2)" \
  "$missing_err"
run_capture gone kubectl dsroll diff nothing-here -n "$ns"
assert_eq 2 "$gone_rc" "diff exit code for a missing DaemonSet"

# list: the objects are kubectl get's; the table has the rollout state.
for o in json yaml name; do
  assert_eq "$("$KUBECTL" get ds -n "$ns" -o $o)" "$(kubectl dsroll list -n "$ns" -o $o)" "list -o $o"
done
run_capture l kubectl dsroll list -n "$ns"
assert_eq "NAME DESIRED UPDATED AVAILABLE REVISION STRATEGY STATE AGE" \
  "$(head -1 <<<"$l_out" | tr -s ' ')" "list header"
grep -Eq "^agent-ondelete +2 +2 +2 +1 +OnDelete +complete " <<<"$l_out" || fail "list: $l_out"
grep -Eq "^$ds +2 +2 +2 +2 +RollingUpdate +complete " <<<"$l_out" || fail "list: $l_out"
run_capture all kubectl dsroll list -A
grep -Eq "^$ns +$ds +2 +2 +2 +2 +RollingUpdate +complete " <<<"$all_out" || fail "list -A: $all_out"
run_capture none kubectl dsroll list -n "$ns-none"
assert_eq "0::No resources found in $ns-none namespace." "$none_rc:$none_out:$none_err" "empty list"

# status --all without a TTY is `kubectl rollout status daemonset`: the OnDelete one is an
# error reported at the end, the other one's line printed.
run_capture s kubectl dsroll status --all -n "$ns"
run_capture k "$KUBECTL" rollout status daemonset -n "$ns"
assert_eq "$k_rc:$k_out:$k_err" "$s_rc:$s_out:$s_err" "status --all"

# -A needs cluster-wide list permission: kubectl's 403, then what to do.
limited=$("$KUBECTL" config get-contexts -o name | grep '^limited@')
run_capture f kubectl dsroll list -A --context "$limited"
assert_eq 1 "$f_rc" "list -A exit code when forbidden"
assert_eq "$("$KUBECTL" get ds -A --context "$limited" 2>&1)" "$(head -1 <<<"$f_err")" "403 line"
assert_contains "$f_err" "needs permission to list them at the cluster scope"
echo ok

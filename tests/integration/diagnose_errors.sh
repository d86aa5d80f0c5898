#!/usr/bin/env bash
# diagnose on bad input and at the limits of what the user may read: a DaemonSet that does not
# exist, a namespace the limited user cannot read (the 403, and what diagnose needs), and a
# DaemonSet the limited user can read but whose nodes it cannot list (a partial answer that says
# what was skipped). Bad flags are refused by the plugin.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ns=$(new_namespace diagerr)
limited=$("$KUBECTL" config get-contexts -o name | grep '^limited@')

run_capture nf kubectl dsroll diagnose nope -n "$ns"
assert_eq 1 "$nf_rc" "exit code for a missing DaemonSet"
assert_eq 'Error from server (NotFound): daemonsets.apps "nope" not found' "$nf_err"
assert_eq "" "$nf_out" "nothing on stdout"

run_capture fb kubectl dsroll diagnose agent -n "$ns" --context "$limited"
assert_eq 1 "$fb_rc" "exit code for a namespace the user cannot read"
assert_eq "Error from server (Forbidden): daemonsets.apps is forbidden: User \"dev-user\" cannot list resource \"daemonsets\" in API group \"apps\" in the namespace \"$ns\"
diagnose reads daemonsets, controllerrevisions, pods and events in namespace \"$ns\" (and nodes, if allowed); check with: kubectl auth can-i list daemonsets -n $ns --context=$limited" \
  "$fb_err"

# team-a is readable, nodes are not: the template finding works, the node checks say they were skipped.
name=diag-${ns##*-}
at_exit "'$KUBECTL' delete ds $name -n team-a --wait=false"
"$KUBECTL" apply -n team-a -f - >/dev/null <<EOF2
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: $name}
spec:
  selector: {matchLabels: {app: $name}}
  template:
    metadata: {labels: {app: $name}}
    spec:
      containers:
      - {name: main, image: "crashloop.invalid/$name:1"}
EOF2
wait_until 60 bash -c "kubectl get pods -n team-a -l app=$name -o json | jq -e '[.items[] | select(.status.containerStatuses // [] | any(.state.waiting.reason == \"CrashLoopBackOff\"))] | length >= 1' >/dev/null"
run_capture p kubectl dsroll diagnose "$name" -n team-a --context "$limited" -o json
assert_eq 2 "$p_rc" "the limited user's diagnosis: $p_err"
assert_eq '"CrashLoopBackOff"' "$(jq -c '.findings[] | select(.kind == "BrokenTemplate") | .data.reasons[0].reason' <<<"$p_out")" "the finding"
assert_contains "$(jq -r '.notes[]' <<<"$p_out")" "nodes could not be listed (Error from server (Forbidden): nodes is forbidden: User \"dev-user\" cannot list resource \"nodes\""
assert_contains "$(jq -r '.notes[]' <<<"$p_out")" "resource, taint, node and clock checks were skipped"
run_capture pt kubectl dsroll diagnose "$name" -n team-a --context "$limited"
assert_contains "$pt_out" "note: nodes could not be listed"

# The plugin refuses what diagnose does not take.
run_capture w kubectl dsroll diagnose "$name" -o wide
assert_eq 1 "$w_rc" "-o wide"
assert_eq 'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml' "$w_err"
run_capture none kubectl dsroll diagnose
assert_eq 1 "$none_rc" "no name"
assert_eq "error: required resource not specified" "$none_err"
echo "ok"

#!/usr/bin/env bash
# The same changes made to two identical DaemonSets, one by kubectl and one by kubectl dsroll,
# each in a namespace of its own: applies, set image, restart, strategy changes and undos. After
# every step (and its rollout): in each namespace `kubectl dsroll history` equals `kubectl
# rollout history` byte for byte; across the namespaces the histories (change causes with the
# tool's name and namespace set aside), the ControllerRevision numbers, the pod templates
# (restartedAt set aside) and the strategies are the same. Dry runs of every kubectl dsroll
# change leave the DaemonSet and its ControllerRevisions as they were.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

DS=agent
NSK=$(new_namespace diff-kubectl)
NSD=$(new_namespace diff-dsroll)
WORK=$(mktemp -d /tmp/dsroll-differential.XXXXXX)
at_exit "rm -rf '$WORK'"
cd "$WORK"

manifest() {  # manifest IMAGE [ENV_VALUE]
  cat <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: $DS
  labels: {app: $DS}
spec:
  selector:
    matchLabels: {app: $DS}
  template:
    metadata:
      labels: {app: $DS}
    spec:
      tolerations:
      - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
      containers:
      - name: main
        image: $1
        env:
        - {name: LEVEL, value: "${2:-info}"}
      - name: side
        image: registry.k8s.io/pause:3.10
EOF
}
manifest registry.k8s.io/pause:3.9 >v1.yaml
manifest registry.k8s.io/pause:3.8 debug >v2.yaml

step() { printf '\n== %s\n' "$*"; }

# kubectl's history and ours for the DaemonSet in NS, byte for byte.
same_history() {
  local want got
  want=$("$KUBECTL" rollout history "ds/$DS" -n "$1"; echo x)
  got=$(kubectl dsroll history "$DS" -n "$1"; echo x)
  [[ $want == "$got" ]]
}
# History with what differs by design set aside: the tool in the change cause, the namespace.
normalized_history() {
  kubectl dsroll history "$DS" -n "$1" | sed -e 's/kubectl dsroll /kubectl /' -e "s/$1/NS/g"
}
revision_numbers() {
  "$KUBECTL" get controllerrevision -n "$1" -l "app=$DS" -o jsonpath='{.items[*].revision}' |
    tr ' ' '\n' | sort -n | xargs
}
template_of() {
  "$KUBECTL" get ds "$DS" -n "$1" -o json |
    jq -S '.spec.template | del(.metadata.annotations["kubectl.kubernetes.io/restartedAt"])
           | if .metadata.annotations == {} then del(.metadata.annotations) else . end'
}
strategy_of() {
  "$KUBECTL" get ds "$DS" -n "$1" -o json |
    jq -c '[.spec.updateStrategy, .spec.minReadySeconds, .spec.revisionHistoryLimit]'
}
# What must not change under a dry run: the DaemonSet's resourceVersion and the revisions.
state_of() {
  echo "$("$KUBECTL" get ds "$DS" -n "$1" -o jsonpath='{.metadata.resourceVersion}')" \
    "$("$KUBECTL" get controllerrevision -n "$1" -l "app=$DS" \
      -o jsonpath='{range .items[*]}{.metadata.name}:{.revision}:{.metadata.resourceVersion} {end}')"
}

settle() {  # waits for both rollouts (RollingUpdate only) and compares everything
  local ns
  for ns in "$NSK" "$NSD"; do
    if [[ $("$KUBECTL" get ds "$DS" -n "$ns" -o jsonpath='{.spec.updateStrategy.type}') == RollingUpdate ]]; then
      wait_rollout "$ns" "$DS"
    fi
    wait_until 20 same_history "$ns"
  done
  kubectl dsroll history "$DS" -n "$NSD"
  assert_eq "$(normalized_history "$NSK")" "$(normalized_history "$NSD")" "histories of both DaemonSets"
  assert_eq "$(revision_numbers "$NSK")" "$(revision_numbers "$NSD")" "ControllerRevision numbers"
  assert_eq "$(template_of "$NSK")" "$(template_of "$NSD")" "pod templates"
  assert_eq "$(strategy_of "$NSK")" "$(strategy_of "$NSD")" "strategies"
}

dry_runs_change_nothing() {  # dry_runs_change_nothing DSROLL_ARGS... (without -n)
  local before mode out
  before=$(state_of "$NSD")
  for mode in client server; do
    out=$(kubectl dsroll "$@" -n "$NSD" --dry-run=$mode 2>&1) || fail "dry run ($mode) of $*: $out"
    [[ $out == *"(dry run)"* || $out == *"(server dry run)"* ]] || fail "no dry-run suffix ($mode) for $*: $out"
    assert_eq "$before" "$(state_of "$NSD")" "state after --dry-run=$mode $*"
  done
}

# Runs the kubectl command in NSK and the kubectl dsroll one in NSD; their stdout must match
# (namespaces set aside). Usage: same_output "KUBECTL ARGS" -- DSROLL ARGS (args without -n).
same_output() {
  local kargs=() dargs=() seen=0 a want got
  for a in "$@"; do
    if [[ $a == -- ]]; then seen=1; elif ((seen)); then dargs+=("$a"); else kargs+=("$a"); fi
  done
  want=$("$KUBECTL" "${kargs[@]}" -n "$NSK" 2>/dev/null | sed "s/$NSK/NS/g")
  got=$(kubectl dsroll "${dargs[@]}" -n "$NSD" 2>/dev/null | sed "s/$NSD/NS/g")
  echo "$got"
  assert_eq "$want" "$got" "output of kubectl dsroll ${dargs[*]}"
}

count_revisions() { "$KUBECTL" get controllerrevision -n "$1" -l "app=$DS" --no-headers | wc -l; }

step "apply v1 --record"
same_output apply -f v1.yaml --record=true -- apply -f v1.yaml --record=true
settle

step "set image --record"
dry_runs_change_nothing set image "ds/$DS" main=registry.k8s.io/pause:3.7
same_output set image "ds/$DS" main=registry.k8s.io/pause:3.7 --record=true \
  -- set image "ds/$DS" main=registry.k8s.io/pause:3.7 --record=true
settle

step "restart"
dry_runs_change_nothing restart "$DS"
same_output rollout restart "ds/$DS" -- restart "$DS"
settle

step "strategy: maxUnavailable 2, revisionHistoryLimit 5 (no new revision)"
revisions_before=$(count_revisions "$NSD")
dry_runs_change_nothing strategy "$DS" --max-unavailable=2 --revision-history-limit=5
"$KUBECTL" patch ds "$DS" -n "$NSK" \
  -p '{"spec":{"updateStrategy":{"rollingUpdate":{"maxUnavailable":2}},"revisionHistoryLimit":5}}'
kubectl dsroll strategy "$DS" -n "$NSD" --max-unavailable=2 --revision-history-limit=5
settle
assert_eq "$revisions_before" "$(count_revisions "$NSD")" "revisions after a strategy change"

step "apply v2 --record (takes back the image set image changed)"
dry_runs_change_nothing apply -f v2.yaml --record=true
same_output apply -f v2.yaml --record=true -- apply -f v2.yaml --record=true
settle
assert_eq registry.k8s.io/pause:3.8 \
  "$("$KUBECTL" get ds "$DS" -n "$NSD" -o jsonpath='{.spec.template.spec.containers[0].image}')" "image after apply v2"

step "undo (to the previous revision)"
dry_runs_change_nothing undo "$DS"
same_output rollout undo "ds/$DS" -- undo "$DS"
settle

step "undo --to-revision=1"
same_output rollout undo "ds/$DS" --to-revision=1 -- undo "$DS" --to-revision=1
settle

step "strategy OnDelete, set image, back to RollingUpdate"
revisions_before=$(count_revisions "$NSD")
dry_runs_change_nothing strategy "$DS" --type=OnDelete
"$KUBECTL" patch ds "$DS" -n "$NSK" -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'
kubectl dsroll strategy "$DS" -n "$NSD" --type=OnDelete
settle
assert_eq '{"type":"OnDelete"}' "$("$KUBECTL" get ds "$DS" -n "$NSD" -o jsonpath='{.spec.updateStrategy}')" \
  "OnDelete has no rollingUpdate"
assert_eq "$revisions_before" "$(count_revisions "$NSD")" "revisions after switching to OnDelete"
same_output set image "ds/$DS" side=registry.k8s.io/pause:3.9 -- set image "ds/$DS" side=registry.k8s.io/pause:3.9
settle
"$KUBECTL" patch ds "$DS" -n "$NSK" \
  -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":0}}}}'
kubectl dsroll strategy "$DS" -n "$NSD" --type=RollingUpdate
settle

step "apply v1 again --record, then undo twice"
same_output apply -f v1.yaml --record=true -- apply -f v1.yaml --record=true
settle
same_output rollout undo "ds/$DS" -- undo "$DS"
settle
same_output rollout undo "ds/$DS" -- undo "$DS"
settle

step "delete: dry runs leave it, then it goes"
dry_runs_change_nothing delete "$DS"
same_output delete ds "$DS" --dry-run=server -- delete "$DS" --dry-run=server
same_output delete ds "$DS" --dry-run=client -- delete "$DS" --dry-run=client
assert_eq "daemonset.apps \"$DS\" deleted from $NSD namespace" "$(kubectl dsroll delete "$DS" -n "$NSD")" "delete"
run_capture r "$KUBECTL" get ds "$DS" -n "$NSD"
assert_eq 1 "$r_rc" "the DaemonSet is gone"
echo PASS

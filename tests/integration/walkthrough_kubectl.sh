#!/usr/bin/env bash
# The DaemonSet rolling update and rollback walkthrough (fluentd-elasticsearch in kube-system), run
# with the pinned kubectl (tests/cluster/kubectl) against the test cluster in $KUBECONFIG:
#   apply -> rollout status on every eligible node -> apply the updated manifest -> set image ->
#   rollout history -> undo --to-revision=2 and --to-revision=1 (each moves to max+1) ->
#   get controllerrevision agrees -> a broken image stalls rollout status until it times out ->
#   undo repairs it -> the limited user may read but not patch a DaemonSet in team-a -> delete.
# Stops nothing and leaves nothing behind: the DaemonSet names are the walkthrough's own.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KUBECTL=$HERE/../cluster/kubectl
MANIFESTS=$HERE/manifests
DS=fluentd-elasticsearch
NS=kube-system
FORBIDDEN_DS=walkthrough-forbidden-$$
: "${KUBECONFIG:?KUBECONFIG must name the kubeconfig of a test cluster (tests/cluster/up)}"

k() { "$KUBECTL" "$@"; }
step() { printf '\n== %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}
expect_eq() { [[ $1 == "$2" ]] || fail "$3: expected '$2', got '$1'"; }
expect_match() { grep -qE -- "$2" <<<"$1" || fail "$3: no match for '$2' in:"$'\n'"$1"; }

cleanup() {
  k delete ds "$FORBIDDEN_DS" -n team-a --ignore-not-found --wait=false >/dev/null 2>&1 || true
  k delete ds "$DS" -n "$NS" --ignore-not-found --cascade=foreground --timeout=60s >/dev/null 2>&1 || true
}
trap cleanup EXIT

# Revision numbers as `rollout history` lists them, and as the ControllerRevisions carry them.
history_revisions() {
  k rollout history "ds/$DS" -n "$NS" | awk '$1 ~ /^[0-9]+$/ { print $1 }' | sort -n | xargs
}
controllerrevision_revisions() {
  k get controllerrevision -n "$NS" -l "name=$DS" --no-headers |
    awk -v want="daemonset.apps/$DS" '$2 == want { print $3 }' | sort -n | xargs
}
controllerrevision_name() {  # controllerrevision_name REVISION
  k get controllerrevision -n "$NS" -l "name=$DS" -o jsonpath="{.items[?(@.revision==$1)].metadata.name}"
}
ds_status() {
  k get ds "$DS" -n "$NS" -o \
    jsonpath='{.status.desiredNumberScheduled} {.status.updatedNumberScheduled} {.status.numberReady} {.status.numberAvailable}'
}
pod_nodes() {
  k get pods -n "$NS" -l "name=$DS" -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | sort | xargs
}
rolled_out() {  # rolled_out EXPECTED_PODS: rollout status succeeds with that many pods everywhere
  local out
  out=$(k rollout status "ds/$DS" -n "$NS" --timeout=90s) || fail "rollout status failed:"$'\n'"$out"
  echo "$out"
  expect_match "$out" "daemon set \"$DS\" successfully rolled out" "rollout status"
  expect_eq "$(ds_status)" "$1 $1 $1 $1" "desired/updated/ready/available pods"
}
check_revisions() {  # check_revisions "1 2 3": history and ControllerRevisions list exactly these
  k rollout history "ds/$DS" -n "$NS"
  k get controllerrevision -n "$NS" -l "name=$DS"
  expect_eq "$(history_revisions)" "$1" "rollout history revisions"
  expect_eq "$(controllerrevision_revisions)" "$1" "ControllerRevision revisions"
}

step "cluster: nodes, and which of them carry the control-plane taint"
k get nodes
all_nodes=$(k get nodes --no-headers | wc -l)
untainted_nodes=$(k get nodes -o jsonpath='{range .items[*]}{.metadata.name} {.spec.taints[*].key}{"\n"}{end}' |
  grep -vc 'node-role.kubernetes.io/control-plane' || true)
all_names=$(k get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}' | sort | xargs)
((untainted_nodes >= 1 && untainted_nodes < all_nodes)) ||
  fail "the walkthrough needs a tainted control-plane node and at least one other node"

# A DaemonSet left by an interrupted run would shift the revision numbers.
k delete ds "$DS" -n "$NS" --ignore-not-found --cascade=foreground --timeout=60s

step "create the DaemonSet with the RollingUpdate strategy"
k apply -f "$MANIFESTS/fluentd-daemonset.yaml" --record=true
k get ds -n "$NS"
expect_eq "$(k get "ds/$DS" -n "$NS" -o go-template='{{.spec.updateStrategy.type}}')" RollingUpdate "update strategy"
expect_eq "$(k apply -f "$MANIFESTS/fluentd-daemonset.yaml" --dry-run=client -o go-template='{{.spec.updateStrategy.type}}')" \
  RollingUpdate "update strategy (client dry run)"

step "rollout status: only nodes without the control-plane taint ($untainted_nodes of $all_nodes)"
rolled_out "$untainted_nodes"
[[ " $(pod_nodes) " != *" node-0 "* ]] || fail "a pod runs on the tainted node-0: $(pod_nodes)"
revision1=$(controllerrevision_name 1)
check_revisions "1"

step "apply the updated manifest: tolerates the control-plane taint, sets resources"
k apply -f "$MANIFESTS/fluentd-daemonset-update.yaml" --record=true
rolled_out "$all_nodes"
expect_eq "$(pod_nodes)" "$all_names" "nodes running the DaemonSet"
expect_eq "$(k get pods -n "$NS" -l "name=$DS" -o jsonpath='{.items[0].spec.containers[0].resources.requests.memory}')" \
  200Mi "memory request of the updated pods"
revision2=$(controllerrevision_name 2)

step "set image to v2.6.0 (the walkthrough's shortcut for an image-only update)"
k set image "ds/$DS" -n "$NS" fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 --record=true
rolled_out "$all_nodes"
check_revisions "1 2 3"
out=$(k rollout history "ds/$DS" -n "$NS" --revision=2)
echo "$out"
expect_match "$out" 'fluentd:v2\.5\.2' "history of revision 2 (image)"
expect_match "$out" 'memory:[[:space:]]+200Mi' "history of revision 2 (resources)"

step "undo --to-revision=2: revision 2 comes back as revision 4"
expect_match "$(k rollout undo "ds/$DS" -n "$NS" --to-revision=2)" "rolled back" "rollout undo"
rolled_out "$all_nodes"
check_revisions "1 3 4"
expect_eq "$(controllerrevision_name 4)" "$revision2" "ControllerRevision of revision 4"
expect_eq "$(k get ds "$DS" -n "$NS" -o jsonpath='{.spec.template.spec.containers[0].image}')" \
  quay.io/fluentd_elasticsearch/fluentd:v2.5.2 "image after undo to revision 2"

step "undo --to-revision=1: revision 1 comes back as revision 5, the control-plane node is left again"
k rollout undo "ds/$DS" -n "$NS" --to-revision=1
rolled_out "$untainted_nodes"
check_revisions "3 4 5"
expect_eq "$(controllerrevision_name 5)" "$revision1" "ControllerRevision of revision 5"
[[ " $(pod_nodes) " != *" node-0 "* ]] || fail "a pod still runs on the tainted node-0: $(pod_nodes)"

step "a broken image: the rollout stalls at maxUnavailable and rollout status times out"
k set image "ds/$DS" -n "$NS" fluentd-elasticsearch=pullfail.invalid/fluentd_elasticsearch/fluentd:v2.6.1
rc=0
out=$(k rollout status "ds/$DS" -n "$NS" --timeout=20s 2>&1) || rc=$?
echo "$out"
expect_eq "$rc" 1 "exit code of rollout status on a stalled rollout"
expect_match "$out" "timed out waiting for the condition" "rollout status on a stalled rollout"
expect_match "$(k get pods -n "$NS" -l "name=$DS" -o \
  jsonpath='{range .items[*]}{.status.phase} {.status.containerStatuses[0].state.waiting.reason}{"\n"}{end}')" \
  '^Pending ImagePullBackOff$' "state of the new pod"
expect_match "$(k get events -n "$NS" --field-selector type=Warning,involvedObject.kind=Pod -o \
  jsonpath='{range .items[*]}{.involvedObject.name} {.reason}{"\n"}{end}')" \
  "^$DS-[a-z0-9]+ Failed$" "Warning event of the new pod"
expect_eq "$(k get ds "$DS" -n "$NS" -o jsonpath='{.status.updatedNumberScheduled} {.status.numberUnavailable}')" \
  "1 1" "updated/unavailable pods of the stalled rollout"

step "undo repairs the stalled rollout: revision 5 comes back as revision 7"
k rollout undo "ds/$DS" -n "$NS"
rolled_out "$untainted_nodes"
check_revisions "3 4 6 7"
expect_eq "$(controllerrevision_name 7)" "$revision1" "ControllerRevision of revision 7"

step "the limited user may read DaemonSets in team-a but not patch them (403)"
limited=$(k config get-contexts -o name | grep '^limited@' | head -n 1)
[[ -n $limited ]] || fail "the kubeconfig has no limited@ context"
k apply -n team-a -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: $FORBIDDEN_DS
spec:
  selector:
    matchLabels: {app: $FORBIDDEN_DS}
  template:
    metadata:
      labels: {app: $FORBIDDEN_DS}
    spec:
      containers:
      - {name: main, image: registry.k8s.io/pause:3.10}
EOF
k --context "$limited" get ds "$FORBIDDEN_DS" -n team-a
rc=0
out=$(k --context "$limited" patch ds "$FORBIDDEN_DS" -n team-a --type=merge \
  -p '{"spec":{"template":{"metadata":{"annotations":{"walkthrough/patched":"true"}}}}}' 2>&1) || rc=$?
echo "$out"
[[ $rc != 0 ]] || fail "the limited user patched a DaemonSet"
expect_match "$out" 'Error from server \(Forbidden\).*User "dev-user" cannot patch resource "daemonsets"' "patch as dev-user"
k delete ds "$FORBIDDEN_DS" -n team-a

step "clean up: delete the DaemonSet; its pods and ControllerRevisions go with it"
k delete ds "$DS" -n "$NS" --cascade=foreground --timeout=60s
expect_eq "$(k get pods -n "$NS" -l "name=$DS" -o name)" "" "pods left after delete"
expect_eq "$(k get controllerrevision -n "$NS" -l "name=$DS" -o name)" "" "ControllerRevisions left after delete"
echo "PASS"

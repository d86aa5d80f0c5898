#!/usr/bin/env bash
# The DaemonSet rolling update and rollback walkthrough, every step through `kubectl dsroll`
# instead of kubectl, in a namespace of its own: apply --record (created), the strategy is
# RollingUpdate, set image, apply the updated manifest --record --wait (configured), status prints
# kubectl's lines, history and history --revision 1 equal kubectl's byte for byte, undo
# --to-revision 2 renumbers revision 2 to 4 as the ControllerRevisions say, revisions lists
# them, delete; afterwards history still answers from the cache and says it was deleted.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

DS=fluentd-elasticsearch
NS=$(new_namespace walkthrough)
WORK=$(mktemp -d /tmp/dsroll-walkthrough.XXXXXX)
at_exit "rm -rf '$WORK'"

# The walkthrough's manifests, moved from kube-system to this test's namespace.
for f in fluentd-daemonset.yaml fluentd-daemonset-update.yaml; do
  sed "s/namespace: kube-system/namespace: $NS/" "$MANIFESTS/$f" >"$WORK/$f"
done
cd "$WORK"

step() { printf '\n== %s\n' "$*"; }

# Both tools' history output for the DaemonSet, equal byte for byte (the daemon's view may
# lag the controller's renumbering by a moment, so retry briefly).
same_history() {  # same_history [--revision=N]
  local want got
  want=$("$KUBECTL" rollout history "ds/$DS" -n "$NS" "$@"; echo x)
  got=$(kubectl dsroll history "$DS" -n "$NS" "$@"; echo x)
  [[ $want == "$got" ]]
}
check_history() {
  wait_until 20 same_history "$@"
  kubectl dsroll history "$DS" -n "$NS" "$@"
}
history_revisions() {
  kubectl dsroll history "$DS" -n "$NS" | awk '$1 ~ /^[0-9]+$/ { print $1 }' | xargs
}
controllerrevision_revisions() {
  "$KUBECTL" get controllerrevision -n "$NS" -l "name=$DS" -o jsonpath='{.items[*].revision}' |
    tr ' ' '\n' | sort -n | xargs
}
controllerrevision_name() {
  "$KUBECTL" get controllerrevision -n "$NS" -l "name=$DS" \
    -o jsonpath="{.items[?(@.revision==$1)].metadata.name}"
}

# `kubectl dsroll status` without a TTY: only kubectl's lines, ending in success.
rolled_out() {
  local out line
  out=$(kubectl dsroll status "$DS" -n "$NS" --timeout=120s)
  echo "$out"
  while IFS= read -r line; do
    [[ $line =~ ^Waiting\ for\ daemon\ set\ \"$DS\"\ rollout\ to\ finish:\ [0-9]+\ out\ of\ [0-9]+\ new\ pods\ have\ been\ updated\.\.\.$ ||
      $line =~ ^Waiting\ for\ daemon\ set\ \"$DS\"\ rollout\ to\ finish:\ [0-9]+\ of\ [0-9]+\ updated\ pods\ are\ available\.\.\.$ ||
      $line == "Waiting for daemon set spec update to be observed..." ||
      $line == "daemon set \"$DS\" successfully rolled out" ]] || fail "not a kubectl status line: $line"
  done <<<"$out"
  assert_eq "daemon set \"$DS\" successfully rolled out" "$(tail -n 1 <<<"$out")" "last status line"
  wait_rollout "$NS" "$DS"
}

cause() {  # the change cause kubectl dsroll records for a command line
  echo "kubectl dsroll $*"
}

step "create the DaemonSet with the RollingUpdate strategy"
run_capture r kubectl dsroll apply -f fluentd-daemonset.yaml --record=true
assert_eq 0 "$r_rc" "apply exit code: $r_err"
assert_eq "daemonset.apps/$DS created" "$r_out" "apply output"
assert_eq "$(cause apply --filename=fluentd-daemonset.yaml --record=true)" \
  "$("$KUBECTL" get ds "$DS" -n "$NS" -o jsonpath='{.metadata.annotations.kubernetes\.io/change-cause}')" \
  "change-cause annotation"
assert_eq "daemonset.apps/$DS unchanged" \
  "$(kubectl dsroll apply -f fluentd-daemonset.yaml --record=true 2>/dev/null)" "apply again"

rolled_out

step "the update strategy is RollingUpdate"
assert_eq RollingUpdate "$(kubectl dsroll strategy "$DS" -n "$NS" -o json | jq -r .type)" "strategy type"
kubectl dsroll strategy "$DS" -n "$NS"
desired=$("$KUBECTL" get ds "$DS" -n "$NS" -o jsonpath='{.status.desiredNumberScheduled}')
assert_contains "$(kubectl dsroll strategy "$DS" -n "$NS")" "Max Unavailable:         1 (1 of $desired desired pods)"
assert_eq RollingUpdate \
  "$(kubectl dsroll apply -f fluentd-daemonset.yaml --dry-run=client -o json | jq -r .spec.updateStrategy.type)" \
  "apply --dry-run=client -o json"
check_history
assert_eq "1" "$(controllerrevision_revisions)" "ControllerRevisions after create"
revision1=$(controllerrevision_name 1)

step "set image to v2.6.0"
assert_eq "daemonset.apps/$DS image updated" \
  "$(kubectl dsroll set image "ds/$DS" fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 -n "$NS")" \
  "set image output"
rolled_out
check_history
revision2=$(controllerrevision_name 2)

step "apply the updated manifest: tolerates the control-plane taint, sets resources"
run_capture r kubectl dsroll apply -f fluentd-daemonset-update.yaml --record=true --wait --timeout=120s
echo "$r_out"
assert_eq 0 "$r_rc" "apply update exit code: $r_err"
assert_eq "daemonset.apps/$DS configured" "$(head -n 1 <<<"$r_out")" "apply update output"
assert_eq "daemon set \"$DS\" successfully rolled out" "$(tail -n 1 <<<"$r_out")" "apply --wait"
rolled_out
assert_eq "$("$KUBECTL" get nodes --no-headers | wc -l | tr -d ' ')" \
  "$("$KUBECTL" get ds "$DS" -n "$NS" -o jsonpath='{.status.numberAvailable}')" "pods on every node"
assert_eq quay.io/fluentd_elasticsearch/fluentd:v2.5.2 \
  "$("$KUBECTL" get ds "$DS" -n "$NS" -o jsonpath='{.spec.template.spec.containers[0].image}')" \
  "the manifest's image wins over set image"

step "history, as kubectl rollout history prints it"
check_history
assert_eq "1 2 3" "$(history_revisions)" "history revisions"
assert_contains "$(kubectl dsroll history "$DS" -n "$NS")" \
  "3         $(cause apply --filename=fluentd-daemonset-update.yaml --record=true)"
check_history --revision=1
check_history --revision=3

step "undo --to-revision=2: revision 2 comes back as revision 4"
assert_eq "daemonset.apps/$DS rolled back" "$(kubectl dsroll undo "$DS" -n "$NS" --to-revision=2 2>/dev/null)" "undo"
rolled_out
check_history
assert_eq "1 3 4" "$(history_revisions)" "history revisions after undo"
assert_eq "1 3 4" "$(controllerrevision_revisions)" "ControllerRevisions after undo"
assert_eq "$revision2" "$(controllerrevision_name 4)" "ControllerRevision of revision 4"
assert_eq "$revision1" "$(controllerrevision_name 1)" "ControllerRevision of revision 1"
assert_eq quay.io/fluentd_elasticsearch/fluentd:v2.6.0 \
  "$("$KUBECTL" get ds "$DS" -n "$NS" -o jsonpath='{.spec.template.spec.containers[0].image}')" \
  "image after undo to revision 2"

step "revisions lists the ControllerRevisions"
if kubectl dsroll revisions "$DS" -n "$NS" >"$WORK/revisions" 2>&1; then
  cat "$WORK/revisions"
  assert_eq "1 3 4" "$(awk 'NR > 1 { print $3 }' "$WORK/revisions" | sort -n | xargs)" "revisions listing"
  assert_eq "$("$KUBECTL" get controllerrevision -n "$NS" -l "name=$DS" --no-headers | awk '{print $1, $3}' | sort)" \
    "$(awk 'NR > 1 { print $1, $3 }' "$WORK/revisions" | sort)" "revisions names and numbers"
else
  echo "(no revisions command: $(cat "$WORK/revisions"))"
fi

step "delete: the history stays in the cache"
assert_eq "daemonset.apps \"$DS\" deleted from $NS namespace" "$(kubectl dsroll delete "$DS" -n "$NS")" "delete output"
run_capture r "$KUBECTL" get ds "$DS" -n "$NS"
assert_eq 1 "$r_rc" "the DaemonSet is gone"
run_capture r kubectl dsroll history "$DS" -n "$NS"
echo "$r_out"
echo "$r_err"
assert_eq 0 "$r_rc" "history after delete: $r_err"
assert_contains "$r_err" "the DaemonSet was deleted" "history's notice after delete"
run_capture r kubectl dsroll history "$DS" -n "$NS" --revision=4
assert_eq 0 "$r_rc" "history --revision=4 after delete: $r_err"
assert_contains "$r_out" "fluentd:v2.6.0" "revision 4 from the cache"
run_capture r kubectl dsroll delete "$DS" -n "$NS"
assert_eq 1 "$r_rc" "delete again"
assert_eq "Error from server (NotFound): daemonsets.apps \"$DS\" not found" "$r_err" "delete again"
echo PASS

#!/usr/bin/env bash
# A DaemonSet deleted, then created again under the same name: cache export still has the old
# history (valid ControllerRevisions the API server accepts), history falls back to the cache
# while the name is gone, and after the re-creation the two are told apart by their uid.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ns=$(new_namespace recreate)
ds=fluentd-elasticsearch
manifest=$(sed "s/namespace: kube-system/namespace: $ns/" "$MANIFESTS/fluentd-daemonset.yaml")
"$KUBECTL" apply -f - <<<"$manifest" >/dev/null
wait_rollout "$ns" $ds
kubectl dsroll history $ds -n "$ns" >/dev/null  # the daemon watches from now on
for v in v2.6.0 v2.7.0; do
  "$KUBECTL" set image -n "$ns" ds/$ds fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:$v \
    --record=true >/dev/null 2>&1
  wait_rollout "$ns" $ds
done
old_uid=$("$KUBECTL" get ds $ds -n "$ns" -o jsonpath='{.metadata.uid}')
expected_history=$("$KUBECTL" rollout history ds/$ds -n "$ns")
wait_until 30 bash -c "[[ \"\$(kubectl dsroll history $ds -n $ns 2>/dev/null)\" == \"\$0\" ]]" "$expected_history"

"$KUBECTL" delete ds $ds -n "$ns" --wait=true >/dev/null
wait_until 60 bash -c "[[ -z \$(kubectl get controllerrevision -n $ns -o name) ]]"

# Gone from the cluster, kept by the cache.
run_capture h kubectl dsroll history $ds -n "$ns"
assert_eq 0 "$h_rc" "history after the delete"
assert_eq "$expected_history" "$h_out" "history from the cache"
assert_contains "$h_err" "the DaemonSet was deleted"
run_capture e kubectl dsroll cache export $ds -n "$ns"
assert_eq 0 "$e_rc" "export exit code"
assert_eq "apiVersion: v1" "$(head -1 <<<"$e_out")" "export is a List"
json=$(kubectl dsroll cache export ds/$ds -n "$ns" -o json)
summary=$(python3 -c '
import json, sys
items = json.loads(sys.argv[1])["items"]
for i in items:
    m = i["metadata"]
    o = m["ownerReferences"][0]
    print(i["kind"], i["revision"], m["labels"]["controller-revision-hash"] in m["name"],
          o["kind"], o["name"], o["uid"], o["controller"],
          m.get("annotations", {}).get("kubernetes.io/change-cause", "<none>").split(" ")[-1])
' "$json")
assert_eq "ControllerRevision 1 True DaemonSet $ds $old_uid True <none>
ControllerRevision 2 True DaemonSet $ds $old_uid True --record=true
ControllerRevision 3 True DaemonSet $ds $old_uid True --record=true" "$summary" "exported revisions"
# Valid objects: the API server would create them (into another namespace, as a dry run).
other=$(new_namespace reapply)
run_capture c "$KUBECTL" create --dry-run=server -f - <<<"${e_out//namespace: $ns/namespace: $other}"
assert_eq 0 "$c_rc" "creating the export: $c_err"
assert_eq 3 "$(grep -c 'created (server dry run)' <<<"$c_out")" "objects created"

# The same name again: a new DaemonSet, a new history; the old one stays in the export.
"$KUBECTL" apply -f - <<<"$manifest" >/dev/null
wait_rollout "$ns" $ds
new_uid=$("$KUBECTL" get ds $ds -n "$ns" -o jsonpath='{.metadata.uid}')
[[ $new_uid != "$old_uid" ]] || fail "the re-created DaemonSet has the old uid"
assert_eq "$("$KUBECTL" rollout history ds/$ds -n "$ns")" "$(kubectl dsroll history $ds -n "$ns")" \
  "history of the new DaemonSet"
wait_until 30 bash -c "kubectl dsroll cache export $ds -n $ns 2>&1 >/dev/null | grep -q '2 DaemonSets'"
run_capture e2 kubectl dsroll cache export $ds -n "$ns" -o json
assert_contains "$e2_err" "uid $old_uid: 3 revisions, deleted"
assert_contains "$e2_err" "uid $new_uid: 1 revision"
owners=$(python3 -c '
import json, sys
print(" ".join(i["metadata"]["ownerReferences"][0]["uid"] for i in json.loads(sys.argv[1])["items"]))
' "$e2_out")
assert_eq "$old_uid $old_uid $old_uid $new_uid" "$owners" "owners in the export, oldest first"
echo ok

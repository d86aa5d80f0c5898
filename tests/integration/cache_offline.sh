#!/usr/bin/env bash
# The daemon cut off from the API server (its proxy disabled, while kubectl still reaches the
# server directly): history answers from the cache and says so; changes made meanwhile with
# kubectl are caught up after reconnecting; an undo's renumbering is recorded with the old number
# kept. Runs on a cluster of its own (it disables that cluster's proxy).
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
: "${DSROLL_TEST_CLUSTER_NAME:?}"

ns=$(new_namespace offline)
ds=fluentd-elasticsearch
sed "s/namespace: kube-system/namespace: $ns/" "$MANIFESTS/fluentd-daemonset.yaml" |
  "$KUBECTL" apply -f - --record=true >/dev/null 2>&1
wait_rollout "$ns" $ds
for v in v2.6.0 v2.7.0; do
  "$KUBECTL" set image -n "$ns" ds/$ds fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:$v >/dev/null
  wait_rollout "$ns" $ds
done

proxied=$("$KUBECTL" config get-contexts -o name | grep '^proxied@')
expected=$("$KUBECTL" rollout history ds/$ds -n "$ns")
wait_until 30 bash -c "[[ \"\$(kubectl dsroll history $ds -n $ns --context $proxied 2>/dev/null)\" == \"\$0\" ]]" "$expected"

# Cut the daemon off. History still answers, byte for byte, and says where it comes from.
"$IT_ROOT/tests/cluster/proxy" --name "$DSROLL_TEST_CLUSTER_NAME" disable >/dev/null
# The daemon notices when its watch breaks and a reconnect fails: allow it that moment.
wait_until 15 bash -c "kubectl dsroll history $ds -n $ns --context $proxied 2>&1 >/dev/null | grep -q 'from cache'"
run_capture h kubectl dsroll history $ds -n "$ns" --context "$proxied"
assert_eq 0 "$h_rc" "history exit code while cut off"
assert_eq "$expected" "$h_out" "history from the cache"
assert_contains "$h_err" "from cache" "stderr while cut off"

# --offline answers from the cache alone.
run_capture o kubectl dsroll history $ds -n "$ns" --context "$proxied" --offline
assert_eq "$expected" "$o_out" "history --offline"
assert_contains "$o_err" "from cache"

# Meanwhile the DaemonSet changes behind the daemon's back.
"$KUBECTL" set image -n "$ns" ds/$ds fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.8.0 >/dev/null
wait_rollout "$ns" $ds
"$KUBECTL" rollout undo -n "$ns" ds/$ds --to-revision=1 >/dev/null
wait_rollout "$ns" $ds
expected=$("$KUBECTL" rollout history ds/$ds -n "$ns")
run_capture stale kubectl dsroll history $ds -n "$ns" --context "$proxied"
[[ $stale_out != "$expected" ]] || fail "the cut-off daemon cannot know about the new revisions yet"

# Reconnect: the cache catches up with every change.
"$IT_ROOT/tests/cluster/proxy" --name "$DSROLL_TEST_CLUSTER_NAME" enable >/dev/null
wait_until 60 bash -c "[[ \"\$(kubectl dsroll history $ds -n $ns --context $proxied 2>/dev/null)\" == \"\$0\" ]]" "$expected"
run_capture caught kubectl dsroll history $ds -n "$ns" --context "$proxied" --offline
assert_eq "$expected" "$caught_out" "the cache after reconnecting"

# The undo moved revision 1 to 5; the cache keeps both numbers.
run_capture wide kubectl dsroll history $ds -n "$ns" --context "$proxied" -o wide
grep -E '^5 .*was 1' <<<"$wide_out" >/dev/null || fail "history -o wide does not show revision 5 as formerly 1: $wide_out"
echo "ok"

#!/usr/bin/env bash
# History that outlives revisionHistoryLimit: a DaemonSet with revisionHistoryLimit 2 updated six
# times. The cluster keeps the current revision and two old ones; the cache keeps all seven with
# their change-causes; history -o wide marks the pruned ones "cache only"; diff compares a pruned
# revision with a live one; revisions points at the pruned ones; completion offers them all.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ns=$(new_namespace limit)
ds=fluentd-elasticsearch
sed "s/namespace: kube-system/namespace: $ns/; s/^spec:\$/spec:\n  revisionHistoryLimit: 2/" \
  "$MANIFESTS/fluentd-daemonset.yaml" | "$KUBECTL" apply -f - >/dev/null
wait_rollout "$ns" $ds
# The daemon watches from now on, so it sees every revision before the controller prunes it.
kubectl dsroll history $ds -n "$ns" >/dev/null

for v in 1 2 3 4 5 6; do
  "$KUBECTL" set image -n "$ns" ds/$ds fluentd-elasticsearch=registry.example/fluentd:v$v \
    --record=true >/dev/null 2>&1
  wait_rollout "$ns" $ds
done

# The cluster: the current revision 7 and two old ones.
cluster=$("$KUBECTL" get controllerrevision -n "$ns" -l name=$ds -o jsonpath='{.items[*].revision}')
assert_eq "5 6 7" "$(tr ' ' '\n' <<<"$cluster" | sort -n | xargs)" "revisions in the cluster"
assert_eq "$("$KUBECTL" rollout history ds/$ds -n "$ns")" "$(kubectl dsroll history $ds -n "$ns")" \
  "history is kubectl's"

# The cache: all seven, with their causes; the pruned ones marked.
wait_until 30 bash -c "[[ \$(kubectl dsroll history $ds -n $ns -o wide | grep -c 'cache only') == 4 ]]"
run_capture w kubectl dsroll history $ds -n "$ns" -o wide
for r in 1 2 3 4; do
  grep -Eq "^$r .*cache only" <<<"$w_out" || fail "revision $r is not marked cache only: $w_out"
done
for r in 5 6 7; do
  grep -E "^$r " <<<"$w_out" | grep -q "cache only" && fail "revision $r is live: $w_out"
done
for v in 1 2 3 4 5 6; do
  assert_contains "$w_out" "kubectl set image ds/$ds fluentd-elasticsearch=registry.example/fluentd:v$v --namespace=$ns --record=true"
done
assert_eq 7 "$(kubectl dsroll cache export $ds -n "$ns" -o json |
  python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')" "revisions in the export"

# diff between a pruned revision and a live one.
run_capture d kubectl dsroll diff $ds 2 6 -n "$ns"
assert_eq 1 "$d_rc" "diff exit code"
assert_contains "$d_out" "-  - image: registry.example/fluentd:v1"
assert_contains "$d_out" "+  - image: registry.example/fluentd:v5"
assert_contains "$d_err" "revision 2 is known only to the cache"
run_capture o kubectl dsroll diff $ds 1 -n "$ns" --offline
assert_eq 1 "$o_rc" "diff --offline exit code"
assert_contains "$o_out" "+  - image: registry.example/fluentd:v6"
assert_contains "$o_err" "from cache"

# revisions stays kubectl's and says where the others are.
run_capture r kubectl dsroll revisions $ds -n "$ns"
assert_eq "$("$KUBECTL" get controllerrevision -n "$ns" -l name=$ds | awk '{print $1, $2, $3}')" \
  "$(awk '{print $1, $2, $3}' <<<"$r_out")" "revisions"
assert_contains "$r_err" "4 more revisions the cluster has pruned are kept in the cache"

# Completion offers the pruned revisions too, newest first.
run_capture c kubectl_complete-dsroll -n "$ns" undo $ds --to-revision=
assert_eq "--to-revision=7 --to-revision=6 --to-revision=5 --to-revision=4 --to-revision=3 --to-revision=2 --to-revision=1 :36" \
  "$(cut -f1 <<<"$c_out" | xargs)" "revision candidates"
assert_contains "$c_out" $'--to-revision=3\tkubectl set image ds/'"$ds"' fluentd-elasticsearch=registry.example/fluentd:v2 --namespace='"$ns"' --record=true (cache only)'
echo ok

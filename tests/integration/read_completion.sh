#!/usr/bin/env bash
# Shell completion through the real kubectl_complete-dsroll: DaemonSet names (a deleted one only
# where history is read), revisions newest first with their change-cause, containers and the
# images a container has had, namespaces and contexts. Without a daemon it offers nothing and
# starts none.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

complete_values() { kubectl_complete-dsroll "$@" | cut -f1 | xargs; }

ns=$(new_namespace complete)
# No daemon yet: only the directive, and still no daemon afterwards.
assert_eq ":4" "$(kubectl_complete-dsroll -n "$ns" history "")" "completion without a daemon"
[[ ! -S $KUBECTL_DSROLL_HOME/dsrolld.sock ]] || fail "completion started the daemon"

manifest() {  # NAME: the fluentd DaemonSet renamed (its labels and container too)
  sed "s/namespace: kube-system/namespace: $ns/; s/name: fluentd-elasticsearch\$/name: $1/" \
    "$MANIFESTS/fluentd-daemonset.yaml"
}
for name in alpha beta gamma; do manifest $name | "$KUBECTL" apply -f - >/dev/null; done
kubectl dsroll list -n "$ns" >/dev/null  # the daemon watches the namespace from now on
"$KUBECTL" set image -n "$ns" ds/alpha alpha=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 \
  --record=true >/dev/null 2>&1
wait_rollout "$ns" alpha
"$KUBECTL" delete ds gamma -n "$ns" --wait=true >/dev/null
wait_until 30 bash -c "[[ \$(kubectl_complete-dsroll -n $ns undo '' | cut -f1 | xargs) == 'alpha beta :4' ]]"
wait_until 30 bash -c "[[ \$(kubectl_complete-dsroll -n $ns diff alpha '' | cut -f1 | xargs) == '2 1 :36' ]]"

assert_eq "alpha beta gamma :4" "$(complete_values -n "$ns" history "")" "names for history"
assert_eq "alpha beta :4" "$(complete_values undo -n "$ns" "")" "names for undo"
assert_eq "alpha :4" "$(complete_values -n "$ns" status a)" "names by prefix"
assert_eq "ds/beta :4" "$(complete_values -n "$ns" history ds/b)" "TYPE/NAME"
assert_eq "gamma :4" "$(complete_values -n "$ns" cache export g)" "a deleted DaemonSet"
run_capture g kubectl_complete-dsroll -n "$ns" history g
assert_contains "$g_out" $'gamma\tdeleted '
assert_eq $'alpha\tcomplete' "$(kubectl_complete-dsroll -n "$ns" restart al | head -1)" "description"

assert_eq "2 1 :36" "$(complete_values -n "$ns" diff alpha "")" "revisions for diff"
assert_eq "2 1 :36" "$(complete_values -n "$ns" diff daemonset alpha 1 "")" "second revision"
assert_eq "--to-revision=2 --to-revision=1 :36" \
  "$(complete_values -n "$ns" undo alpha --to-revision=)" "--to-revision="
assert_eq "1 :36" "$(complete_values -n "$ns" history ds/alpha --revision 1)" "--revision by prefix"
assert_eq $'2\tkubectl set image ds/alpha alpha=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 --namespace='"$ns"$' --record=true (current)\n1\tquay.io/fluentd_elasticsearch/fluentd:v2.5.2\n:36' \
  "$(kubectl_complete-dsroll -n "$ns" diff alpha "")" "revision descriptions"

assert_eq $'alpha=\timage quay.io/fluentd_elasticsearch/fluentd:v2.6.0\n:6' \
  "$(kubectl_complete-dsroll -n "$ns" set image alpha "")" "containers"
assert_eq $'alpha=quay.io/fluentd_elasticsearch/fluentd:v2.6.0\tcurrent image\nalpha=quay.io/fluentd_elasticsearch/fluentd:v2.5.2\trevision 1\n:36' \
  "$(kubectl_complete-dsroll -n "$ns" set image alpha alpha=)" "images"
assert_eq ":6" "$(kubectl_complete-dsroll -n "$ns" set image alpha x)" "no such container"

assert_eq "$ns :4" "$(complete_values -n "")" "namespaces"
assert_eq "$("$KUBECTL" config get-contexts -o name | sort | xargs) :4" \
  "$(complete_values --context "")" "contexts"
assert_eq ":4" "$(kubectl_complete-dsroll -n "$ns" history alpha "")" "nothing after the name"
echo ok

#!/usr/bin/env bash
# Bad input to the commands that change DaemonSets, each with its exact stderr and exit code:
# unknown DaemonSets, revisions that do not exist, invalid strategy values (the API server's own
# words), YAML that does not parse (file and line), manifests of other kinds, a namespace that
# contradicts -n, and the limited user (context limited@<cluster>, namespace team-a) getting
# kubectl's 403 lines on changes while read commands work. After each, the cluster is unchanged.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

NS=$(new_namespace bad-input)
DS=bad
WORK=$(mktemp -d /tmp/dsroll-bad-input.XXXXXX)
at_exit "rm -rf '$WORK'"
cd "$WORK"

daemonset() {  # daemonset NAME [IMAGE] [TEMPLATE_LABEL]
  cat <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: $1
spec:
  selector:
    matchLabels: {app: $1}
  template:
    metadata:
      labels: {app: ${3:-$1}}
    spec:
      containers:
      - {name: main, image: "${2:-registry.k8s.io/pause:3.10}"}
EOF
}

# Two revisions of $DS in $NS.
daemonset "$DS" >ds.yaml
kubectl dsroll apply -f ds.yaml -n "$NS" >/dev/null
kubectl dsroll set image "$DS" main=registry.k8s.io/pause:3.9 -n "$NS" >/dev/null
wait_rollout "$NS" "$DS"
wait_until 20 test "$("$KUBECTL" get controllerrevision -n "$NS" --no-headers | wc -l)" -eq 2

# Two revisions of a DaemonSet in team-a, made by the admin (kubectl create: no last-applied
# annotation, so undo prints no warning).
LIMITED=$("$KUBECTL" config get-contexts -o name | grep '^limited@' | head -n 1)
[[ -n $LIMITED ]] || fail "the kubeconfig has no limited@ context"
TEAM_DS=bad-input-$$-$RANDOM
at_exit "'$KUBECTL' delete ds '$TEAM_DS' -n team-a --wait=false"
daemonset "$TEAM_DS" >team.yaml
"$KUBECTL" create -f team.yaml -n team-a >/dev/null
"$KUBECTL" set image "ds/$TEAM_DS" main=registry.k8s.io/pause:3.9 -n team-a >/dev/null
wait_rollout team-a "$TEAM_DS"
wait_until 20 test "$("$KUBECTL" get controllerrevision -n team-a -l "app=$TEAM_DS" --no-headers | wc -l)" -eq 2

# Everything a failed command must leave alone.
snapshot() {
  "$KUBECTL" get ds,controllerrevision -n "$NS" \
    -o jsonpath='{range .items[*]}{.kind}/{.metadata.name}={.metadata.resourceVersion} {end}'
  echo
  "$KUBECTL" get ds "$TEAM_DS" -n team-a -o jsonpath='{.metadata.resourceVersion}'
}

cases=0
# expect RC STDERR ARGS...: kubectl dsroll ARGS fails with exactly this stderr and exit code,
# prints nothing on stdout, and changes nothing.
expect() {
  local rc=$1 want=$2 before after
  shift 2
  before=$(snapshot)
  run_capture r kubectl dsroll "$@"
  assert_eq "$want" "$r_err" "stderr of kubectl dsroll $*"
  assert_eq "$rc" "$r_rc" "exit code of kubectl dsroll $*"
  assert_eq "" "$r_out" "stdout of kubectl dsroll $*"
  after=$(snapshot)
  assert_eq "$before" "$after" "cluster after kubectl dsroll $*"
  cases=$((cases + 1))
}

notfound='Error from server (NotFound): daemonsets.apps "nothere" not found'
unavailable=spec.updateStrategy.rollingUpdate.maxUnavailable
surge=spec.updateStrategy.rollingUpdate.maxSurge
percent="a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"

echo "== unknown DaemonSet"
expect 1 "$notfound" history nothere -n "$NS"
expect 1 "$notfound" status nothere -n "$NS"
expect 1 "$notfound" undo nothere -n "$NS"
expect 1 "$notfound" set image nothere main=x:1 -n "$NS"
expect 1 "$notfound" restart nothere -n "$NS"
expect 1 "$notfound" strategy nothere -n "$NS"
expect 1 "$notfound" strategy nothere --max-surge=1 -n "$NS"
expect 1 "$notfound" delete nothere -n "$NS"
expect 1 "$notfound" delete nothere -n "$NS" --dry-run=client

echo "== revisions that do not exist"
expect 1 "error: unable to find specified revision 9 in history" undo "$DS" --to-revision=9 -n "$NS"
expect 1 "error: unable to find the specified revision" history "$DS" --revision=9 -n "$NS"

echo "== invalid strategies, refused before sending with the API server's words"
expect 1 "The DaemonSet \"$DS\" is invalid: "$'\n'"* $unavailable: Invalid value: \"abc\": $percent"$'\n'"* $unavailable: Required value: cannot be 0 when maxSurge is 0" \
  strategy "$DS" --max-unavailable=abc -n "$NS"
expect 1 "The DaemonSet \"$DS\" is invalid: $surge: Invalid value: 1: may not be set when maxUnavailable is non-zero" \
  strategy "$DS" --max-surge=1 -n "$NS"
expect 1 "The DaemonSet \"$DS\" is invalid: $unavailable: Required value: cannot be 0 when maxSurge is 0" \
  strategy "$DS" --max-unavailable=0 -n "$NS"
expect 1 "The DaemonSet \"$DS\" is invalid: $unavailable: Invalid value: \"101%\": must not be greater than 100%" \
  strategy "$DS" --max-unavailable=101% -n "$NS"
expect 1 "The DaemonSet \"$DS\" is invalid: $unavailable: Invalid value: -1: must be greater than or equal to 0" \
  strategy "$DS" --max-unavailable=-1 -n "$NS"
expect 1 "The DaemonSet \"$DS\" is invalid: spec.updateStrategy: Unsupported value: {\"Type\":\"Foo\",\"RollingUpdate\":{\"MaxUnavailable\":1,\"MaxSurge\":0}}: supported values: \"RollingUpdate\", \"OnDelete\"" \
  strategy "$DS" --type=Foo -n "$NS"
expect 1 "The DaemonSet \"$DS\" is invalid: spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0" \
  strategy "$DS" --min-ready-seconds=-1 -n "$NS"
expect 1 "error: --max-unavailable and --max-surge only apply to the RollingUpdate strategy" \
  strategy "$DS" --type=OnDelete --max-surge=1 -n "$NS"

echo "== set image"
expect 1 'error: unable to find container named "nope"' set image "$DS" nope=x:1 -n "$NS"
expect 1 'error: unable to find container named "nope"' set image "$DS" main=x:2 nope=x:1 -n "$NS"
expect 1 "error: all containers are already specified by *, but saw more than one container_name=container_image pairs" \
  set image "$DS" main=x:2 '*=y:1' -n "$NS"

echo "== manifests"
printf 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\n   bad: : y\n' >broken.yaml
expect 1 "error: error parsing broken.yaml: line 5: illegal map value" apply -f broken.yaml -n "$NS"
printf 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\n\tlabels: {}\n' >tab.yaml
expect 1 "error: error parsing tab.yaml: line 5: illegal tab when looking for indentation" apply -f tab.yaml -n "$NS"
{ daemonset first; echo "---"; printf 'kind: DaemonSet\nmetadata: {name: x\n'; } >unterminated.yaml
expect 1 "error: error parsing unterminated.yaml: line 16: end of map flow not found" \
  apply -f unterminated.yaml -n "$NS"
{ daemonset first; printf -- '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n'; } >mixed.yaml
expect 1 'error: mixed.yaml: kubectl dsroll apply only handles DaemonSets (apps/v1), not Service "web"' \
  apply -f mixed.yaml -n "$NS"
"$KUBECTL" create deployment web --image=registry.k8s.io/pause:3.10 --dry-run=client -o yaml >deploy.yaml
expect 1 'error: deploy.yaml: kubectl dsroll apply only handles DaemonSets (apps/v1), not Deployment "web"' \
  apply -f deploy.yaml -n "$NS"
printf 'kind: DaemonSet\nmetadata: {name: x}\n' >noversion.yaml
expect 1 "error: noversion.yaml: line 1: Object 'apiVersion' is missing" apply -f noversion.yaml -n "$NS"
printf -- '---\n# nothing\n' >empty.yaml
expect 1 "error: no objects passed to apply" apply -f empty.yaml -n "$NS"
sed "s/^  name: first$/  name: first\n  namespace: elsewhere/" <(daemonset first) >elsewhere.yaml
expect 1 "error: the namespace from the provided object \"elsewhere\" does not match the namespace \"$NS\". You must pass '--namespace=elsewhere' to perform this operation." \
  apply -f elsewhere.yaml -n "$NS"
daemonset mismatch registry.k8s.io/pause:3.10 other >mismatch.yaml
expect 1 "The DaemonSet \"mismatch\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"other\"}: \`selector\` does not match template \`labels\`" \
  apply -f mismatch.yaml -n "$NS"
[[ -z $("$KUBECTL" get ds first mismatch -n "$NS" --ignore-not-found -o name) ]] ||
  fail "a manifest that was refused was applied"

echo "== apply conflicts with another field manager"
daemonset csa >csa.yaml
"$KUBECTL" apply -f csa.yaml -n "$NS" >/dev/null
wait_rollout "$NS" csa  # the controller's status writes would change the snapshot's versions
daemonset csa registry.k8s.io/pause:3.9 >csa-new.yaml
expect 1 "error: Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.template.spec.containers[name=\"main\"].image (these fields have other managers: run again with --force-conflicts to take them over, or remove them from the manifest)" \
  apply -f csa-new.yaml -n "$NS"
assert_eq "daemonset.apps/csa configured" "$(kubectl dsroll apply -f csa-new.yaml -n "$NS" --force-conflicts)" \
  "apply --force-conflicts"
assert_eq registry.k8s.io/pause:3.9 \
  "$("$KUBECTL" get ds csa -n "$NS" -o jsonpath='{.spec.template.spec.containers[0].image}')" "forced image"

echo "== several DaemonSets: the first failure stops, earlier ones stay applied"
{ daemonset p1; echo "---"; daemonset p2 registry.k8s.io/pause:3.10 other; echo "---"; daemonset p3; } >several.yaml
run_capture r kubectl dsroll apply -f several.yaml -n "$NS"
assert_eq 1 "$r_rc" "exit code of a partly failed apply"
assert_eq "daemonset.apps/p1 created" "$r_out" "stdout of a partly failed apply"
assert_eq "applied before the failure (left as applied): daemonset.apps/p1; not applied: daemonset.apps/p3"$'\n'"The DaemonSet \"p2\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"other\"}: \`selector\` does not match template \`labels\`" \
  "$r_err" "stderr of a partly failed apply"
assert_eq "daemonset.apps/p1" "$("$KUBECTL" get ds p1 p2 p3 -n "$NS" --ignore-not-found -o name)" \
  "DaemonSets after a partly failed apply"

echo "== the limited user: 403 on changes"
forbidden() {  # forbidden VERB
  echo "daemonsets.apps \"$TEAM_DS\" is forbidden: User \"dev-user\" cannot $1 resource \"daemonsets\" in API group \"apps\" in the namespace \"team-a\""
}
expect 1 "Error from server (Forbidden): $(forbidden patch)" --context "$LIMITED" apply -f team.yaml
expect 1 "error: failed restoring revision 0: $(forbidden patch)" --context "$LIMITED" undo "$TEAM_DS"
expect 1 "error: failed restoring revision 1: $(forbidden patch)" --context "$LIMITED" undo "$TEAM_DS" --to-revision=1
expect 1 "error: failed to patch image update to pod template: $(forbidden patch)" \
  --context "$LIMITED" set image "$TEAM_DS" main=registry.k8s.io/pause:3.8
expect 1 "error: failed to patch: $(forbidden patch)" --context "$LIMITED" restart "$TEAM_DS"
expect 1 "Error from server (Forbidden): $(forbidden patch)" --context "$LIMITED" strategy "$TEAM_DS" --max-unavailable=2
expect 1 "Error from server (Forbidden): $(forbidden delete)" --context "$LIMITED" delete "$TEAM_DS"
# kubectl itself says the same for the changes it has.
for args in "rollout undo ds/$TEAM_DS" "rollout undo ds/$TEAM_DS --to-revision=1" \
  "set image ds/$TEAM_DS main=registry.k8s.io/pause:3.8" "rollout restart ds/$TEAM_DS" "delete ds $TEAM_DS"; do
  # shellcheck disable=SC2086
  run_capture k "$KUBECTL" --context "$LIMITED" $args
  dsroll_args=${args#rollout }
  dsroll_args=${dsroll_args/ds\//}
  dsroll_args=${dsroll_args/delete ds /delete }
  # shellcheck disable=SC2086
  run_capture d kubectl dsroll --context "$LIMITED" $dsroll_args
  assert_eq "$k_err" "$d_err" "kubectl $args vs kubectl dsroll $dsroll_args as the limited user"
  assert_eq "$k_rc" "$d_rc" "exit code of kubectl dsroll $dsroll_args as the limited user"
done

echo "== the limited user: reads work"
run_capture r kubectl dsroll --context "$LIMITED" history "$TEAM_DS"
assert_eq 0 "$r_rc" "history as the limited user: $r_err"
assert_eq "$("$KUBECTL" --context "$LIMITED" rollout history "ds/$TEAM_DS")" "$r_out" "history as the limited user"
run_capture r kubectl dsroll --context "$LIMITED" history "$TEAM_DS" --revision=1
assert_eq 0 "$r_rc" "history --revision=1 as the limited user: $r_err"
run_capture r kubectl dsroll --context "$LIMITED" status "$TEAM_DS" --timeout=60s
assert_eq "daemon set \"$TEAM_DS\" successfully rolled out" "$r_out" "status as the limited user: $r_err"
run_capture r kubectl dsroll --context "$LIMITED" strategy "$TEAM_DS" -o json
assert_eq 0 "$r_rc" "strategy as the limited user: $r_err"
assert_eq RollingUpdate "$(jq -r .type <<<"$r_out")" "strategy as the limited user"
echo "PASS ($cases bad inputs)"

#!/usr/bin/env bash
# SIGKILL the daemon during bursts of new revisions, 50 times: after every kill the cache passes
# PRAGMA integrity_check, and every revision a client was shown (acknowledged) is in it.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ROUNDS=${SIGKILL_ROUNDS:-50}
ns=$(new_namespace sigkill)
ds=fluentd-elasticsearch
sed -e "s/namespace: kube-system/namespace: $ns/" -e 's/^spec:/spec:\n  revisionHistoryLimit: 3/' \
  "$MANIFESTS/fluentd-daemonset.yaml" | kubectl apply -f - >/dev/null
wait_rollout "$ns" $ds
db=$KUBECTL_DSROLL_HOME/cache.db
acked=$(mktemp)
at_exit "rm -f $acked"

daemon_pid() { tr -dc 0-9 < "$KUBECTL_DSROLL_HOME/dsrolld.pid"; }

for round in $(seq "$ROUNDS"); do
  kubectl dsroll history $ds -n "$ns" >/dev/null   # (re)starts the daemon
  pid=$(daemon_pid)
  (
    for j in 1 2 3; do
      kubectl set image -n "$ns" ds/$ds --record \
        "fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v$round.$j" >/dev/null 2>&1
    done
  ) &
  burst=$!
  # Read history while the burst lands; whatever it shows has been acknowledged.
  deadline=$(( $(date +%s%3N) + 100 + RANDOM % 600 ))
  while (( $(date +%s%3N) < deadline )); do
    kubectl dsroll history $ds -n "$ns" 2>/dev/null | awk 'NR > 2 && NF > 1 {$1=""; sub(/^ /, ""); print}' >> "$acked" || true
  done
  kill -KILL "$pid"
  wait "$burst" || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done

  check=$(sqlite3 "$db" 'PRAGMA integrity_check')
  assert_eq ok "$check" "integrity_check after kill $round"
  sort -u "$acked" -o "$acked"
  while IFS= read -r cause; do
    [[ -z $cause || $cause == "<none>" ]] && continue
    n=$(sqlite3 "$db" "SELECT count(*) FROM revisions WHERE change_cause = '${cause//\'/\'\'}'")
    (( n >= 1 )) || fail "round $round: acknowledged revision \"$cause\" is missing from the cache"
  done < "$acked"
done
echo "ok: $ROUNDS kills, $(wc -l < "$acked") acknowledged revisions all present"

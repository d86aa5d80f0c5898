#!/usr/bin/env bash
# Ctrl-C on a streaming command: `status` of a rollout that never ends (an image that cannot be
# pulled). The first SIGINT cancels the request in the daemon, which stops the work and answers;
# the plugin exits 130 and the daemon has nothing left in flight. Needs the cluster.
source "$(dirname "$0")/lib/common.sh"
PLUGIN=$DSROLL_BIN/kubectl-dsroll

ns=$(new_namespace cancel)
"$KUBECTL" apply -n "$ns" -f - >/dev/null <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: stuck
spec:
  selector:
    matchLabels: {app: stuck}
  template:
    metadata:
      labels: {app: stuck}
    spec:
      containers:
      - name: main
        image: pullfail.invalid/never:1
YAML

in_flight() {
  "$PLUGIN" daemon status | sed -n 's/^requests: .*, \([0-9]*\) in flight/\1/p'
}
# For wait_until, which needs a command to run again (not a value expanded once).
in_flight_is() { test "$(in_flight)" "-$1" "$2"; }

# Job control gives the background plugin its own process group with SIGINT not ignored, as
# a terminal would run it.
set -m
"$PLUGIN" status stuck -n "$ns" >"$KUBECTL_DSROLL_HOME/status.out" 2>"$KUBECTL_DSROLL_HOME/status.err" &
plugin=$!
set +m
at_exit "kill -KILL $plugin"
wait_until 60 grep -q "Waiting for daemon set \"stuck\" rollout to finish" "$KUBECTL_DSROLL_HOME/status.out"
assert_eq 1 "$(in_flight)" "requests in flight while status streams"
kill -INT "$plugin"
rc=0
wait "$plugin" || rc=$?
assert_eq 130 "$rc" "plugin exit code after Ctrl-C"
wait_until 10 in_flight_is eq 0
echo "stderr after Ctrl-C: $(cat "$KUBECTL_DSROLL_HOME/status.err")"
echo "ok - Ctrl-C cancels status in the daemon; the plugin exits 130"

# The same daemon still works for the next status call (one that ends: --watch=false).
run_capture st "$PLUGIN" status stuck -n "$ns" --watch=false
assert_contains "$st_out" "Waiting for daemon set \"stuck\" rollout to finish" "status --watch=false"
echo "ok - the daemon serves the next request"

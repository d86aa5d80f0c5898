#!/usr/bin/env bash
# The daemon dies (SIGKILL) while a request is in flight: the plugin says it lost the connection,
# in ipc/COMMANDS.md's words, exits 1, and the next invocation starts a new daemon. The request
# is kept in flight by an "API server" that accepts connections and never answers.
source "$(dirname "$0")/lib/daemon.sh"

portfile=$LC_ROOT/blackhole.port
"$DSROLL_TEST_PEER" blackhole "$portfile" &
background_pid $!
wait_until 10 test -s "$portfile"
kubeconfig=$LC_ROOT/kubeconfig
cat >"$kubeconfig" <<YAML
apiVersion: v1
kind: Config
current-context: hole
clusters:
- name: hole
  cluster:
    server: https://127.0.0.1:$(cat "$portfile")
    insecure-skip-tls-verify: true
users:
- name: someone
  user:
    token: not-a-real-token
contexts:
- name: hole
  context:
    cluster: hole
    user: someone
YAML
export KUBECONFIG=$kubeconfig

"$PLUGIN" daemon status >/dev/null
pid=$(daemon_pid)
err=$LC_ROOT/history.err
"$PLUGIN" history some-daemonset -n default >/dev/null 2>"$err" &
plugin=$!
background_pid "$plugin"
# Wait until the daemon really holds the request.
wait_until 10 in_flight_is ge 1
alive "$plugin" || fail "the plugin finished before the daemon was killed: $(cat "$err")"
kill -KILL "$pid"
rc=0
wait "$plugin" || rc=$?
assert_eq 1 "$rc" "plugin exit code after the daemon was killed"
assert_eq "error: lost connection to dsrolld before it answered (see kubectl dsroll daemon logs)" \
  "$(cat "$err")" "plugin stderr after the daemon was killed"
pass "SIGKILL mid-request: the plugin reports the lost connection"

run_capture st "$PLUGIN" daemon status
assert_eq 0 "$st_rc" "daemon status after the crash (stderr: $st_err)"
new=$(sed -n 's/^pid: *//p' <<<"$st_out")
[[ $new != "$pid" ]] && alive "$new" || fail "expected a new daemon after the crash, got '$new'"
pass "the next invocation starts a new daemon"

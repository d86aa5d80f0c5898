#!/usr/bin/env bash
# A plugin of another version (after an upgrade) meets a running daemon: the daemon refuses the
# handshake, stops accepting, finishes what is in flight and exits; the plugin then starts its own
# daemon, and the command succeeds. DSROLL_NEXT_BIN holds both programs built as "<version>-next".
source "$(dirname "$0")/lib/daemon.sh"
: "${DSROLL_NEXT_BIN:?DSROLL_NEXT_BIN must name the directory of the other version}"
: "${DSROLL_NEXT_VERSION:?DSROLL_NEXT_VERSION must be the other version}"
NEXT="$DSROLL_NEXT_BIN/kubectl-dsroll"
log=$KUBECTL_DSROLL_HOME/dsrolld.log

# --- old daemon, new plugin ---
"$PLUGIN" daemon status >/dev/null
old=$(daemon_pid)
version=$("$PLUGIN" daemon status | head -n 1)
[[ $version != "dsrolld $DSROLL_NEXT_VERSION" ]] || fail "both builds have the same version"
run_capture nx "$NEXT" daemon status
assert_eq 0 "$nx_rc" "exit code of the new plugin against the old daemon (stderr: $nx_err)"
assert_eq "" "$nx_err" "stderr of the new plugin against the old daemon"
assert_eq "dsrolld $DSROLL_NEXT_VERSION" "$(head -n 1 <<<"$nx_out")" "version of the daemon now running"
new=$(sed -n 's/^pid: *//p' <<<"$nx_out")
[[ $new != "$old" ]] || fail "the old daemon answered the new plugin"
wait_until 10 dead "$old"
grep -q "a client of version $DSROLL_NEXT_VERSION connected; draining" "$log" ||
  fail "the old daemon did not log the mismatch"
grep -q "stopping: drained" "$log" || fail "the old daemon did not drain"
assert_eq "$new" "$(daemon_pid)" "pid file after the restart"
assert_eq 1 "$(lc_daemon_pids | wc -l)" "daemons running after the restart"
pass "a new plugin replaces an old daemon"

# --- and back: the old plugin replaces the new daemon ---
run_capture od "$PLUGIN" daemon status
assert_eq 0 "$od_rc" "exit code of the old plugin against the new daemon (stderr: $od_err)"
assert_eq "$version" "$(head -n 1 <<<"$od_out")" "version after switching back"
wait_until 10 dead "$new"
pass "an old plugin replaces a new daemon"

# --- with a request in flight: the old daemon finishes it (or cancels it after its grace) ---
portfile=$LC_ROOT/blackhole.port
"$DSROLL_TEST_PEER" blackhole "$portfile" &
background_pid $!
wait_until 10 test -s "$portfile"
cat >"$LC_ROOT/kubeconfig" <<YAML
apiVersion: v1
kind: Config
current-context: hole
clusters:
- name: hole
  cluster: {server: "https://127.0.0.1:$(cat "$portfile")", insecure-skip-tls-verify: true}
users:
- name: someone
  user: {token: not-a-real-token}
contexts:
- name: hole
  context: {cluster: hole, user: someone}
YAML
old=$(daemon_pid)
KUBECONFIG=$LC_ROOT/kubeconfig "$PLUGIN" history some-daemonset -n default \
  >"$LC_ROOT/inflight.out" 2>"$LC_ROOT/inflight.err" &
inflight=$!
background_pid "$inflight"
wait_until 10 in_flight_is ge 1
run_capture nx "$NEXT" daemon status
assert_eq 0 "$nx_rc" "new plugin while the old daemon drains a request (stderr: $nx_err)"
assert_eq "dsrolld $DSROLL_NEXT_VERSION" "$(head -n 1 <<<"$nx_out")" "version after the drain"
rc=0
wait "$inflight" || rc=$?
# The request in flight got a final answer from the old daemon, not a lost connection: here
# it outlasts the drain (the "API server" never answers), so it is stopped, and says so.
assert_eq 1 "$rc" "exit code of the request stopped by the drain"
assert_eq "error: dsrolld stopped before it finished this request (see kubectl dsroll daemon logs); run it again" \
  "$(cat "$LC_ROOT/inflight.err")" "stderr of the request stopped by the drain"
wait_until 10 dead "$old"
pass "version mismatch with a request in flight"

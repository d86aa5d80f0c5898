#!/usr/bin/env bash
# The daemon's life without a cluster: started by the first invocation, reused, stopped; the
# KUBECTL_DSROLL_NO_SPAWN error; a stale socket left by a killed daemon; a state directory that
# is not private; idle exit; SIGTERM.
source "$(dirname "$0")/lib/daemon.sh"

# --- the first invocation starts the daemon; the next ones reuse it ---
[[ ! -e $KUBECTL_DSROLL_HOME/dsrolld.sock ]] || fail "socket exists before the first invocation"
run_capture st "$PLUGIN" daemon status
assert_eq 0 "$st_rc" "daemon status exit code with no daemon running (stderr: $st_err)"
assert_eq "" "$st_err" "daemon status stderr"
assert_contains "$st_out" "dsrolld 0." "daemon status output"
pid=$(sed -n 's/^pid: *//p' <<<"$st_out")
alive "$pid" || fail "daemon status names pid '$pid', which is not running"
assert_eq "$pid" "$(daemon_pid)" "pid file"
assert_eq "srw-------" "$(stat -c %A "$KUBECTL_DSROLL_HOME/dsrolld.sock")" "socket mode"
assert_eq 1 "$(lc_daemon_pids | wc -l)" "dsrolld processes after the first invocation"
# Detached: a session of its own, which it does not lead (so it never gets a terminal).
sid=$(ps -o sid= -p "$pid" | tr -d ' ')
[[ $sid != "$(ps -o sid= -p $$ | tr -d ' ')" && $sid != "$pid" ]] ||
  fail "the daemon (pid $pid, session $sid) is not detached into a session it does not lead"
for _ in 1 2 3; do
  assert_eq "$pid" "$(status_value pid)" "pid reported by a later invocation"
done
pass "first invocation spawns the daemon; later ones reuse it"

# --- daemon stop ---
run_capture stop "$PLUGIN" daemon stop
assert_eq 0 "$stop_rc" "daemon stop exit code"
assert_eq "dsrolld (pid $pid) stopping" "$stop_out" "daemon stop output"
wait_until 10 dead "$pid"
[[ ! -e $KUBECTL_DSROLL_HOME/dsrolld.sock ]] || fail "the socket file outlived daemon stop"
pass "daemon stop"

# --- KUBECTL_DSROLL_NO_SPAWN=1 with no daemon ---
run_capture ns env KUBECTL_DSROLL_NO_SPAWN=1 "$PLUGIN" daemon status
assert_eq 1 "$ns_rc" "exit code with KUBECTL_DSROLL_NO_SPAWN=1 and no daemon"
assert_eq "error: dsrolld is not running and KUBECTL_DSROLL_NO_SPAWN is set" "$ns_err" \
  "stderr with KUBECTL_DSROLL_NO_SPAWN=1"
assert_eq "" "$ns_out" "stdout with KUBECTL_DSROLL_NO_SPAWN=1"
assert_eq 0 "$(lc_daemon_pids | wc -l)" "dsrolld processes after KUBECTL_DSROLL_NO_SPAWN=1"
# With a daemon running it connects as usual.
"$PLUGIN" daemon status >/dev/null
pid=$(daemon_pid)
assert_eq "$pid" "$(KUBECTL_DSROLL_NO_SPAWN=1 status_value pid)" "pid with NO_SPAWN and a daemon"
pass "KUBECTL_DSROLL_NO_SPAWN"

# --- a stale socket file from a SIGKILLed daemon ---
kill -KILL "$pid"
wait_until 10 dead "$pid"
[[ -S $KUBECTL_DSROLL_HOME/dsrolld.sock ]] || fail "expected the killed daemon's socket to remain"
run_capture st "$PLUGIN" daemon status
assert_eq 0 "$st_rc" "daemon status after SIGKILL (stderr: $st_err)"
new=$(sed -n 's/^pid: *//p' <<<"$st_out")
[[ $new != "$pid" ]] && alive "$new" || fail "expected a new daemon after SIGKILL, got pid '$new'"
assert_eq "$new" "$(daemon_pid)" "pid file after recovery"
pid=$new
# A socket path that is a plain file (not a socket) is replaced the same way.
kill -KILL "$pid"
wait_until 10 dead "$pid"
rm -f "$KUBECTL_DSROLL_HOME/dsrolld.sock"
echo junk >"$KUBECTL_DSROLL_HOME/dsrolld.sock"
run_capture st "$PLUGIN" daemon status
assert_eq 0 "$st_rc" "daemon status with a plain file at the socket path (stderr: $st_err)"
pid=$(daemon_pid)
pass "stale socket recovered"

# --- a state directory that others can read is refused, and nothing starts ---
open=$(new_home open)
chmod 755 "$open"
run_capture op env KUBECTL_DSROLL_HOME="$open" "$PLUGIN" daemon status
assert_eq 1 "$op_rc" "exit code with a 0755 state directory"
assert_eq "error: cannot start dsrolld: state directory $open has mode 0755; it must be private (run: chmod 700 $open)" \
  "$op_err" "message for a 0755 state directory"
assert_eq "" "$(ls -A "$open")" "files created in the refused directory"
assert_eq 1 "$(lc_daemon_pids | wc -l)" "dsrolld processes (only the earlier one)"
# dsrolld run by hand says the same on stderr.
run_capture fg env KUBECTL_DSROLL_HOME="$open" "$DSROLLD" --foreground
assert_eq 1 "$fg_rc" "dsrolld --foreground exit code with a 0755 state directory"
assert_eq "dsrolld: state directory $open has mode 0755; it must be private (run: chmod 700 $open)" \
  "$fg_err" "dsrolld --foreground message"
if (($(id -u) == 0)); then
  theirs=$(new_home theirs)
  chown 65534 "$theirs"
  run_capture ow env KUBECTL_DSROLL_HOME="$theirs" "$PLUGIN" daemon status
  assert_eq 1 "$ow_rc" "exit code with a state directory owned by another uid"
  assert_eq "error: cannot start dsrolld: state directory $theirs is owned by uid 65534, not by you (uid 0); refusing to use it" \
    "$ow_err" "message for a state directory owned by another uid"
fi
pass "a state directory that is not private is refused"

# --- idle exit ---
idle=$(new_home idle)
KUBECTL_DSROLL_HOME=$idle KUBECTL_DSROLL_IDLE_TIMEOUT=2s "$PLUGIN" daemon status >/dev/null
ipid=$(daemon_pid "$idle")
alive "$ipid" || fail "no daemon for the idle test"
assert_eq "2s" "$(status_value 'idle timeout' "$idle")" "idle timeout reported"
wait_until 15 dead "$ipid"
grep -q "idle for 2s with no clients: exiting" "$idle/dsrolld.log" || fail "no idle exit in the log"
[[ ! -e $idle/dsrolld.sock ]] || fail "the socket file outlived the idle exit"
# A connected client keeps it alive; it leaves once the client has gone.
KUBECTL_DSROLL_HOME=$idle KUBECTL_DSROLL_IDLE_TIMEOUT=1s "$PLUGIN" daemon status >/dev/null
ipid=$(daemon_pid "$idle")
"$DSROLL_TEST_PEER" "$idle/dsrolld.sock" hold 1 5 >/dev/null &
holder=$!
background_pid "$holder"
sleep 3.5
alive "$ipid" || fail "the daemon idled out while a client was connected"
wait "$holder"
wait_until 10 dead "$ipid"
# --idle-timeout given to dsrolld directly, in the foreground: it exits 0 by itself.
run_capture fg timeout 20 env KUBECTL_DSROLL_HOME="$idle" "$DSROLLD" --foreground --idle-timeout=1s
assert_eq 0 "$fg_rc" "dsrolld --foreground --idle-timeout=1s exit code (stderr: $fg_err)"
assert_contains "$fg_err" "idle for 1s with no clients: exiting" "dsrolld --foreground stderr"
pass "idle exit"

# --- SIGTERM drains and exits, removing the socket ---
kill -TERM "$pid"
wait_until 10 dead "$pid"
[[ ! -e $KUBECTL_DSROLL_HOME/dsrolld.sock ]] || fail "the socket file outlived SIGTERM"
grep -q "draining: signal 15" "$KUBECTL_DSROLL_HOME/dsrolld.log" || fail "no drain on SIGTERM in the log"
pass "SIGTERM"

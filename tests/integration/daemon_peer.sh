#!/usr/bin/env bash
# A connection from another uid is refused: the daemon holds the user's credentials, so only the
# user may drive it. The socket directory is opened up for the test so that uid 65534 can reach
# the socket at all; the daemon itself must still say no, log it, and keep serving its owner.
# Needs root (setpriv changes uid); skipped otherwise.
source "$(dirname "$0")/lib/daemon.sh"

if (($(id -u) != 0)) || ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  echo "SKIP: needs root and setpriv to run a client as uid 65534"
  exit 77
fi
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as_nobody test -x "$PLUGIN" || { echo "SKIP: uid 65534 cannot run $PLUGIN"; exit 77; }

"$PLUGIN" daemon status >/dev/null
pid=$(daemon_pid)
sock=$KUBECTL_DSROLL_HOME/dsrolld.sock
# Reachable by anyone for the test only (the daemon checked its directories when it started).
chmod 711 "$LC_ROOT" "$KUBECTL_DSROLL_HOME"
chmod 666 "$sock"
at_exit "chmod 700 '$LC_ROOT' '$KUBECTL_DSROLL_HOME'"

# The plugin run by uid 65534 gets a clear refusal, not a half-open session.
run_capture other as_nobody env KUBECTL_DSROLL_HOME="$KUBECTL_DSROLL_HOME" KUBECTL_DSROLL_NO_SPAWN=1 \
  "$PLUGIN" daemon status
assert_eq 1 "$other_rc" "exit code of the plugin run by uid 65534"
assert_eq "" "$other_out" "stdout of the plugin run by uid 65534"
assert_eq "error: dsrolld at $sock serves uid 0 only; it refused uid 65534" "$other_err" \
  "stderr of the plugin run by uid 65534"

# A raw client that sends a well-formed request gets the same error and no answer to it.
run_capture raw as_nobody "$DSROLL_TEST_PEER" "$sock" request daemon.status
assert_contains "$raw_out" '"kind":"forbidden"' "raw client under uid 65534"
assert_not_contains "$raw_out" '"type":"output"' "raw client under uid 65534"
assert_not_contains "$raw_out" '"type":"hello"' "raw client under uid 65534"

grep -q "refused a connection from uid 65534: only uid 0 may use this daemon" \
  "$KUBECTL_DSROLL_HOME/dsrolld.log" || fail "the refusal is not in the daemon log"
assert_eq 2 "$(grep -c "refused a connection from uid 65534" "$KUBECTL_DSROLL_HOME/dsrolld.log")" \
  "refusals logged"

# Still serving its owner, same process.
alive "$pid" || fail "the daemon died after refusing another uid"
assert_eq "$pid" "$(status_value pid)" "daemon pid after the refusals"
pass "connections from another uid are refused, logged, and the daemon keeps serving"

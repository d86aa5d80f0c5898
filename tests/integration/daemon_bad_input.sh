#!/usr/bin/env bash
# Bad input on the daemon's socket: malformed frames, frames over the cap, random bytes, a client
# that stops half-way through a frame, one that never reads its replies, one that opens more
# connections than the daemon has file descriptors. Each time the daemon answers with an error
# frame or drops that connection, keeps serving everyone else, and never crashes.
source "$(dirname "$0")/lib/daemon.sh"
: "${DSROLL_TEST_PEER:?DSROLL_TEST_PEER must name the dsroll_test_peer executable}"
peer() { "$DSROLL_TEST_PEER" "$KUBECTL_DSROLL_HOME/dsrolld.sock" "$@"; }
log=$KUBECTL_DSROLL_HOME/dsrolld.log

"$PLUGIN" daemon status >/dev/null
pid=$(daemon_pid)

# still_serving WHAT: the same daemon is alive and answers.
still_serving() {
  alive "$pid" || fail "the daemon died after: $1"
  assert_eq "$pid" "$(status_value pid)" "daemon pid after: $1"
}

# expect_protocol_error MODE TEXT: the peer gets one protocol error frame containing TEXT, then EOF.
expect_protocol_error() {
  local mode=$1 text=$2 out
  out=$(peer "$mode")
  assert_contains "$out" '"kind":"protocol"' "reply to $mode"
  assert_contains "$out" "$text" "reply to $mode"
  assert_eq EOF "$(tail -n 1 <<<"$out")" "end of the reply to $mode"
  still_serving "$mode"
}

expect_protocol_error not-json "error: protocol: malformed frame: frame is not valid JSON"
expect_protocol_error not-object "error: protocol: malformed frame: frame is not a JSON object"
expect_protocol_error zero-length "error: protocol: malformed frame: frame is not valid JSON"
expect_protocol_error oversize "exceeds the limit of 16777216 bytes"
expect_protocol_error no-hello "error: protocol: expected hello first"
expect_protocol_error bad-hello "error: protocol: field 'protocol' must be an integer"
expect_protocol_error unknown-type "error: protocol: unknown message type 'shout'"
# A million nested arrays in a 2 MB request overflowed the daemon's stack when copied.
expect_protocol_error deep "error: protocol: malformed frame: frame nests deeper than 64 levels"
pass "malformed frames and messages get a protocol error, then the connection closes"

for seed in 1 2 3 4 5 6 7 8; do
  out=$(peer random "$seed")
  assert_eq EOF "$(tail -n 1 <<<"$out")" "end of the reply to random bytes (seed $seed)"
done
still_serving "random bytes"
pass "random bytes"

out=$(peer duplicate-id)
assert_contains "$out" '"message":"error: protocol: request id 7 is in use"' "reply to a duplicate id"
assert_contains "$out" '"type":"result"' "reply to a duplicate id (the first request is served)"
still_serving "duplicate request ids"
pass "a duplicate request id is refused, the first request served"

# A request cancelled in the same write, or whose client leaves at once: the command is not
# run for nobody, and cancelling something not yet started must not take the daemon down.
out=$(peer cancel-at-once)
assert_contains "$out" '"id":1' "reply to a request cancelled at once"
for _ in 1 2 3 4 5; do peer gone-at-once >/dev/null; done
still_serving "requests cancelled or abandoned at once"
pass "requests cancelled or abandoned as soon as sent"

# Half a frame, or nothing at all, then silence: others are served meanwhile, and the stalled
# clients are dropped with a protocol error.
peer half 30 >"$LC_ROOT/half.out" &
half=$!
background_pid "$half"
peer silent 30 >"$LC_ROOT/silent.out" &
silent=$!
background_pid "$silent"
wait_until 10 grep -q SENT-HALF "$LC_ROOT/half.out"
wait_until 10 grep -q SENT-NOTHING "$LC_ROOT/silent.out"
for _ in 1 2 3; do still_serving "a client stalled in the middle of a frame"; done
wait_until 30 grep -q EOF "$LC_ROOT/half.out"
wait_until 30 grep -q EOF "$LC_ROOT/silent.out"
assert_contains "$(cat "$LC_ROOT/half.out")" \
  '"message":"error: protocol: incomplete frame: nothing more came for 10s"' "reply to a stalled client"
assert_contains "$(cat "$LC_ROOT/silent.out")" '"message":"error: protocol: no hello within 10s"' \
  "reply to a silent client"
wait "$half" "$silent"
still_serving "stalled clients"
pass "clients stalled before their hello or in the middle of a frame are dropped; others are served"

# A client that sends requests and never reads the answers is dropped once its backlog is full.
peer no-read 200000 >"$LC_ROOT/noread.out" &
noread=$!
background_pid "$noread"
still_serving "a client that does not read (while it writes)"
wait "$noread"
assert_contains "$(cat "$LC_ROOT/noread.out")" DROPPED "the non-reading client"
grep -q "client too slow, dropping it" "$log" || fail "the slow client's drop is not in the log"
still_serving "a client that does not read"
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
echo "daemon RSS after dropping the non-reading client: ${rss} kB"
pass "a client that never reads is dropped"

# pid_is PID HOME: whether the daemon in HOME answers and reports PID.
pid_is() { [[ $(status_value pid "$2") == "$1" ]]; }

# More connections than file descriptors: accept fails for a while, and recovers.
fds=$(new_home fds)
(ulimit -n 64 && KUBECTL_DSROLL_HOME=$fds "$PLUGIN" daemon status >/dev/null)
fpid=$(daemon_pid "$fds")
"$DSROLL_TEST_PEER" "$fds/dsrolld.sock" hold 120 4 >"$LC_ROOT/hold.out" &
holder=$!
background_pid "$holder"
touch "$LC_ROOT/hold.out"
wait_until 10 grep -q HELD "$LC_ROOT/hold.out"
cpu_before=$(awk '{print $14 + $15}' "/proc/$fpid/stat")
sleep 2
cpu_after=$(awk '{print $14 + $15}' "/proc/$fpid/stat")
wait "$holder"
echo "daemon CPU while out of file descriptors: $((cpu_after - cpu_before)) ticks in 2 s"
alive "$fpid" || fail "the daemon died when it ran out of file descriptors"
wait_until 10 pid_is "$fpid" "$fds"
lines=$(grep -c "accept" "$fds/dsrolld.log" || true)
echo "log lines about accept failures: $lines"
((lines < 50)) || fail "the daemon logged $lines accept failures (a busy loop on EMFILE)"
pass "running out of file descriptors: no busy loop, serving again afterwards"

assert_eq 0 "$(in_flight)" "requests in flight at the end"
assert_eq 1 "$(status_value clients)" "clients at the end (daemon status itself)"

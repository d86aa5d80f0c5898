#!/usr/bin/env bash
# Twenty first invocations at the same moment: every one succeeds, all talk to the same daemon,
# and exactly one dsrolld is left running. Several rounds, because a race shows up now and then.
source "$(dirname "$0")/lib/daemon.sh"

for round in 1 2 3 4 5; do
  home=$(new_home "round$round")
  outs="$LC_ROOT/out$round"
  mkdir "$outs"
  pids=()
  for i in $(seq 20); do
    KUBECTL_DSROLL_HOME=$home "$PLUGIN" daemon status >"$outs/$i.out" 2>"$outs/$i.err" &
    pids+=($!)
  done
  failed=0
  for i in "${!pids[@]}"; do
    rc=0
    wait "${pids[$i]}" || rc=$?
    if ((rc != 0)); then
      echo "invocation $((i + 1)) of round $round exited $rc: $(cat "$outs/$((i + 1)).err")" >&2
      failed=1
    fi
  done
  ((failed == 0)) || fail "some of 20 simultaneous first invocations failed (round $round)"
  reported=$(sed -n 's/^pid: *//p' "$outs"/*.out | sort -u)
  assert_eq 1 "$(wc -l <<<"$reported")" "distinct daemon pids reported in round $round: $reported"
  running=$(lc_daemon_pids | sort)
  assert_eq "$reported" "$running" "dsrolld processes running after round $round"
  assert_eq "$reported" "$(daemon_pid "$home")" "pid file in round $round"
  # Losers of the lock race leave nothing behind in the log but the winner's start.
  assert_eq 1 "$(grep -c "listening on" "$home/dsrolld.log")" "daemons that started listening"
  KUBECTL_DSROLL_HOME=$home "$PLUGIN" daemon stop >/dev/null
  wait_until 10 dead "$reported"
done
pass "20 simultaneous first invocations, 5 rounds: one daemon each time, every invocation served"

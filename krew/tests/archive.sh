#!/usr/bin/env bash
# The release archive extracted into an empty directory tree, away from the build: each
# executable runs from there. kubectl-dsroll and dsrolld report the project's version, the
# completer answers a partial command line, and the plugin starts the dsrolld that lies beside
# it (not one from the build or PATH), which `daemon stop` ends.
source "$(dirname "$0")/lib.sh"

root=$(mktemp -d /tmp/dsroll-krew-archive.XXXXXX)
on_exit "rm -rf '$root'"
dir=$root/a/b/c
mkdir -p "$dir"
tar -xzf "$ARCHIVE" -C "$dir"
assert_eq "LICENSE dsrolld kubectl-dsroll kubectl_complete-dsroll" "$(cd "$dir" && LC_ALL=C ls | xargs)" \
  "files extracted from $ARCHIVE_NAME"
# Only the extracted directory and the system's own directories on PATH.
export PATH=/usr/bin:/bin
unset KUBECTL_DSROLL_NO_SPAWN KUBECTL_DSROLL_IDLE_TIMEOUT
use_new_daemon_home
on_exit "for pid in \$(dsrolld_pids_under '$root'); do stop_pid \$pid; done"

# --- versions ---
out=$("$dir/kubectl-dsroll" --version)
assert_contains "$out" "$DSROLL_VERSION" "kubectl-dsroll --version"
out=$("$dir/dsrolld" --version)
assert_contains "$out" "$DSROLL_VERSION" "dsrolld --version"
pass "kubectl-dsroll and dsrolld --version: $DSROLL_VERSION"

# --- the completer: `kubectl dsroll hist<TAB>` and `kubectl dsroll daemon st<TAB>` ---
out=$("$dir/kubectl_complete-dsroll" hist)
assert_contains "$out" "history" "completions of 'hist'"
[[ $(tail -n 1 <<<"$out") =~ ^:[0-9]+$ ]] || fail "no directive line after the completions: $out"
! grep -qv -e '^hist' -e '^:' <<<"$out" || fail "completions of 'hist' not filtered: $out"
out=$("$dir/kubectl_complete-dsroll" daemon st)
assert_contains "$out" "status" "completions of 'daemon st'"
assert_contains "$out" "stop" "completions of 'daemon st'"
pass "kubectl_complete-dsroll answers partial command lines"

# --- the plugin starts the dsrolld beside it ---
out=$("$dir/kubectl-dsroll" daemon status)
pid=$(sed -n 's/^pid: *//p' <<<"$out")
[[ $pid =~ ^[0-9]+$ ]] || fail "no pid in daemon status: $out"
assert_eq "$dir/dsrolld" "$(readlink "/proc/$pid/exe")" "executable of the daemon the plugin started"
assert_contains "$out" "$DSROLL_VERSION" "daemon status"
"$dir/kubectl-dsroll" daemon stop >/dev/null
wait_dead "$pid" 10
assert_eq "" "$(dsrolld_pids_under "$root")" "dsrolld processes from the archive after daemon stop"
pass "the extracted plugin starts its own dsrolld (pid $pid); daemon stop ends it"

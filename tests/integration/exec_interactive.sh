#!/usr/bin/env bash
# An exec credential plugin with interactiveMode Always: the daemon has no terminal, so the
# plugin runs it on the user's and hands the credential over (ipc/COMMANDS.md). The exec plugin
# here refuses to run without a terminal, asks for a password on it and prints a real
# ServiceAccount token. In tmux: the password is typed once, history is printed, and a second
# command within the credential's lifetime does not ask again. Without a terminal: kubectl's
# one-line error and exit 1, and the exec plugin never runs.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

command -v tmux >/dev/null || { echo "SKIP: tmux is not installed" >&2; exit 77; }

ns=$(new_namespace execi)
ds=fluentd-elasticsearch
sed "s/namespace: kube-system/namespace: $ns/" "$MANIFESTS/fluentd-daemonset.yaml" |
  "$KUBECTL" apply -f - >/dev/null
"$KUBECTL" create serviceaccount reader -n "$ns" >/dev/null
"$KUBECTL" create rolebinding reader -n "$ns" --clusterrole=admin \
  --serviceaccount="$ns:reader" >/dev/null

work=$(mktemp -d /tmp/dsroll-it-exec.XXXXXX)
at_exit "rm -rf '$work'"
"$KUBECTL" create token reader -n "$ns" --duration=10m > "$work/token"

# The exec plugin: a terminal or nothing, a password, then the token good for 10 minutes.
cat > "$work/login.sh" <<EOF
#!/bin/sh
if [ -t 0 ]; then echo "\$2 terminal"; else echo "\$2 none"; fi >> "$work/runs"
if [ ! -t 0 ]; then echo "login: stdin is not a terminal" >&2; exit 3; fi
case "\$KUBERNETES_EXEC_INFO" in
  *'"interactive":true'*) ;;
  *) echo "login: KUBERNETES_EXEC_INFO is not interactive: \$KUBERNETES_EXEC_INFO" >&2; exit 5 ;;
esac
[ "\$LOGIN_REALM" = "dsroll-test" ] || { echo "login: env from the kubeconfig is missing" >&2; exit 6; }
stty -echo 2>/dev/null
printf 'Password for %s: ' "\$2" >&2
IFS= read -r pw
stty echo 2>/dev/null
echo >&2
[ "\$pw" = "hunter2" ] || { echo "login: wrong password" >&2; exit 4; }
echo prompted >> "$work/prompts"
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}\n' \
  "\$(cat "$work/token")" "\$(date -u -d '+10 min' +%Y-%m-%dT%H:%M:%SZ)"
EOF
chmod 700 "$work/login.sh"

# A kubeconfig for the same API server whose only credential is that exec plugin.
server=$("$KUBECTL" config view --raw --minify -o jsonpath='{.clusters[0].cluster.server}')
ca=$("$KUBECTL" config view --raw --minify -o jsonpath='{.clusters[0].cluster.certificate-authority-data}')
cat > "$work/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: $server
    certificate-authority-data: $ca
users:
- name: tester
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: $work/login.sh
      args: ["--user", "tester"]
      env:
      - name: LOGIN_REALM
        value: dsroll-test
      interactiveMode: Always
      installHint: the login script of the dsroll tests
contexts:
- name: tester
  context: {cluster: test, user: tester, namespace: $ns}
current-context: tester
EOF

# The same with interactiveMode IfAvailable (another identity: other args): the daemon runs it
# first, without a terminal; it fails, so the plugin, which has one, runs it again.
sed 's/interactiveMode: Always/interactiveMode: IfAvailable/; s/"--user", "tester"/"--user", "maybe"/' \
  "$work/kubeconfig" > "$work/kubeconfig-ifavailable"

wait_rollout "$ns" $ds
expected_history=$("$KUBECTL" rollout history ds/$ds -n "$ns")
expected_trimmed=$(sed 's/[[:space:]]*$//' <<<"$expected_history")

# Without a terminal: the same last line as kubectl, exit 1, and the exec plugin never ran.
run_capture k env KUBECONFIG="$work/kubeconfig" "$KUBECTL" rollout history ds/$ds </dev/null
kubectl_line=$(tail -n 1 <<<"$k_err")
assert_eq "Unable to connect to the server: getting credentials: exec plugin cannot support interactive mode: standard input is not a terminal" \
  "$kubectl_line" "kubectl's own error"
run_capture n env KUBECONFIG="$work/kubeconfig" kubectl dsroll history $ds </dev/null
assert_eq 1 "$n_rc" "exit code without a terminal"
assert_eq "$kubectl_line" "$n_err" "the error without a terminal"
assert_eq "" "$n_out" "stdout without a terminal"
[[ ! -e $work/runs ]] || fail "the exec plugin ran without a terminal: $(cat "$work/runs")"

# On a terminal, in tmux (its own server, stopped at exit).
sock="dsroll-exec-$$"
at_exit "tmux -L '$sock' kill-server; rm -f '${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock'"
at_exit "KUBECONFIG='$work/kubeconfig' kubectl dsroll daemon stop"
cat > "$work/shell.sh" <<EOF
#!/bin/sh
export PATH='$PATH' KUBECONFIG='$work/kubeconfig' KUBECTL_DSROLL_HOME='$KUBECTL_DSROLL_HOME'
export TERM=xterm PS1='$ '
exec bash --norc --noprofile
EOF
chmod 700 "$work/shell.sh"
TERM=xterm tmux -L "$sock" -f /dev/null new-session -d -s it -x 160 -y 50 "$work/shell.sh"

# The whole pane, trailing blanks removed (kubectl's history lines end in spaces).
screen() { tmux -L "$sock" capture-pane -p -J -S - -t it | sed 's/[[:space:]]*$//'; }
# wait_screen TIMEOUT REGEX: until the pane matches REGEX (not the typed command line).
wait_screen() {
  local deadline=$((SECONDS + $1))
  until [[ $(screen) =~ $2 ]]; do
    (( SECONDS < deadline )) || fail "timed out waiting for \"$2\" on the terminal: $(screen)"
    sleep 0.2
  done
}

# Ctrl-C at the password prompt ends the command as it ends kubectl (130), and nothing waits.
# (bash drops the rest of a line whose command died of SIGINT: the status is asked for apart.)
tmux -L "$sock" send-keys -t it "kubectl dsroll history $ds" Enter
wait_screen 60 "Password for tester:"
tmux -L "$sock" send-keys -t it C-c
tmux -L "$sock" send-keys -t it "echo \"interrupted exit \$?\"" Enter
wait_screen 30 "interrupted exit [0-9]+"
assert_contains "$(screen)" "interrupted exit 130" "Ctrl-C at the prompt"
[[ ! -e $work/prompts ]] || fail "a password was taken although Ctrl-C was pressed"
tmux -L "$sock" send-keys -t it "stty sane; clear; echo cleared-\$((1 + 1))" Enter  # the exec plugin had echo off
# The old prompt must be gone before the next one is waited for (the typed line has no "cleared-2").
wait_screen 30 "cleared-2"

tmux -L "$sock" send-keys -t it "kubectl dsroll history $ds; echo \"first exit \$?\"" Enter
wait_screen 60 "Password for tester:"
tmux -L "$sock" send-keys -t it "hunter2" Enter
wait_screen 60 "first exit [0-9]+"
first=$(screen)
assert_contains "$first" "first exit 0" "the first command"
assert_contains "$first" "$expected_trimmed" "history on the terminal"
[[ $first != *hunter2* ]] || fail "the password was echoed: $first"
assert_eq 1 "$(wc -l < "$work/prompts")" "password prompts after the first command"

# Within the credential's lifetime: no prompt, the same history.
tmux -L "$sock" send-keys -t it "kubectl dsroll history $ds; echo \"second exit \$?\"" Enter
wait_screen 60 "second exit [0-9]+"
second=$(screen)
assert_contains "$second" "second exit 0" "the second command"
assert_eq 1 "$(grep -c 'Password for tester' <<<"${second##*interrupted exit 130}")" \
  "prompts on the terminal"
assert_eq 1 "$(wc -l < "$work/prompts")" "password prompts after the second command"
second_history=${second##*"first exit 0"}
assert_contains "$second_history" "$expected_trimmed" "history of the second command"

# IfAvailable: the daemon's own run fails without a terminal, the plugin's asks on it.
tmux -L "$sock" send-keys -t it "clear; KUBECONFIG=$work/kubeconfig-ifavailable kubectl dsroll history $ds; echo \"third exit \$?\"" Enter
wait_screen 60 "Password for maybe:"
tmux -L "$sock" send-keys -t it "hunter2" Enter
wait_screen 60 "third exit [0-9]+"
third=$(screen)
assert_contains "$third" "third exit 0" "the IfAvailable command"
third_history=${third##*"Password for maybe:"}
assert_contains "$third_history" "$expected_trimmed" "history with IfAvailable"
assert_eq 2 "$(wc -l < "$work/prompts")" "password prompts after the IfAvailable command"
assert_eq "$(printf 'tester terminal\ntester terminal\nmaybe none\nmaybe terminal')" "$(cat "$work/runs")" \
  "exec plugin runs (Always: the plugin's only; IfAvailable: the daemon's, then the plugin's)"

# The cached credential serves a caller without a terminal too, until it expires.
run_capture c env KUBECONFIG="$work/kubeconfig" kubectl dsroll history $ds </dev/null
assert_eq 0 "$c_rc" "exit code with the cached credential: $c_err"
assert_eq "$expected_history" "$c_out" "history with the cached credential"
echo "PASS"

# Helpers shared by the cluster scripts: logging, the state directory, free loopback ports and
# processes recorded by pid. Sourced, never executed.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/versions.sh"

log() { printf '[%s] %s\n' "${SCRIPT_NAME:-cluster}" "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

state_root() { echo "${DSROLL_CLUSTER_STATE:-/tmp/dsroll-clusters}"; }

# Sets CLUSTER_NAME and STATE_DIR from --name/--state-dir (either may be empty). A state directory
# given alone names its cluster through its cluster.env.
resolve_cluster() {
  local name=$1 dir=$2
  if [[ -z $name && -n $dir && -f $dir/cluster.env ]]; then
    name=$(sed -n 's/^CLUSTER_NAME=//p' "$dir/cluster.env")
  fi
  CLUSTER_NAME=${name:-dsroll}
  [[ $CLUSTER_NAME =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]] ||
    die "cluster name '$CLUSTER_NAME' must be lowercase letters, digits, '-' and '.'"
  STATE_DIR=${dir:-$(state_root)/$CLUSTER_NAME}
  STATE_DIR=$(realpath -m "$STATE_DIR")
}

# Loads the ports and paths that up recorded; fails when the cluster was never started.
load_cluster() {
  [[ -f $STATE_DIR/cluster.env ]] ||
    die "no cluster '$CLUSTER_NAME' in $STATE_DIR (start it with tests/cluster/up --name $CLUSTER_NAME)"
  # shellcheck source=/dev/null
  source "$STATE_DIR/cluster.env"
}

admin_kubectl() { "$BIN/kubectl" --kubeconfig "$STATE_DIR/admin.kubeconfig" "$@"; }

# --- ports --------------------------------------------------------------------------------------

# Ports of every known cluster under the state root, so a component that is stopped for a while
# does not lose its port to a second cluster.
reserved_ports() {
  { cat "$(state_root)"/*/cluster.env "$STATE_DIR/cluster.env" 2>/dev/null || true; } |
    sed -n 's/^[A-Z_]*_PORT=\([0-9][0-9]*\)$/\1/p'
}

PICKED_PORTS=""
# pick_port VAR: a random port that nothing listens on, below the kernel's ephemeral range.
pick_port() {
  local taken p
  taken=" $(ss -Htln | awk '{ n = split($4, a, ":"); print a[n] }' | tr '\n' ' ') $(reserved_ports | tr '\n' ' ') $PICKED_PORTS "
  for _ in $(seq 200); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
    if [[ $taken != *" $p "* ]]; then
      PICKED_PORTS+=" $p"
      printf -v "$1" '%s' "$p"
      return 0
    fi
  done
  die "no free loopback port found"
}

# --- processes ----------------------------------------------------------------------------------
# Each component has run/<c>.args (its argv, NUL-separated), run/<c>.pid ("pid starttime") and
# logs/<c>.log. The start time guards against killing an unrelated process that reused the pid.

proc_starttime() {  # proc_starttime PID: field 22 of /proc/PID/stat, empty for zombies/gone
  local stat rest f
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  rest=${stat##*) }
  read -r -a f <<<"$rest"
  [[ ${f[0]} == Z || ${f[0]} == X ]] && return 1
  echo "${f[19]}"
}

proc_pid() {  # prints the recorded pid of a component if that process still runs
  local file=$STATE_DIR/run/$1.pid pid start now
  [[ -f $file ]] || return 1
  read -r pid start <"$file" || return 1
  now=$(proc_starttime "$pid") || return 1
  [[ $now == "$start" ]] || return 1
  echo "$pid"
}

proc_alive() { proc_pid "$1" >/dev/null; }

proc_start() {
  local c=$1 argv pid start
  mapfile -d '' -t argv <"$STATE_DIR/run/$c.args"
  printf '\n=== %s starting %s\n' "$(date -u +%FT%TZ)" "$c" >>"$STATE_DIR/logs/$c.log"
  # Own session: a Ctrl-C or a test runner killing the caller's process group leaves it alone;
  # down stops it by pid.
  setsid "${argv[@]}" </dev/null >>"$STATE_DIR/logs/$c.log" 2>&1 &
  pid=$!
  disown "$pid" # no "Killed" notice from this shell when the process is stopped
  start=$(proc_starttime "$pid") || start=gone
  echo "$pid $start" >"$STATE_DIR/run/$c.pid"
}

# proc_stop COMPONENT: SIGTERM, then SIGKILL after DSROLL_CLUSTER_STOP_GRACE seconds (default 10).
proc_stop() {
  local c=$1 pid grace=${DSROLL_CLUSTER_STOP_GRACE:-10} i
  if pid=$(proc_pid "$c"); then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 20; i++)); do
      proc_alive "$c" || break
      sleep 0.05
    done
    if proc_alive "$c"; then
      log "$c (pid $pid) did not stop within ${grace}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 100; i++)); do
        proc_alive "$c" || break
        sleep 0.05
      done
    fi
  fi
  rm -f "$STATE_DIR/run/$c.pid"
}

# Lines of a component's log written by its latest start.
proc_log_tail() {
  local c=$1 n=${2:-40}
  awk '/^=== .* starting /{buf=""} {buf = buf $0 "\n"} END {printf "%s", buf}' \
    "$STATE_DIR/logs/$c.log" 2>/dev/null | tail -n "$n"
}

proc_health() {  # proc_health COMPONENT: true once the component answers its health endpoint
  local url
  case $1 in
    etcd) url=http://127.0.0.1:$ETCD_PORT/health ;;
    apiserver) url=https://127.0.0.1:$APISERVER_PORT/readyz ;;
    controller-manager) url=https://127.0.0.1:$CONTROLLER_MANAGER_PORT/healthz ;;
    scheduler) url=https://127.0.0.1:$SCHEDULER_PORT/healthz ;;
    kwok) url=http://127.0.0.1:$KWOK_PORT/healthz ;;
    toxiproxy) url=http://127.0.0.1:$TOXIPROXY_API_PORT/version ;;
    *) return 1 ;;
  esac
  curl -sfk --noproxy '*' --max-time 2 -o /dev/null "$url"
}

# proc_wait_healthy COMPONENT TIMEOUT: 0 when healthy, 1 on timeout, 2 when the process died.
proc_wait_healthy() {
  local c=$1 deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    proc_alive "$c" || return 2
    proc_health "$c" && return 0
    sleep 0.1
  done
  return 1
}

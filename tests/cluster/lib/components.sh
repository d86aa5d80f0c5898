# The command line of every component. up writes each argv to run/<component>.args once the ports
# are known; `component restart` reuses the file, so a restarted process has the same ports and
# flags. Needs CLUSTER_NAME, STATE_DIR, BIN and the *_PORT variables.
# shellcheck shell=bash

COMPONENTS=(etcd apiserver controller-manager scheduler kwok toxiproxy)

write_args() {
  local c=$1
  shift
  printf '%s\0' "$@" >"$STATE_DIR/run/$c.args"
}

args_etcd() {
  local peer=http://127.0.0.1:$ETCD_PEER_PORT client=http://127.0.0.1:$ETCD_PORT
  # No fsync: the data lives only as long as the test cluster, and fsync dominates write latency.
  write_args etcd "$BIN/etcd" --name "$CLUSTER_NAME" --data-dir "$STATE_DIR/etcd" \
    --listen-client-urls "$client" --advertise-client-urls "$client" \
    --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
    --initial-cluster "$CLUSTER_NAME=$peer" --initial-cluster-token "$CLUSTER_NAME" \
    --unsafe-no-fsync --quota-backend-bytes=4294967296 --log-level=warn
}

args_apiserver() {
  local pki=$STATE_DIR/pki
  # Loopback advertise address: the kubernetes Endpoints would be invalid, so no reconciler.
  # No priority-and-fairness: tests want throughput, and it saves start-up work.
  # --shutdown-send-retry-after: on SIGTERM, close open watches after 2 s instead of waiting up to
  # the 60 s request timeout for them (clients get a 429 Retry-After meanwhile).
  write_args apiserver "$BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
    --advertise-address=127.0.0.1 --endpoint-reconciler-type=none \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
    --client-ca-file="$pki/ca.crt" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --service-cluster-ip-range=10.96.0.0/16 \
    --authorization-mode=RBAC \
    --enable-priority-and-fairness=false --shutdown-send-retry-after=true \
    --allow-privileged=true --profiling=false --v=1
}

args_controller_manager() {
  local pki=$STATE_DIR/pki
  # A node whose lease stops being renewed turns NotReady after the grace period (checked every
  # 2 s); kwok renews leases at a quarter of their duration (see node_timing).
  write_args controller-manager "$BIN/kube-controller-manager" \
    --kubeconfig="$STATE_DIR/admin.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$CONTROLLER_MANAGER_PORT" \
    --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
    --leader-elect=false \
    --service-account-private-key-file="$pki/sa.key" --root-ca-file="$pki/ca.crt" \
    --use-service-account-credentials=false \
    --node-monitor-period=2s --node-monitor-grace-period="$(node_timing grace)s" \
    --kube-api-qps=500 --kube-api-burst=1000 \
    --concurrent-daemonset-syncs=4 --v=1
}

# node_timing lease|grace: seconds. Up to 1,000 nodes leases last 40 s (renewed every 10 s) and a
# silent node is NotReady after 20 s, which tests rely on. Beyond that two cores cannot renew
# every lease every 10 s and healthy nodes would flap, so both are stretched fourfold and more.
node_timing() {
  local big=0
  ((${NODES:-0} > 1000)) && big=1
  case $1 in
    lease) ((big)) && echo 160 || echo 40 ;;
    grace) ((big)) && echo 240 || echo 20 ;;
  esac
}

args_scheduler() {
  write_args scheduler "$BIN/kube-scheduler" \
    --kubeconfig="$STATE_DIR/admin.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$SCHEDULER_PORT" \
    --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
    --leader-elect=false \
    --kube-api-qps=500 --kube-api-burst=1000 --v=1
}

args_kwok() {
  # kwok's client has no rate limit; its parallelism is raised in kwok.yaml. At INFO it logs every
  # lease renewal: 100 lines a second with 1000 nodes.
  local level=INFO
  ((${NODES:-0} > 100)) && level=WARN
  write_args kwok "$BIN/kwok" -v "$level" \
    --kubeconfig="$STATE_DIR/admin.kubeconfig" --config="$STATE_DIR/kwok.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --cidr=10.128.0.0/12 --node-ip=10.240.255.254 --node-lease-duration-seconds="$(node_timing lease)" \
    --server-address="127.0.0.1:$KWOK_PORT"
}

args_toxiproxy() {
  write_args toxiproxy "$BIN/toxiproxy-server" -host 127.0.0.1 -port "$TOXIPROXY_API_PORT"
}

# kwok.yaml: the controller's options plus every stage in tests/cluster/stages/.
write_kwok_config() {
  local f
  {
    cat <<'YAML'
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokConfiguration
options:
  nodePlayStageParallelism: 16
  podPlayStageParallelism: 16
  nodeLeaseParallelism: 16
YAML
    for f in "$CLUSTER_DIR"/stages/*.yaml; do
      printf -- '---\n'
      cat "$f"
    done
  } >"$STATE_DIR/kwok.yaml"
}

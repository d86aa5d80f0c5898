# Pinned versions of everything the test cluster is built from, and where the built binaries live.
# Sourced by the scripts in tests/cluster/. Changing a version here (and in the matching
# gomod/*/go.mod) changes the cache key, so the next run rebuilds.

K8S_VERSION=v1.36.3   # Go 1.26 line matches the machine's toolchain; KWOK 0.8.0 is built against 1.36
ETCD_VERSION=v3.6.16  # newest 3.6 the module proxy serves; Kubernetes 1.34+ pairs with etcd 3.6
KWOK_VERSION=v0.8.0
TOXIPROXY_VERSION=v2.5.0
KREW_VERSION=v0.4.3

CLUSTER_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

cluster_cache_root() {
  echo "${DSROLL_CLUSTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-dsroll/cluster}"
}

# One directory per version set; binaries inside are only used once .complete exists.
cluster_bin_dir() {
  echo "$(cluster_cache_root)/k8s-${K8S_VERSION}_etcd-${ETCD_VERSION}_kwok-${KWOK_VERSION}_toxiproxy-${TOXIPROXY_VERSION}_krew-${KREW_VERSION}/bin"
}

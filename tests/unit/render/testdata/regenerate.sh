#!/usr/bin/env bash
# Re-records the render unit tests' expected outputs from the real tools: kubectl (the test
# cluster's, Kubernetes v1.36.3, served by a fake API server), /usr/bin/diff and Go's
# text/tabwriter. The tests themselves only read the recorded files.
#
#   tests/unit/render/testdata/regenerate.sh           # kubectl from tests/cluster
#   KUBECTL=/path/to/kubectl tests/unit/render/testdata/regenerate.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../../.." && pwd)

if [[ -z ${KUBECTL:-} ]]; then
  # The pinned kubectl that tests/cluster builds; build-binaries builds it if it is missing and
  # prints its directory.
  source "$root/tests/cluster/lib/versions.sh"
  bin=$(cluster_bin_dir)
  [[ -f $bin/.complete ]] || bin=$("$root/tests/cluster/build-binaries" | tail -n 1)
  KUBECTL=$bin/kubectl
fi
echo "regenerate: using $("$KUBECTL" version --client 2>/dev/null | head -n 1) ($KUBECTL)" >&2
export KUBECTL
exec python3 "$here/regenerate.py" "$@"

#!/usr/bin/env bash
# The generated manifest passes krew's validate-krew-manifest (structure, platforms, no
# overlapping selectors; -skip-install because the install downloads the uri) and fails it when
# broken; and it follows the krew-index reviewers' rules that the validator does not check:
# metadata.name dsroll, spec.version v<project version>, shortDescription of at most 50
# characters, description and caveats wrapped at 80 columns, bin kubectl-dsroll everywhere.
source "$(dirname "$0")/lib.sh"

VALIDATE=$CLUSTER_BIN/validate-krew-manifest
[[ -x $VALIDATE ]] || fail "$VALIDATE is missing (tests/cluster/build-binaries builds it)"
work=$(mktemp -d /tmp/dsroll-krew-manifest.XXXXXX)
on_exit "rm -rf '$work'"

validate() { "$VALIDATE" -manifest "$1" -skip-install 2>&1; }

out=$(validate "$MANIFEST") || fail "validate-krew-manifest rejects $MANIFEST: $out"
echo "$out"
assert_contains "$out" "structural validation OK" "validate-krew-manifest's output"
pass "validate-krew-manifest -skip-install"

# The validator can fail: an uppercase sha256, and a file name other than the plugin's name.
mkdir "$work/upper" "$work/renamed"
sed 's/sha256: "\([0-9a-f]*\)"/sha256: "\U\1"/' "$MANIFEST" >"$work/upper/dsroll.yaml"
! cmp -s "$MANIFEST" "$work/upper/dsroll.yaml" || fail "no sha256 with a letter to uppercase"
out=$(validate "$work/upper/dsroll.yaml") && fail "validate-krew-manifest accepts an uppercase sha256"
assert_contains "$out" "must match pattern" "validate-krew-manifest on an uppercase sha256"
cp "$MANIFEST" "$work/renamed/daemonset-rollout.yaml"
out=$(validate "$work/renamed/daemonset-rollout.yaml") && fail "validate-krew-manifest ignores the file name"
pass "validate-krew-manifest rejects an uppercase sha256 and a mismatched file name"

# --- the reviewers' rules ---
field() { sed -n "s/^$1: *//p" "$MANIFEST"; }
# block NAME: the lines of the literal block `  NAME: |` (4-space indented), indentation kept.
block() { awk -v key="  $1: |" '$0 == key { on = 1; next } on && /^    / { print; next } on && !/^$/ { exit } on { print }' "$MANIFEST"; }
assert_eq dsroll "$(field '  name')" "metadata.name"
assert_eq "v$DSROLL_VERSION" "$(field '  version')" "spec.version"
short=$(field '  shortDescription')
[[ -n $short ]] || fail "no shortDescription"
((${#short} <= 50)) || fail "shortDescription has ${#short} characters (at most 50): $short"
for name in description caveats; do
  text=$(block "$name")
  [[ -n $text ]] || fail "no $name block"
  long=$(awk 'length > 80' <<<"$text")
  [[ -z $long ]] || fail "$name lines longer than 80 columns: $long"
done
! block description | grep -q 'kubectl dsroll ' || fail "the description shows usage; krew-index asks for none"
platforms=$(grep -c '^  - selector:' "$MANIFEST")
assert_eq "$platforms" "$(grep -c '^    bin: kubectl-dsroll$' "$MANIFEST")" "bin: kubectl-dsroll in every platform"
for platform in "os: linux/arch: amd64" "os: linux/arch: arm64"; do
  grep -A3 '^  - selector:' "$MANIFEST" | tr -d '\n' | grep -q "${platform%/*} *${platform#*/}" ||
    fail "no platform ${platform/\// }"
done
pass "name, version, shortDescription (${#short} characters), wrapping, $platforms platforms"

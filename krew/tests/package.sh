#!/usr/bin/env bash
# Packs this build's executables with krew/make-archive and krew/make-manifest into
# $DSROLL_PACKAGE_DIR (for krew.archive, krew.manifest and krew.install), and checks:
# the archive's entries, modes, owners, mtimes and gzip header; its .sha256 file; that a second
# pack from copies of the executables (other paths, other mtimes) gives the same bytes; and the
# manifest's platforms, placeholders and --require-all.
source "$(dirname "$0")/lib.sh"

# The source date the release target uses: the last commit's time.
epoch=$(git -C "$DSROLL_SOURCE_DIR" log -1 --format=%ct 2>/dev/null || echo 1700000000)
work=$(mktemp -d /tmp/dsroll-krew-package.XXXXXX)
on_exit "rm -rf '$work'"

pack() { # pack BIN_DIR OUT_DIR
  "$KREW_DIR/make-archive" --bin-dir "$1" --license "$DSROLL_SOURCE_DIR/LICENSE" \
    --version "$DSROLL_VERSION" --os "$DSROLL_KREW_OS" --arch "$DSROLL_KREW_ARCH" \
    --out-dir "$2" --epoch "$epoch"
}

rm -rf "$DSROLL_PACKAGE_DIR"
assert_eq "$ARCHIVE" "$(pack "$DSROLL_BIN" "$DSROLL_PACKAGE_DIR")" "make-archive's output"
[[ -f $ARCHIVE && -f $ARCHIVE.sha256 ]] || fail "make-archive did not write $ARCHIVE and .sha256"
pass "packed $ARCHIVE_NAME ($(stat -c %s "$ARCHIVE") bytes)"

# --- the .sha256 file: sha256sum's format, lowercase, the archive's hash ---
sum_line=$(cat "$ARCHIVE.sha256")
[[ $sum_line =~ ^[0-9a-f]{64}\ \ $ARCHIVE_NAME$ ]] || fail "unexpected .sha256 line: $sum_line"
assert_eq "$(sha256sum "$ARCHIVE" | cut -d' ' -f1)" "${sum_line%% *}" "sha256 in the .sha256 file"
(cd "$DSROLL_PACKAGE_DIR" && sha256sum --quiet -c "$ARCHIVE_NAME.sha256") ||
  fail "sha256sum -c rejects $ARCHIVE_NAME.sha256"
pass ".sha256 file"

# --- entries: flat, sorted, root-owned, fixed modes and mtime ---
mtime=$(TZ=UTC date -d "@$epoch" '+%Y-%m-%d %H:%M')
expected=$(printf '%s 0/0 %s %s\n' \
  -rw-r--r-- "$mtime" LICENSE \
  -rwxr-xr-x "$mtime" dsrolld \
  -rwxr-xr-x "$mtime" kubectl-dsroll \
  -rwxr-xr-x "$mtime" kubectl_complete-dsroll)
actual=$(TZ=UTC tar --numeric-owner -tvzf "$ARCHIVE" | awk '{ print $1, $2, $4, $5, $6 }')
assert_eq "$expected" "$actual" "archive entries (mode owner mtime name)"
# gzip header: no file name flag (byte 3) and no time stamp (bytes 4-7).
assert_eq "00 00 00 00 00" "$(od -An -tx1 -j3 -N5 "$ARCHIVE" | xargs)" "gzip header flags and mtime"
pass "entries, owners, modes, mtimes, gzip header"

# --- stripped executables, LICENSE unchanged ---
mkdir "$work/x"
tar -xzf "$ARCHIVE" -C "$work/x"
for program in dsrolld kubectl-dsroll kubectl_complete-dsroll; do
  sections=$(readelf -S --wide "$work/x/$program")
  [[ $sections != *.symtab* && $sections != *.debug_* ]] || fail "$program is not stripped"
done
cmp -s "$work/x/LICENSE" "$DSROLL_SOURCE_DIR/LICENSE" || fail "LICENSE in the archive differs"
grep -q "Apache License" "$work/x/LICENSE" || fail "LICENSE is not the Apache License"
pass "stripped executables and LICENSE"

# --- same executables elsewhere, with other mtimes and modes: the same bytes ---
mkdir "$work/copied bin"
cp "$DSROLL_BIN"/{kubectl-dsroll,dsrolld,kubectl_complete-dsroll} "$work/copied bin/"
chmod 0700 "$work/copied bin"/*
touch -d '2001-02-03 04:05:06' "$work/copied bin"/*
(umask 077 && pack "$work/copied bin" "$work/second" >/dev/null)
cmp "$ARCHIVE" "$work/second/$ARCHIVE_NAME" || fail "a second pack gives other bytes"
cmp "$ARCHIVE.sha256" "$work/second/$ARCHIVE_NAME.sha256" || fail "a second .sha256 differs"
pass "a second pack from copies is byte-identical"

# --- the manifest: this platform filled in, the others placeholders unless given ---
manifest() { # manifest OUT [make-manifest options...]
  local out=$1
  shift
  "$KREW_DIR/make-manifest" --template "$KREW_DIR/dsroll.yaml.in" --version "$DSROLL_VERSION" \
    --homepage https://example.invalid/dsroll --url-base https://example.invalid/releases \
    --checksums-dir "$DSROLL_PACKAGE_DIR" --out "$out" "$@"
}
manifest "$MANIFEST" 2>"$work/manifest.err" >/dev/null
sha=${sum_line%% *}
grep -qx "  version: v$DSROLL_VERSION" "$MANIFEST" || fail "no version v$DSROLL_VERSION in $MANIFEST"
grep -qx "    uri: https://example.invalid/releases/v$DSROLL_VERSION/$ARCHIVE_NAME" "$MANIFEST" ||
  fail "no uri for $ARCHIVE_NAME in $MANIFEST"
grep -qx "    sha256: \"$sha\"" "$MANIFEST" || fail "the archive's sha256 is not in $MANIFEST"
! grep -n '@[A-Z0-9_]*@' "$MANIFEST" || fail "template placeholders left in $MANIFEST"
others=$(grep -o '@SHA256_[A-Z0-9_]*@' "$KREW_DIR/dsroll.yaml.in" | sort -u |
  tr '[:upper:]' '[:lower:]' | sed 's/@sha256_\(.*\)_\(.*\)@/\1\/\2/' |
  grep -vx "$DSROLL_KREW_OS/$DSROLL_KREW_ARCH" | xargs)
[[ -n $others ]] || fail "the template lists no platform besides $DSROLL_KREW_OS/$DSROLL_KREW_ARCH"
assert_contains "$(cat "$work/manifest.err")" "placeholder sha256 for $others" "make-manifest's warning"
assert_contains "$(head -n 1 "$MANIFEST")" "NOT FOR RELEASE: placeholder sha256 (all zeros) for $others" \
  "the manifest's first line"
pass "manifest: $DSROLL_KREW_OS/$DSROLL_KREW_ARCH filled in, placeholders for $others"

# --require-all refuses to write a manifest with placeholders ...
rc=0
manifest "$work/dsroll.yaml" --require-all >/dev/null 2>"$work/require.err" || rc=$?
assert_eq 1 "$rc" "make-manifest --require-all exit code without the other archives"
assert_contains "$(cat "$work/require.err")" "no archive for ${others%% *}" "--require-all's error"
[[ ! -e $work/dsroll.yaml ]] || fail "--require-all failed but wrote a manifest"
# ... and accepts the other platforms' .sha256 files from a second directory.
mkdir "$work/others"
for platform in $others; do
  name="kubectl-dsroll_v${DSROLL_VERSION}_${platform%/*}_${platform#*/}.tar.gz"
  echo "$(printf '%s' "$platform" | sha256sum | cut -d' ' -f1)  $name" >"$work/others/$name.sha256"
done
manifest "$work/dsroll.yaml" --checksums-dir "$work/others" --require-all >/dev/null
! grep -q "NOT FOR RELEASE\|0\{64\}" "$work/dsroll.yaml" || fail "placeholders with every platform given"
grep -qx "    sha256: \"$sha\"" "$work/dsroll.yaml" || fail "this platform's sha256 missing with --require-all"
pass "--require-all: fails without the other platforms, passes with them"

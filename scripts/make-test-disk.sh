#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Creates the boot test's disk: a 32 MiB ext4 image (mke2fs -d, no mount, no root needed) holding
# qs/data.txt, about 1 MiB of known text (so the guest's read spans many virtio-blk requests).
# Prints the file's sha256 on stdout; the test passes it to the guest as qs.sum=.
# Usage: scripts/make-test-disk.sh OUT.img
set -eu

[ $# = 1 ] || {
	echo "usage: $0 OUT.img" >&2
	exit 2
}
out=$1
mke2fs=$(command -v mke2fs || command -v /sbin/mke2fs || command -v /usr/sbin/mke2fs || true)
[ -n "$mke2fs" ] || {
	echo "make-test-disk: error: mke2fs not found (package e2fsprogs; scripts/install-deps.sh installs it)" >&2
	exit 1
}

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/qs"
seq -f 'quicksilver test line %06g: the quick brown fox jumps over the lazy dog' 1 14000 >"$dir/qs/data.txt"
rm -f "$out"
# Fixed UUID and hash seed: the same bytes every time. The guest mounts it read-write.
"$mke2fs" -q -F -t ext4 -L qs-test -U 5153aa00-0000-4000-8000-000000000001 \
	-E root_owner=0:0,hash_seed=5153aa00-0000-4000-8000-000000000002 -d "$dir" "$out" 32M >&2
sha256sum "$dir/qs/data.txt" | cut -d' ' -f1

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# -icount: the virtual clock counts instructions. The guest (icount.S) prints mtime after a
# busy loop and at eight timer interrupts; with a fixed shift and sleep=off two runs print the
# same lines, and Debian's QEMU 7.2 prints the same lines too (instruction counts exact at
# every device access). shift=auto and align=on run to the end.
. "$(dirname "$0")/tap.sh"
QS=${1:?usage: test-icount.sh QEMU ICOUNT_ELF}
ELF=${2:?usage: test-icount.sh QEMU ICOUNT_ELF}
REF=$(command -v qemu-system-riscv64 2>/dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit=$(scaled 30)

run() { # binary out icount-options
	timeout "$limit" "$1" -M virt -bios none -display none -serial stdio -icount "$3" \
		-kernel "$ELF" </dev/null 2>/dev/null | tr -d '\r' >"$2"
}

increasing() { # file: nine lines of hex, each larger than the one before
	python3 -c 'import sys
try:
    v = [int(l, 16) for l in open(sys.argv[1])]
except ValueError:
    sys.exit(1)
sys.exit(not (len(v) == 9 and all(a < b for a, b in zip(v, v[1:]))))' "$1"
}

run "$QS" "$tmp/a" shift=4,sleep=off
run "$QS" "$tmp/b" shift=4,sleep=off
if increasing "$tmp/a" && cmp -s "$tmp/a" "$tmp/b"; then
	ok "shift=4,sleep=off: two runs print the same times"
else
	not_ok "shift=4,sleep=off: two runs print the same times" "$(paste "$tmp/a" "$tmp/b")"
fi
for opt in shift=0,sleep=off shift=4,sleep=off shift=10,sleep=off; do
	if [ -z "$REF" ]; then
		skip "$opt: the same times as Debian's QEMU" "no reference qemu-system-riscv64"
		continue
	fi
	run "$QS" "$tmp/ours" "$opt"
	run "$REF" "$tmp/qemu" "$opt"
	if increasing "$tmp/ours" && cmp -s "$tmp/ours" "$tmp/qemu"; then
		ok "$opt: the same times as Debian's QEMU"
	else
		not_ok "$opt: the same times as Debian's QEMU" "ours / QEMU:" "$(paste "$tmp/ours" "$tmp/qemu")"
	fi
done
for opt in shift=auto shift=7,align=on shift=3; do
	run "$QS" "$tmp/o" "$opt"
	increasing "$tmp/o" && ok "$opt: runs to the end, time only grows" ||
		not_ok "$opt: runs to the end, time only grows" "$(cat "$tmp/o")"
done
tap_done

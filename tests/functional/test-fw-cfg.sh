#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fw_cfg on -M virt: a bare-metal guest reads every item through the selector and data
# registers and through DMA (select, read, skip, reads past the end, a write, a request aimed
# at nothing) and prints what it got; for each command line the output must be Debian's QEMU's
# (where installed), and in any case hold the values the command line asked for.
. "$(dirname "$0")/tap.sh"
QS=$1
ELF=$2
REF=$(command -v qemu-system-riscv64 2>/dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit=$(scaled 20)

run() { # binary out args...
	bin=$1 out=$2
	shift 2
	timeout "$limit" "$bin" -M virt -bios none -display none -serial stdio -kernel "$ELF" "$@" \
		</dev/null 2>/dev/null | tr -d '\r' >"$out"
}

n=0
check() { # title expected-line args...
	title=$1 want=$2
	shift 2
	n=$((n + 1))
	run "$QS" "$tmp/ours$n" "$@"
	if [ "$(tail -n 1 "$tmp/ours$n")" = done ] && grep -qxF -- "$want" "$tmp/ours$n"; then
		ok "$title"
	else
		not_ok "$title" "want the line: $want" "$(tail -n 8 "$tmp/ours$n")"
	fi
	if [ -z "$REF" ]; then
		skip "$title: the same as QEMU" "no reference qemu-system-riscv64"
		return
	fi
	run "$REF" "$tmp/ref$n" "$@"
	if cmp -s "$tmp/ours$n" "$tmp/ref$n"; then
		ok "$title: the same as QEMU"
	else
		not_ok "$title: the same as QEMU" "$(diff "$tmp/ref$n" "$tmp/ours$n" | head -20)"
	fi
}

check "signature, ID with DMA, UUID from -uuid" \
	"uuid 12 34 56 78 12 34 56 78 9a bc de f0 12 34 56 78" -uuid 12345678-1234-5678-9abc-def012345678
check "-boot menu=on,splash-time=,reboot-timeout= as files" \
	"file 0023 00000002 etc/boot-menu-wait" -boot menu=on,reboot-timeout=1000,splash-time=500
check "graphics=off reaches the firmware" "nographic 01 00" -M virt,graphics=off
check "DMA reads past an item's end give zeros" \
	"dma read past end 00000000 03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
tap_done

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# -M spike, QEMU's default riscv64 machine: a bare-metal program prints through HTIF and exits
# with its status through it (with and without -M: spike is the default), the device tree has
# QEMU's nodes, and OpenSBI starts on it with the banner QEMU 7.2 prints (the ISA lines aside:
# the CPUs differ). Each case beside Debian's QEMU where installed.
. "$(dirname "$0")/tap.sh"
QS=${1:?usage: test-spike.sh QEMU HTIF_ELF_0 HTIF_ELF_5 HTIF_SYMBOLS_ELF}
ELF0=${2:?} ELF5=${3:?} ELFSYM=${4:?}
REF=$(command -v qemu-system-riscv64 2>/dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit=$(scaled 20)

hello() { # NAME BINARY ELF WANT_RC [MACHINE...] (WANT_OUT: the line printed)
	name=$1 bin=$2 elf=$3 want=$4
	shift 4
	out=$(timeout "$limit" "$bin" "$@" -bios none -nographic -kernel "$elf" </dev/null 2>&1 |
		tr -d '\r' | grep -v '^qemu: module')
	rc=$(timeout "$limit" "$bin" "$@" -bios none -display none -serial null -kernel "$elf" \
		</dev/null >/dev/null 2>&1; echo $?)
	[ "$rc" = "$want" ] && [ "$out" = "${WANT_OUT:-Hello from spike}" ] && ok "$name" ||
		not_ok "$name" "exit $rc (want $want)" "output: $out"
}

hello "HTIF console and exit 0" "$QS" "$ELF0" 0 -M spike
hello "HTIF exit status 5" "$QS" "$ELF5" 5 -M spike
hello "no -M: spike, as QEMU's default" "$QS" "$ELF0" 0
if [ -n "$REF" ]; then
	hello "Debian's QEMU agrees (exit 0)" "$REF" "$ELF0" 0 -M spike
	hello "Debian's QEMU agrees (exit 5, no -M)" "$REF" "$ELF5" 5
else
	skip "Debian's QEMU agrees" "no reference qemu-system-riscv64"
fi

# riscv-tests style: tohost/fromhost symbols in the program's own RAM
WANT_OUT="Hello via symbols" hello "HTIF at the program's tohost/fromhost symbols" "$QS" "$ELFSYM" 3 -M spike
if [ -n "$REF" ]; then
	WANT_OUT="Hello via symbols" hello "Debian's QEMU agrees (symbols)" "$REF" "$ELFSYM" 3 -M spike
fi

# the device tree: QEMU's nodes
paths() {
	dtc -q -I dtb -O dts "$1" | awk '/{$/ { sub(/ *{$/, ""); sub(/^[ \t]+/, ""); depth++; p[depth] = $0;
		s = ""; for (i = 2; i <= depth; i++) s = s "/" p[i]; print (s == "" ? "/" : s) } /};$/ { depth-- }' | sort
}
if [ -n "$REF" ] && command -v dtc >/dev/null; then
	timeout "$limit" "$QS" -M spike,dumpdtb="$tmp/ours.dtb" -display none >/dev/null 2>&1
	timeout "$limit" "$REF" -M spike,dumpdtb="$tmp/qemu.dtb" -display none >/dev/null 2>&1
	if [ -s "$tmp/ours.dtb" ] && [ "$(paths "$tmp/ours.dtb")" = "$(paths "$tmp/qemu.dtb")" ]; then
		ok "device tree: the same nodes as QEMU's spike"
	else
		not_ok "device tree: the same nodes as QEMU's spike" "$(paths "$tmp/ours.dtb")"
	fi
else
	skip "device tree: the same nodes as QEMU's spike" "no reference qemu-system-riscv64 or dtc"
fi

# OpenSBI on spike finds its console in the HTIF node
fw=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
banner() { # BINARY: OpenSBI's banner up to the boot hart's privilege version
	timeout "$(scaled 5)" "$1" -M spike -nographic -bios "$fw" </dev/null 2>/dev/null |
		tr -d '\r' | sed -n '/^OpenSBI/,/^Boot HART Priv Version/p'
}
if [ ! -f "$fw" ]; then
	skip "OpenSBI's banner on spike" "no $fw (Debian's opensbi package)"
else
	banner "$QS" >"$tmp/ours.txt"
	if grep -q '^Platform Name *: ucbbar,spike-bare,qemu$' "$tmp/ours.txt" &&
		grep -q '^Boot HART Priv Version' "$tmp/ours.txt"; then
		ok "OpenSBI starts on spike, its console on HTIF"
	else
		not_ok "OpenSBI starts on spike, its console on HTIF" "$(cat "$tmp/ours.txt")"
	fi
	if [ -n "$REF" ]; then
		banner "$REF" >"$tmp/qemu.txt"
		cmp -s "$tmp/ours.txt" "$tmp/qemu.txt" && ok "OpenSBI's banner as under QEMU 7.2" ||
			not_ok "OpenSBI's banner as under QEMU 7.2" "$(diff "$tmp/qemu.txt" "$tmp/ours.txt")"
	fi
fi
tap_done

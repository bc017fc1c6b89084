#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# PCI configuration space as firmware first finds it: a bare-metal guest (pci-config.c) walks
# the ECAM of -M virt, numbering bridges' buses, and prints every non-zero dword of every
# function. For each command line the dump must be Debian's QEMU's, dword for dword: IDs,
# header, BARs, capability lists at QEMU's offsets and their contents, extended capabilities.
# One known difference is left out: the slot capability and control of pcie-root-port, where
# QEMU offers hot-plug and Quicksilver does not yet.
. "$(dirname "$0")/tap.sh"
QS=$1
ELF=$2
REF=$(command -v qemu-system-riscv64 2>/dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit=$(scaled 30)

if [ -z "$REF" ]; then
	skip "configuration space as under QEMU" "no reference qemu-system-riscv64"
	tap_done
	exit 0
fi

# dump BINARY OUT ARGS...: the guest's lines, root ports' slot dwords dropped
dump() {
	bin=$1 out=$2
	shift 2
	timeout "$limit" "$bin" -M virt -bios none -display none -serial stdio -kernel "$ELF" "$@" \
		</dev/null 2>/dev/null | tr -d '\r' |
		awk '$2 == "000" { port[$1] = ($3 == "000c1b36") }
		     !(port[$1] && ($2 == "068" || $2 == "06c")) { print }' >"$out"
}

printf 'disk' >"$tmp/disk.img"
n=0
check() { # title args...
	title=$1
	shift
	n=$((n + 1))
	dump "$QS" "$tmp/ours$n" "$@"
	dump "$REF" "$tmp/ref$n" "$@"
	if [ "$(tail -n 1 "$tmp/ours$n")" = done ] && cmp -s "$tmp/ours$n" "$tmp/ref$n"; then
		ok "$title: as under QEMU ($(($(wc -l <"$tmp/ours$n") - 1)) dwords)"
	else
		not_ok "$title: as under QEMU" "$(diff "$tmp/ref$n" "$tmp/ours$n" | head -20)"
	fi
}

check "the host bridge alone"
check "virtio-rng-pci" -device virtio-rng-pci
check "virtio-blk-pci" -drive if=none,id=d,file="$tmp/disk.img",format=raw -device virtio-blk-pci,drive=d
check "transitional and legacy-enabled virtio" -device virtio-rng-pci-transitional \
	-device virtio-rng-pci,disable-legacy=off,vectors=5
check "nvme" -device nvme,serial=x,max_ioqpairs=4,msix_qsize=8
# romfile=: QEMU's needs ipxe-qemu's ROM, and Quicksilver offers no option ROMs yet
check "virtio-net-pci" -netdev user,id=n -device virtio-net-pci,netdev=n,romfile=
check "multifunction" -device virtio-rng-pci,addr=5,multifunction=on -device virtio-rng-pci,addr=5.1
check "virtio-serial-pci" -device virtio-serial-pci -device virtio-serial-pci-transitional,max_ports=4 \
	-device pcie-root-port,id=rp9,chassis=9 -device virtio-serial-pci,bus=rp9,vectors=5
check "devices behind pcie-root-ports" -device pcie-root-port,id=rp1,chassis=1 \
	-device pcie-root-port,id=rp2,chassis=2,slot=3,port=7 -device nvme,serial=y,bus=rp2 \
	-device virtio-rng-pci,bus=rp1 -netdev user,id=n \
	-device pcie-root-port,id=rp3,chassis=3 -device virtio-net-pci,netdev=n,bus=rp3,romfile=
tap_done

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Disk throughput inside Debian's riscv64 Linux on the same raw disk image behind each of
# virtio-blk-device (virtio-mmio), virtio-blk-pci and nvme, and on a fresh qcow2 image (made by
# QEMU's qemu-img, so every write allocates) behind virtio-blk-pci, under Quicksilver and Debian's QEMU
# in the same run: sequential write and read of 32 MiB and 256 random 4 KiB reads, all O_DIRECT
# (the guest's init is tests/bench/disk-init.sh). Prints MB/s, reads/s and the ratio (>1: we are
# faster).
# What was read must be the same under both emulators (sha256 in the guest), or the row says so.
#
# Usage: tests/bench/disk.sh [path/to/our/qemu-system-riscv64 [runs]]   (best of runs, alternating)
# Env: QS_BENCH_MB (MiB written and read, 32), QS_BENCH_RAND (random reads, 256),
#      QS_BENCH_AIO (the drives' aio=, both emulators: threads, io_uring or native),
#      QS_BENCH_TIMEOUT (seconds one boot may take, 900), QS_BIOS, QS_BENCH_KEEP=1.
set -eu
bench_name=disk
bench_timeout=${QS_BENCH_TIMEOUT:-900}
mb=${QS_BENCH_MB:-32}
rand=${QS_BENCH_RAND:-256}
aio=${QS_BENCH_AIO:-threads}
runs=${2:-1}
. "$(dirname "$0")/lib.sh"
bench_setup "${1:-build/qemu-system-riscv64}"
here=$(cd "$(dirname "$0")" && pwd)
"$scripts/make-initramfs.sh" "$tmp/initrd.cpio.gz" --init "$here/disk-init.sh" 2>"$tmp/mkinitrd.log" || {
	cat "$tmp/mkinitrd.log" >&2
	bench_die "make-initramfs.sh failed"
}
devices="blk-mmio blk-pci nvme blk-pci-qcow2"

# run LABEL BINARY: one boot per device; LABEL.rates gets "device-workload MB/s" lines.
run() {
	_l=$tmp/$1
	: >"$_l.rates"
	: >"$_l.bad"
	for d in $devices; do
		fmt=raw
		case $d in
		blk-mmio) dev=virtio-blk-device,drive=hd0 disk=/dev/vda ;;
		blk-pci) dev=virtio-blk-pci,drive=hd0 disk=/dev/vda ;;
		nvme) dev=nvme,drive=hd0,serial=bench disk=/dev/nvme0n1 ;;
		blk-pci-qcow2) dev=virtio-blk-pci,drive=hd0 disk=/dev/vda fmt=qcow2 ;;
		esac
		if [ $fmt = qcow2 ]; then
			qemu-img create -q -f qcow2 "$tmp/disk.img" $((mb + 16))M
		else
			truncate -s 0 "$tmp/disk.img" && truncate -s $((mb + 16))M "$tmp/disk.img"
		fi
		echo "$bench_name: $d under ${1%-*} ($2), run ${1##*-} of $runs" >&2
		rc=0
		bench_boot "$_l-$d.log" "$tmp/initrd.cpio.gz" \
			"console=ttyS0 quiet qs.disk=$disk qs.mb=$mb qs.rand=$rand" "$2" \
			-drive file="$tmp/disk.img",if=none,id=hd0,format=$fmt,cache=none,aio=$aio -device "$dev" || rc=$?
		grep -q '^QS-BENCH-DONE' "$_l-$d.log" || echo "$d: boot: $(bench_why "$rc" "$_l-$d.log")" >>"$_l.bad"
		# sequential rows in MB/s, random reads in reads per second
		bench_markers "$_l-$d.log" QS-BENCH | awk -v d="$d" -v mb="$mb" -v nrand="$rand" '{
			amount = $2 == "rand-4k" ? nrand : mb * 1048576 / 1e6
			printf "%s-%s %.1f\n", d, $2, amount / ($3 > 0 ? $3 : 0.01) }' >>"$_l.rates"
		bench_markers "$_l-$d.log" QS-SUM | awk -v d="$d" '{ print d "-" $2, $3 }' >>"$tmp/sums"
		bench_markers "$_l-$d.log" QS-BENCH-FAIL | sed "s/^/$d: /" >>"$_l.bad"
	done
}

bench_runs
status=0
: >"$tmp/notes"
names="" rnames=""
for d in $devices; do
	for w in seq-write seq-read; do names="$names $d-$w"; done
	rnames="$rnames $d-rand-4k"
done
for n in $names $rnames; do
	if [ "$(awk -v n="$n" '$1 == n { print $2 }' "$tmp/sums" 2>/dev/null | sort -u | wc -l)" -gt 1 ]; then
		echo "$n DATA DIFFERS" >>"$tmp/notes"
		status=1
	fi
done
for e in $emulators; do
	bench_best max "$tmp/$e"-*.rates >"$tmp/$e.best"
done
echo
echo "disk throughput in Linux $QS_KVER, -smp 1, O_DIRECT, $mb MiB sequential, $rand random 4 KiB"
echo "reads; by the guest's clock, best of $runs run(s). Sequential, MB/s:"
# shellcheck disable=SC2086 # $names is a list of words
bench_table rate "$tmp/quicksilver.best" "$tmp/qemu.best" "$tmp/notes" $names || status=1
echo "Random 4 KiB reads per second (one dd process each: the guest's process start counts):"
# shellcheck disable=SC2086
bench_table rate "$tmp/quicksilver.best" "$tmp/qemu.best" "$tmp/notes" $rnames || status=1
for e in $emulators; do
	for f in "$tmp/$e"-*.bad; do
		[ -s "$f" ] || continue
		status=1
		echo "$(basename "$f" .bad): problems:"
		sed 's/^/  /' "$f"
	done
done
exit "$status"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Boot-to-poweroff wall time of Debian's riscv64 Linux (the boot test's init: hwrng read, ext4
# read + write on virtio-blk, poweroff) under Quicksilver and Debian's QEMU, in the same run.
# Usage: tests/bench/boot.sh [path/to/our/qemu-system-riscv64] [smp] [runs (best of)]
# Env: QS_BOOT_TIMEOUT (seconds one boot may take, 600), QS_BIOS (firmware for -bios).
set -eu
bench_name=boot
smp=${2:-1}
runs=${3:-1}
bench_timeout=${QS_BOOT_TIMEOUT:-600}
. "$(dirname "$0")/lib.sh"
bench_setup "${1:-build/qemu-system-riscv64}"

"$scripts/make-initramfs.sh" "$tmp/initrd.cpio.gz" --test 2>/dev/null
sum=$("$scripts/make-test-disk.sh" "$tmp/base.img" 2>/dev/null)

boot() { # boot QEMU: one boot with the test init, log in $tmp/log
	cp "$tmp/base.img" "$tmp/disk.img"
	bench_boot "$tmp/log" "$tmp/initrd.cpio.gz" "console=ttyS0 qs.sum=$sum qs.token=bench" "$1" \
		-drive file="$tmp/disk.img",if=none,id=hd0,format=raw -device virtio-blk-device,drive=hd0 \
		-device virtio-rng-device
}

measure() { # measure QEMU: prints the best wall time in seconds of $runs boots, or "failed: why"
	best=""
	i=0
	while [ "$i" -lt "$runs" ]; do
		i=$((i + 1))
		start=$(date +%s.%N)
		rc=0
		boot "$1" || rc=$?
		end=$(date +%s.%N)
		if [ "$rc" != 0 ] || ! grep -q '^QS-DISK-OK' "$tmp/log" || ! grep -q '^QS-RNG-OK' "$tmp/log"; then
			why="exit status $rc"
			[ "$rc" = 124 ] && why="timed out after $bench_limit s"
			[ "$rc" = 125 ] && why="kernel panic"
			grep -q '^QS-BOOT-OK' "$tmp/log" && why="$why, init ran"
			echo "failed: $why; last line: $(bench_last "$tmp/log")"
			return
		fi
		best=$(awk "BEGIN { t = $end - $start; b = \"$best\"; print (b == \"\" || t < b + 0) ? t : b }")
	done
	printf '%.2f\n' "$best"
}

echo "Linux $QS_KVER, -smp $smp, best of $runs; boot to poweroff, wall time"
t_ours=$(measure "$ours")
case $t_ours in failed*) echo "quicksilver: $t_ours" ;; *) echo "quicksilver: $t_ours s" ;; esac
if [ -n "$ref" ]; then
	t_ref=$(measure "$ref")
	case $t_ref in failed*) echo "qemu $ref_version: $t_ref" ;;
	*) echo "qemu $ref_version: $t_ref s" ;; esac
	case "$t_ours $t_ref" in
	*failed*) ;;
	*) printf 'ratio (quicksilver time / qemu time): %.2f\n' "$(bench_calc "$t_ours / $t_ref")" ;;
	esac
else
	echo "qemu: not installed (apt-get install qemu-system-misc), no ratio"
fi

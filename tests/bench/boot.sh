#!/bin/sh
# Boot-to-poweroff wall time of Debian's riscv64 Linux (the boot test's init: hwrng read, ext4
# read + write on virtio-blk, poweroff) under Quicksilver and Debian's QEMU, in the same run.
# Usage: tests/bench/boot.sh [path/to/our/qemu-system-riscv64] [smp] [runs (best of)]
set -eu
ours=${1:-build/qemu-system-riscv64}
smp=${2:-1}
runs=${3:-1}
ref=$(command -v qemu-system-riscv64 || true)
[ "$ref" = "$(readlink -f "$ours" 2>/dev/null || true)" ] && ref=""
scripts=$(cd "$(dirname "$0")/../../scripts" && pwd)
limit=${QS_BOOT_TIMEOUT:-600}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
guest=$("$scripts/fetch-guest.sh") || {
	echo "boot bench: cannot fetch the guest (see above)" >&2
	exit 1
}
eval "$guest"
"$scripts/make-initramfs.sh" "$tmp/initrd.cpio.gz" --test 2>/dev/null
sum=$("$scripts/make-test-disk.sh" "$tmp/base.img" 2>/dev/null)
bios=${QS_BIOS:-$QS_FIRMWARE}

boot() { # boot QEMU: one boot with the test init, log in $tmp/log
	cp "$tmp/base.img" "$tmp/disk.img"
	if [ -n "$bios" ]; then set -- "$1" -bios "$bios"; fi
	timeout -k 10 "$limit" "$@" -M virt -smp "$smp" -m 512M -nographic \
		-kernel "$QS_KERNEL" -initrd "$tmp/initrd.cpio.gz" \
		-append "console=ttyS0 qs.sum=$sum qs.token=bench" \
		-drive file="$tmp/disk.img",if=none,id=hd0,format=raw -device virtio-blk-device,drive=hd0 \
		-device virtio-rng-device </dev/null >"$tmp/log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do # a panicked guest never powers off
		grep -q 'end Kernel panic' "$tmp/log" 2>/dev/null && kill "$pid" 2>/dev/null
		sleep 0.2
	done
	wait "$pid"
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
			[ "$rc" = 124 ] && why="timed out after $limit s"
			grep -q 'end Kernel panic' "$tmp/log" && why="kernel panic"
			grep -q '^QS-BOOT-OK' "$tmp/log" && why="$why, init ran"
			echo "failed: $why; last line: $(tr -d '\r' <"$tmp/log" | grep -v '^$' | tail -n 1)"
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
	case $t_ref in failed*) echo "qemu $("$ref" -version | head -n 1 | awk '{print $4}'): $t_ref" ;;
	*) echo "qemu $("$ref" -version | head -n 1 | awk '{print $4}'): $t_ref s" ;; esac
	case "$t_ours $t_ref" in
	*failed*) ;;
	*) printf 'ratio (quicksilver time / qemu time): %.2f\n' "$(awk "BEGIN { print $t_ours / $t_ref }")" ;;
	esac
else
	echo "qemu: not installed (apt-get install qemu-system-misc), no ratio"
fi

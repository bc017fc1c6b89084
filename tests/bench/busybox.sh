#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# CPU-bound work inside Debian's riscv64 Linux, under Quicksilver and Debian's QEMU in the same
# run: busybox's awk makes a few MB of text from a fixed seed, then gzip, gzip -d, bzip2,
# bzip2 -d, sha256sum, awk (numbers and strings) and sort work on it in the guest's tmpfs. The
# guest times each workload itself (/proc/uptime) and prints it on the console (the init is
# tests/bench/busybox-init.sh); this script boots both emulators with the same kernel, initramfs
# and machine (-M virt -smp 1 -m 512M), and prints a table of the times and the ratio.
#
# So that a broken emulator cannot look fast, every workload's output is checksummed in the guest
# and must be the same under both emulators, the gzip/bzip2 round trips must give back the input,
# and the guest's clock must agree with the host's over the whole run (the host notes when the
# first and last marker lines arrive); a failure makes the row or a note say so, and exit 1.
#
# Usage: tests/bench/busybox.sh [path/to/our/qemu-system-riscv64 [runs]]
#   e.g. make && tests/bench/busybox.sh                 (our binary: build/qemu-system-riscv64)
#        tests/bench/busybox.sh build/qemu-system-riscv64 3   (best of 3 boots each, alternating)
# One run takes about a minute under QEMU, a few under Quicksilver. Not part of `make check`.
# Env: QS_BENCH_LINES (lines of text, 60000 = 3.6 MB), QS_BENCH_TIMEOUT (seconds one boot may
#      take, 1800), QS_BIOS (firmware for -bios), QS_CACHE_DIR (see scripts/fetch-guest.sh),
#      QS_BENCH_KEEP=1 (keep the console logs and print where).
set -eu
bench_name=busybox
bench_timeout=${QS_BENCH_TIMEOUT:-1800}
lines=${QS_BENCH_LINES:-60000}
runs=${2:-1}
for n in "$lines" "$runs"; do
	case $n in '' | *[!0-9]* | 0) echo "busybox: runs and QS_BENCH_LINES must be numbers > 0" >&2 && exit 2 ;; esac
done
. "$(dirname "$0")/lib.sh"
bench_setup "${1:-build/qemu-system-riscv64}"
here=$(cd "$(dirname "$0")" && pwd)
workloads="gen gzip gzip-d bzip2 bzip2-d sha256sum awk sort"

"$scripts/make-initramfs.sh" "$tmp/initrd.cpio.gz" --init "$here/busybox-init.sh" 2>"$tmp/mkinitrd.log" || {
	cat "$tmp/mkinitrd.log" >&2
	bench_die "make-initramfs.sh failed"
}

# run LABEL BINARY: one boot; leaves in $tmp LABEL.log (the console), LABEL.times ("name
# seconds"), LABEL.sums ("name sha256 bytes") and LABEL.bad (one line per problem).
run() {
	_l=$tmp/$1
	: >"$_l.bad"
	echo "$bench_name: running under ${1%-*} ($2), run ${1##*-} of $runs" >&2
	rc=0
	bench_boot "$_l.log" "$tmp/initrd.cpio.gz" "console=ttyS0 quiet qs.lines=$lines" "$2" || rc=$?
	bench_markers "$_l.log" QS-BENCH | awk '{ print $2, $3 }' >"$_l.times"
	bench_cpu "$_l.log" >"$_l.cpu"
	_load=$(bench_load "$_l.log")
	[ -z "$_load" ] || echo "${1%-*} $(echo "$_load" | sed 's/ .*//')" >>"$tmp/loads"
	bench_markers "$_l.log" QS-SUM | awk '{ print $2, $3, $4 }' >"$_l.sums"
	bench_markers "$_l.log" QS-BENCH-FAIL | sed 's/^QS-BENCH-FAIL /workload /' >>"$_l.bad"
	bench_markers "$_l.log" QS-CHECK | grep -v ' ok$' | sed 's/^QS-CHECK /round trip /' >>"$_l.bad" || true
	if [ "$rc" != 0 ] || ! grep -q '^QS-BENCH-DONE' "$_l.log"; then
		# The workload that was running: started, neither timed nor failed.
		_running=$(bench_markers "$_l.log" QS-BENCH-START | tail -n 1 | awk '{ print $2 }')
		if [ -n "$_running" ] && bench_markers "$_l.log" 'QS-BENCH\(-FAIL\)\{0,1\}' | grep -q "^[^ ]* $_running "; then
			_running=""
		fi
		echo "boot: $(bench_why "$rc" "$_l.log")${_running:+ (during $_running)}" >>"$_l.bad"
	fi
	bench_report "$1" 8
}

bench_runs

# Best (least) time of each workload over the runs; every output checksum of every run of both
# emulators must be the same.
status=0
: >"$tmp/notes"
for e in $emulators; do
	bench_best min "$tmp/$e"-*.times >"$tmp/$e.best"
	bench_best min "$tmp/$e"-*.cpu >"$tmp/$e.cpubest"
	for f in "$tmp/$e"-*.sums; do
		awk -v e="$e" '{ print $1, $2, e }' "$f"
	done
done >"$tmp/all.sums"
for w in $workloads; do
	if [ "$(awk -v w="$w" '$1 == w { print $2 }' "$tmp/all.sums" | sort -u | wc -l)" -gt 1 ]; then
		echo "$w OUTPUT DIFFERS: $(awk -v w="$w" '$1 == w { print $3, substr($2, 1, 12) }' "$tmp/all.sums" | sort -u | tr '\n' ' ')" >>"$tmp/notes"
		status=1
	fi
done

bytes=$(awk '$1 == "gen" { print $3; exit }' "$tmp"/quicksilver-*.sums)
echo
echo "busybox workloads in Linux $QS_KVER, -smp 1, $lines lines (${bytes:-?} bytes) of text;"
echo "seconds by the guest's clock, best of $runs run(s)"
# shellcheck disable=SC2086 # $workloads is a list of words
bench_table time "$tmp/quicksilver.best" "$tmp/qemu.best" "$tmp/notes" $workloads || status=1
echo
echo "host CPU seconds the emulator used during each workload, best of $runs run(s): other load on"
echo "the host stretches the guest's clock time, much less this. The emulators got$(awk '{ u[$1] = u[$1] " " $2 }
	END { printf " quicksilver%s", u["quicksilver"]; if ("qemu" in u) printf ", qemu%s", u["qemu"] }' "$tmp/loads" 2>/dev/null)"
echo "of a host CPU while the workloads ran."
: >"$tmp/nonotes"
# shellcheck disable=SC2086
bench_table time "$tmp/quicksilver.cpubest" "$tmp/qemu.cpubest" "$tmp/nonotes" $workloads || true
bench_problems || status=1
if [ "$status" = 0 ]; then
	if [ -n "$ref" ]; then
		echo "checks: outputs identical under both emulators, gzip and bzip2 round trips ok, guest clocks agree with the host's"
	else
		echo "checks: gzip and bzip2 round trips ok, guest clock agrees with the host's (no QEMU to compare with)"
	fi
fi
exit "$status"

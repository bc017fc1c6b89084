#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Boots Debian's riscv64 Linux on `-M virt` with a virtio-blk disk and a virtio-rng, under the
# given qemu-system-riscv64, once per SMP count; the test init (scripts/make-initramfs.sh --test)
# proves the machine works: it reads the hwrng, checks a file on the ext4 disk against qs.sum,
# writes one back and powers off. Afterwards debugfs/e2fsck check what the guest wrote.
# TAP; skips (with the reason) when the guest files cannot be fetched (no network and no cache).
# Usage: tests/functional/test-boot.sh QEMU_BINARY [SMP...]      (default SMP counts: 1 2)
# Env: QS_ACCEL (an -accel argument, e.g. tcg,backend=interp), QS_BOOT_MACHINE (-M's
#      argument, default virt; e.g. virt,aclint=on), QS_BOOT_SNAPSHOT=1 (-snapshot:
#      the guest's writes work but the image is left unchanged), QS_BOOT_BACKENDS=1 (the RNG
#      reads an -object rng-random and guest RAM is an -object memory-backend-file, share=on),
#      QS_BOOT_PCI=1 (the disk and the RNG are virtio-blk-pci and virtio-rng-pci; the PCI
#      functions and the interrupt controllers and port services Linux lists must be those it
#      lists under Debian's QEMU; =ports: each behind a
#      pcie-root-port of its own), QS_BOOT_DISK=nvme (the disk is an nvme controller),
#      QS_BOOT_NET=1 (a virtio-net NIC on -netdev user: DHCP, a file fetched from a host server,
#      the guest's own server reached through hostfwd=; =legacy: the same with -net nic -net user), QS_BOOT_COMPARE=1 (compare Linux's view with QEMU's even without PCI: the QS-IRQ lines),
#      QS_BOOT_REF=none (no comparison: QEMU 7.2 cannot run the command line),
#      QS_BOOT_IRQ_CHIPS="CHIP..." (device interrupts must all come through these controllers),
#      QS_BOOT_TIMEOUT (s, default 120 x QS_TIMEOUT_FACTOR: QEMU 7.2 takes 6-18 s here), QS_BIOS (-bios argument;
#      default the opensbi package's fw_dynamic.bin, else QEMU's default), QS_TEST_LOGDIR (keep logs)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tap.sh"
scripts=$here/../../scripts

qemu=${1:?usage: test-boot.sh QEMU_BINARY [SMP...]}
shift
smps=${*:-1 2}
limit=${QS_BOOT_TIMEOUT:-$(scaled 120)}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

skip_all() {
	for n in $smps; do skip "smp=$n: boot Debian's Linux" "$1"; done
	tap_done
	exit 0
}

command -v "$qemu" >/dev/null 2>&1 || [ -x "$qemu" ] || skip_all "no QEMU binary '$qemu'"
for tool in cpio mke2fs debugfs e2fsck; do
	command -v "$tool" >/dev/null 2>&1 || skip_all "'$tool' not installed (scripts/install-deps.sh)"
done
if ! guest=$("$scripts/fetch-guest.sh" 2>"$tmp/fetch.err"); then
	skip_all "guest files unavailable: $(grep 'error:' "$tmp/fetch.err" | tail -n 1 | sed 's/^fetch-guest: error: //')"
fi
eval "$guest"

# The test initramfs is reused across runs while the guest and the script that makes it are the same.
cache=${QS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quicksilver}
key=$( (cat "$scripts/make-initramfs.sh" && echo "$guest") | sha256sum | cut -c1-16)
initrd=$cache/initramfs/test-$key.cpio.gz
mkdir -p "$cache/initramfs"
if ! (
	flock -w 600 8 || exit 1 # tests running in parallel build it once
	[ -f "$initrd" ] && exit 0
	for f in "$cache"/initramfs/test-*.cpio.gz; do
		[ "$f" = "$initrd" ] || rm -f "$f"
	done
	"$scripts/make-initramfs.sh" "$initrd" --test 2>"$tmp/initrd.err"
) 8>"$cache/initramfs/.lock"; then
	not_ok "build the test initramfs" "$(cat "$tmp/initrd.err" 2>/dev/null)"
	tap_done
	exit 1
fi
sum=$("$scripts/make-test-disk.sh" "$tmp/base.img" 2>"$tmp/disk.err") || {
	not_ok "build the test disk" "$(cat "$tmp/disk.err")"
	tap_done
	exit 1
}

bios=${QS_BIOS:-$QS_FIRMWARE}
set -- # the -bios option, when there is one, and QS_ACCEL's -accel
[ -n "$bios" ] && set -- -bios "$bios"
[ -n "${QS_ACCEL:-}" ] && set -- "$@" -accel "$QS_ACCEL"

# view_same_as_qemu TITLE MACHINE_ARGS [-bios ...]: what the test init reports of the machine
# in $log (QS-PCI: the PCI functions; QS-IRQ: the controller behind each device interrupt)
# equals its report for the same command line under Debian's QEMU.
view_same_as_qemu() {
	ref=$(command -v qemu-system-riscv64 2>/dev/null || true)
	title=$1 margs=$2
	shift 2
	if [ -z "$ref" ] || [ "$ref" = "$(readlink -f "$qemu")" ]; then
		skip "$title: Linux's view of the machine is as under QEMU" "no reference qemu-system-riscv64"
		return
	fi
	cp "$tmp/base.img" "$tmp/ref.img"
	# shellcheck disable=SC2086 # a list of words without spaces
	timeout -k 10 "$limit" "$ref" -M "${QS_BOOT_MACHINE:-virt}" -smp "$n" $margs -nographic "$@" \
		-kernel "$QS_KERNEL" -initrd "$initrd" -append "console=ttyS0 qs.sum=$sum qs.token=x qs.disk=$disk $net_append" \
		-drive file="$tmp/ref.img",if=none,id=hd0,format=raw -device "$blk_dev,drive=hd0" \
		</dev/null 2>/dev/null | tr -d '\r' >"$tmp/ref.log" || true
	for what in PCI IRQ; do
		grep "^QS-$what:" "$tmp/ref.log" >"$tmp/ref.view" || true
		grep "^QS-$what:" "$log" >"$tmp/ours.view" || true
		if [ -s "$tmp/ref.view" ] && cmp -s "$tmp/ref.view" "$tmp/ours.view"; then
			ok "$title: QS-$what lines as under QEMU ($(wc -l <"$tmp/ours.view"))"
		elif [ "$what" = PCI ] && [ "${QS_BOOT_PCI:-0}" = 0 ]; then
			: # no PCI devices of the test's own: nothing to compare
		else
			not_ok "$title: QS-$what lines as under QEMU" "$(diff "$tmp/ref.view" "$tmp/ours.view")"
		fi
	done
}

# irqs_through TITLE CHIP...: every device interrupt in $log goes through one of the
# controllers CHIP (prefixes of /proc/interrupts' chip names), and each delivered some.
irqs_through() {
	title=$1
	shift
	pattern=$(echo "$*" | tr ' ' '|')
	stray=$(grep '^QS-IRQ:' "$log" | grep -v -E "^QS-IRQ: ($pattern)" || true)
	idle=""
	for chip in "$@"; do
		grep -q "^QS-IRQ: $chip.* used$" "$log" || idle="$idle $chip"
	done
	if grep -q '^QS-IRQ:' "$log" && [ -z "$stray" ] && [ -z "$idle" ]; then
		ok "$title: device interrupts arrive through $*"
	else
		not_ok "$title: device interrupts arrive through $*" "elsewhere: $stray" "none through:$idle"
	fi
}

# The host's side of the network test: a web server for the guest (data, then done), and
# ports for it and for the forwarded guest server.
if [ "${QS_BOOT_NET:-0}" != 0 ]; then
	mkdir -p "$tmp/www"
	head -c 100000 /dev/urandom >"$tmp/www/data"
	netsum=$(sha256sum <"$tmp/www/data" | cut -d' ' -f1)
	free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
	python3 -c 'import http.server, socketserver, sys, os
os.chdir(sys.argv[1])
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
s = socketserver.TCPServer(("127.0.0.1", 0), Quiet)
print(s.server_address[1], flush=True)
s.serve_forever()' "$tmp/www" >"$tmp/www.port" 2>/dev/null &
	www_pid=$!
	trap 'kill $www_pid 2>/dev/null; rm -rf "$tmp"' EXIT
	wait_until 10 test -s "$tmp/www.port" || true
	www_port=$(cat "$tmp/www.port")
fi

# net_host_side LOG: once the guest serves, fetch its token through the forwarded port, then
# let it finish; the result goes to $tmp/net.result.
net_host_side() {
	while kill -0 "$pid" 2>/dev/null && ! grep -q '^QS-NET-SERVING' "$1" 2>/dev/null; do
		sleep 0.2
	done
	python3 -c 'import urllib.request, sys
print(urllib.request.urlopen("http://127.0.0.1:%s/token" % sys.argv[1], timeout=30).read().decode().strip())' \
		"$fwd_port" >"$tmp/net.result" 2>&1 || true
	touch "$tmp/www/done"
}

for n in $smps; do
	t="smp=$n"
	[ -n "${QS_BOOT_MACHINE:-}" ] && t="$t, -M $QS_BOOT_MACHINE"
	# The RAM and the RNG: the board's own, or -object backends the user named.
	rng_dev=virtio-rng-device blk_dev=virtio-blk-device ports="" disk=/dev/vda
	case ${QS_BOOT_PCI:-0} in
	1)
		t="$t, PCI"
		rng_dev=virtio-rng-pci blk_dev=virtio-blk-pci
		;;
	ports)
		t="$t, PCI root ports"
		ports="-device pcie-root-port,id=rp1,chassis=1 -device pcie-root-port,id=rp2,chassis=2"
		rng_dev=virtio-rng-pci,bus=rp1 blk_dev=virtio-blk-pci,bus=rp2
		;;
	esac
	if [ "${QS_BOOT_DISK:-}" = nvme ]; then
		t="$t, NVMe"
		blk_dev=nvme,serial=qs-boot disk=/dev/nvme0n1
	fi
	if [ "${QS_BOOT_BACKENDS:-0}" = 1 ]; then
		t="$t, -object backends"
		machine_args="-object memory-backend-file,id=ram0,size=512M,mem-path=$tmp,share=on
			-machine memory-backend=ram0
			-object rng-random,id=rng0,filename=/dev/urandom $ports -device $rng_dev,rng=rng0"
	else
		machine_args="-m 512M $ports -device $rng_dev"
	fi
	net_append=""
	if [ "${QS_BOOT_NET:-0}" = legacy ]; then
		t="$t, -net nic -net user"
		fwd_port=$(free_port)
		rm -f "$tmp/www/done" "$tmp/net.result"
		machine_args="$machine_args -net nic -net user,hostfwd=tcp:127.0.0.1:$fwd_port-:80,tftp=$tmp/www"
		net_append="qs.net=$www_port qs.netsum=$netsum"
	elif [ "${QS_BOOT_NET:-0}" = 1 ]; then
		t="$t, virtio-net"
		net_dev=virtio-net-device
		# no option ROM: QEMU's needs ipxe-qemu's efi-virtio.rom, and Quicksilver has none
		[ "${QS_BOOT_PCI:-0}" != 0 ] && net_dev=virtio-net-pci,romfile=
		fwd_port=$(free_port)
		rm -f "$tmp/www/done" "$tmp/net.result"
		machine_args="$machine_args -netdev user,id=net0,hostfwd=tcp:127.0.0.1:$fwd_port-:80,tftp=$tmp/www
			-device $net_dev,netdev=net0 -object filter-dump,id=dump0,netdev=net0,file=$tmp/net.pcap"
		net_append="qs.net=$www_port qs.netsum=$netsum"
	fi
	if [ "${QS_BOOT_SNAPSHOT:-0}" = 1 ]; then
		t="$t, -snapshot"
		machine_args="$machine_args -snapshot"
	fi
	token=qs-$$-$n-$(date +%s)
	cp "$tmp/base.img" "$tmp/disk.img"
	before=$(sha256sum <"$tmp/disk.img")
	log=$tmp/boot-smp$n.log
	start=$(date +%s.%N)
	# shellcheck disable=SC2086 # machine_args is a list of words without spaces
	timeout -k 10 "$limit" "$qemu" -M "${QS_BOOT_MACHINE:-virt}" -smp "$n" $machine_args -nographic "$@" \
		-kernel "$QS_KERNEL" -initrd "$initrd" \
		-append "console=ttyS0 qs.sum=$sum qs.token=$token qs.disk=$disk $net_append" \
		-drive file="$tmp/disk.img",if=none,id=hd0,format=raw -device $blk_dev,drive=hd0 \
		</dev/null >"$log.raw" 2>&1 &
	pid=$!
	if [ "${QS_BOOT_NET:-0}" != 0 ]; then
		net_host_side "$log.raw" &
		net_pid=$!
	fi
	# A panicked guest never powers off: stop it then rather than at the timeout.
	panicked=0
	while kill -0 "$pid" 2>/dev/null; do
		if [ "$panicked" = 0 ] && grep -q 'end Kernel panic' "$log.raw" 2>/dev/null; then
			panicked=1
			sleep 1
			kill "$pid" 2>/dev/null || true
		fi
		sleep 0.2
	done
	rc=0
	wait "$pid" || rc=$?
	tr -d '\r' <"$log.raw" >"$log"
	end=$(date +%s.%N)
	secs=$(awk "BEGIN { printf \"%.1f\", $end - $start }")
	[ -n "${QS_TEST_LOGDIR:-}" ] && mkdir -p "$QS_TEST_LOGDIR" && cp "$log" "$QS_TEST_LOGDIR/"
	tail_log() { tail -n 25 "$log"; }

	if [ "$rc" = 0 ] && grep -q 'reboot: Power down' "$log"; then
		ok "$t: boots and powers off, exit status 0 (${secs} s)"
	elif [ "$panicked" = 1 ]; then
		not_ok "$t: boots and powers off, exit status 0" "kernel panic after ${secs} s (QEMU stopped)" "$(tail_log)"
	elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		not_ok "$t: boots and powers off, exit status 0" "timed out after ${limit} s (QS_BOOT_TIMEOUT)" "$(tail_log)"
	else
		not_ok "$t: boots and powers off, exit status 0" "exit status $rc after ${secs} s" "$(tail_log)"
	fi
	grep -q '^QS-BOOT-OK' "$log" && ok "$t: /init runs ($(sed -n 's/^QS-BOOT-OK //p' "$log"))" ||
		not_ok "$t: /init runs" "no QS-BOOT-OK"
	grep -q '^QS-CPUS='"$n"'$' "$log" && ok "$t: $n CPU(s) online" ||
		not_ok "$t: $n CPU(s) online" "$(grep '^QS-CPUS=' "$log" || echo 'no QS-CPUS line')"
	grep -q '^QS-MODULES-OK' "$log" && ok "$t: virtio/ext4 modules load" ||
		not_ok "$t: virtio/ext4 modules load" "$(grep 'QS-FAIL: insmod' "$log" || echo 'no QS-MODULES-OK')"
	grep -q '^QS-RNG-OK' "$log" && ok "$t: 64 bytes from virtio-rng" ||
		not_ok "$t: 64 bytes from virtio-rng" "$(grep 'QS-FAIL' "$log" || echo 'no QS-RNG-OK')"
	grep -q '^QS-DISK-OK' "$log" && ok "$t: $disk: ext4 file's sha256 matches, write + sync + umount" ||
		not_ok "$t: $disk: ext4 read/write" "$(grep 'QS-FAIL' "$log" || echo 'no QS-DISK-OK')"
	bad=$(grep -E 'Oops|(^|[] ])BUG:|WARNING:|Kernel panic|Unable to handle kernel|QS-FAIL' "$log" | head -n 10 || true)
	[ -z "$bad" ] && ok "$t: no Oops/BUG/WARNING/panic in the log" ||
		not_ok "$t: no Oops/BUG/WARNING/panic in the log" "$bad"
	got=$(debugfs -R "cat /qs/guest.txt" "$tmp/disk.img" 2>/dev/null || true)
	if [ "${QS_BOOT_SNAPSHOT:-0}" = 1 ]; then
		[ "$(sha256sum <"$tmp/disk.img")" = "$before" ] && [ "$got" != "qs.token=$token" ] &&
			ok "$t: the image is unchanged (the guest wrote to the temporary overlay)" ||
			not_ok "$t: the image is unchanged" "the guest's file: '$got'"
	else
		[ "$got" = "qs.token=$token" ] && ok "$t: the guest's file is on the disk image (debugfs)" ||
			not_ok "$t: the guest's file is on the disk image (debugfs)" "got: '$got'" "want: 'qs.token=$token'"
	fi
	if [ "${QS_BOOT_NET:-0}" != 0 ]; then
		wait "$net_pid" || true
		grep -q '^QS-NET-IP: 10.0.2.15/24 via 10.0.2.2 dns 10.0.2.3$' "$log" &&
			ok "$t: DHCP gives 10.0.2.15/24, gateway 10.0.2.2, DNS 10.0.2.3" ||
			not_ok "$t: DHCP lease" "$(grep 'QS-NET-IP\|QS-FAIL' "$log")"
		grep -q '^QS-NET-FETCH-OK' "$log" && ok "$t: 100 kB fetched from the host's server, sha256 matches" ||
			not_ok "$t: fetch from the host's server" "$(grep 'QS-FAIL' "$log")"
		[ "$(head -n 1 "$tmp/net.result" 2>/dev/null)" = "qs.token=$token" ] &&
			ok "$t: the host reaches the guest's server through hostfwd" ||
			not_ok "$t: hostfwd to the guest's server" "$(cat "$tmp/net.result" 2>/dev/null)"
		grep -q '^QS-NET-OK' "$log" && ok "$t: the guest sees the host finish" ||
			not_ok "$t: the guest sees the host finish" "$(grep 'QS-FAIL' "$log")"
		grep -q '^QS-NET-PING-OK' "$log" && ok "$t: the gateway answers ping" ||
			not_ok "$t: the gateway answers ping" "$(grep 'QS-FAIL' "$log")"
		grep -q '^QS-NET-TFTP-OK' "$log" && ok "$t: the file again over UDP, from tftp=" ||
			not_ok "$t: TFTP from tftp=" "$(grep 'QS-FAIL' "$log")"
		if [ "${QS_BOOT_NET:-0}" = legacy ]; then
			:
		elif ! command -v tcpdump >/dev/null 2>&1; then
			skip "$t: filter-dump's pcap read by tcpdump" "tcpdump not installed (scripts/install-deps.sh)"
		else
			dhcp=$(tcpdump -nr "$tmp/net.pcap" 2>/dev/null | grep -c 'BOOTP/DHCP')
			tftp=$(tcpdump -nr "$tmp/net.pcap" 2>/dev/null | grep -c 'RRQ "data"')
			[ "$dhcp" -ge 2 ] && [ "$tftp" -ge 1 ] &&
				ok "$t: filter-dump's pcap, read by tcpdump, shows the DHCP exchange ($dhcp) and the TFTP request" ||
				not_ok "$t: filter-dump's pcap read by tcpdump" "DHCP packets $dhcp, TFTP requests $tftp" \
					"$(tcpdump -nr "$tmp/net.pcap" 2>&1 | head -5)"
		fi
	fi
	fsck=$(e2fsck -fn "$tmp/disk.img" 2>&1) && ok "$t: e2fsck finds the image clean" ||
		not_ok "$t: e2fsck finds the image clean" "$fsck"
	[ -n "${QS_BOOT_IRQ_CHIPS:-}" ] && irqs_through "$t" $QS_BOOT_IRQ_CHIPS
	if [ "${QS_BOOT_REF:-qemu}" = qemu ] &&
		{ [ "${QS_BOOT_PCI:-0}" != 0 ] || [ "${QS_BOOT_COMPARE:-0}" = 1 ]; }; then
		view_same_as_qemu "$t" "$machine_args" "$@"
	fi
done
tap_done

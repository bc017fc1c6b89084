#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# -daemonize and -pidfile as a service manager uses them: the command returns 0 once the machine
# runs, the pidfile names the daemon (detached: no terminal, stdio on /dev/null), a second
# instance on the same pidfile is refused, SIGTERM ends the daemon and removes the file. The
# same checks run against Debian's QEMU where it is installed.
. "$(dirname "$0")/tap.sh"
QS=${1:?usage: test-daemon.sh QEMU}
REF=$(command -v qemu-system-riscv64 2>/dev/null)
tmp=$(mktemp -d)
trap 'for f in "$tmp"/*.pid; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done; rm -rf "$tmp"' EXIT
limit=$(scaled 20)
printf '\023\000\000\000' >"$tmp/k.bin" # a nop, then the guest spins in traps: it runs until ended

gone() { ! kill -0 "$1" 2>/dev/null; }

check() { # name binary
	name=$1 bin=$2 pidf="$tmp/$1.pid"
	timeout "$limit" "$bin" -M virt -display none -bios none -kernel "$tmp/k.bin" \
		-daemonize -pidfile "$pidf" >"$tmp/out" 2>&1
	rc=$?
	pid=$(cat "$pidf" 2>/dev/null)
	if [ "$rc" = 0 ] && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		ok "$name: -daemonize returns 0, the pidfile names a running daemon"
	else
		not_ok "$name: -daemonize returns 0, the pidfile names a running daemon" "exit $rc" \
			"$(cat "$tmp/out")"
		return
	fi
	out=$(readlink "/proc/$pid/fd/1")
	sid=$(awk '{ print $6 }' "/proc/$pid/stat")
	[ "$out" = /dev/null ] && [ "$sid" != "$$" ] && [ "$(cat "$pidf")" = "$pid" ] &&
		ok "$name: the daemon has its own session and stdio on /dev/null" ||
		not_ok "$name: the daemon has its own session and stdio on /dev/null" "fd 1: $out, session $sid"
	timeout "$limit" "$bin" -M virt -display none -bios none -kernel "$tmp/k.bin" \
		-daemonize -pidfile "$pidf" >"$tmp/out" 2>&1
	rc=$?
	grep -q "cannot create PID file: Cannot lock pid file: Resource temporarily unavailable" "$tmp/out" &&
		[ "$rc" = 1 ] && ok "$name: a second instance on the same pidfile is refused (exit 1)" ||
		not_ok "$name: a second instance on the same pidfile is refused (exit 1)" "exit $rc" "$(cat "$tmp/out")"
	wait_until 10 handles_signal "$pid" 15
	kill -TERM "$pid"
	if wait_until 10 gone "$pid" && [ ! -e "$pidf" ]; then
		ok "$name: SIGTERM ends the daemon and removes the pidfile"
	else
		not_ok "$name: SIGTERM ends the daemon and removes the pidfile" "pid $pid, pidfile: $(ls "$pidf" 2>&1)"
	fi
}

check quicksilver "$QS"
if [ -n "$REF" ]; then
	check qemu "$REF"
else
	skip "Debian's QEMU behaves the same" "no reference qemu-system-riscv64"
fi
tap_done

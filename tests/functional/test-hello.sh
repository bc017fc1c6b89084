#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The issue's "done when": a bare-metal program prints through the UART and the process exits
# with the finisher's status, as QEMU does; checked against Debian's QEMU where installed.
. "$(dirname "$0")/tap.sh"
QS=$1
PASS_ELF=$2
FAIL_ELF=$3
REF=$(command -v qemu-system-riscv64 2>/dev/null)
limit=$(scaled 20)

check() { # name binary elf want_status
	out=$(timeout "$limit" "$2" -M virt -bios none -nographic -kernel "$3" </dev/null 2>&1)
	rc=$?
	if [ "$rc" = "$4" ] && [ "$(printf '%s' "$out" | tr -d '\r')" = "Hello from riscv64" ]; then
		ok "$1"
	else
		not_ok "$1" "exit $rc (want $4)" "output: $out"
	fi
}

check "hello prints and exits 0" "$QS" "$PASS_ELF" 0
check "finisher failure code 7 is the exit status" "$QS" "$FAIL_ELF" 7
out=$(timeout "$limit" "$QS" -M virt -bios none -display none -serial null -kernel "$PASS_ELF" </dev/null 2>&1)
rc=$?
[ "$rc" = 0 ] && [ -z "$out" ] && ok "-serial null swallows the output" ||
	not_ok "-serial null swallows the output" "exit $rc: $out"
out=$(timeout "$limit" "$QS" -M virt -bios none -nographic -kernel /nonexistent </dev/null 2>&1)
rc=$?
[ "$rc" = 1 ] && printf '%s' "$out" | grep -q "could not load kernel '/nonexistent'" &&
	ok "missing kernel: clear error, exit 1" || not_ok "missing kernel: clear error, exit 1" "$out"
# -no-shutdown: the guest's poweroff stops it (QMP's query-status says "shutdown"), and the
# process stays until the host ends it
sock_dir=$(mktemp -d)
"$QS" -M virt -bios none -display none -serial null -no-shutdown -kernel "$PASS_ELF" \
	-qmp "unix:$sock_dir/qmp,server=on,wait=off" </dev/null >/dev/null 2>&1 &
pid=$!
qmp_status() {
	printf '%s\n' '{"execute":"qmp_capabilities"}' '{"execute":"query-status"}' |
		socat -t 2 - "UNIX-CONNECT:$sock_dir/qmp" 2>/dev/null >"$sock_dir/reply"
	grep -q '"status": "shutdown"' "$sock_dir/reply"
}
if wait_until 20 qmp_status && kill -0 "$pid" 2>/dev/null; then
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	[ "$rc" = 0 ] && ok "-no-shutdown stops the guest; SIGTERM ends it" ||
		not_ok "-no-shutdown stops the guest; SIGTERM ends it" "exit $rc"
else
	kill -9 "$pid" 2>/dev/null
	not_ok "-no-shutdown stops the guest; SIGTERM ends it" "$(cat "$sock_dir/reply")"
fi
rm -rf "$sock_dir"
# -nodefaults: no default serial port, so the guest's output goes nowhere, as in QEMU
for bin in "$QS" ${REF:+"$REF"}; do
	out=$(timeout "$limit" "$bin" -M virt -bios none -nographic -nodefaults -kernel "$PASS_ELF" \
		</dev/null 2>&1)
	rc=$?
	[ "$rc" = 0 ] && [ -z "$out" ] && ok "-nodefaults: no serial port, nothing printed ($bin)" ||
		not_ok "-nodefaults: no serial port, nothing printed ($bin)" "exit $rc: $out"
done
if [ -n "$REF" ]; then
	check "Debian's QEMU agrees (pass)" "$REF" "$PASS_ELF" 0
	check "Debian's QEMU agrees (fail 7)" "$REF" "$FAIL_ELF" 7
else
	skip "Debian's QEMU agrees" "no reference qemu-system-riscv64"
fi
tap_done

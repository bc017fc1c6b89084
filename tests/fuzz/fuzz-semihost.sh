#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The hostile semihosting guest (semihost-fuzz.c: 4000 random calls) against the emulator, in a
# directory of its own: it must run to its SYS_EXIT_EXTENDED(0), with no crash, no hang and no
# sanitizer report (under make check-asan).
. "$(dirname "$0")/../functional/tap.sh"
QS=$(realpath "${1:?usage: fuzz-semihost.sh QEMU FUZZ_ELF}")
ELF=$(realpath "${2:?usage: fuzz-semihost.sh QEMU FUZZ_ELF}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 timeout "$(scaled 60)" \
	"$QS" -M virt -bios none -display none -semihosting -kernel "$ELF" </dev/null \
	>/dev/null 2>"$tmp/err")
rc=$?
if [ "$rc" = 0 ] && ! grep -aqE 'Sanitizer|runtime error' "$tmp/err"; then
	ok "4000 random semihosting calls: answered, exit 0"
else
	not_ok "4000 random semihosting calls: answered, exit 0" "exit $rc" "$(grep -a -A20 -E 'Sanitizer|runtime error' "$tmp/err" | head -30)"
fi
tap_done

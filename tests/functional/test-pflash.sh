#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# virt's CFI flash banks as users give them: -drive if=pflash,unit=0 with code that runs in place
# (a guest program, M-mode with -bios none; or an S-mode payload OpenSBI enters), unit=1 with
# data the guest queries, programs and erases. The guest prints what the flash answers; where
# Debian's QEMU is installed the output and the written image must equal QEMU's, apart from the
# two datasheet rules we follow and QEMU does not (programming ANDs; an unconfirmed erase does
# nothing), which are checked for their own values.
. "$(dirname "$0")/tap.sh"
QS=$1
PROG=$2  # pflash.bin: the flash test program, linked at 0x20000000
HELLO=$3 # hello-flash.bin: prints a line and powers off, in any privilege mode
REF=$(command -v qemu-system-riscv64 2>/dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit=$(scaled 30)
SECTOR=262144

# a 32 MiB bank whose 32-bit word i holds i * 0x01010101
python3 -c '
import struct, sys
sys.stdout.buffer.write(b"".join(struct.pack("<I", (i * 0x01010101) & 0xffffffff) for i in range(8 << 20)))
' >"$tmp/data.img"
cp "$PROG" "$tmp/code.img" && truncate -s 32M "$tmp/code.img"

# guest BINARY DATA-IMAGE READONLY OUT: runs the program on pflash0 with DATA-IMAGE as pflash1
guest() {
	timeout "$limit" "$1" -M virt -bios none -display none -serial stdio \
		-drive if=pflash,unit=0,file="$tmp/code.img",format=raw,readonly=on \
		-drive if=pflash,unit=1,file="$2",format=raw,readonly="$3" </dev/null 2>&1 |
		tr -d '\r' >"$4"
}

# the lines where the datasheet and QEMU 7.2 part ways
DIFFERS='^(programmed twice|after unconfirmed) '

cp "$tmp/data.img" "$tmp/ours.img"
guest "$QS" "$tmp/ours.img" off "$tmp/ours.out"
if [ "$(tail -n 1 "$tmp/ours.out")" = done ] && grep -q '^00510051 00520052 00590059 00010001' "$tmp/ours.out"; then
	ok "a program runs in place from pflash0 and queries pflash1"
else
	not_ok "a program runs in place from pflash0 and queries pflash1" "$(tail -n 5 "$tmp/ours.out")"
fi
if grep -qx 'programmed twice ffffffff ffffffff 12345678 0f0ff0f0' "$tmp/ours.out" &&
	grep -qx 'after unconfirmed 11111111 ffffffff' "$tmp/ours.out"; then
	ok "programming only clears bits; an erase cancelled before its confirm erases nothing"
else
	not_ok "programming only clears bits; an unconfirmed erase erases nothing" \
		"$(grep -E "$DIFFERS" "$tmp/ours.out")"
fi
# what the guest wrote is in the image file: the buffered words, the erased block
words=$(od -A n -t x4 -j $((2 * SECTOR + 0x40)) -N 8 "$tmp/ours.img" | tr -s ' ')
erased=$(od -A n -t x4 -j $((SECTOR + 0x100)) -N 4 "$tmp/ours.img" | tr -d ' ')
if [ "$words" = " a0b0c000 a0b0c001" ] && [ "$erased" = ffffffff ]; then
	ok "buffered writes and erases reach the image file"
else
	not_ok "buffered writes and erases reach the image file" "words:$words erased: $erased"
fi

if [ -n "$REF" ]; then
	cp "$tmp/data.img" "$tmp/qemu.img"
	guest "$REF" "$tmp/qemu.img" off "$tmp/qemu.out"
	if [ "$(grep -vE "$DIFFERS" "$tmp/ours.out")" = "$(grep -vE "$DIFFERS" "$tmp/qemu.out")" ]; then
		ok "every other answer the same as QEMU's"
	else
		not_ok "every other answer the same as QEMU's" \
			"$(diff "$tmp/qemu.out" "$tmp/ours.out" | head -20)"
	fi
	# bytes differing from QEMU's image: only the word programmed twice and block 3
	odd=$(cmp -l "$tmp/ours.img" "$tmp/qemu.img" | awk -v s=$SECTOR '{ o = $1 - 1 }
		!(o >= s + 12 && o < s + 16) && !(o >= 3 * s && o < 4 * s) { print o; exit }')
	if [ -z "$odd" ]; then
		ok "the image written is QEMU's, apart from those two cases"
	else
		not_ok "the image written is QEMU's, apart from those two cases" "first odd byte: $odd"
	fi
	cp "$tmp/data.img" "$tmp/qro.img"
	guest "$REF" "$tmp/qro.img" on "$tmp/qro.out"
else
	skip "every other answer the same as QEMU's" "no reference qemu-system-riscv64"
	skip "the image written is QEMU's" "no reference qemu-system-riscv64"
fi

# readonly=on: every program and erase fails with QEMU's status bits, the file stays as it was
cp "$tmp/data.img" "$tmp/ro.img"
guest "$QS" "$tmp/ro.img" on "$tmp/ro.out"
if cmp -s "$tmp/ro.img" "$tmp/data.img" && grep -qx 'erase status 00a000a0' "$tmp/ro.out" &&
	grep -qx 'program status 00b000b0' "$tmp/ro.out" && [ "$(tail -n 1 "$tmp/ro.out")" = done ]; then
	ok "readonly=on: erase and program errors in the status, image unchanged"
else
	not_ok "readonly=on: erase and program errors in the status, image unchanged" \
		"$(grep status "$tmp/ro.out" | head -5)"
fi
if [ -n "$REF" ]; then
	if cmp -s "$tmp/ro.out" "$tmp/qro.out"; then
		ok "readonly=on: the same answers as QEMU's"
	else
		not_ok "readonly=on: the same answers as QEMU's" "$(diff "$tmp/qro.out" "$tmp/ro.out" | head)"
	fi
fi

# -snapshot: the guest's flash writes stay in the temporary overlay
cp "$tmp/data.img" "$tmp/snap.img"
timeout "$limit" "$QS" -M virt -bios none -display none -serial stdio -snapshot \
	-drive if=pflash,unit=0,file="$tmp/code.img",format=raw,readonly=on \
	-drive if=pflash,unit=1,file="$tmp/snap.img",format=raw </dev/null >"$tmp/snap.out" 2>&1
if cmp -s "$tmp/snap.img" "$tmp/data.img" && grep -q '^buffered ffffffff ffffffff a0b0c000' "$tmp/snap.out"; then
	ok "-snapshot: the guest sees its writes, the image file does not change"
else
	not_ok "-snapshot: the guest sees its writes, the image file does not change"
fi

# -bios default: OpenSBI runs first and enters the flash in S-mode (QEMU 8.1's rule, which
# Debian's EDK2 firmware for riscv64 expects; QEMU 7.2 jumped to the flash in M-mode)
cp "$HELLO" "$tmp/hello.img" && truncate -s 32M "$tmp/hello.img"
out=$(timeout "$limit" "$QS" -M virt -display none -serial stdio \
	-drive if=pflash,unit=0,file="$tmp/hello.img",format=raw,readonly=on </dev/null 2>&1 | tr -d '\r')
rc=$?
if printf '%s\n' "$out" | grep -q 'Domain0 Next Address *: 0x0*20000000' &&
	printf '%s\n' "$out" | grep -q 'Domain0 Next Mode *: S-mode' &&
	printf '%s\n' "$out" | grep -qx 'Hello from riscv64'; then
	ok "OpenSBI enters the firmware in pflash0 in S-mode"
elif printf '%s\n' "$out" | grep -q 'Unable to load the RISC-V firmware'; then
	skip "OpenSBI enters the firmware in pflash0 in S-mode" "no OpenSBI installed"
else
	not_ok "OpenSBI enters the firmware in pflash0 in S-mode" "$(printf '%s\n' "$out" | tail -n 5)"
fi

# -kernel beside such firmware goes to fw_cfg for it, not into RAM: the flash still runs
printf '\x13\x00\x00\x00' >"$tmp/kernel"
out=$(timeout "$limit" "$QS" -M virt -display none -serial stdio -kernel "$tmp/kernel" \
	-drive if=pflash,unit=0,file="$tmp/hello.img",format=raw,readonly=on </dev/null 2>&1 | tr -d '\r')
rc=$?
if [ "$rc" = 0 ] && printf '%s\n' "$out" | grep -qx 'Hello from riscv64'; then
	ok "-kernel with firmware in pflash0: the firmware still runs (the kernel is in fw_cfg)"
else
	not_ok "-kernel with firmware in pflash0: the firmware still runs" "exit $rc: $(printf '%s\n' "$out" | tail -n 3)"
fi
tap_done

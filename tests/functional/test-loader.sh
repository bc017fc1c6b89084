#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# -device loader, QEMU's generic loader, as boards' users use it instead of -kernel: the hello
# program as ELF, Intel HEX and uImage (plain and gzip), a pc set on CPU 0, and a value
# written at reset (0x5555 to the test finisher powers the machine off before any code runs).
# Each case runs on Debian's QEMU too, where installed, and must behave the same.
. "$(dirname "$0")/tap.sh"
QS=${1:?usage: test-loader.sh QEMU HELLO_ELF}
ELF=${2:?usage: test-loader.sh QEMU HELLO_ELF}
REF=$(command -v qemu-system-riscv64 2>/dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit=$(scaled 20)
OBJCOPY=riscv64-unknown-elf-objcopy

command -v "$OBJCOPY" >/dev/null || { skip "loader formats" "no $OBJCOPY"; tap_done; exit 0; }
"$OBJCOPY" -O ihex "$ELF" "$tmp/hello.hex"
"$OBJCOPY" -O binary "$ELF" "$tmp/hello.bin"
# uImage: a 64-byte big-endian header (magic, crcs, size, load, entry, os, arch, type, comp)
python3 - "$tmp/hello.bin" "$tmp" <<'PY'
import gzip, struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
for name, comp, payload in (('hello.uimg', 0, data), ('hello-gz.uimg', 1, gzip.compress(data))):
    def hdr(hcrc):
        return struct.pack('>7I4B32s', 0x27051956, hcrc, 0, len(payload), 0x80000000,
                           0x80000000, zlib.crc32(payload), 5, 26, 2, comp, b'hello')
    open(f'{sys.argv[2]}/{name}', 'wb').write(hdr(zlib.crc32(hdr(0))) + payload)
PY

# run NAME WANT_STATUS WANT_OUTPUT ARGS...: ours, and QEMU's where installed (unless
# $qemu_differs gives the reason it must not be asked)
run() {
	name=$1 want_rc=$2 want_out=$3
	shift 3
	bins=$QS
	if [ -n "$REF" ] && [ -n "${qemu_differs:-}" ]; then
		skip "$name (Debian's QEMU)" "$qemu_differs"
	elif [ -n "$REF" ]; then
		bins="$QS $REF"
	fi
	for bin in $bins; do
		out=$(timeout "$limit" "$bin" -M virt -bios none -display none -serial stdio "$@" \
			</dev/null 2>&1 | tr -d '\r' | grep -v '^qemu: module')
		rc=$(timeout "$limit" "$bin" -M virt -bios none -display none -serial null "$@" \
			</dev/null >/dev/null 2>&1; echo $?)
		who=$([ "$bin" = "$QS" ] && echo ours || echo "Debian's QEMU")
		if [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ]; then
			ok "$name ($who)"
		else
			not_ok "$name ($who)" "exit $rc (want $want_rc)" "output: $out"
		fi
	done
}

run "ELF with cpu-num=0: its entry is the pc" 0 "Hello from riscv64" \
	-device loader,file="$ELF",cpu-num=0
run "ELF loaded, pc set by a second loader" 0 "Hello from riscv64" \
	-device loader,file="$ELF" -device loader,addr=0x80000000,cpu-num=0
qemu_differs="QEMU 7.2 sign-extends a start address at or above 2 GiB (pc 0xffffffff80000000)"
run "Intel HEX: start linear address record is the entry" 0 "Hello from riscv64" \
	-device loader,file="$tmp/hello.hex",cpu-num=0
qemu_differs=""
run "uImage: load and entry addresses from the header" 0 "Hello from riscv64" \
	-device loader,file="$tmp/hello.uimg",cpu-num=0
run "uImage with gzip data" 0 "Hello from riscv64" \
	-device loader,file="$tmp/hello-gz.uimg",cpu-num=0
run "raw with force-raw at addr, pc set" 0 "Hello from riscv64" \
	-device loader,file="$tmp/hello.bin",addr=0x80000000,force-raw=on,cpu-num=0
run "data written at reset: 0x5555 to the finisher powers off" 0 "" \
	-device loader,addr=0x100000,data=0x5555,data-len=4
# QEMU's data-be: the 64-bit value big-endian, its first data-len bytes written
run "data-be: the 64-bit value's first bytes, big-endian (as QEMU)" 0 "" \
	-device loader,addr=0x100000,data=0x5555000000000000,data-len=4,data-be=on
run "data: 0x3333 with code 5 fails with status 5" 5 "" \
	-device loader,addr=0x100000,data=0x00053333,data-len=4
tap_done

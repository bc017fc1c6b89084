#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The device tree -M virt generates: decompiled with dtc, it must describe exactly the devices the
# board has, with QEMU's node names and the properties Linux reads; compared with Debian's QEMU
# where installed (QEMU also has nodes for devices we do not build: pmu, platform-bus).
. "$(dirname "$0")/tap.sh"
QS=$1
REF=$(command -v qemu-system-riscv64 2>/dev/null)
tmp=$(mktemp -d)
limit=$(scaled 20)
trap 'rm -rf "$tmp"' EXIT

dump() { # binary out.dts args...
	bin=$1 out=$2
	shift 2
	timeout "$limit" "$bin" -M virt,dumpdtb="$tmp/x.dtb" -display none "$@" >/dev/null 2>&1 &&
		dtc -q -I dtb -O dts -o "$out" "$tmp/x.dtb"
}

# node paths, one per line, sorted
paths() {
	awk '/{$/ { sub(/ *{$/, ""); sub(/^[ \t]+/, ""); name = $0; depth++; path[depth] = name;
		p = ""; for (i = 2; i <= depth; i++) p = p "/" path[i]; print (p == "" ? "/" : p) }
	     /};$/ { depth-- }' "$1" | sort
}

if ! command -v dtc >/dev/null 2>&1; then
	skip "device tree checks" "dtc not installed"
	tap_done
	exit 0
fi

printf '\x13\x00\x00\x00' >"$tmp/kernel" # one nop: -append needs a kernel, as in QEMU
if dump "$QS" "$tmp/ours.dts" -smp 2 -m 256M -bios none -kernel "$tmp/kernel" \
	-append "console=ttyS0 quiet"; then
	cp "$tmp/x.dtb" "$tmp/ours.dtb"
	ok "dumpdtb writes a tree dtc decompiles"
else
	not_ok "dumpdtb writes a tree dtc decompiles"
	tap_done
	exit 1
fi

has() { # name pattern
	if grep -q -- "$2" "$tmp/ours.dts"; then ok "$1"; else not_ok "$1" "missing: $2"; fi
}
has "two cpu nodes" 'cpu@1 {'
has "riscv,isa" 'riscv,isa = "rv64imafdc_'
has "riscv,isa-extensions" 'riscv,isa-extensions = "i\\0m\\0a\\0f\\0d\\0c'
has "mmu-type" 'mmu-type = "riscv,sv48"'
has "timebase" 'timebase-frequency = <0x989680>'
has "memory size from -m" 'reg = <0x00 0x80000000 0x00 0x10000000>'
has "bootargs from -append" 'bootargs = "console=ttyS0 quiet"'
has "stdout-path" 'stdout-path = "/soc/serial@10000000"'
has "rng-seed" 'rng-seed = <'
has "UART interrupt 10" 'interrupts = <0x0a>'
has "RTC interrupt 11" 'interrupts = <0x0b>'
has "virtio interrupt 8" 'interrupts = <0x08>'
has "PLIC sources" 'riscv,ndev = <0x60>'
has "CLINT lines of two harts" 'interrupts-extended = <0x[0-9a-f]* 0x03 0x[0-9a-f]* 0x07 0x[0-9a-f]* 0x03 0x[0-9a-f]* 0x07>'
has "poweroff syscon" 'compatible = "syscon-poweroff"'
has "reboot syscon" 'compatible = "syscon-reboot"'

# -cpu switches reach the tree: misa and the DT agree
dump "$QS" "$tmp/nozb.dts" -bios none -cpu rv64,zba=off,zbb=off
if ! grep -q 'zba\|zbb' "$tmp/nozb.dts" && grep -q '_zbc_zbs' "$tmp/nozb.dts"; then
	ok "-cpu rv64,zba=off,zbb=off drops them from the tree"
else
	not_ok "-cpu rv64,zba=off,zbb=off drops them from the tree"
fi

# CPU models: their extension sets and MMU, as QEMU's tree shows them
for model in "sifive-e51:rv64imac_:riscv,none" "sifive-u54:rv64imafdc_zicntr_zicsr_zifencei_zihpm\":riscv,sv48" \
	"shakti-c:rv64imafdc_zicntr_zicsr_zifencei_zihpm\":riscv,sv48" "any:rv64imafdc_zicbom:riscv,sv48"; do
	name=${model%%:*} rest=${model#*:}
	isa=${rest%%:*} mmu=${rest#*:}
	dump "$QS" "$tmp/cpu.dts" -bios none -cpu "$name"
	if grep -q "riscv,isa = \"$isa" "$tmp/cpu.dts" && grep -q "mmu-type = \"$mmu\"" "$tmp/cpu.dts"; then
		ok "-cpu $name: its extensions and MMU in the tree"
	else
		not_ok "-cpu $name: its extensions and MMU in the tree" "$(grep -E 'riscv,isa =|mmu-type' "$tmp/cpu.dts")"
	fi
done

# an initrd is announced with its range
printf 'initrd' >"$tmp/initrd"
dump "$QS" "$tmp/initrd.dts" -bios none -kernel "$tmp/kernel" -initrd "$tmp/initrd"
if grep -q 'linux,initrd-start' "$tmp/initrd.dts" && grep -q 'linux,initrd-end' "$tmp/initrd.dts"; then
	ok "initrd range in /chosen"
else
	not_ok "initrd range in /chosen"
fi

if [ -n "$REF" ] && dump "$REF" "$tmp/qemu.dts" -smp 2 -m 256M -cpu rv64,h=false \
	-kernel "$tmp/kernel" -append "console=ttyS0 quiet"; then
	# every node QEMU has, except the devices Quicksilver does not build, must be ours too
	paths "$tmp/qemu.dts" | grep -v -E '^/(pmu|platform-bus)' >"$tmp/qemu.paths"
	paths "$tmp/ours.dts" >"$tmp/ours.paths"
	missing=$(comm -23 "$tmp/qemu.paths" "$tmp/ours.paths")
	extra=$(comm -13 "$tmp/qemu.paths" "$tmp/ours.paths")
	if [ -z "$missing" ] && [ -z "$extra" ]; then
		ok "same nodes as Debian's QEMU (minus pmu, platform-bus)"
	else
		not_ok "same nodes as Debian's QEMU" "missing: $missing" "extra: $extra"
	fi
	# the two flash banks: one node, property for property
	node() { awk -v n="$2" '$0 ~ "^\t" n " {" { p = 1 } p { print } p && /^\t};/ { exit }' "$1" | sort; }
	if [ -n "$(node "$tmp/ours.dts" flash@20000000)" ] &&
		[ "$(node "$tmp/ours.dts" flash@20000000)" = "$(node "$tmp/qemu.dts" flash@20000000)" ]; then
		ok "flash node as in QEMU's tree"
	else
		not_ok "flash node as in QEMU's tree" "$(node "$tmp/ours.dts" flash@20000000)"
	fi
	if [ -n "$(node "$tmp/ours.dts" fw-cfg@10100000)" ] &&
		[ "$(node "$tmp/ours.dts" fw-cfg@10100000)" = "$(node "$tmp/qemu.dts" fw-cfg@10100000)" ]; then
		ok "fw-cfg node as in QEMU's tree"
	else
		not_ok "fw-cfg node as in QEMU's tree" "$(node "$tmp/ours.dts" fw-cfg@10100000)"
	fi
	# the PCIe host: windows, bus range, interrupt map (the PLIC's phandle may differ)
	pci() { awk '/^\t\tpci@30000000 {/ { p = 1 } p { print } p && /^\t\t};/ { exit }' "$1" |
		sed "s/$(plic_phandle "$1") 0x2/PLIC 0x2/g" | sort; }
	plic_phandle() { awk '/plic@c000000 {/ { p = 1 } p && /phandle/ { gsub(/[<>;]/, ""); print $3; exit }' "$1"; }
	if [ -n "$(pci "$tmp/ours.dts")" ] && [ "$(pci "$tmp/ours.dts")" = "$(pci "$tmp/qemu.dts")" ]; then
		ok "PCIe host node as in QEMU's tree"
	else
		not_ok "PCIe host node as in QEMU's tree" "$(pci "$tmp/ours.dts")"
	fi
else
	skip "same nodes as Debian's QEMU" "no reference qemu-system-riscv64"
fi

# aclint=on: the CLINT as ACLINT MSWI and MTIMER nodes, and an SSWI, as QEMU's tree has them
dump "$QS" "$tmp/acl.dts" -bios none -M virt,aclint=on
if [ -n "$REF" ] && dump "$REF" "$tmp/qacl.dts" -bios none -M virt,aclint=on -cpu rv64,h=false; then
	paths "$tmp/qacl.dts" | grep -v -E '^/(pmu|platform-bus)' >"$tmp/qacl.paths"
	paths "$tmp/acl.dts" >"$tmp/acl.paths"
	if cmp -s "$tmp/acl.paths" "$tmp/qacl.paths" &&
		grep -q 'compatible = "riscv,aclint-sswi"' "$tmp/acl.dts"; then
		ok "aclint=on: mswi, mtimer and sswi nodes as in QEMU's tree"
	else
		not_ok "aclint=on: mswi, mtimer and sswi nodes as in QEMU's tree" \
			"$(diff "$tmp/qacl.paths" "$tmp/acl.paths" 2>&1)"
	fi
elif grep -q 'compatible = "riscv,aclint-mswi"' "$tmp/acl.dts"; then
	ok "aclint=on: mswi, mtimer and sswi nodes"
else
	not_ok "aclint=on: mswi, mtimer and sswi nodes"
fi

# aia=aplic and aia=aplic-imsic: the APLIC domains and IMSICs where QEMU's tree has them, property
# for property; devices name the S-level APLIC, with two cells; PCIe MSIs go to the S-level IMSIC
for aia in aplic aplic-imsic; do
	dump "$QS" "$tmp/aia.dts" -smp 2 -bios none -M virt,aia=$aia
	if ! grep -q 'interrupts = <0x0a 0x04>' "$tmp/aia.dts" || grep -q '[^a]plic@' "$tmp/aia.dts"; then
		not_ok "aia=$aia: devices on the APLIC, no PLIC" "$(grep -A3 'serial@' "$tmp/aia.dts")"
	else
		ok "aia=$aia: devices on the APLIC, no PLIC"
	fi
	if [ -z "$REF" ] || ! dump "$REF" "$tmp/qaia.dts" -smp 2 -bios none -M virt,aia=$aia -cpu rv64,h=false; then
		skip "aia=$aia: interrupt controller nodes as in QEMU's tree" "no reference qemu-system-riscv64"
		continue
	fi
	paths "$tmp/qaia.dts" | grep -v -E '^/(pmu|platform-bus)' >"$tmp/qaia.paths"
	paths "$tmp/aia.dts" >"$tmp/aia.paths"
	node() { awk -v n="$2" '$0 ~ "^\t\t" n " {" { p = 1 } p { print } p && /^\t\t};/ { exit }' "$1" | sort; }
	bad=""
	for n in aplic@c000000 aplic@d000000 imsics@24000000 imsics@28000000 pci@30000000 serial@10000000; do
		[ "$(node "$tmp/aia.dts" $n)" = "$(node "$tmp/qaia.dts" $n)" ] || bad="$bad $n"
	done
	if cmp -s "$tmp/aia.paths" "$tmp/qaia.paths" && [ -z "$bad" ]; then
		ok "aia=$aia: interrupt controller nodes as in QEMU's tree"
	else
		not_ok "aia=$aia: interrupt controller nodes as in QEMU's tree" \
			"$(diff "$tmp/qaia.paths" "$tmp/aia.paths")" "nodes that differ:$bad"
	fi
	# the harts announce the AIA CSRs exactly when QEMU's do
	if [ "$(grep -c '_smaia_ssaia' "$tmp/aia.dts")" = "$(grep -c '_smaia_ssaia' "$tmp/qaia.dts")" ]; then
		ok "aia=$aia: smaia/ssaia in riscv,isa as in QEMU's tree"
	else
		not_ok "aia=$aia: smaia/ssaia in riscv,isa as in QEMU's tree" "$(grep 'riscv,isa =' "$tmp/aia.dts")"
	fi
done
out=$(timeout "$limit" "$QS" -M virt,aia=aplic-imsic,aia-guests=1 -bios none -display none 2>&1)
rc=$?
if [ "$rc" = 1 ] && printf '%s' "$out" | grep -q "aia-guests=1: guest interrupt files need the H extension"; then
	ok "aia-guests=1 is refused clearly (no H extension)"
else
	not_ok "aia-guests=1 is refused clearly (no H extension)" "exit $rc: $out"
fi

# -dtb: a user's tree is passed through, with /chosen filled in
dump "$QS" "$tmp/user.dts" -bios none -dtb "$tmp/ours.dtb" -kernel "$tmp/kernel" -append "from-user-dtb"
if grep -q 'bootargs = "from-user-dtb"' "$tmp/user.dts"; then
	ok "-dtb FILE is used, /chosen updated"
else
	not_ok "-dtb FILE is used, /chosen updated"
fi
printf 'not a dtb' >"$tmp/bad.dtb"
out=$(timeout "$limit" "$QS" -M virt -bios none -display none -dtb "$tmp/bad.dtb" 2>&1)
rc=$?
if [ "$rc" = 1 ] && printf '%s' "$out" | grep -q "Unable to copy device tree into memory: FDT_ERR_BADMAGIC"; then
	ok "a malformed -dtb is refused clearly"
else
	not_ok "a malformed -dtb is refused clearly" "exit $rc: $out"
fi
tap_done

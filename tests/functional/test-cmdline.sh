#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Command-line behaviour as a user sees it: help formats, error texts and exit codes, checked
# against fixed expectations and, where Debian's qemu-system-riscv64 is installed, against it.
. "$(dirname "$0")/tap.sh"
QS=${1:?usage: test-cmdline.sh path/to/qemu-system-riscv64}
REF=$(command -v qemu-system-riscv64 2>/dev/null)
[ "$REF" = "$(readlink -f "$QS")" ] && REF=
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit=$(scaled 10)

# run ARGS...: fills $out, $err, $rc
run() {
	timeout "$limit" "$QS" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# expect_error "expected stderr" ARGS...: exit status 1 and exactly that message
expect_error() {
	want=$1
	shift
	run "$@"
	if [ "$rc" = 1 ] && [ "$err" = "$want" ]; then
		ok "error: $*"
	else
		not_ok "error: $*" "exit $rc" "got: $err" "want: $want"
	fi
}

# same_as_qemu ARGS...: our stderr and status equal the reference QEMU's
same_as_qemu() {
	if [ -z "$REF" ]; then
		skip "same as QEMU: $*" "no reference qemu-system-riscv64"
		return
	fi
	run "$@"
	mine_rc=$rc mine_err=$err
	timeout "$limit" "$REF" "$@" >/dev/null 2>"$tmp/ref.raw" </dev/null
	ref_rc=$?
	# Debian's QEMU notes display modules it looks for and the host lacks (qemu-system-gui).
	grep -v "^qemu: module ui-.* not found" "$tmp/ref.raw" >"$tmp/ref"
	if [ "$mine_rc" = "$ref_rc" ] && [ "$mine_err" = "$(cat "$tmp/ref")" ]; then
		ok "same as QEMU: $*"
	else
		not_ok "same as QEMU: $*" "ours ($mine_rc): $mine_err" "qemu ($ref_rc): $(cat "$tmp/ref")"
	fi
}

# lines_in_qemu "what" OURS_ARGS: every line we print also appears in QEMU's output
lines_in_qemu() {
	what=$1
	shift
	if [ -z "$REF" ]; then
		skip "QEMU format: $what" "no reference qemu-system-riscv64"
		return
	fi
	run "$@"
	timeout "$limit" "$REF" "$@" >"$tmp/ref" 2>/dev/null </dev/null
	missing=$(printf '%s\n' "$out" | grep -vxF -f "$tmp/ref")
	if [ "$rc" = 0 ] && [ -n "$out" ] && [ -z "$missing" ]; then
		ok "QEMU format: $what"
	else
		not_ok "QEMU format: $what" "exit $rc" "lines QEMU does not print: $missing"
	fi
}

P=qemu-system-riscv64

# Errors, QEMU's texts
expect_error "$P: -device foo: 'foo' is not a valid device model name" -M none -device foo
expect_error "$P: -foo: invalid option" -foo
expect_error "$P: --bogus: invalid option" --bogus
expect_error "$P: -device: requires an argument" -M none -device
expect_error "$P: -name: requires an argument" -name
expect_error "$P: unsupported machine type
Use -machine help to list supported machines" -M bar
expect_error "$P: unable to find CPU model 'foo'" -M none -cpu foo
expect_error "$P: -m 100,foo=1: Invalid parameter 'foo'" -M none -m 100,foo=1
expect_error "$P: -m 1X: Parameter 'size' expects a non-negative number below 2^64
Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-
and exabytes, respectively." -M none -m 1X
expect_error "$P: Parameter 'smp.cpus' expects integer" -M none -smp abc
expect_error "$P: Invalid CPU topology: CPU topology parameters must be greater than zero" \
	-M none -smp 0
expect_error "$P: Invalid SMP CPUs 2. The max CPUs supported by machine 'none' is 1" -M none -smp 2
expect_error "$P: Property 'none-machine.foo' not found" -M none,foo=bar
expect_error "$P: -display foo: Parameter 'type' does not accept value 'foo'" -display foo
expect_error "$P: -chardev foo,id=x: 'foo' is not a valid char driver name" -M none -chardev foo,id=x
expect_error "$P: -chardev null: chardev: no id specified" -M none -chardev null
expect_error "$P: -chardev null,id=a: Duplicate ID 'a' for chardev" \
	-M none -chardev null,id=a -chardev null,id=a
expect_error "$P: -chardev file,id=f: chardev: file: no filename given" -M none -chardev file,id=f
expect_error "$P: -chardev null,id=1x: Parameter 'id' expects an identifier
Identifiers consist of letters, digits, '-', '.', '_', starting with a letter." \
	-M none -chardev null,id=1x
expect_error "$P: The -kernel parameter is not supported by machine 'none'" -M none -kernel /x

# Boot files that cannot be used: clear errors naming them, status 1
expect_error "$P: Unable to load the RISC-V firmware \"/nonexistent\": Could not open '/nonexistent': No such file or directory" \
	-M virt -bios /nonexistent -display none
expect_error "$P: could not load kernel '/nonexistent': Could not open '/nonexistent': No such file or directory" \
	-M virt -bios none -kernel /nonexistent -display none
head -c 70000000 /dev/zero >"$tmp/big.img"
printf '\023\000\000\000' >"$tmp/k.bin"
expect_error "$P: could not load initial ram disk '$tmp/big.img': '$tmp/big.img' is too large: 70000000 bytes, at most 67108864 fit at 0x84000000" \
	-M virt -m 128M -bios none -kernel "$tmp/k.bin" -initrd "$tmp/big.img" -display none
rm -f "$tmp/big.img"

# The rest of QEMU's machine command line (issue 10): accepted as QEMU accepts it, refused
# with its words, the checks made when QEMU makes them
D="-M virt,dumpdtb=$tmp/d.dtb"
for args in "-vga std $D" "-vga none $D" "-hda $tmp/k.bin $D" "$tmp/k.bin $D" \
	"$tmp/nonexist.img -M virt" "-hda $tmp/nonexist.img -M virt" "-cdrom $tmp/nonexist.iso -M virt" \
	"-hdb $tmp/k.bin -hdb $tmp/k.bin -M virt" "-cdrom $tmp/k.bin -hdc $tmp/k.bin -M virt" \
	"-sd $tmp/k.bin -M virt" "-mtdblock $tmp/k.bin -M virt" \
	"-uuid foo -M virt" "-uuid 12345678-1234-1234-1234-123456789abcd -M virt" \
	"-uuid 12345678-1234-1234-1234-123456789abc $D" \
	"-rtc base=foo -M virt" "-rtc clock=foo -M virt" "-rtc driftfix=x -M virt" "-rtc foo=1 -M virt" \
	"-rtc base=2006-06-17T16:01:21,clock=vm,driftfix=slew $D" "-rtc base=localtime,clock=rt $D" \
	"-boot order=foo -M virt" "-boot order=cz -M virt" "-boot menu=maybe -M virt" \
	"-boot foo=1 -M virt" "-boot splash-time=x -M virt" "-boot reboot-timeout=-5 -M virt" \
	"-boot order=c,order=d $D" "-boot once=z -M virt" "-boot menu -M virt" \
	"-boot strict=on,menu=off,splash=/nonexistent $D" "-boot c $D" \
	"-msg timestamp=maybe" "-msg foo=1" "-M virt -nographic -daemonize" \
	"-M virt -daemonize -serial stdio" "-net none $D" "-no-user-config -nodefaults $D" \
	"-M virt -pidfile /nonexistent/x" "-M virt -name g1 -msg guest-name=on -device foo" \
	"-icount shift=11 $D" "-icount shift=abc $D" "-icount shift=auto,align=on $D" \
	"-icount shift=4,sleep=off,align=on $D" "-icount foo=1 $D" "-icount 5 $D" "-icount align=on $D" \
	"-icount shift=7,align=on $D" "-icount shift=4 -accel tcg,thread=multi $D" \
	"-icount sleep=maybe $D" "-icount sleep=off $D"; do
	# shellcheck disable=SC2086 # word lists without spaces
	same_as_qemu -display none $args
done
run -M virt -display none -msg timestamp=on -device foo
if [ "$rc" = 1 ] && printf '%s\n' "$err" |
	grep -qE "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z $P: -device foo: 'foo' is not a valid device model name$"; then
	ok "-msg timestamp=on: QEMU's ISO 8601 UTC prefix"
else
	not_ok "-msg timestamp=on: QEMU's ISO 8601 UTC prefix" "exit $rc: $err"
fi

# Boot input QEMU refuses, refused with its words (issue 10's probes); the files are made here
: >"$tmp/empty.bin"
head -c $((63 << 20)) /dev/zero >"$tmp/initrd63.img"
printf 'not a dtb' >"$tmp/bad.dtb"
same_as_qemu -M virt -m 1M -bios none -kernel "$tmp/k.bin"
same_as_qemu -M virt -m 128M -bios none -kernel "$tmp/k.bin" -initrd "$tmp/initrd63.img"
same_as_qemu -M virt -bios none -dtb /dev/zero
same_as_qemu -M virt -bios none -dtb "$tmp/bad.dtb"
same_as_qemu -M virt -bios none -dtb /nonexistent
same_as_qemu -M virt -bios none -dtb "$tmp"
same_as_qemu -M virt -bios "$tmp/empty.bin"
same_as_qemu -M virt -bios none -kernel "$tmp/empty.bin"
same_as_qemu -M virt -bios none -initrd "$tmp/k.bin"
same_as_qemu -M virt -bios none -append foo
same_as_qemu -M virt,dumpdtb="$tmp/m.dtb" -m ''
rm -f "$tmp/initrd63.img"
# -dtb takes QEMU's own dumpdtb output (1 MiB, padded), and sizes its buffer as QEMU does
if [ -n "$REF" ]; then
	timeout "$limit" "$REF" -M virt,dumpdtb="$tmp/qemu.dtb" -display none >/dev/null 2>&1
	timeout "$limit" "$REF" -M virt,dumpdtb="$tmp/qemu2.dtb" -display none -bios none \
		-dtb "$tmp/qemu.dtb" >/dev/null 2>&1
	run -M virt,dumpdtb="$tmp/ours.dtb" -bios none -dtb "$tmp/qemu.dtb"
	if [ "$rc" = 0 ] && [ "$(stat -c %s "$tmp/ours.dtb")" = "$(stat -c %s "$tmp/qemu2.dtb")" ] &&
		dtc -q -I dtb -O dts "$tmp/ours.dtb" >/dev/null 2>&1; then
		ok "-dtb reads QEMU's 1 MiB dumpdtb output; the tree keeps QEMU's size"
	else
		not_ok "-dtb reads QEMU's 1 MiB dumpdtb output" "exit $rc: $err" \
			"sizes: $(stat -c %s "$tmp/ours.dtb" "$tmp/qemu2.dtb" 2>&1 | tr '\n' ' ')"
	fi
else
	skip "-dtb reads QEMU's 1 MiB dumpdtb output" "no reference qemu-system-riscv64"
fi

expect_error "$P: -drive file=x.img: Could not open 'x.img': No such file or directory" \
	-M none -drive file=x.img
# gdbstub options refused as QEMU refuses them
for args in "-M none -s" "-M none -gdb tcp::1234" "-M virt -gdb foo" "-M virt -gdb tcp:1" \
	"-M virt -gdb unix:/nonexistent/x,server=on"; do
	# shellcheck disable=SC2086
	same_as_qemu -display none -serial null $args
done
# Monitor options refused as QEMU refuses them
for args in "-mon chardev=x" "-mon c,mode=foo" "-mon chardev=c,pretty=on" "-mon mode=control" \
	"-qmp foo" "-monitor foo" "-qmp tcp:1" "-mon chardev=c,bogus=1" "-qmp-pretty unix:/nonexistent/x,server=on"; do
	# shellcheck disable=SC2086
	same_as_qemu -M none -display none -chardev null,id=c $args
done

# ... but asking for none of them is fine
"$QS" -M none -display none -nic none -monitor none >/dev/null 2>"$tmp/err" </dev/null &
pid=$!
wait_until 10 handles_signal $pid 15
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
[ "$rc" = 0 ] && ok "-nic none and -monitor none accepted" ||
	not_ok "-nic none and -monitor none accepted" "exit $rc" "$(cat "$tmp/err")"

# The same errors, compared with QEMU itself
same_as_qemu -M none -device foo
same_as_qemu -foo
same_as_qemu -M none -device
same_as_qemu -M bar
same_as_qemu -M none -cpu foo
same_as_qemu -M none -m 100,foo=1
same_as_qemu -M none -m 1X
same_as_qemu -M none -smp abc
same_as_qemu -M none,foo=bar
same_as_qemu -display foo
same_as_qemu -M none -chardev foo,id=x
same_as_qemu -M none -chardev null
same_as_qemu -M none -chardev null,id=a -chardev null,id=a
same_as_qemu -M none -chardev file,id=f
same_as_qemu -M none -serial foo
# virtio-serial and its ports: QEMU's numbering and its errors
same_as_qemu -M virt -bios none -device virtconsole
same_as_qemu -M virt -bios none -device virtio-serial-device -device virtserialport,nr=0
same_as_qemu -M virt -bios none -device virtio-serial-device,max_ports=2 -device virtserialport,nr=2
same_as_qemu -M virt -bios none -device virtio-serial-device,max_ports=2 -device virtconsole \
	-device virtserialport -device virtserialport
same_as_qemu -M virt -bios none -device virtio-serial-device -device virtserialport,name=a \
	-device virtserialport,name=a
same_as_qemu -M virt -bios none -device virtio-serial-device -device virtserialport,nr=3 \
	-device virtserialport,nr=3
same_as_qemu -M virt -bios none -device virtio-serial-device,max_ports=0
same_as_qemu -M virt -bios none -device virtio-serial-device,max_ports=512
same_as_qemu -M virt -bios none -chardev null,id=c -device virtio-serial-device \
	-device virtconsole,chardev=c -device virtserialport,chardev=c
same_as_qemu -M virt -bios none -device virtio-serial-device -device virtconsole,chardev=nope
same_as_qemu -M virt -bios none -device virtio-serial-pci,id=vs1 -device virtserialport,bus=vs1.1
lines_in_qemu "virtio-serial-device,help" -M virt -device virtio-serial-device,help
lines_in_qemu "virtconsole,help" -M virt -device virtconsole,help
lines_in_qemu "virtserialport,help" -M virt -device virtserialport,help
# legacy udp: and /dev/ spellings
same_as_qemu -M virt -bios none -serial udp:5555
same_as_qemu -M virt -bios none -serial udp::5555@4444
same_as_qemu -M virt -bios none -serial /dev/nonexistent
same_as_qemu -M virt -bios none -chardev udp,id=u
same_as_qemu -M virt -bios none -chardev serial,id=s
same_as_qemu -M none -drive file=x.img
# qcow2 headers QEMU refuses, and force-share on a writable drive: QEMU's words
truncate -s 1M "$tmp/plain.img"
printf 'QFI\373\0\0\0\4' | dd of="$tmp/v4.qcow2" conv=notrunc 2>/dev/null && truncate -s 64K "$tmp/v4.qcow2"
printf 'QFI\373\0\0\0\3\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\36' | dd of="$tmp/cb30.qcow2" conv=notrunc 2>/dev/null &&
	truncate -s 64K "$tmp/cb30.qcow2"
same_as_qemu -M none -drive file="$tmp/plain.img",if=none,format=qcow2
same_as_qemu -M none -drive file="$tmp/v4.qcow2",if=none
same_as_qemu -M none -drive file="$tmp/cb30.qcow2",if=none
same_as_qemu -M none -drive file="$tmp/plain.img",if=none,format=raw,force-share=on
same_as_qemu -M none -blockdev driver=file,filename="$tmp/plain.img",node-name=f,force-share=on
# -drive backing=/backing.*: a node, a format, a file of the drive's own choosing; QEMU's words
qemu-img create -q -f qcow2 -b plain.img -F raw "$tmp/top.qcow2"
for b in backing=nope backing=null backing.driver=qcow2 backing.driver=foo \
	backing.driver=raw,backing.file.filename=/nonexistent backing.driver=qcow2,backing.file.filename="$tmp/plain.img"; do
	same_as_qemu -M none -drive file="$tmp/top.qcow2",if=none,format=qcow2,$b
done
same_as_qemu -M none -blockdev driver=qcow2,node-name=t3,file.driver=file,file.filename="$tmp/top.qcow2",backing=nope
# cache-clean-interval: QEMU's words for what it refuses
for v in x 99999999999; do
	same_as_qemu -M none -drive file="$tmp/top.qcow2",if=none,format=qcow2,cache-clean-interval=$v
done
# lazy-refcounts: a v3 image's feature only, and a qcow2 option only
qemu-img create -q -f qcow2 -o compat=0.10 "$tmp/v2.qcow2" 1M
for a in lazy-refcounts=on lazy-refcounts=x format=raw,lazy-refcounts=on; do
	same_as_qemu -M none -drive file="$tmp/v2.qcow2",if=none,$a
done
same_as_qemu -M none -blockdev driver=qcow2,node-name=q0,file.driver=file,file.filename="$tmp/v2.qcow2",lazy-refcounts=on
# aio=: native needs O_DIRECT, wherever it is asked for; unknown engines are refused
for a in aio=native file.aio=native aio=native,cache.direct=off aio=bogus file.aio=bogus; do
	same_as_qemu -M none -drive file="$tmp/plain.img",if=none,format=raw,$a
done
same_as_qemu -M none -blockdev driver=file,filename="$tmp/plain.img",node-name=f0,aio=native
same_as_qemu -M none -blockdev driver=raw,node-name=r0,file.driver=file,file.filename="$tmp/plain.img",file.aio=native
same_as_qemu -M none -blockdev driver=file,filename="$tmp/plain.img",node-name=f0,aio=x
same_as_qemu -accel foo
same_as_qemu -M none -accel kvm
same_as_qemu -M none -accel tcg,bar=1
# -object: checked as it is read, created before the machine, QEMU's texts throughout
same_as_qemu -M virt -object foo
same_as_qemu -M virt -object foo,id=x
same_as_qemu -M virt -object rng-random
same_as_qemu -M virt -object rng-random,id=1a
same_as_qemu -M virt -object rng-random,id=a,bar=1
same_as_qemu -M virt -object rng-random,id=a -object rng-builtin,id=a
same_as_qemu -M virt -object rng-random,id=r,filename=/nonexistent
same_as_qemu -M virt -object memory-backend-ram,id=m
same_as_qemu -M virt -object memory-backend-file,id=m,size=128M
same_as_qemu -M virt -object memory-backend-ram,id=m,size=1X
same_as_qemu -M virt,memory-backend=zz
same_as_qemu -M virt -m 128M -object memory-backend-ram,id=m,size=64M -M memory-backend=m
same_as_qemu -M virt -object memory-backend-file,id=m,size=64M,mem-path=/nonexistent/x -M memory-backend=m
same_as_qemu -M virt -object rng-builtin,id=r -device virtio-rng-device,rng=nothere
same_as_qemu -object
# -global and -set: QEMU's parsing, errors and warnings; the values reach the devices
# -drive if=pflash: virt's two banks take exactly 32 MiB images; other units and boards refuse
truncate -s 1M "$tmp/small.img"
truncate -s 32M "$tmp/bank.img"
same_as_qemu -M virt -bios none -drive if=pflash,file="$tmp/small.img",format=raw
same_as_qemu -M virt -bios none -drive if=pflash,file="$tmp/bank.img",format=raw,unit=2
same_as_qemu -M virt -bios none -drive if=pflash,file="$tmp/bank.img",format=raw,bus=1
same_as_qemu -M spike -bios none -drive if=pflash,file="$tmp/bank.img",format=raw
same_as_qemu -M virt -bios none -drive if=pflash,file=/nonexistent,format=raw
lines_in_qemu "-device cfi.pflash01,help" -device cfi.pflash01,help
# PCI: placement errors, the virtio PCI types and their aliases, -drive if=virtio on PCI
same_as_qemu -M virt -bios none -device virtio-rng-pci,addr=3 -device virtio-rng-pci,addr=3
same_as_qemu -M virt -bios none -device virtio-rng-pci,addr=0x20
same_as_qemu -M virt -bios none -device virtio-rng-pci,addr=3.8
same_as_qemu -M virt -bios none -device virtio-rng-pci,addr=x
same_as_qemu -M virt -bios none -device virtio-rng-pci,bus=nope
same_as_qemu -M virt -bios none -device virtio-rng-pci,disable-legacy=on,disable-modern=on
same_as_qemu -M spike -bios none -drive if=virtio,file="$tmp/bank.img",format=raw
same_as_qemu -M spike -bios none -device virtio-rng
lines_in_qemu "-device virtio-blk-pci,help" -device virtio-blk-pci,help
lines_in_qemu "-device help" -device help
lines_in_qemu "-device pcie-root-port,help" -device pcie-root-port,help
lines_in_qemu "-device nvme,help" -device nvme,help
lines_in_qemu "-device nvme-ns,help" -device nvme-ns,help
same_as_qemu -M virt -bios none -drive if=none,id=a,file="$tmp/bank.img",format=raw -device nvme-ns,drive=a
same_as_qemu -M virt -bios none -device nvme,id=c0,serial=x -device nvme-ns,bus=c0
same_as_qemu -M virt -bios none -drive if=none,id=a,file="$tmp/bank.img",format=raw,readonly=on -drive if=none,id=b,file="$tmp/bank.img",format=raw,readonly=on -device nvme,id=c0,serial=x -device nvme-ns,drive=a,nsid=1 -device nvme-ns,drive=b,nsid=1
same_as_qemu -M virt -bios none -device nvme
same_as_qemu -M virt -bios none -drive if=none,id=d,file="$tmp/bank.img",format=raw -device nvme,drive=d
same_as_qemu -M virt -bios none -device pcie-root-port -device pcie-root-port
same_as_qemu -M virt -bios none -device pcie-root-port,id=rp,chassis=1 -device virtio-rng-pci,bus=rp,disable-legacy=on,disable-modern=on
lines_in_qemu "-device virtio-rng,help (an alias)" -device virtio-rng,help
lines_in_qemu "-device virtio-rng-pci-non-transitional,help" -device virtio-rng-pci-non-transitional,help
same_as_qemu -M virt -device cfi.pflash01
same_as_qemu -M virt,dumpdtb="$tmp/g.dtb" -global foo.bar=1
same_as_qemu -M virt,dumpdtb="$tmp/g.dtb" -global goldfish_rtc.x=1
same_as_qemu -M virt,dumpdtb="$tmp/g.dtb" -global virtio-rng-device.foo=1
same_as_qemu -M virt -global driver=a
same_as_qemu -M virt -global a.b
same_as_qemu -M virt -global .b=1
same_as_qemu -M virt -global driver=virtio-mmio,property=force-legacy,value=on,foo=1
same_as_qemu -M virt -global virtio-mmio.nope=1
same_as_qemu -M virt -global driver=virtio-mmio,property=force-legacy,value=maybe
same_as_qemu -M virt -global rv64-riscv-cpu.zba=maybe
# -cpu MODEL,features: key=value pairs only, applied as globals of the CPU type
same_as_qemu -M virt -bios none -cpu rv64,help
same_as_qemu -M virt -bios none -cpu rv64,zba
same_as_qemu -M virt -bios none -cpu rv64,zba=maybe
same_as_qemu -M virt -bios none -cpu rv64,zba=off,,nope=1
same_as_qemu -M virt -global virtio-rng-device.period=0 -device virtio-rng-device
same_as_qemu -M virt,dumpdtb="$tmp/g.dtb" -global virtio-rng-device.period=0 -device virtio-rng-device,period=9
same_as_qemu -M virt -set blah.x.y=1
same_as_qemu -M virt -set device.x
same_as_qemu -M virt -set device.x.y=1
same_as_qemu -M virt -set device.r.period=5 -device virtio-rng-device,id=r
same_as_qemu -M virt -device virtio-rng-device,id=r -set device.r.period=0
same_as_qemu -M virt,dumpdtb="$tmp/g.dtb" -device virtio-rng-device,id=r,period=0 -set device.r.period=9
same_as_qemu -M virt,dumpdtb="$tmp/g.dtb" -drive if=none,id=d,file=/nonexistent -set drive.d.file="$tmp/g.dtb"
same_as_qemu -M virt,dumpdtb="$tmp/g.dtb" -device virtio-rng-device,any_layout,nonotify_on_empty

# virt's aia= and aia-guests= checked with QEMU's texts; guest files need the H extension
same_as_qemu -M virt,aia=foo -display none -bios none
same_as_qemu -M virt,aia-guests=9 -display none -bios none
same_as_qemu -M virt,aia-guests=-1 -display none -bios none
expect_error "qemu-system-riscv64: aia-guests=2: guest interrupt files need the H extension, which Quicksilver's harts do not have yet" \
	-M virt,aia=aplic-imsic,aia-guests=2 -display none -bios none
run -M virt,aia=none,aia-guests=0x9,dumpdtb="$tmp/aia.dtb" -bios none
[ "$rc" = 0 ] && [ -s "$tmp/aia.dtb" ] && ok "aia=none and aia-guests=0x9 (read as 0, as QEMU) accepted" ||
	not_ok "aia=none and aia-guests=0x9 accepted" "exit $rc" "$err"

# Help output in QEMU's formats
lines_in_qemu "-machine help" -machine help
lines_in_qemu "-machine none,help" -machine none,help
lines_in_qemu "-chardev help" -chardev help
lines_in_qemu "-display help" -display help
lines_in_qemu "-d help" -d help
lines_in_qemu "-accel help" -accel help
# -chardev NAME,help: every backend's options in QemuOpts' format (input-path is QEMU 8's,
# x-out-buffer our own: the console's output bound)
if [ -n "$REF" ]; then
	run -chardev file,help
	timeout "$limit" "$REF" -chardev file,help >"$tmp/ref" 2>/dev/null </dev/null
	missing=$(printf '%s\n' "$out" | grep -v '^  input-path=\|^  x-out-buffer=' | grep -vxF -f "$tmp/ref")
	if [ "$rc" = 0 ] && [ "$(printf '%s\n' "$out" | head -1)" = "chardev options:" ] &&
		[ -z "$missing" ] && printf '%s\n' "$out" | grep -q '^  signal=<bool (on/off)>$'; then
		ok "QEMU format: -chardev file,help"
	else
		not_ok "QEMU format: -chardev file,help" "exit $rc" "lines QEMU does not print: $missing"
	fi
else
	skip "QEMU format: -chardev file,help" "no reference qemu-system-riscv64"
fi
same_as_qemu -M none -chardev null,id=c,path=/nonexistent,signal=off -chardev foo,id=d
same_as_qemu -M none -chardev null,id=c,append=maybe
# -drive format=help: the drivers that registered themselves, each one QEMU has too
run -M none -drive format=help
if [ -n "$REF" ]; then
	qemu_formats=$(timeout "$limit" "$REF" -M none -drive format=help 2>/dev/null | sed -n 's/^Supported formats: //p')
	extra=""
	for f in $(printf '%s\n' "$out" | sed -n 's/^Supported formats: //p'); do
		case " $qemu_formats " in *" $f "*) ;; *) extra="$extra $f" ;; esac
	done
	[ "$rc" = 0 ] && [ -z "$extra" ] && printf '%s\n' "$out" | grep -q '^Supported formats: file host_device qcow2 raw$' &&
		ok "-drive format=help lists the registered drivers, all known to QEMU" ||
		not_ok "-drive format=help lists the registered drivers" "exit $rc, not QEMU's:$extra" "$out"
else
	skip "-drive format=help lists the registered drivers" "no reference qemu-system-riscv64"
fi
lines_in_qemu "-cpu help" -cpu help
lines_in_qemu "-object help" -object help
lines_in_qemu "-object rng-random,help" -object rng-random,help
lines_in_qemu "-object rng-builtin,help" -object rng-builtin,help
lines_in_qemu "-object memory-backend-ram,help" -object memory-backend-ram,help
lines_in_qemu "-object memory-backend-file,help" -object memory-backend-file,help
lines_in_qemu "-machine virt,help" -machine virt,help
lines_in_qemu "virtio-rng-device,help" -M virt -device virtio-rng-device,help

run -d foo
if [ "$rc" = 1 ] && printf '%s\n' "$out" | grep -q '^in_asm '; then
	ok "-d with an unknown item lists the items and fails"
else
	not_ok "-d with an unknown item lists the items and fails" "exit $rc"
fi
run -version
# The first line as tools that read QEMU's version parse it; the second says what this is.
if [ "$rc" = 0 ] && printf '%s\n' "$out" | head -1 | grep -Eq '^QEMU emulator version [0-9]+\.[0-9]+\.[0-9]+ ' &&
	printf '%s\n' "$out" | sed -n 2p | grep -q '^Quicksilver .*it is not QEMU$'; then
	ok "-version"
else
	not_ok "-version" "exit $rc: $out"
fi
run -h
if [ "$rc" = 0 ] && printf '%s\n' "$out" | grep -q '^-machine \[type=\]name'; then
	ok "-h lists options"
else
	not_ok "-h lists options" "exit $rc"
fi
# -h lists only QEMU's own spellings, and only options we take: each one, given a bad value or
# none, fails on that value and not as an unknown option.
mine_opts=$(printf '%s\n' "$out" | sed -n 's/^\(-[a-z][a-z0-9-]*\).*/\1/p' | sort -u)
if [ -n "$REF" ]; then
	ref_opts=$("$REF" -h 2>/dev/null | sed -n 's/^\(-[a-z][a-z0-9-]*\).*/\1/p' | sort -u)
	# -perfmap is QEMU 8.1's option, newer than the reference
	extra=$(printf '%s\n' "$mine_opts" | while read -r o; do
		printf '%s\n-perfmap\n' "$ref_opts" | grep -qx -- "$o" || printf '%s ' "$o"
	done)
	[ -z "$extra" ] && ok "-h lists only options QEMU's -h lists" ||
		not_ok "-h lists only options QEMU's -h lists" "not in QEMU's: $extra"
else
	skip "-h lists only options QEMU's -h lists" "no reference qemu-system-riscv64"
fi
unknown=""
for o in $mine_opts; do
	# the unknown option after it stops the run before a machine starts
	run "$o" --no-such-option --no-such-option
	case "$err" in *": $o: invalid option"*) unknown="$unknown $o" ;; esac
done
[ -z "$unknown" ] && ok "every option -h lists is taken" || not_ok "every option -h lists is taken" "$unknown"
run -machine help
if [ "$rc" = 0 ] && [ "$(printf '%s\n' "$out" | head -1)" = "Supported machines are:" ]; then
	ok "-machine help header"
else
	not_ok "-machine help header" "$out"
fi
run -M none -device help
[ "$rc" = 0 ] && ok "-device help exits 0" || not_ok "-device help exits 0" "exit $rc"
"$QS" -M none -d in_asm,int,exec,cpu,unimp,guest_errors -D "$tmp/log" -display none -S \
	>/dev/null 2>"$tmp/err" </dev/null &
pid=$!
wait_until 10 handles_signal $pid 15
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
err=$(cat "$tmp/err")
if [ "$rc" = 0 ] && [ -f "$tmp/log" ]; then
	ok "-d items and -D file accepted"
else
	not_ok "-d items and -D file accepted" "exit $rc" "$err"
fi

# A running machine: -m 8G costs nothing until touched; SIGTERM ends it cleanly with status 0
"$QS" -M none -m 8G -display none >"$tmp/out" 2>"$tmp/err" </dev/null &
pid=$!
# RSS is read once the 8 GiB of guest RAM are mapped, and before SIGTERM is sent, its handler.
ram_mapped() {
	while read -r range _; do
		[ $((0x${range#*-} - 0x${range%-*})) -ge $((8 << 30)) ] && return 0
	done <"/proc/$1/maps"
	return 1
}
mapped=yes
wait_until 10 ram_mapped $pid || mapped=no
wait_until 10 handles_signal $pid 15
rss=$(awk '/^VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null)
kill -TERM $pid
wait $pid
rc=$?
if [ "$mapped" = yes ] && [ -n "$rss" ] && [ "$rss" -lt 200000 ]; then
	ok "-m 8G is reserved lazily (RSS ${rss} kB)"
else
	not_ok "-m 8G is reserved lazily" "8 GiB mapped: $mapped; RSS ${rss} kB"
fi
if [ "$rc" = 0 ] && grep -q "terminating on signal 15 from pid" "$tmp/err"; then
	ok "SIGTERM exits 0 with QEMU's message"
else
	not_ok "SIGTERM exits 0 with QEMU's message" "exit $rc" "$(cat "$tmp/err")"
fi

# Networking: -netdev user's checks and the NIC properties, QEMU's texts
same_as_qemu -M none -display none -netdev user
same_as_qemu -M none -display none -netdev foo,id=n
same_as_qemu -M none -display none -netdev user,id=n0,foo=1
for rule in tcp::abc-:22 tcp:2222-:22 tcp::2222:22 foo::2222-:22 tcp::2222-:0 tcp::70000-:22 \
	tcp::2222-:22x tcp::2222-1.2.3.x:22 ; do
	same_as_qemu -M none -display none -netdev "user,id=n,hostfwd=$rule"
done
for opt in net=10.0.3.0/33 net=foo host=10.0.9.2 dhcpstart=10.0.9.20 \
	net=10.0.3.0/24,host=10.0.4.1 ipv4=off,ipv6=off; do
	same_as_qemu -M none -display none -netdev "user,id=n,$opt"
done
same_as_qemu -M virt -display none -bios none -device virtio-net-device,netdev=zz
same_as_qemu -M virt -display none -bios none -netdev user,id=n0 \
	-device virtio-net-device,netdev=n0 -device virtio-net-device,netdev=n0
same_as_qemu -M virt -display none -bios none -device virtio-net-device,mac=xyz
lines_in_qemu "-device virtio-net-device,help" -device virtio-net-device,help
# -netdev socket, stream and dgram: the checks and texts of QEMU 7.2's parsers
for nd in 'socket,id=n0' 'socket,id=n0,listen=:1,connect=127.0.0.1:1' \
	'socket,id=n0,udp=127.0.0.1:5000' 'socket,id=n0,listen=127.0.0.1' \
	'socket,id=n0,mcast=127.0.0.1:5000' 'socket,id=n0,fd=99' 'socket,id=n0,localaddr=1.2.3.4,listen=:5' \
	'socket,id=n0,connect=nosuchhost.invalid:1' 'stream,id=n0' 'stream,id=n0,addr.type=foo' \
	'stream,id=n0,addr.type=inet,addr.host=127.0.0.1' 'stream,id=n0,addr.host=x' \
	'stream,id=n0,addr.type=inet,addr.host=127.0.0.1,addr.port=1,bogus=1' \
	'stream,id=n0,addr.type=unix,addr.path=/x,addr.host=y' \
	'stream,id=n0,addr.type=inet,addr.host=a,addr.port=1,addr.numeric=maybe' 'dgram,id=n0' \
	'dgram,id=n0,local.type=inet' 'dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port=5000' \
	'dgram,id=n0,remote.type=inet,remote.host=127.0.0.1,remote.port=5000' \
	'dgram,id=n0,local.type=unix,local.path=/tmp/qsx1' 'dgram,id=n0,remote.type=fd,remote.str=2' \
	'dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port=5000,remote.type=unix,remote.path=/x' \
	'dgram,id=n0,local.type=fd,local.str=77' \
	'dgram,id=n0,local.type=fd,local.str=1,remote.type=inet,remote.host=1.2.3.4,remote.port=5' \
	'tap,id=n0,fd=0,script=no' 'tap,id=n0,ifname=a/b,script=no' 'tap,id=n0,fd=0' \
	'tap,id=n0,helper=/bin/false' 'tap,id=n0,script=/bin/false' 'tap,id=n0,vnet_hdr=maybe' \
	'tap,id=n0,fd=88' 'user,id=n0,guestfwd=' 'user,id=n0,guestfwd=tcp:10.0.2.100:1234' \
	'user,id=n0,guestfwd=udp:10.0.2.100:1234-cmd:cat' 'user,id=n0,guestfwd=:10.0.2.100:0-cmd:cat' \
	'user,id=n0,guestfwd=:abc:1234-cmd:cat' 'user,id=n0,guestfwd=tcp:10.0.2.100:1234-foo:bar' \
	'user,id=n0,guestfwd=tcp:1.2.3.4:1234-cmd:cat' 'user,id=n0,guestfwd=tcp:10.0.2.100:1234-chardev:nope' \
	'user,id=n0,guestfwd=tcp:10.0.2.100:1234-tcp:127.0.0.1:1' 'bridge,id=n0,helper=/bin/false' \
	'bridge,id=n0,ifname=x' 'bridge,id=n0,br=qsbr9,helper=/nonexist'; do
	same_as_qemu -M none -display none -netdev "$nd"
done
# a port another program holds
mkfifo "$tmp/fifo-hold"
python3 -c 'import socket,sys,time
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(); u=socket.socket(type=socket.SOCK_DGRAM)
u.bind(("127.0.0.1",s.getsockname()[1])); print(s.getsockname()[1], flush=True); sys.stdin.read()' \
	>"$tmp/port" <"$tmp/fifo-hold" 2>/dev/null &
holder=$!
exec 7>"$tmp/fifo-hold"
until [ -s "$tmp/port" ]; do sleep 0.1; done
held=$(cat "$tmp/port")
same_as_qemu -M none -display none -netdev socket,id=n0,listen=127.0.0.1:$held
same_as_qemu -M none -display none -netdev socket,id=n0,udp=127.0.0.1:1,localaddr=127.0.0.1:$held
same_as_qemu -M none -display none -netdev \
	dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port=$held,remote.type=inet,remote.host=127.0.0.1,remote.port=1
exec 7>&-
wait $holder

run -netdev help
[ "$rc" = 0 ] && [ "$(printf '%s' "$out" | head -n 1)" = "Available netdev backend types:" ] &&
	printf '%s\n' "$out" | grep -qx user && ok "-netdev help lists user" ||
	not_ok "-netdev help lists user" "exit $rc: $out"
# a backend no NIC uses: QEMU's warning, and the machine runs
"$QS" -M none -display none -netdev user,id=lonely >/dev/null 2>"$tmp/err" </dev/null &
pid=$!
wait_until 10 handles_signal $pid 15
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
[ "$rc" = 0 ] && [ "$(head -n 1 "$tmp/err")" = "$P: warning: netdev lonely has no peer" ] &&
	ok "-netdev without a NIC: QEMU's warning, and it runs" ||
	not_ok "-netdev without a NIC: QEMU's warning, and it runs" "exit $rc" "$(cat "$tmp/err")"
# no busy polling: a stopped machine with user networking sleeps (CPU time over 3 s, in ticks)
"$QS" -M virt -bios none -display none -S -netdev user,id=n -device virtio-net-device,netdev=n \
	>/dev/null 2>&1 </dev/null &
pid=$!
wait_until 10 handles_signal $pid 15
t0=$(awk '{ print $14 + $15 }' /proc/$pid/stat)
sleep 3
t1=$(awk '{ print $14 + $15 }' /proc/$pid/stat)
kill -TERM $pid 2>/dev/null
wait $pid
[ $((t1 - t0)) -le 5 ] && ok "idle with -netdev user: no busy polling ($((t1 - t0)) ticks in 3 s)" ||
	not_ok "idle with -netdev user: no busy polling" "$((t1 - t0)) ticks of CPU in 3 s"

# -object filter-dump: its errors are QEMU's
same_as_qemu -M none -display none -object filter-dump,id=f,netdev=zz,file="$tmp/x.pcap"
same_as_qemu -M none -display none -object filter-dump,id=f,file="$tmp/x.pcap"
same_as_qemu -M none -display none -netdev user,id=n -object filter-dump,id=f,netdev=n
same_as_qemu -M none -display none -netdev user,id=n \
	-object filter-dump,id=f,netdev=n,file="$tmp/x.pcap",queue=foo
same_as_qemu -M none -display none -netdev user,id=n \
	-object filter-dump,id=f,netdev=n,file=/nonexistent-qs/x.pcap

# the legacy -net syntax: its errors are QEMU's
same_as_qemu -M none -display none -net user,vlan=1
same_as_qemu -M none -display none -net nic,netdev=zz
same_as_qemu -M none -display none -net foo
same_as_qemu -M none -display none -net user,id=u1 -net user,id=u1
tap_done

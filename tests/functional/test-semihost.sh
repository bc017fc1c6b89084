#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# RISC-V semihosting as a bare-metal test program uses it: semihost.c exercises every standard
# operation (console, files, clocks, errno, command line, heap, exit) and exits through
# SYS_EXIT_EXTENDED. Each run compares ours with Debian's QEMU 7.2: exit status, what reaches
# stdout and stderr, a chardev= console, arg= command lines; without semihosting the ebreak is
# a breakpoint trap (the program's handler exits with status 3).
. "$(dirname "$0")/tap.sh"
QS=$(realpath "${1:?usage: test-semihost.sh QEMU SEMIHOST_ELF}")
ELF=$(realpath "${2:?usage: test-semihost.sh QEMU SEMIHOST_ELF}")
REF=$(command -v qemu-system-riscv64 2>/dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit=$(scaled 20)

# run NAME BINARY ARGS...: in a directory of its own; leaves $tmp/NAME.{out,err,rc,log}
run() {
	r=$1 bin=$2
	shift 2
	mkdir -p "$tmp/$r"
	(cd "$tmp/$r" && timeout "$limit" "$bin" -M virt -bios none -display none "$@" \
		-kernel "$ELF" </dev/null >"$tmp/$r.out" 2>"$tmp/$r.err")
	echo $? >"$tmp/$r.rc"
	grep -v '^qemu: module' "$tmp/$r.err" >"$tmp/$r.err2"
	cat "$tmp/$r/sh.log" 2>/dev/null >"$tmp/$r.log"
}

same() { # NAME: ours and QEMU's runs agree on status, stdout, stderr and the chardev log
	for f in rc out err2 log; do
		cmp -s "$tmp/ours-$1.$f" "$tmp/qemu-$1.$f" || return 1
	done
}

check() { # NAME WANT_RC DESCRIPTION ARGS...
	name=$1 want=$2 what=$3
	shift 3
	run "ours-$name" "$QS" "$@"
	if [ "$(cat "$tmp/ours-$name.rc")" = "$want" ] && ! grep -q FAIL "$tmp/ours-$name.err"; then
		ok "$what"
	else
		not_ok "$what" "exit $(cat "$tmp/ours-$name.rc") (want $want)" "$(cat "$tmp/ours-$name.err")"
	fi
	if [ -z "$REF" ]; then
		skip "$what: as Debian's QEMU" "no reference qemu-system-riscv64"
		return
	fi
	run "qemu-$name" "$REF" "$@"
	same "$name" && ok "$what: as Debian's QEMU" ||
		not_ok "$what: as Debian's QEMU" \
			"ours: $(cat "$tmp/ours-$name.rc") $(cat "$tmp/ours-$name.out" "$tmp/ours-$name.err2" "$tmp/ours-$name.log")" \
			"qemu: $(cat "$tmp/qemu-$name.rc") $(cat "$tmp/qemu-$name.out" "$tmp/qemu-$name.err2" "$tmp/qemu-$name.log")"
}

check all 0 "-semihosting: every operation, command line from -kernel and -append" \
	-semihosting -append "a b c"
grep -q '^cmdline: .*semihost.elf a b c$' "$tmp/ours-all.err" &&
	grep -qx 'console WRITE' "$tmp/ours-all.out" &&
	ok "console: WRITE0 on stderr, :tt on stdout, the command line" ||
	not_ok "console: WRITE0 on stderr, :tt on stdout, the command line" "$(cat "$tmp/ours-all.err")"
check args 0 "-semihosting-config arg=: the command line from the args" \
	-semihosting-config enable=on,arg=prog,arg=x1
grep -qx 'cmdline: prog x1' "$tmp/ours-args.err" && ok "arg= list joined by spaces" ||
	not_ok "arg= list joined by spaces" "$(cat "$tmp/ours-args.err")"
check chardev 0 "-semihosting-config chardev=: the console on a chardev" \
	-chardev file,id=sh,path=sh.log -semihosting-config enable=on,chardev=sh
grep -qx 'all passed' "$tmp/ours-chardev.log" && ok "chardev= receives WRITE0" ||
	not_ok "chardev= receives WRITE0" "$(cat "$tmp/ours-chardev.log")"
check off 3 "without -semihosting the ebreak is a breakpoint trap"
check disabled 3 "-semihosting-config enable=off: a breakpoint trap" -semihosting-config enable=off
tap_done

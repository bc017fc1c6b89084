#!/bin/sh
# The demo: what a user can do with the build today. Guest boots join this as they land.
set -e
build=${1:-build}
qs="$build/qemu-system-riscv64"
say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

say "$qs -version"
"$qs" -version
say "$qs -machine help"
"$qs" -machine help
say "$qs -machine none,help"
"$qs" -machine none,help
say "$qs -chardev help"
"$qs" -chardev help
say "$qs -M none -device foo      # errors read like QEMU's"
"$qs" -M none -device foo || true
if [ -f "$build/tests/functional/hello-0.elf" ]; then
	say "$qs -M virt -bios none -nographic -kernel hello.elf   # a bare-metal riscv64 program"
	"$qs" -M virt -bios none -nographic -kernel "$build/tests/functional/hello-0.elf"
	echo "(exit status $?)"
fi
if [ -t 0 ]; then
	say "$qs -M none -m 8G -nographic   # an empty machine; Ctrl-A h for help, Ctrl-A x to quit"
	"$qs" -M none -m 8G -nographic
fi

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The demo: what a user can do with the build today, ending in a Debian riscv64 Linux shell.
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
# The headline: Debian's riscv64 kernel through OpenSBI to a busybox shell.
say "scripts/fetch-guest.sh   # Debian forky's riscv64 kernel and busybox-static, cached"
eval "$(scripts/fetch-guest.sh)"
initrd="${XDG_CACHE_HOME:-$HOME/.cache}/quicksilver/demo-initrd.cpio.gz"
scripts/make-initramfs.sh "$initrd"
# The guest's scratch disk is made afresh each time (60 ms): the guest writes to it.
disk="${XDG_CACHE_HOME:-$HOME/.cache}/quicksilver/demo-disk.img"
sum=$(scripts/make-test-disk.sh "$disk")
cat <<EOF
The demo's files (README's "Run your own guest" uses them):
  kernel  $QS_KERNEL
  initrd  $initrd
  disk    $disk
EOF
say "$qs -M virt -m 1G -nographic -kernel \$kernel -initrd \$initrd -append console=ttyS0 -device virtio-rng-device -drive file=\$disk,if=none,id=hd0,format=raw -device virtio-blk-device,drive=hd0"
echo "(a shell comes up; 'poweroff' or Ctrl-A x ends it)"
if [ -t 0 ]; then
	"$qs" -M virt -m 1G -nographic -kernel "$QS_KERNEL" -initrd "$initrd" \
		-append "console=ttyS0" -device virtio-rng-device \
		-drive file="$disk",if=none,id=hd0,format=raw -device virtio-blk-device,drive=hd0
else
	# Nobody at the keyboard: boot the self-checking init instead, which powers off by itself.
	scripts/make-initramfs.sh "$initrd.test" --test
	"$qs" -M virt -m 1G -nographic -kernel "$QS_KERNEL" -initrd "$initrd.test" \
		-append "console=ttyS0 qs.sum=$sum" -device virtio-rng-device \
		-drive file="$disk",if=none,id=hd0,format=raw -device virtio-blk-device,drive=hd0 </dev/null
fi

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest MIPS of a CPU-bound bare-metal program under Quicksilver and Debian's QEMU, same run.
# Usage: tests/bench/mips.sh [path/to/our/qemu-system-riscv64] [iterations]
set -e
ours=${1:-build/qemu-system-riscv64}
iters=${2:-200000000} # long enough that start-up (~20 ms) does not count
ref=$(command -v qemu-system-riscv64 || true)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
insns=$((iters * 11 + 8)) # 11 instructions per iteration, plus setup and exit
riscv64-unknown-elf-gcc -nostdlib -march=rv64im -mabi=lp64 -Wl,-N -Wl,-Ttext=0x80000000 -Wl,--no-warn-rwx-segments \
	-DITERATIONS=$iters -o "$tmp/mips.elf" "$(dirname "$0")/mips.S"

measure() { # prints seconds
	start=$(date +%s.%N)
	"$1" -M virt -bios none -display none -serial null -kernel "$tmp/mips.elf" </dev/null
	end=$(date +%s.%N)
	echo "$end - $start" | bc -l
}

t_ours=$(measure "$ours")
printf 'quicksilver: %.2f s, %.0f MIPS\n' "$t_ours" "$(echo "$insns / $t_ours / 1000000" | bc -l)"
if [ -n "$ref" ]; then
	t_ref=$(measure "$ref")
	printf 'qemu %s: %.2f s, %.0f MIPS\n' "$("$ref" -version | head -1 | awk '{print $4}')" \
		"$t_ref" "$(echo "$insns / $t_ref / 1000000" | bc -l)"
	printf 'ratio (quicksilver speed / qemu speed): %.2f\n' "$(echo "$t_ref / $t_ours" | bc -l)"
fi

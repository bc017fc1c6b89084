#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# run-test.sh BINARY ELF [ARGS...]: run one bare-metal riscv64 test program on
# the virt board, show its UART output and exit with the emulator's status
# (0 = PASS through the test finisher; otherwise the failing case number).
if [ $# -lt 2 ]; then
    echo "usage: $0 BINARY ELF [EXTRA-ARGS...]" >&2
    exit 2
fi
bin=$1
elf=$2
shift 2
if [ ! -x "$bin" ]; then
    echo "run-test.sh: emulator $bin not found" >&2
    exit 2
fi
if [ ! -r "$elf" ]; then
    echo "run-test.sh: test program $elf not found" >&2
    exit 2
fi
# An idle machine runs each program in well under a second; 10 s, scaled for busy machines.
limit=${TCG_TEST_TIMEOUT:-$(awk -v f="${QS_TIMEOUT_FACTOR:-3}" 'BEGIN { printf "%d\n", 10 * f + 0.999 }')}
echo "+ $bin -M virt -bios none -nographic -kernel $elf $*"
timeout -k 5 "$limit" "$bin" -M virt -bios none -nographic -kernel "$elf" "$@" </dev/null
status=$?
case $status in
    0) ;;
    124|137) echo "run-test.sh: exit status $status: TIMEOUT after ${limit}s, or failing case $status ($elf)" >&2 ;;
    *) echo "run-test.sh: exit status $status ($elf)" >&2 ;;
esac
exit $status

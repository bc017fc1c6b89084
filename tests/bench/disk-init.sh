#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the guest tests/bench/disk.sh boots (packed by scripts/make-initramfs.sh --init): on
# the raw disk qs.disk= (no file system), a sequential write of qs.mb= MiB, a sequential read
# of it, then qs.rand= random 4 KiB reads, all with O_DIRECT so the guest's page cache is out
# of the way. For each it prints QS-BENCH-START name uptime, then QS-BENCH name seconds (or
# QS-BENCH-FAIL name why), and QS-SUM name sha256 bytes of what it read; QS-BENCH-DONE at the
# end, then `poweroff -f`.
. /etc/qs-common.sh

disk=$(qs_arg qs.disk) || disk=/dev/vda
mb=$(qs_arg qs.mb) || mb=32
rand=$(qs_arg qs.rand) || rand=256
i=0
while [ ! -b "$disk" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
echo "QS-BENCH-READY $(qs_uptime) $(uname -r) disk=$disk"
# the written data: a fixed pattern, so every run reads back the same bytes
awk 'BEGIN { for (i = 0; i < 65536; i++) printf "%08x%08x", i, i * 2654435761 % 4294967296 }' >/tmp/pattern
seq_write() {
	i=0
	while [ $i -lt "$mb" ]; do cat /tmp/pattern; i=$((i + 1)); done |
		dd of="$disk" bs=1M count="$mb" iflag=fullblock oflag=direct 2>/dev/null
}
seq_read() {
	dd if="$disk" bs=1M count="$mb" iflag=direct 2>/dev/null | sha256sum >/tmp/seq.sum
}
rand_read() {
	awk -v n="$rand" -v blocks=$((mb * 256)) 'BEGIN { srand(7); for (i = 0; i < n; i++) print int(rand() * blocks) }' |
		while read -r b; do dd if="$disk" bs=4k count=1 skip="$b" iflag=direct 2>/dev/null; done |
		sha256sum >/tmp/rand.sum
}
qs_timed seq-write seq_write
qs_timed seq-read seq_read
echo "QS-SUM seq-read $(cut -d' ' -f1 /tmp/seq.sum) $((mb * 1048576))"
qs_timed rand-4k rand_read
echo "QS-SUM rand-4k $(cut -d' ' -f1 /tmp/rand.sum) $((rand * 4096))"
echo "QS-BENCH-DONE $(qs_uptime)"
poweroff -f

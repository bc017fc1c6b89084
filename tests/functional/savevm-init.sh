#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The guest side of test-savevm.py: counts i = 1, 2, ... forever. Each round first reads the
# disk's first sector, which must hold the previous count (a restored snapshot brings back the
# disk and the memory together, or this fails), then writes i there with O_DIRECT and prints
# QS-TICK i.
. /etc/qs-common.sh

i=0
while [ ! -b /dev/vda ]; do sleep 0.1; done
while true; do
	prev=$(dd if=/dev/vda bs=512 count=1 iflag=direct 2>/dev/null | tr -d '\000' | head -n 1)
	[ "${prev:-0}" = "$i" ] || echo "QS-FAIL: the disk holds '$prev' after count $i"
	i=$((i + 1))
	printf '%s\n' "$i" | dd of=/dev/vda bs=512 conv=sync,notrunc oflag=direct 2>/dev/null
	echo "QS-TICK $i"
	sleep 0.3
done

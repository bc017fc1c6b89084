#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The guest side of test-disk-full.py: writes qs.mb= MiB of random data to the raw /dev/vda
# with O_DIRECT (so a failure reaches dd rather than the page cache), prints QS-WRITTEN ok or
# failed, then reads the same range back and prints QS-READBACK same or differs; powers off.
. /etc/qs-common.sh

mb=$(qs_arg qs.mb) || mb=6
i=0
while [ ! -b /dev/vda ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
head -c $((mb * 1048576)) /dev/urandom >/tmp/data
want=$(md5sum </tmp/data | cut -d' ' -f1)
echo "QS-START"
if dd if=/tmp/data of=/dev/vda bs=65536 oflag=direct 2>/dev/null; then
	echo "QS-WRITTEN ok"
else
	echo "QS-WRITTEN failed"
fi
got=$(dd if=/dev/vda bs=65536 count=$((mb * 16)) iflag=direct 2>/dev/null | md5sum | cut -d' ' -f1)
if [ "$got" = "$want" ]; then echo "QS-READBACK same"; else echo "QS-READBACK differs"; fi
poweroff -f

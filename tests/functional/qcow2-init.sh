#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The guest side of test-qcow2-guest.py, by qs.mode= on the kernel command line:
#   fs     mounts the ext4 on /dev/vda (a qcow2 overlay on a compressed base), prints
#          hello.txt, writes 4 MiB of random data and its md5, deletes victim.bin with
#          discards on, unmounts, powers off
#   crash  writes record i ("REC %08d") to 64 KiB slot (i * 37) % 1500 of the raw /dev/vda,
#          fsyncs it and only then prints QS-FLUSHED i, until the host kills the emulator
. /etc/qs-common.sh
case "$(qs_arg qs.mode)" in
fs)
	mount -t ext4 -o discard /dev/vda /mnt || echo "QS-FAIL: mount"
	echo "QS-HELLO: $(cat /mnt/hello.txt)"
	head -c 4194304 /dev/urandom >/mnt/big
	echo "QS-BIG: $(md5sum </mnt/big | cut -d' ' -f1)"
	rm -f /mnt/victim.bin
	sync
	umount /mnt || echo "QS-FAIL: umount"
	echo "QS-DONE"
	;;
crash)
	i=0
	while [ $i -lt 1500 ]; do
		printf 'REC %08d\n' $i | dd of=/dev/vda bs=65536 seek=$(((i * 37) % 1500)) \
			conv=notrunc,fsync 2>/dev/null || echo "QS-FAIL: dd $i"
		echo "QS-FLUSHED $i"
		i=$((i + 1))
	done
	;;
esac
poweroff -f

#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The guest side of test-virtio-serial.py: lists the virtio ports, talks on the one named
# org.qs.test (a line out, a line in, then 1 MiB out with its sha256 on the console), writes
# to the virtconsole's /dev/hvc0, and powers off.
. /etc/qs-common.sh
for d in /sys/class/virtio-ports/*; do
	echo "QS-PORT: ${d##*/} name='$(cat "$d/name")'"
done
port=$(grep -l '^org.qs.test$' /sys/class/virtio-ports/*/name)
port=/dev/$(basename "$(dirname "$port")")
exec 3<>"$port"
echo "hello-from-guest" >&3
read -r line <&3
echo "QS-GOT: $line"
head -c 1048576 /dev/urandom >/tmp/bulk
cat /tmp/bulk >&3
echo "QS-BULK: $(sha256sum </tmp/bulk | cut -d' ' -f1)"
exec 3>&-
echo "on-hvc0" >/dev/hvc0
echo "QS-DONE"
poweroff -f

#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The guest side of test-net-tap.py: eth0 gets qs.ip=ADDR/24 and prints the virtio features
# its driver negotiated; then it serves 8 MiB of random bytes over HTTP (busybox httpd) with
# their sha256, fetches the host's file from qs.host:8000 with wget and prints its sha256.
. /etc/qs-common.sh
ip link set lo up
ip link set eth0 up
ip addr add "$(qs_arg qs.ip)/24" dev eth0
echo "QS-FEATURES: $(cat /sys/class/net/eth0/device/features)"
mkdir -p /www
head -c 8388608 /dev/urandom >/www/bulk
httpd -p 80 -h /www
echo "QS-SERVING: $(sha256sum </www/bulk | cut -d' ' -f1)"
host=$(qs_arg qs.host)
n=0
until wget -q -O /tmp/got "http://$host:8000/bulk"; do
	n=$((n + 1))
	[ $n -lt 60 ] || { echo "QS-FAIL: wget"; break; }
	sleep 1
done
echo "QS-FETCHED: $(sha256sum </tmp/got | cut -d' ' -f1) $(wc -c </tmp/got)"
exec sleep 100000

#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The guest side of test-net-peers.py: eth0 gets qs.ip=ADDR (a /24). qs.role=server serves
# 4 MiB of random bytes over HTTP (busybox httpd) and prints their sha256; qs.role=client
# waits until the server answers ping, fetches the file with wget, prints its sha256 and the
# ping summary, and powers off.
. /etc/qs-common.sh
ip=$(qs_arg qs.ip)
peer=$(qs_arg qs.peer)
ip link set lo up
ip link set eth0 up
ip addr add "$ip/24" dev eth0
if [ "$(qs_arg qs.role)" = server ]; then
	mkdir -p /www
	head -c 4194304 /dev/urandom >/www/bulk
	httpd -p 80 -h /www
	echo "QS-SERVING: $(sha256sum </www/bulk | cut -d' ' -f1)"
	exec sleep 100000
fi
n=0
until ping -c 1 -W 1 "$peer" >/dev/null 2>&1; do
	n=$((n + 1))
	[ $n -lt 120 ] || { echo "QS-FAIL: $peer never answered"; poweroff -f; }
done
echo "QS-PING: $(ping -c 3 -W 2 "$peer" | grep 'packets transmitted')"
if wget -q -O /tmp/bulk "http://$peer/bulk"; then
	echo "QS-FETCHED: $(sha256sum </tmp/bulk | cut -d' ' -f1) $(wc -c </tmp/bulk)"
else
	echo "QS-FAIL: wget"
fi
poweroff -f

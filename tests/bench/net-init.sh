#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the guest tests/bench/net.sh boots (packed by scripts/make-initramfs.sh --init): a
# DHCP lease from user networking, then through the gateway 10.0.2.2 to the bench's host
# server: a download of qs.mb= MiB over HTTP (busybox wget), an upload of the same bytes to a
# TCP sink (busybox nc; the sink answers with the sha256 of what it got) and qs.req= small
# HTTP requests one after another. For each it prints QS-BENCH-START name uptime, then
# QS-BENCH name seconds (or QS-BENCH-FAIL name why); QS-SUM name sha256 for the data moved;
# QS-BENCH-DONE at the end, then `poweroff -f`.
. /etc/qs-common.sh

port=$(qs_arg qs.port)
sink=$(qs_arg qs.sink)
mb=$(qs_arg qs.mb) || mb=32
req=$(qs_arg qs.req) || req=50
ip link set lo up
ip link set eth0 up
udhcpc -i eth0 -s /etc/udhcpc.sh -q -n -t 20 -T 1 >/dev/null 2>&1 || echo "QS-BENCH-FAIL dhcp no lease"
echo "QS-BENCH-READY $(qs_uptime) $(uname -r)"
download() {
	wget -q -O /tmp/bulk "http://10.0.2.2:$port/bulk"
}
upload() {
	nc 10.0.2.2 "$sink" </tmp/bulk >/tmp/ack
}
requests() {
	i=0
	while [ $i -lt "$req" ]; do
		wget -q -O /dev/null "http://10.0.2.2:$port/small" || return 1
		i=$((i + 1))
	done
}
qs_timed download download
echo "QS-SUM download $(sha256sum </tmp/bulk | cut -d' ' -f1)"
qs_timed upload upload
echo "QS-SUM upload $(cat /tmp/ack)"
qs_timed requests requests
echo "QS-BENCH-DONE $(qs_uptime)"
poweroff -f

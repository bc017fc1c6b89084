#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The guest side of test-net-user.py: a DHCP lease from user networking, then a line through
# each guestfwd= rule (10.0.2.100:1234 runs a host command, 10.0.2.101:1235 is a host chardev)
# with the answers on the console, then a UDP echo server on port 7 (udp-echo.c, appended to
# the initramfs as /bin/udp-echo) for the host to reach through hostfwd=udp:.
. /etc/qs-common.sh
ip link set lo up
# no IPv6 on eth0: its multicast groups would join at a time of the kernel's choosing
echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
echo 1 >/proc/sys/net/ipv6/conf/eth0/disable_ipv6
ip link set eth0 up
udhcpc -i eth0 -s /etc/udhcpc.sh -q -n -t 20 -T 1 >/dev/null 2>&1 || echo "QS-FAIL: udhcpc"
echo "QS-CMD: $(echo hello-cmd | nc 10.0.2.100 1234)"
(
	echo ping-from-guest
	sleep 5
) | nc 10.0.2.101 1235 >/tmp/chardev &
n=0
until grep -q pong /tmp/chardev || [ $n -ge 50 ]; do
	sleep 0.1
	n=$((n + 1))
done
echo "QS-CHARDEV: $(cat /tmp/chardev)"
/bin/udp-echo &
echo "QS-READY"
exec sleep 100000

#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the guest tests/bench/7zip.sh boots (packed by scripts/make-initramfs.sh --init, with
# 7zz, glibc's loader and libraries appended as a second cpio archive). It runs 7-Zip's built-in
# benchmark once, with the arguments from the kernel command line (qs.7z=b,1,-mmt1,-md22: commas
# stand for spaces; qs.7zbin=/usr/lib/7zip/7zz the binary), its output going to a file and then to the console, between the markers
#   QS-BENCH-READY uptime          just before 7zz starts, with the guest's uptime
#   QS-BENCH-DONE uptime rc=N      when it has exited, N its exit status
# then powers off. 7-Zip checks every decompression it times against the original (CRC), and a
# mismatch makes it print an error and exit non-zero.
. /etc/qs-common.sh

bin=$(qs_arg qs.7zbin) || bin=/usr/lib/7zip/7zz
if a=$(qs_arg qs.7z); then args=$(echo "$a" | tr , ' '); else args="b -mmt1"; fi
echo "QS-BENCH-READY $(qs_uptime) $bin $args"
# shellcheck disable=SC2086 # $args is a list of words
"$bin" $args >/tmp/7zz.out 2>&1
rc=$?
end=$(qs_uptime)
echo "QS-7ZZ-OUTPUT-BEGIN"
cat /tmp/7zz.out
echo "QS-7ZZ-OUTPUT-END"
echo "QS-BENCH-DONE $end rc=$rc"
poweroff -f

#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the guest tests/bench/busybox.sh boots (packed by scripts/make-initramfs.sh --init).
# It makes a few MB of text with awk from a fixed seed (srand), so that every run and both
# emulators work on the same bytes, then times busybox workloads on it, one after another, in
# the tmpfs /tmp. It prints QS-BENCH-READY uptime kernel lines=N first, then for each workload:
#   QS-BENCH-START name uptime     just before it starts, with the guest's uptime
#   QS-BENCH name seconds          the time it took, from /proc/uptime (10 ms resolution; the
#                                  busybox date has no %N, it prints it as is)
#   QS-BENCH-FAIL name why         instead, when the command failed
#   QS-SUM name sha256 bytes       the checksum and size of what it wrote
# then QS-CHECK name ok|FAIL for the round trips (gzip -d and bzip2 -d give back the input),
# and QS-BENCH-DONE uptime before `poweroff -f`. Kernel command line: qs.lines=N (lines of text).
. /etc/qs-common.sh

lines=$(qs_arg qs.lines) || lines=100000
cd /tmp || exit 1
run() { # run NAME OUTPUT COMMAND...: times COMMAND with its stdout going to OUTPUT
	name=$1 out=$2
	shift 2
	t0=$(qs_uptime)
	echo "QS-BENCH-START $name $t0"
	"$@" >"$out"
	rc=$?
	t1=$(qs_uptime)
	if [ "$rc" = 0 ]; then
		echo "QS-BENCH $name $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }")"
	else
		echo "QS-BENCH-FAIL $name exit status $rc"
	fi
	echo "QS-SUM $name $(sha256sum "$out" | cut -d' ' -f1) $(wc -c <"$out")"
}
check() { # check NAME FILE1 FILE2: a round trip gave back its input
	if cmp -s "$2" "$3"; then echo "QS-CHECK $1 ok"; else echo "QS-CHECK $1 FAIL: $2 and $3 differ"; fi
}

# The data: lines of "id word word amount count text", pseudo-random from srand(2024).
gen() {
	awk -v n="$lines" 'BEGIN {
		srand(2024)
		nw = split("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima " \
			"mike november oscar papa quebec romeo sierra tango uniform victor whiskey " \
			"xray yankee zulu amber azure coral ivory olive", w, " ")
		for (i = 1; i <= n; i++) {
			s = ""
			k = 2 + int(rand() * 6)
			for (j = 0; j < k; j++) s = s " " w[1 + int(rand() * nw)]
			printf "%07d %s %s %.3f %d%s\n", int(rand() * 10000000), w[1 + int(rand() * nw)],
				w[1 + int(rand() * 8)], rand() * 1000, int(rand() * rand() * 500), s
		}
	}'
}
# Numbers and text: per-key counts, means and variances, maxima, string work, Newton square
# roots, a rolling hash (Debian's busybox awk has no math library: no sqrt, log, ^).
stats() {
	awk 'function root(v, r, i) {
		r = v / 2 + 1
		for (i = 0; i < 8; i++) r = (r + v / r) / 2
		return r
	}
	{
		n[$2]++; s[$2] += $4; q[$2] += $4 * $4
		if ($1 + 0 > mx[$3] + 0) mx[$3] = $1
		key = toupper(substr($6, 1, 2)) "-" length($0) % 7
		c[key]++
		t += length($0); x += root($4) * ($5 % 13) - $1 / 1000003
		h = (h * 31 + $5 + length($2)) % 1000003
		nf += gsub(/a/, "A")
	}
	END {
		for (k in n) printf "word %s %d %.4f %.4f\n", k, n[k], s[k] / n[k], q[k] / n[k] - (s[k] / n[k]) * (s[k] / n[k])
		for (k in mx) printf "max %s %s\n", k, mx[k]
		for (k in c) printf "key %s %d\n", k, c[k]
		printf "total %d %d %d %.6e\n", t, nf, h, x
	}' text.txt >stats.raw && sort stats.raw
}

echo "QS-BENCH-READY $(qs_uptime) $(uname -r) lines=$lines"
run gen text.txt gen
run gzip text.gz gzip -c text.txt
run gzip-d text.gunzip gzip -dc text.gz
check gzip-d text.txt text.gunzip
run bzip2 text.bz2 bzip2 -c text.txt
run bzip2-d text.bunzip2 bzip2 -dc text.bz2
check bzip2-d text.txt text.bunzip2
rm -f text.gunzip text.bunzip2
cat text.txt text.txt text.txt text.txt >big.txt
run sha256sum sums.txt sha256sum big.txt text.txt text.gz text.bz2
rm -f big.txt
run awk stats.txt stats
run sort sorted.txt sort -k3,3 -k2,2 -k1,1n text.txt
echo "QS-BENCH-DONE $(qs_uptime)"
poweroff -f

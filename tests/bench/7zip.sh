#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 7-Zip's built-in benchmark (`7zz b`, LZMA compression and decompression, one thread) inside
# Debian's riscv64 Linux, under Quicksilver and Debian's QEMU in the same run. The guest runs
# Debian forky's dynamically linked 7zz (package 7zip-standalone, with glibc and libstdc++, from
# scripts/fetch-7zip.sh), appended to the initramfs as a second cpio archive; its init is
# tests/bench/7zip-init.sh. The table gives 7-Zip's ratings in MIPS (its estimate of the
# instructions a reference CPU would have needed per second, from the guest's clock), for
# compression, decompression and both, and the ratio ours / QEMU's (>1 means we are faster).
#
# 7-Zip checks each decompression against the original data (CRC) and stops with an error on a
# mismatch, so a broken emulator fails rather than looks fast; the guest's clock, which the
# ratings rest on, is checked against the host's over the run.
#
# Usage: tests/bench/7zip.sh [path/to/our/qemu-system-riscv64 [runs]]
#   e.g. make && tests/bench/7zip.sh                    (our binary: build/qemu-system-riscv64)
#        tests/bench/7zip.sh build/qemu-system-riscv64 2   (best of 2 boots each, alternating)
# The default `7zz b 1 -mmt1 -md22` (one pass, 4 MiB dictionary) runs about 75 s under QEMU and
# 2-3 times that under Quicksilver: 7-Zip sizes its work from a CPU speed it measures with a tiny
# loop first, which emulators run much faster than LZMA. Not part of `make check`.
# Env: QS_7ZIP_ARGS (7zz's arguments, default "b 1 -mmt1 -md22"; "b 3 ..." averages 3 passes,
#      "b -mmt1" is 7-Zip's full single-thread run, dictionaries 2^22 to 2^25, several times as
#      long), QS_BENCH_TIMEOUT (seconds one boot may take, 1800), QS_BIOS,
#      QS_CACHE_DIR (see scripts/fetch-guest.sh and scripts/fetch-7zip.sh), QS_BENCH_KEEP=1 (keep
#      the console logs, with 7zz's full output, and print where).
set -eu
bench_name=7zip
bench_timeout=${QS_BENCH_TIMEOUT:-1800}
args=${QS_7ZIP_ARGS:-b 1 -mmt1 -md22}
runs=${2:-1}
case $runs in '' | *[!0-9]* | 0) echo "7zip: runs must be a number > 0" >&2 && exit 2 ;; esac
case $args in *,*) echo "7zip: QS_7ZIP_ARGS cannot hold commas (they stand for spaces on the kernel command line)" >&2 && exit 2 ;; esac
. "$(dirname "$0")/lib.sh"
bench_setup "${1:-build/qemu-system-riscv64}"
here=$(cd "$(dirname "$0")" && pwd)

seven=$("$scripts/fetch-7zip.sh") || bench_die "cannot fetch 7-Zip for the guest (see above)"
eval "$seven"

# --- initramfs: the usual one with our init, then 7zz and what it loads -------------------------
"$scripts/make-initramfs.sh" "$tmp/base.cpio.gz" --init "$here/7zip-init.sh" 2>"$tmp/mkinitrd.log" || {
	cat "$tmp/mkinitrd.log" >&2
	bench_die "make-initramfs.sh failed"
}
stage=$tmp/stage
interp_file=""
for f in $QS_7ZIP_FILES; do
	mkdir -p "$stage/$(dirname "$f")"
	cp -a "$QS_7ZIP_ROOT/$f" "$stage/$f"
	[ "$(basename "$f")" = "$(basename "$QS_7ZIP_INTERP")" ] && interp_file=$f
done
[ -n "$interp_file" ] || bench_die "fetch-7zip.sh listed no $QS_7ZIP_INTERP"
# The loader where 7zz's PT_INTERP says, and glibc's search directories in both merged-/usr
# spellings (the guest has no ld.so.cache, so the loader tries its built-in directories).
mkdir -p "$stage/$(dirname "${QS_7ZIP_INTERP#/}")"
[ -e "$stage$QS_7ZIP_INTERP" ] || ln -s "/$interp_file" "$stage$QS_7ZIP_INTERP"
for d in lib/riscv64-linux-gnu usr/lib/riscv64-linux-gnu; do
	if [ -d "$stage/$d" ] && [ ! -e "$stage/${d#usr/}" ]; then
		mkdir -p "$stage/$(dirname "${d#usr/}")"
		ln -s "/$d" "$stage/${d#usr/}"
	fi
done
(cd "$stage" && find . ! -name . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -n >"$tmp/7zip.cpio.gz" ||
	bench_die "packing 7zz into a cpio archive failed"
# The kernel unpacks concatenated (separately compressed) archives one after the other.
cat "$tmp/base.cpio.gz" "$tmp/7zip.cpio.gz" >"$tmp/initrd.cpio.gz"

# run LABEL BINARY: one boot; leaves in $tmp LABEL.log (the console), LABEL.rates ("name MIPS")
# and LABEL.bad (one line per problem).
run() {
	_l=$tmp/$1
	: >"$_l.bad"
	echo "$bench_name: running under ${1%-*} ($2), run ${1##*-} of $runs" >&2
	rc=0
	bench_boot "$_l.log" "$tmp/initrd.cpio.gz" \
		"console=ttyS0 quiet qs.7zbin=/$QS_7ZIP_BIN qs.7z=$(echo "$args" | tr ' ' ,)" "$2" || rc=$?
	# 7-Zip's summary lines: "Avr: speed usage R/U rating | speed usage R/U rating" (compression
	# | decompression, averaged over the dictionaries and passes) and "Tot: usage R/U rating".
	tr -d '\r' <"$_l.log" | sed -n '/^QS-7ZZ-OUTPUT-BEGIN/,/^QS-7ZZ-OUTPUT-END/p' >"$_l.7zz"
	awk '$1 == "Avr:" && $6 == "|" { print "compress", $5; print "decompress", $10 }
		$1 == "Tot:" { print "total", $4 }' "$_l.7zz" >"$_l.rates"
	_done=$(bench_markers "$_l.log" QS-BENCH-DONE | tail -n 1)
	if [ "$rc" != 0 ] || [ -z "$_done" ]; then
		_running=""
		grep -q '^QS-BENCH-READY' "$_l.log" && _running=" (during 7zz)"
		echo "boot: $(bench_why "$rc" "$_l.log")$_running" >>"$_l.bad"
	else
		case $_done in
		*rc=0) [ -s "$_l.rates" ] || echo "7zz: exited 0 but printed no Avr:/Tot: rating lines" >>"$_l.bad" ;;
		*) echo "7zz: exit status ${_done##*rc=}" >>"$_l.bad" ;;
		esac
	fi
	grep -i 'error' "$_l.7zz" | sed 's/^/7zz says: /' >>"$_l.bad" || true
	_ready=$(bench_markers "$_l.log" QS-BENCH-READY | awk '{ print $2; exit }')
	if [ -n "$_done" ] && [ -n "$_ready" ]; then
		_load=$(bench_load "$_l.log")
		echo "${1%-*} (run ${1##*-}): 7zz ran $(bench_calc "$(echo "$_done" | awk '{ print $2 }') - $_ready") s by the guest clock; the emulator got $_load" >>"$tmp/runinfo"
		[ -z "$_load" ] || echo "${1%-*} ${_load%%%*}" >>"$tmp/loads"
	fi
	bench_report "$1" 12
}

bench_runs

status=0
for e in $emulators; do
	bench_best max "$tmp/$e"-*.rates >"$tmp/$e.best"
done
echo
echo "7-Zip $QS_7ZIP_VERSION \`7zz $args\` in Linux $QS_KVER, -smp 1; rating in MIPS, best of $runs run(s)"
: >"$tmp/notes"
bench_table rate "$tmp/quicksilver.best" "$tmp/qemu.best" "$tmp/notes" compress decompress total || status=1
[ ! -f "$tmp/runinfo" ] || cat "$tmp/runinfo"
# The ratings come from the guest's clock, which runs on while the host runs something else:
# scaled by the share of a host CPU each emulator got, the total ratio is closer to what an idle
# host would show.
if [ -n "$ref" ] && [ -f "$tmp/loads" ]; then
	l_o=$(awk '$1 == "quicksilver" { s += $2; n++ } END { if (n && s) print s / n }' "$tmp/loads")
	l_r=$(awk '$1 == "qemu" { s += $2; n++ } END { if (n && s) print s / n }' "$tmp/loads")
	t_o=$(awk '$1 == "total" && $2 > 0 { print $2 }' "$tmp/quicksilver.best")
	t_r=$(awk '$1 == "total" && $2 > 0 { print $2 }' "$tmp/qemu.best")
	if [ -n "$l_o" ] && [ -n "$l_r" ] && [ -n "$t_o" ] && [ -n "$t_r" ]; then
		printf 'total ratio per host CPU second (ratio x qemu CPU share / our CPU share): %.2f\n' \
			"$(bench_calc "$t_o / $t_r * $l_r / $l_o")"
	fi
fi
bench_problems || status=1
if [ "$status" = 0 ]; then
	echo "checks: 7zz exited 0 (its decompression CRCs matched) everywhere, guest clocks agree with the host's"
fi
exit "$status"

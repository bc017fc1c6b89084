# SPDX-License-Identifier: GPL-2.0-or-later
# Shared code of the benchmarks that boot Debian's riscv64 Linux (boot.sh, busybox.sh, 7zip.sh):
# finding the two emulators, fetching the guest, booting it with a watchdog, reading the markers
# the guest's init prints, and the arithmetic. Sourced, not run: `. "$(dirname "$0")/lib.sh"`.
# Each boot has a watchdog: a guest still running after $bench_timeout seconds, or whose console
# shows the end of a kernel panic, is stopped and reported, not waited for. The host notes when
# each console line starting with QS-BENCH arrives and how much CPU time the emulator has used
# by then: the guest's clock is checked against the host's (a guest clock that ran slow would
# flatter us), and the CPU seconds tell how much the other load on the host got in the way.
# Functions (POSIX sh has no local variables: their scratch variables start with _):
#   bench_setup OURS          sets ours, ref (Debian's QEMU, or "" when absent), ref_version,
#                             scripts, tmp (a temporary dir removed on exit), and QS_* of the guest
#   bench_boot LOG INITRD APPEND BINARY [QEMU ARGS...]
#                             boots the guest (-M virt -smp $smp -m 512M -nographic), console in
#                             LOG, marker lines in LOG.stamps as "host-seconds cpu-ticks line";
#                             returns the emulator's exit status, or 124: timed out, 125: panic
#   bench_why RC LOG          one line: why a boot failed
#   bench_last LOG            the guest's last console line
#   bench_clock LOG           a complaint when the guest's clock disagrees with the host's
#   bench_load LOG            "N% of a host CPU": the emulator's CPU time / wall time, READY to DONE
#   bench_cpu LOG             "name seconds": CPU seconds the emulator used during each workload
#                             (between the lines "QS-BENCH-START name ..." and "QS-BENCH name ...")
#   bench_markers LOG [TAG]   the console's lines that start with "TAG " (default QS-BENCH), \r-less
#   bench_calc EXPR           awk arithmetic: bench_calc '3 / 2' prints 1.5
#   bench_best min|max FILE...   per name, the best of "name value" lines (best of N runs)
#   bench_table time|rate OURS REF NOTES NAME...   the comparison table (see below)
#   bench_runs                sets emulators ("quicksilver", or "quicksilver qemu") and calls the
#                             script's `run LABEL BINARY` $runs times for each, alternating; LABEL
#                             is EMULATOR-N, the run leaves its problems in $tmp/LABEL.bad
#   bench_report LABEL N      at a run's end: adds the clock check to $tmp/LABEL.bad and, when it
#                             holds problems, prints them and the last N console lines (stderr)
#   bench_problems            prints the problems of every run; returns 1 when there were any
# Variables read: bench_name (for messages), smp (1), bench_timeout (seconds a boot may take, 600),
# runs (boots per emulator, for bench_runs and bench_problems),
# QS_BIOS (-bios; default: the OpenSBI fetch-guest.sh finds, else the emulator's own),
# QS_BENCH_KEEP (non-empty: keep the temporary dir, with the console logs, and say where).
# The guest's side of the markers: QS-BENCH-READY uptime ..., QS-BENCH-DONE uptime ... (uptime:
# the first field of /proc/uptime) around the timed work.

# shellcheck disable=SC2154 # bench_name is set by the script that sources this file
bench_die() {
	echo "$bench_name: error: $*" >&2
	exit 1
}

bench_calc() {
	awk "BEGIN { print $1 }"
}

bench_setup() {
	ours=$1
	[ -x "$ours" ] || bench_die "'$ours' is not an executable (build with make, or give its path)"
	ref=$(command -v qemu-system-riscv64 || true)
	# Comparing a binary with itself would say nothing.
	[ "$ref" = "$(readlink -f "$ours" 2>/dev/null || true)" ] && ref=""
	ref_version=""
	[ -n "$ref" ] && ref_version=$("$ref" -version | head -n 1 | awk '{ print $4 }')
	scripts=$(cd "$(dirname "$0")/../../scripts" && pwd)
	smp=${smp:-1}
	bench_limit=${bench_timeout:-600}
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/qs-$bench_name.XXXXXX")
	trap 'bench_cleanup' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	_guest=$("$scripts/fetch-guest.sh") || bench_die "cannot fetch the guest kernel and busybox (see above)"
	eval "$_guest"
	bench_bios=${QS_BIOS:-$QS_FIRMWARE}
}

bench_cleanup() { # on exit: stop a boot still running (interrupted), remove the temporary dir
	if [ -n "${bench_pid:-}" ]; then
		kill "$bench_pid" 2>/dev/null || true
		wait "$bench_pid" 2>/dev/null || true
	fi
	if [ -n "${QS_BENCH_KEEP:-}" ] && [ -n "${tmp:-}" ]; then
		echo "$bench_name: kept the logs in $tmp (QS_BENCH_KEEP)" >&2
	elif [ -n "${tmp:-}" ]; then
		rm -rf "$tmp"
	fi
}

bench_boot() {
	_log=$1 _initrd=$2 _append=$3 _bin=$4
	shift 4
	if [ -n "$bench_bios" ]; then set -- -bios "$bench_bios" "$@"; fi
	rm -f "$tmp/console" "$tmp/pid" "$_log.stamps"
	mkfifo "$tmp/console"
	# The console goes through a fifo to a reader that notes when each marker line arrives and
	# how much CPU time (user + system, all threads, in clock ticks) the emulator has used.
	_cr=$(printf '\r')
	while IFS= read -r _line || [ -n "$_line" ]; do
		_line=${_line%"$_cr"}
		printf '%s\n' "$_line"
		case $_line in
		QS-BENCH*)
			_ticks=$(sed 's/.*) //' "/proc/$(cat "$tmp/pid" 2>/dev/null)/stat" 2>/dev/null | awk '{ print $12 + $13 }')
			echo "$(date +%s.%N) ${_ticks:-0} $_line" >>"$_log.stamps"
			;;
		esac
	done <"$tmp/console" >"$_log" &
	_reader=$!
	"$_bin" -M virt -smp "$smp" -m 512M -nographic \
		-kernel "$QS_KERNEL" -initrd "$_initrd" -append "$_append" "$@" \
		</dev/null >"$tmp/console" 2>&1 &
	bench_pid=$!
	echo "$bench_pid" >"$tmp/pid"
	# Watchdog: a guest that hangs (or panics: it never powers off) is stopped, TERM then KILL.
	_start=$(date +%s)
	_killed=""
	while kill -0 "$bench_pid" 2>/dev/null; do
		_now=$(date +%s)
		if [ -z "$_killed" ] && grep -q 'end Kernel panic' "$_log" 2>/dev/null; then
			_killed=125 _kill_at=$_now
			kill "$bench_pid" 2>/dev/null
		elif [ -z "$_killed" ] && [ $((_now - _start)) -ge "$bench_limit" ]; then
			_killed=124 _kill_at=$_now
			kill "$bench_pid" 2>/dev/null
		elif [ -n "$_killed" ] && [ $((_now - _kill_at)) -ge 10 ]; then
			kill -KILL "$bench_pid" 2>/dev/null
		fi
		sleep 0.2
	done
	_rc=0
	wait "$bench_pid" || _rc=$?
	bench_pid=""
	wait "$_reader" || true
	[ -n "$_killed" ] && _rc=$_killed
	return "$_rc"
}

bench_why() {
	case $1 in
	124) _why="timed out after $bench_limit s" ;;
	125) _why="kernel panic" ;;
	0) _why="the guest powered off before finishing" ;;
	*) _why="emulator exit status $1" ;;
	esac
	echo "$_why; last console line: $(bench_last "$2")"
}

bench_last() { # bench_last LOG: the guest's last console line (not the emulator's own last words)
	_last=$(grep -v '^[[:space:]]*$' "$1" | grep -v 'terminating on signal' | tail -n 1)
	echo "${_last:-(none)}"
}

# The guest's clock against the host's, from the first marker line to the last: the guest prints
# its uptime on them, the host notes when they arrive. Single lines may arrive late: some slack.
bench_clock() {
	[ -f "$1.stamps" ] || return 0
	awk '$3 == "QS-BENCH-READY" { h0 = $1; g0 = $4 } $3 == "QS-BENCH-DONE" { h1 = $1; g1 = $4 }
		END { if (h0 && h1) { h = h1 - h0; g = g1 - g0; d = g - h
			if (d > 1 + 0.03 * h || d < -1 - 0.03 * h)
				printf "clock: %.2f s passed by the guest clock, %.2f s by the host clock\n", g, h } }' "$1.stamps"
}

bench_load() {
	[ -f "$1.stamps" ] || return 0
	awk -v hz="$(getconf CLK_TCK)" '$3 == "QS-BENCH-READY" { h0 = $1; c0 = $2 } $3 == "QS-BENCH-DONE" { h1 = $1; c1 = $2 }
		END { if (h0 && h1 && c0 && h1 > h0) printf "%.0f%% of a host CPU\n", 100 * (c1 - c0) / hz / (h1 - h0) }' "$1.stamps"
}

bench_cpu() {
	[ -f "$1.stamps" ] || return 0
	awk -v hz="$(getconf CLK_TCK)" '$3 == "QS-BENCH-START" { c[$4] = $2 }
		$3 == "QS-BENCH" && ($4 in c) && c[$4] > 0 { printf "%s %.2f\n", $4, ($2 - c[$4]) / hz }' "$1.stamps"
}

bench_markers() {
	tr -d '\r' <"$1" | grep "^${2:-QS-BENCH} " || true
}

bench_best() { # bench_best min|max FILE...: per name, the best value of the "name value" lines
	_m=$1
	shift
	awk -v m="$_m" 'NF >= 2 { n = $1; v = $2 + 0
		if (!(n in b)) { order[++k] = n; b[n] = v }
		else if ((m == "min" && v < b[n]) || (m == "max" && v > b[n])) b[n] = v }
		END { for (i = 1; i <= k; i++) print order[i], b[order[i]] }' "$@"
}

# bench_table time|rate OURS REF NOTES NAME...: one row per NAME with our value, QEMU's and the
# ratio, oriented so that >1 means Quicksilver is faster (time: QEMU's / ours; rate: ours /
# QEMU's); for times a total row and the geometric mean of the ratios. OURS and REF hold "name
# value" lines (REF may be empty: no QEMU), NOTES "name text" lines printed at the row's end.
# Returns 1 when a row has no value for an emulator that ran.
bench_table() {
	_kind=$1 _o=$2 _r=$3 _notes=$4
	shift 4
	_rc=0
	if [ -n "$ref" ]; then
		if [ "$_kind" = time ]; then _how="qemu time / our time"; else _how="our rate / qemu rate"; fi
		printf '%-12s %12s %12s %7s  %s\n' "" quicksilver "qemu $ref_version" ratio "($_how: >1 means we are faster)"
	else
		printf '%-12s %12s\n' "" quicksilver
	fi
	_f=.2
	[ "$_kind" = rate ] && _f=.0
	_to=0 _tr=0 _lg=0 _n=0
	for _w in "$@"; do
		_vo=$(awk -v w="$_w" '$1 == w { print $2; exit }' "$_o")
		_vr=$(awk -v w="$_w" '$1 == w { print $2; exit }' "$_r" 2>/dev/null)
		_note=$(awk -v w="$_w" '$1 == w { sub(/^[^ ]* /, ""); printf "%s%s", s, $0; s = "; " }' "$_notes" 2>/dev/null)
		if [ -z "$ref" ]; then
			printf '%-12s %12s  %s\n' "$_w" "${_vo:-failed}" "$_note"
			[ -n "$_vo" ] || _rc=1
		elif [ -n "$_vo" ] && [ -n "$_vr" ]; then
			if [ "$_kind" = time ]; then
				_ratio=$(bench_calc "$_vr / ($_vo > 0 ? $_vo : 0.01)")
			else
				_ratio=$(bench_calc "$_vo / ($_vr > 0 ? $_vr : 0.01)")
			fi
			_to=$(bench_calc "$_to + $_vo")
			_tr=$(bench_calc "$_tr + $_vr")
			_lg=$(bench_calc "$_lg + log($_ratio > 0 ? $_ratio : 0.0001)")
			_n=$((_n + 1))
			printf "%-12s %12${_f}f %12${_f}f %7.2f  %s\n" "$_w" "$_vo" "$_vr" "$_ratio" "$_note"
		else
			printf '%-12s %12s %12s %7s  %s\n' "$_w" "${_vo:-failed}" "${_vr:-failed}" - "$_note"
			_rc=1
		fi
	done
	if [ -n "$ref" ] && [ "$_kind" = time ] && [ "$_n" -gt 0 ]; then
		printf '%-12s %12.2f %12.2f %7.2f  (geometric mean of the %d ratios: %.2f)\n' total "$_to" "$_tr" \
			"$(bench_calc "$_tr / ($_to > 0 ? $_to : 0.01)")" "$_n" "$(bench_calc "exp($_lg / $_n)")"
	fi
	return "$_rc"
}

bench_runs() {
	emulators=quicksilver
	[ -n "$ref" ] && emulators="quicksilver qemu"
	[ -n "$ref" ] || echo "$bench_name: qemu-system-riscv64 not installed (apt-get install qemu-system-misc): no comparison" >&2
	_i=0
	while [ "$_i" -lt "$runs" ]; do # alternating, so that a burst of load on the host hits both alike
		_i=$((_i + 1))
		run "quicksilver-$_i" "$ours"
		[ -z "$ref" ] || run "qemu-$_i" "$ref"
	done
}

bench_report() {
	bench_clock "$tmp/$1.log" >>"$tmp/$1.bad"
	if [ -s "$tmp/$1.bad" ]; then
		echo "$bench_name: ${1%-*}: problems:" >&2
		sed 's/^/  /' "$tmp/$1.bad" >&2
		echo "  last console lines:" >&2
		grep -v '^[[:space:]]*$' "$tmp/$1.log" | tail -n "$2" | sed 's/^/  | /' >&2
	fi
}

bench_problems() {
	_rc=0
	for _e in $emulators; do
		_i=0
		while [ "$_i" -lt "$runs" ]; do
			_i=$((_i + 1))
			[ -s "$tmp/$_e-$_i.bad" ] || continue
			_rc=1
			echo "$_e (run $_i): $(wc -l <"$tmp/$_e-$_i.bad") problem(s):"
			sed 's/^/  /' "$tmp/$_e-$_i.bad"
		done
	done
	return "$_rc"
}

# Shared code of the benchmarks that boot Debian's riscv64 Linux (boot.sh, busybox.sh, 7zip.sh):
# finding the two emulators, fetching the guest, booting it with a watchdog, reading the markers
# the guest's init prints, and the arithmetic. Sourced, not run: `. "$(dirname "$0")/lib.sh"`.
# Each boot runs under `timeout` ($bench_timeout seconds) and is also killed as soon as the
# console shows the end of a kernel panic, so a hung guest is reported, not waited for. The host notes the time it sees each `QS-BENCH...` console line, so the in-guest
# times can be checked against the host's clock (a guest clock that runs slow would flatter us).
# Functions (POSIX sh has no local variables: their scratch variables start with _):
#   bench_setup OURS          sets ours, ref (Debian's QEMU, or "" when absent), ref_version,
#                             scripts, tmp (a temporary dir removed on exit), and QS_* of the guest
#   bench_boot LOG INITRD APPEND BINARY [QEMU ARGS...]
#                             boots the guest, console in LOG, host times of marker lines in
#                             LOG.stamps ("seconds line"); returns the emulator's exit status
#                             (124: timed out, 125: killed after a kernel panic)
#   bench_why RC LOG          one line: why a boot failed
#   bench_last LOG            the guest's last console line
#   bench_markers LOG [TAG]   the console's lines that start with TAG (default QS-BENCH), \r-less
#   bench_calc EXPR           awk arithmetic: bench_calc '3 / 2' prints 1.5
# Variables read: bench_name (for messages), smp (1), bench_timeout (seconds a boot may take, 600),
# QS_BIOS (-bios; default: the OpenSBI fetch-guest.sh finds, else the emulator's own).

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
	# shellcheck disable=SC2154 # bench_pid is set by bench_boot
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
	[ -n "${tmp:-}" ] && rm -rf "$tmp"
}

bench_boot() {
	_log=$1 _initrd=$2 _append=$3 _bin=$4
	shift 4
	if [ -n "$bench_bios" ]; then set -- -bios "$bench_bios" "$@"; fi
	rm -f "$tmp/console" "$_log.stamps"
	mkfifo "$tmp/console"
	# The console goes through a fifo to a reader that notes when each marker line arrives.
	_cr=$(printf '\r')
	while IFS= read -r _line || [ -n "$_line" ]; do
		_line=${_line%"$_cr"}
		printf '%s\n' "$_line"
		case $_line in QS-BENCH*) echo "$(date +%s.%N) $_line" >>"$_log.stamps" ;; esac
	done <"$tmp/console" >"$_log" &
	_reader=$!
	timeout -k 10 "$bench_limit" "$_bin" -M virt -smp "$smp" -m 512M -nographic \
		-kernel "$QS_KERNEL" -initrd "$_initrd" -append "$_append" "$@" \
		</dev/null >"$tmp/console" 2>&1 &
	bench_pid=$!
	_panic=0
	while kill -0 "$bench_pid" 2>/dev/null; do # a panicked guest never powers off
		if [ "$_panic" = 0 ] && grep -q 'end Kernel panic' "$_log" 2>/dev/null; then
			_panic=1
			kill "$bench_pid" 2>/dev/null
		fi
		sleep 0.2
	done
	_rc=0
	wait "$bench_pid" || _rc=$?
	bench_pid=""
	wait "$_reader" || true
	[ "$_panic" = 1 ] && _rc=125
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

bench_markers() {
	tr -d '\r' <"$1" | grep "^${2:-QS-BENCH} " || true
}

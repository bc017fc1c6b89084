# SPDX-License-Identifier: GPL-2.0-or-later
# TAP helpers for functional tests written in shell (sourced, not run), and the waits that
# tests/README.md asks for: conditions polled up to a bound scaled by QS_TIMEOUT_FACTOR.
tap_n=0
tap_failed=0
ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}
not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for line in "$@"; do printf '%s\n' "$line" | sed 's/^/#   /'; done
}
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}
tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" = 0 ]
}

# scaled SECONDS: an idle machine's bound times QS_TIMEOUT_FACTOR (default 3), whole seconds.
scaled() {
	awk -v s="$1" -v f="${QS_TIMEOUT_FACTOR:-3}" 'BEGIN { v = s * f; printf "%d\n", v < 1 ? 1 : v + 0.999 }'
}

# wait_until SECONDS COMMAND...: polls COMMAND until it succeeds; fails after the scaled bound.
wait_until() {
	_end=$(($(date +%s) + $(scaled "$1")))
	shift
	until "$@"; do
		[ "$(date +%s)" -lt "$_end" ] || return 1
		sleep 0.05
	done
}

# handles_signal PID SIG: the process has installed a handler for SIG (SigCgt), so SIG now asks
# it to shut down instead of killing it.
handles_signal() {
	_mask=$(awk '/^SigCgt:/ { print $2 }' "/proc/$1/status" 2>/dev/null)
	[ -n "$_mask" ] && [ $(((0x$_mask >> ($2 - 1)) & 1)) = 1 ]
}

# file_has FILE TEXT: TEXT is in FILE.
file_has() {
	grep -qF -- "$2" "$1" 2>/dev/null
}

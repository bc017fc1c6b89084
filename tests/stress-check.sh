#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs the whole test suite (make check's: scripts/run-tests.sh) N times while two CPU hogs and
# an I/O hog compete for this machine, then names every test case that failed even once. A
# suite that passes here has no race that a busy CI machine will find (tests/README.md).
# Usage: tests/stress-check.sh [RUNS] [BUILDDIR]      (defaults: 3, build)
# Env: QS_STRESS_HOGS=0 runs without the hogs; QS_STRESS_LOGDIR keeps each run's logs there
#      (default: a temporary directory, removed unless a run failed).
set -u
runs=${1:-3}
build=${2:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
logdir=${QS_STRESS_LOGDIR:-$(mktemp -d /tmp/qs-stress.XXXXXX)}
mkdir -p "$logdir"
hogdir=$(mktemp -d)
hogs=""

stop_hogs() {
	for p in $hogs; do
		pkill -P "$p" 2>/dev/null # the io hog's dd
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
	hogs=""
	rm -rf "$hogdir"
}
trap 'stop_hogs; exit 130' INT TERM
trap stop_hogs EXIT

[ -f "$build/build.ninja" ] || { echo "stress-check: no build in '$build' (run make first)" >&2; exit 2; }
ninja -C "$build" >/dev/null || exit 2

if [ "${QS_STRESS_HOGS:-1}" != 0 ]; then
	# Two busy loops, one per core of a 2-core CI machine: every test runs on a contended CPU.
	for _ in 1 2; do
		sh -c 'while :; do :; done' &
		hogs="$hogs $!"
	done
	# Writes and syncs 256 MiB again and again: page cache and disk queue stay busy.
	sh -c 'while :; do dd if=/dev/zero of="$1/io" bs=1M count=256 conv=fdatasync 2>/dev/null; done' \
		io-hog "$hogdir" &
	hogs="$hogs $!"
	echo "stress-check: hogs running (pids$hogs)"
fi

n=1
while [ "$n" -le "$runs" ]; do
	start=$(date +%s)
	"$here/scripts/run-tests.sh" "$build" >"$logdir/run$n.log" 2>&1
	rc=$?
	cp "$build/meson-logs/testlog.json" "$logdir/run$n.json" 2>/dev/null
	echo "stress-check: run $n of $runs: $(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logdir/run$n.log" | tail -n 1)" \
		"(exit $rc, $(($(date +%s) - start)) s)"
	n=$((n + 1))
done
stop_hogs

# Every failed case (a TAP "not ok" line, or a whole test that failed or timed out) with its runs.
python3 - "$logdir" "$runs" <<'EOF'
import json, os, re, sys
logdir, runs = sys.argv[1], int(sys.argv[2])
failures = {}
for n in range(1, runs + 1):
    path = os.path.join(logdir, f'run{n}.json')
    if not os.path.exists(path):
        failures.setdefault('(no test log: the suite did not run)', []).append(n)
        continue
    for line in open(path):
        t = json.loads(line)
        bad = [l for l in (t.get('stdout') or '').splitlines()
               if re.match(r'^not ok\b', l) and '# TODO' not in l]
        for l in bad:
            failures.setdefault(f"{t['name']}: {l}", []).append(n)
        if t['result'] not in ('OK', 'SKIP', 'EXPECTEDFAIL') and not bad:
            failures.setdefault(f"{t['name']}: {t['result']}", []).append(n)
for what, where in sorted(failures.items()):
    print(f'stress-check: FAILED in run(s) {",".join(map(str, where))}: {what}')
print(f'stress-check: {runs} runs, {len(failures)} test case(s) failed at least once')
sys.exit(1 if failures else 0)
EOF
rc=$?
if [ "$rc" = 0 ] && [ -z "${QS_STRESS_LOGDIR:-}" ]; then
	rm -rf "$logdir"
else
	echo "stress-check: logs in $logdir"
fi
exit $rc

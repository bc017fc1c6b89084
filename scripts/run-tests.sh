#!/bin/sh
# Runs the meson test suite of a build directory and ends with the one summary line CI reads.
build=${1:-build}
shift
meson test -C "$build" --print-errorlogs "$@"
rc=$?
python3 "$(dirname "$0")/test-summary.py" "$build/meson-logs/testlog.json" || rc=1
exit $rc

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs the meson test suite of a build directory and ends with the one summary line CI reads.
# Every timeout, meson's and the tests' own, is an idle machine's bound times QS_TIMEOUT_FACTOR
# (default 3), so a busy machine passes too (tests/README.md).
build=${1:-build}
shift
export QS_TIMEOUT_FACTOR="${QS_TIMEOUT_FACTOR:-3}"
meson test -C "$build" --print-errorlogs --timeout-multiplier "$QS_TIMEOUT_FACTOR" "$@"
rc=$?
python3 "$(dirname "$0")/test-summary.py" "$build/meson-logs/testlog.json" || rc=1
exit $rc

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Counts test cases from meson's testlog.json: every TAP 'ok'/'not ok' line is one case; a test
without TAP output counts as one case by its exit status (crashes and timeouts fail)."""
import json, re, sys

passed = failed = skipped = 0
ok_re = re.compile(r'^(not ok|ok)\b(.*)$')
with open(sys.argv[1]) as f:
    for line in f:
        t = json.loads(line)
        cases = [ok_re.match(l) for l in (t.get('stdout') or '').splitlines()]
        cases = [c for c in cases if c]
        for c in cases:
            if c.group(1) == 'not ok' and '# TODO' not in c.group(2):
                failed += 1
            elif '# SKIP' in c.group(2) or '# skip' in c.group(2):
                skipped += 1
            else:
                passed += 1
        if t['result'] not in ('OK', 'SKIP', 'EXPECTEDFAIL') and not any(
                c.group(1) == 'not ok' for c in cases):
            failed += 1
            print('FAILED:', t['name'], t['result'])
        elif t['result'] == 'SKIP' and not cases:
            skipped += 1
        elif not cases:
            passed += 1  # a plain exit-status test
line = f'{passed} passed, {failed} failed'
if skipped:
    line += f', {skipped} skipped'
print(line)
sys.exit(1 if failed else 0)

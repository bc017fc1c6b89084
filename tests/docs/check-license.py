#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The licence as meson.build declares it: COPYING holds the GPL version 2, and every source
file of the tree (C, assembly, shell, Python, meson, make, configure) carries the line
`SPDX-License-Identifier: GPL-2.0-or-later` near its top. TAP output.
Usage: check-license.py SRCDIR"""
import os, re, subprocess, sys

src = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '.')
source = re.compile(r'(\.(c|h|S|sh|py|pl)|/?meson\.build|^Makefile|^configure|^\.ci/run)$')
files = subprocess.run(['git', '-C', src, 'ls-files'], capture_output=True, text=True, check=True).stdout.split()
n = bad = 0


def report(ok, name, detail=''):
    global n, bad
    n += 1
    bad += not ok
    print(f'{"ok" if ok else "not ok"} {n} - {name}' + (f'\n#   {detail}' if detail and not ok else ''))


copying = open(os.path.join(src, 'COPYING')).read(2000)
report('GNU GENERAL PUBLIC LICENSE' in copying and 'Version 2, June 1991' in copying, 'COPYING is the GPL v2')
meson = open(os.path.join(src, 'meson.build')).read()
report("license: 'GPL-2.0-or-later'" in meson, "meson.build declares GPL-2.0-or-later")
missing = [f for f in files if source.search(f) and
           'SPDX-License-Identifier: GPL-2.0-or-later' not in open(os.path.join(src, f), errors='replace').read(600)]
report(not missing, f'an SPDX line in each of {sum(1 for f in files if source.search(f))} source files',
       ' '.join(missing[:20]))
print(f'1..{n}')
sys.exit(1 if bad else 0)

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""make uninstall: removes what `make install` put in place, as the build describes it (meson
introspect --installed), under DESTDIR when one is given, and Quicksilver's own folders when
that leaves them empty (never bin/ or man1/, which others share). Prints each file it removes. Usage: uninstall.py BUILDDIR [DESTDIR]"""
import json, os, subprocess, sys

build = sys.argv[1]
destdir = sys.argv[2] if len(sys.argv) > 2 else os.environ.get('DESTDIR', '')
installed = json.loads(subprocess.run(['meson', 'introspect', '--installed', build],
                                      capture_output=True, text=True, check=True).stdout)
options = json.loads(subprocess.run(['meson', 'introspect', '--buildoptions', build],
                                    capture_output=True, text=True, check=True).stdout)
opt = {o['name']: o['value'] for o in options}
prefix = opt['prefix']
# ours alone: the docs, and the firmware folder (install_emptydir, which --installed omits)
ours = [os.path.join(prefix, opt['datadir'], 'doc', 'quicksilver'),
        os.path.join(prefix, opt['datadir'], 'quicksilver')]


def under_destdir(path):
    return os.path.join(destdir, path.lstrip('/')) if destdir else path


for path in sorted(installed.values()):
    full = under_destdir(path)
    if os.path.lexists(full):
        os.remove(full)
        print(f'Removed {full}')
for d in ours:
    try:
        os.rmdir(under_destdir(d))
    except OSError:
        pass  # gone already, or holds files of the user's (firmware they put there)

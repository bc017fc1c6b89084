#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The interactive demo as a person uses it: Debian's kernel boots to a busybox shell on a
terminal (-nographic on a pseudo-terminal), typed commands run (UART input through the PLIC),
and `poweroff` ends the emulator with status 0. Skips when the guest cannot be fetched."""
import os, shutil, subprocess, sys, tempfile
from qstest import PtyProcess, Tap

QS = sys.argv[1]
SRC = os.path.dirname(os.path.abspath(__file__)) + '/../..'
tap = Tap()

fetch = subprocess.run([SRC + '/scripts/fetch-guest.sh'], capture_output=True, text=True)
if fetch.returncode != 0:
    tap.skip('interactive shell', 'guest not available: ' + fetch.stderr.strip()[-200:])
    tap.finish()
env = dict(line.split('=', 1) for line in fetch.stdout.splitlines() if '=' in line)
kernel = env['QS_KERNEL'].strip("'")
tmp = tempfile.mkdtemp()
initrd = tmp + '/initrd.gz'
subprocess.run([SRC + '/scripts/make-initramfs.sh', initrd], check=True, capture_output=True)

p = PtyProcess([QS, '-M', 'virt', '-m', '512M', '-nographic', '-kernel', kernel,
                '-initrd', initrd, '-append', 'console=ttyS0'])
log = lambda: p.buf.decode(errors='replace')
# The prompt means the shell is reading the terminal: typing now loses nothing.
tap.report(p.until(b'qs:/# ', 120), 'Linux boots to the shell prompt', log())
p.write(b'echo typed-$((6*7))\r')
tap.report(p.until(b'typed-42', 30), 'a typed command runs', log())
p.write(b'exit\r')
tap.report(p.until(b'reboot: Power down', 30), 'leaving the shell powers the guest off', log())
code = p.wait(15)
tap.report(code == 0, 'the emulator exits with status 0', f'status {code}')
p.close()
shutil.rmtree(tmp)
tap.finish()

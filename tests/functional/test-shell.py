#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The interactive demo as a person uses it: Debian's kernel boots to a busybox shell on a
terminal (-nographic on a pseudo-terminal), typed commands run (UART input through the PLIC),
and `poweroff` ends the emulator with status 0; with root= the same initramfs boots a root disk
of one's own (an ext4 image holding busybox and an init). Skips when the guest cannot be fetched."""
import os, shutil, subprocess, sys, tempfile
from qstest import PtyProcess, Tap, fetch

QS = sys.argv[1]
SRC = os.path.dirname(os.path.abspath(__file__)) + '/../..'
tap = Tap()

env = fetch(tap, 'fetch-guest.sh', 'interactive shell')
kernel = env['QS_KERNEL']
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

# README's "your own root disk": the same initramfs with root= hands over to the disk's init.
rootfs = tmp + '/rootfs'
for d in ('bin', 'sbin', 'dev', 'proc', 'sys'):
    os.makedirs(f'{rootfs}/{d}')
shutil.copy(env['QS_BUSYBOX'], rootfs + '/bin/busybox')
with open(rootfs + '/sbin/init', 'w') as f:
    f.write('#!/bin/busybox sh\n/bin/busybox mount -t proc proc /proc\n'
            'echo "QS-ROOT-OK $(/bin/busybox awk \'$2 == "/" { print $1, $3, $4 }\' /proc/mounts)"\n'
            '/bin/busybox poweroff -f\n')
os.chmod(rootfs + '/sbin/init', 0o755)
disk = tmp + '/root.img'
mke2fs = shutil.which('mke2fs') or '/sbin/mke2fs'
subprocess.run([mke2fs, '-q', '-F', '-t', 'ext4', '-L', 'myroot', '-d', rootfs, disk, '16M'], check=True,
               capture_output=True)
p = PtyProcess([QS, '-M', 'virt', '-m', '512M', '-nographic', '-kernel', kernel, '-initrd', initrd,
                '-append', 'console=ttyS0 root=LABEL=myroot rw',
                '-drive', f'file={disk},if=none,id=hd0,format=raw', '-device', 'virtio-blk-device,drive=hd0'])
tap.report(p.until(b'QS-ROOT-OK /dev/vda ext4 rw', 120), 'root=LABEL= boots the disk\'s own init, read-write', log())
code = p.wait(30)
tap.report(code == 0, 'and its poweroff ends the emulator', f'status {code}')
p.close()
shutil.rmtree(tmp)
tap.finish()

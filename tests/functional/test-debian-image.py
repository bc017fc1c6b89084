#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A long run, by hand (not in make check): a Debian riscv64 system disk made by
scripts/make-debian-image.sh (debootstrap's second stage runs in the guest, about 6 minutes)
boots Debian's kernel through the demo's initramfs to systemd's login prompt on the serial
console; root logs in, the system reports "running", networkd has a DHCP lease from -netdev user,
and poweroff ends the emulator with status 0.
Usage: test-debian-image.py QEMU [IMAGE]  (IMAGE is made first when it does not exist; as root)"""
import os, subprocess, sys, time
from qstest import PtyProcess, Tap, fetch

QS = sys.argv[1]
SRC = os.path.dirname(os.path.abspath(__file__)) + '/../..'
cache = os.environ.get('QS_CACHE_DIR') or os.path.expanduser('~/.cache/quicksilver')
image = sys.argv[2] if len(sys.argv) > 2 else cache + '/debian.img'
tap = Tap()
guest = fetch(tap, 'fetch-guest.sh', 'Debian system image')
if not os.path.exists(image):
    made = subprocess.run([SRC + '/scripts/make-debian-image.sh', image], env=dict(os.environ, QS=QS))
    tap.report(made.returncode == 0, 'make-debian-image.sh builds the disk (second stage in the guest)')
    if made.returncode:
        tap.finish()
initrd = cache + '/demo-initrd.cpio.gz'
subprocess.run([SRC + '/scripts/make-initramfs.sh', initrd], check=True, capture_output=True)
start = time.monotonic()
p = PtyProcess([QS, '-M', 'virt', '-m', '1G', '-smp', '2', '-nographic', '-kernel', guest['QS_KERNEL'],
                '-initrd', initrd, '-append', 'console=ttyS0 root=LABEL=debian rw',
                '-drive', f'file={image},if=none,id=hd0,format=raw', '-device', 'virtio-blk-device,drive=hd0',
                '-netdev', 'user,id=n0', '-device', 'virtio-net-device,netdev=n0'])
log = lambda: p.buf.decode(errors='replace')
tap.report(p.until(b'login: ', 300), f'systemd reaches the login prompt ({time.monotonic() - start:.1f} s)', log())


def run(cmd, want, timeout=60):
    mark = len(p.buf)
    p.write(cmd + b'\r')
    return p.until(want, timeout, mark)


tap.report(run(b'root', b'# '), 'root logs in', log())
mark = len(p.buf)
run(b'systemctl is-system-running --wait', b'\n', 120)
# the reply follows the echoed command and systemd's terminal escapes (OSC 3008 ... ESC \\)
tap.report(p.until(b'\\running\r', 120, mark) or p.until(b'\nrunning\r', 1, mark),
           'the system is running', log()[-600:])
tap.report(run(b'networkctl status eth0 | grep -o "10.0.2.15"', b'\n10.0.2.15'),
           'networkd has the DHCP lease 10.0.2.15', log())
tap.report(run(b'poweroff', b'Power down', 120) and p.wait(30) == 0, 'poweroff ends the emulator, status 0', log())
p.close()
tap.finish()

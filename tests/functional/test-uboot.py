#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""README's U-Boot guide as a user follows it: Debian's U-Boot for QEMU's virt in S-mode
(u-boot-qemu, qemu-riscv64_smode/uboot.elf) starts under OpenSBI as -kernel, answers at its
prompt (version, virtio info), and its distro boot finds extlinux.conf on the first partition
of a virtio disk and boots Debian's kernel and the demo initramfs from it to a shell.
Skips when U-Boot or the guest is missing."""
import os, shutil, struct, subprocess, sys, tempfile
from qstest import PtyProcess, Tap, fetch

QS = sys.argv[1]
SRC = os.path.dirname(os.path.abspath(__file__)) + '/../..'
UBOOT = '/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf'
tap = Tap()
if not os.path.exists(UBOOT):
    tap.skip('U-Boot', UBOOT + " missing (Debian's u-boot-qemu)")
    tap.finish()
env = fetch(tap, 'fetch-guest.sh', 'U-Boot')
tmp = tempfile.mkdtemp()

# A disk as distributions lay them out for U-Boot: an MBR, a bootable ext4 partition from
# 1 MiB holding the kernel, the initramfs and extlinux/extlinux.conf.
boot = tmp + '/boot'
os.makedirs(boot + '/extlinux')
shutil.copy(env['QS_KERNEL'], boot + '/vmlinuz')
subprocess.run([SRC + '/scripts/make-initramfs.sh', boot + '/initrd.gz'], check=True, capture_output=True)
with open(boot + '/extlinux/extlinux.conf', 'w') as f:
    f.write('default quicksilver\nlabel quicksilver\n  kernel /vmlinuz\n  initrd /initrd.gz\n'
            '  append console=ttyS0\n')
mke2fs = shutil.which('mke2fs') or '/sbin/mke2fs'
subprocess.run([mke2fs, '-q', '-F', '-t', 'ext4', '-d', boot, tmp + '/part.img', '63M'], check=True,
               capture_output=True)
disk = tmp + '/disk.img'
# the MBR: one active Linux partition (type 0x83) by LBA, CHS fields unused (0xfeffff)
entry = struct.pack('<B3sB3sII', 0x80, b'\xfe\xff\xff', 0x83, b'\xfe\xff\xff', 2048, 63 << 11)
with open(tmp + '/part.img', 'rb') as src, open(disk, 'wb') as dst:
    dst.write(bytes(446) + entry + bytes(48) + b'\x55\xaa')
    dst.seek(1 << 20)
    shutil.copyfileobj(src, dst)

p = PtyProcess([QS, '-M', 'virt', '-m', '512M', '-nographic', '-kernel', UBOOT,
                '-drive', f'file={disk},if=none,id=hd0,format=raw', '-device', 'virtio-blk-device,drive=hd0'])
log = lambda: p.buf.decode(errors='replace')
tap.report(p.until(b'Hit any key to stop autoboot', 60), 'U-Boot starts under OpenSBI', log())
p.write(b' ')  # stop the countdown: the prompt first
tap.report(p.until(b'=> ', 30), 'its prompt', log())
mark = len(p.buf)
p.write(b'version\r')
tap.report(p.until(b'U-Boot 20', 10, mark) and p.until(b'\n=> ', 10, mark), 'version answers', log())
mark = len(p.buf)
p.write(b'virtio info\r')
tap.report(p.until(b'QEMU VirtIO Block Device', 10, mark) and p.until(b'\n=> ', 10, mark),
           'virtio info lists the disk', log())
mark = len(p.buf)
p.write(b'boot\r')
tap.report(p.until(b'extlinux/extlinux.conf', 60, mark), 'distro boot finds extlinux.conf', log())
tap.report(p.until(b'qs:/# ', 180, mark), 'and boots Linux from the disk to the shell', log())
p.write(b'exit\r')
tap.report(p.until(b'reboot: Power down', 30, mark), 'the shell powers off', log())
code = p.wait(15)
tap.report(code == 0, 'the emulator exits with status 0', f'status {code}')
p.close()
shutil.rmtree(tmp)
tap.finish()

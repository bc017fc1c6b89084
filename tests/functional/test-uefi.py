#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""UEFI on -M virt as its users start it: Debian's EDK2 build (qemu-efi-riscv64) in pflash0,
its variable store in pflash1, OpenSBI entering it in S-mode. The firmware must reach its
shell, find the virtio-blk-pci and virtio-rng-pci functions, read the disk, write its variables
to the pflash1 image, and power the machine off. Skips when the firmware cannot be fetched."""
import os, shutil, subprocess, sys, tempfile
from qstest import PtyProcess, Tap, fetch

QS = sys.argv[1]
SRC = os.path.dirname(os.path.abspath(__file__)) + '/../..'
tap = Tap()

env = fetch(tap, 'fetch-edk2.sh', 'UEFI shell')
tmp = tempfile.mkdtemp()
vars_img, disk = tmp + '/vars.fd', tmp + '/disk.img'
shutil.copy(env['QS_EDK2_VARS'], vars_img)
with open(disk, 'wb') as f:  # a blank disk with a marker in block 5
    f.truncate(64 << 20)
    f.seek(5 * 512)
    f.write(b'QS-UEFI-MARKER')

p = PtyProcess([QS, '-M', 'virt', '-m', '1G', '-nographic',
                '-drive', 'if=pflash,unit=0,format=raw,readonly=on,file=' + env['QS_EDK2_CODE'],
                '-drive', 'if=pflash,unit=1,format=raw,file=' + vars_img,
                '-drive', 'if=none,id=hd0,format=raw,file=' + disk,
                '-device', 'virtio-blk-pci,drive=hd0', '-device', 'virtio-rng-pci'])
log = lambda: p.buf.decode(errors='replace')
tap.report(p.until(b'Domain0 Next Mode         : S-mode', 20),
           'OpenSBI enters the firmware in S-mode', log())
tap.report(p.until(b'Shell> ', 60), 'EDK2 %s reaches the UEFI shell'
           % env['QS_EDK2_VERSION'], log())


def command(line, want, timeout=20):
    """Types line at the prompt; true once the next prompt is there and want came before it."""
    start = len(p.buf)
    p.write(line.encode() + b'\r')
    return p.until(b'Shell> ', timeout, start) and want in p.buf[start:]


tap.report(command('pci', b'Vendor 1AF4 Device 1001'), 'the shell lists virtio-blk-pci', log())
tap.report(b'Vendor 1AF4 Device 1005' in p.buf and b'Vendor 1B36 Device 0008' in p.buf,
           'and virtio-rng-pci and the host bridge', log())
tap.report(command('dblk blk0 5 1', b'QS-UEFI-MARKER'),
           'it reads the virtio-blk disk (block 5)', log())
p.write(b'reset -s\r')
code = p.wait(20)
tap.report(code == 0, 'reset -s powers the machine off, status 0', f'status {code}\n' + log())
with open(vars_img, 'rb') as a, open(env['QS_EDK2_VARS'], 'rb') as b:
    tap.report(a.read() != b.read(), 'its variables were written to the pflash1 image')
p.close()

# -kernel with the firmware: EDK2 takes the kernel, initrd and command line from fw_cfg and
# starts Linux through its EFI stub.
guest = fetch(tap, 'fetch-guest.sh', 'EDK2 boots -kernel from fw_cfg')
initrd = tmp + '/initrd.gz'
subprocess.run([SRC + '/scripts/make-initramfs.sh', initrd, '--test'], check=True,
               capture_output=True)
shutil.copy(env['QS_EDK2_VARS'], vars_img)
p = PtyProcess([QS, '-M', 'virt', '-m', '1G', '-nographic',
                '-drive', 'if=pflash,unit=0,format=raw,readonly=on,file=' + env['QS_EDK2_CODE'],
                '-drive', 'if=pflash,unit=1,format=raw,file=' + vars_img,
                '-kernel', guest['QS_KERNEL'], '-initrd', initrd,
                '-append', 'console=ttyS0 qs.via=fw_cfg', '-drive', 'if=virtio,format=raw,file=' + disk,
                '-device', 'virtio-rng-pci'])
tap.report(p.until(b'QS-BOOT-OK', 120) and b'console=ttyS0 qs.via=fw_cfg' in p.buf.split(b'Kernel command line:', 1)[-1][:200],
           'EDK2 boots -kernel with -initrd and -append from fw_cfg', log())
tap.report(p.until(b'reboot: Power down', 120) and p.wait(20) == 0,
           'Linux powers the machine off, status 0', log())
p.close()
shutil.rmtree(tmp)
tap.finish()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Debian's kernel on qcow2 disks (qcow2-init.sh in the guest), checked with QEMU's qemu-img.
First an ext4 image compressed by QEMU's qemu-img as the base of an overlay our qemu-img
creates: the guest reads a file, writes 4 MiB and deletes one with discards on; QEMU then finds
the overlay clean, the base untouched, and the new file's md5 what the guest printed. Then the
crash test: the guest writes records to the raw disk, each fsynced before it says so on the
console, and the emulator is killed with SIGKILL at a random moment; every image must pass
QEMU's check (leaked clusters allowed) and hold every record the guest saw flushed.
Usage: test-qcow2-guest.py QEMU QEMU_IMG [ROUNDS] (default 4 crash rounds)."""
import hashlib, os, random, shutil, subprocess, sys, tempfile, time
from qstest import Tap, fetch, scaled

QS, QS_IMG = sys.argv[1], sys.argv[2]
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 4
HERE = os.path.dirname(os.path.abspath(__file__))
tap = Tap()
QEMU_IMG = shutil.which('qemu-img')
if not QEMU_IMG or not shutil.which('mke2fs') or not shutil.which('debugfs'):
    tap.skip('qcow2 guest', "needs Debian's qemu-img (qemu-utils) and e2fsprogs")
    tap.finish()
env = fetch(tap, 'fetch-guest.sh', 'qcow2 guest')
tmp = tempfile.mkdtemp()
initrd = tmp + '/initrd.gz'
subprocess.run([HERE + '/../../scripts/make-initramfs.sh', initrd, '--init', HERE + '/qcow2-init.sh'],
               check=True, capture_output=True)


def boot(disk, mode, extra=()):
    return subprocess.Popen(
        [QS, '-M', 'virt', '-m', '256M', '-nographic', '-kernel', env['QS_KERNEL'], '-initrd', initrd,
         '-append', f'console=ttyS0 quiet qs.mode={mode}', '-drive', f'file={disk},if=virtio,format=qcow2',
         *extra], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def qemu_img(*args):
    return subprocess.run([QEMU_IMG] + list(args), capture_output=True, text=True)


# the filesystem: an overlay by our qemu-img on a base compressed by QEMU's
root = tmp + '/root'
os.makedirs(root)
with open(root + '/hello.txt', 'w') as f:
    f.write('hello from a compressed qcow2 base\n')
with open(root + '/victim.bin', 'wb') as f:
    f.write(os.urandom(2 << 20))
subprocess.run(['mke2fs', '-q', '-t', 'ext4', '-d', root, tmp + '/fs.raw', '64M'], check=True, capture_output=True)
qemu_img('convert', '-c', '-O', 'qcow2', tmp + '/fs.raw', tmp + '/base.qcow2')
base_sum = hashlib.sha256(open(tmp + '/base.qcow2', 'rb').read()).hexdigest()
r = subprocess.run([QS_IMG, 'create', '-q', '-f', 'qcow2', '-b', 'base.qcow2', '-F', 'qcow2', 'top.qcow2'],
                   cwd=tmp, capture_output=True, text=True)
tap.report(r.returncode == 0, 'our qemu-img makes the overlay', r.stderr)
p = boot(tmp + '/top.qcow2', 'fs')
try:
    out = p.communicate(timeout=scaled(240))[0].decode(errors='replace')
except subprocess.TimeoutExpired:
    p.kill()
    out = p.communicate()[0].decode(errors='replace')
tap.report('QS-HELLO: hello from a compressed qcow2 base' in out, 'the guest reads a file of the compressed base',
           out[-1500:])
md5 = [l.split()[1] for l in out.splitlines() if l.startswith('QS-BIG:')]
tap.report('QS-DONE' in out and 'QS-FAIL' not in out and md5, 'the guest writes, deletes with discards, unmounts',
           out[-1500:])
chk = qemu_img('check', tmp + '/top.qcow2')
tap.report(chk.returncode == 0, "QEMU's qemu-img check finds the overlay clean", chk.stdout + chk.stderr)
tap.report(hashlib.sha256(open(tmp + '/base.qcow2', 'rb').read()).hexdigest() == base_sum,
           'the base image is not written')
qemu_img('convert', '-O', 'raw', tmp + '/top.qcow2', tmp + '/after.raw')
dump = subprocess.run(['debugfs', '-R', 'cat /big', tmp + '/after.raw'], capture_output=True)
gone = subprocess.run(['debugfs', '-R', 'stat /victim.bin', tmp + '/after.raw'], capture_output=True, text=True)
tap.report(md5 and hashlib.md5(dump.stdout).hexdigest() == md5[0] and 'not found' in gone.stderr,
           'QEMU reads the new file with the md5 the guest printed, and the deleted one is gone',
           f'{md5} {hashlib.md5(dump.stdout).hexdigest()} {gone.stderr}')

# the crash test
rng = random.Random(int(os.environ.get('QS_SEED', '0')) or None)
for rnd in range(ROUNDS):
    disk = f'{tmp}/crash{rnd}.qcow2'
    opts = rng.choice(['cluster_size=64k', 'cluster_size=4k', 'extended_l2=on', 'compat=0.10'])
    qemu_img('create', '-q', '-f', 'qcow2', '-o', opts, disk, '100M')
    p = boot(disk, 'crash')
    os.set_blocking(p.stdout.fileno(), False)
    log, flushed, start, end = b'', -1, None, time.monotonic() + scaled(240)
    delay = rng.uniform(0.3, 3.0)
    while time.monotonic() < end:
        chunk = p.stdout.read() or b''
        log += chunk
        if start is None and b'QS-FLUSHED 0' in log:
            start = time.monotonic()
        if start is not None and time.monotonic() - start > delay:
            break
        if p.poll() is not None:
            break
        time.sleep(0.02)
    p.kill()
    p.wait()
    log += p.stdout.read() or b''
    for line in log.decode(errors='replace').splitlines():
        if line.startswith('QS-FLUSHED '):
            flushed = max(flushed, int(line.split()[1]))
    chk = qemu_img('check', disk)
    qemu_img('convert', '-O', 'raw', disk, disk + '.raw')
    missing = []
    with open(disk + '.raw', 'rb') as f:
        for i in range(flushed + 1):
            f.seek((i * 37) % 1500 * 65536)
            if f.read(13) != b'REC %08d\n' % i:
                missing.append(i)
    tap.report(chk.returncode in (0, 3) and 'ERROR' not in chk.stderr and flushed > 0,
               f'crash {rnd} ({opts}, killed {delay:.1f}s in, {flushed + 1} records): QEMU finds no errors',
               chk.stdout + chk.stderr + log.decode(errors='replace')[-800:])
    tap.report(not missing, f'crash {rnd}: every record the guest saw flushed is there', f'missing {missing[:20]}')
shutil.rmtree(tmp)
tap.finish()

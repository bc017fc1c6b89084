#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Debian's kernel on raw disks through the host I/O engines (qcow2-init.sh in the guest). For
aio=io_uring (page cache, and O_DIRECT with cache=none) and aio=native (O_DIRECT, as QEMU
requires), the guest reads a file, writes 4 MiB and deletes one with discards on; while it runs
the emulator is seen to hold an io_uring (a file descriptor) or a Linux AIO context (its ring
mapping); then e2fsck finds the filesystem clean and the new file has the md5 the guest printed.
Then a crash round per engine: the guest fsyncs records, the emulator is killed with SIGKILL,
and every record the guest saw flushed is in the file.
Usage: test-aio-engines.py QEMU."""
import hashlib, os, random, shutil, subprocess, sys, tempfile, time
from qstest import Tap, fetch, scaled

QS = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
tap = Tap()
if not shutil.which('mke2fs') or not shutil.which('debugfs'):
    tap.skip('aio engines', 'needs e2fsprogs')
    tap.finish()
env = fetch(tap, 'fetch-guest.sh', 'aio engines')
tmp = tempfile.mkdtemp(dir='/var/tmp')  # a disk filesystem: tmpfs takes O_DIRECT only since Linux 6.6
initrd = tmp + '/initrd.gz'
subprocess.run([HERE + '/../../scripts/make-initramfs.sh', initrd, '--init', HERE + '/qcow2-init.sh'],
               check=True, capture_output=True)
root = tmp + '/root'
os.makedirs(root)
with open(root + '/hello.txt', 'w') as f:
    f.write('hello from a compressed qcow2 base\n')  # the words qcow2-init.sh's fs mode expects
with open(root + '/victim.bin', 'wb') as f:
    f.write(os.urandom(2 << 20))
subprocess.run(['mke2fs', '-q', '-t', 'ext4', '-d', root, tmp + '/fs0.raw', '64M'], check=True, capture_output=True)

ENGINES = [('io_uring', 'aio=io_uring'), ('io_uring', 'aio=io_uring,cache=none'),
           ('native', 'aio=native,cache=none')]


def boot(disk, mode, opts):
    return subprocess.Popen(
        [QS, '-M', 'virt', '-m', '256M', '-nographic', '-kernel', env['QS_KERNEL'], '-initrd', initrd,
         '-append', f'console=ttyS0 quiet qs.mode={mode}', '-drive', f'file={disk},if=virtio,format=raw,{opts}'],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def holds_engine(pid, engine):
    """An io_uring is an anonymous file; a Linux AIO context maps its ring as [aio]."""
    try:
        if engine == 'io_uring':
            return any('[io_uring]' in os.readlink(f'/proc/{pid}/fd/{fd}') for fd in os.listdir(f'/proc/{pid}/fd'))
        return '[aio]' in open(f'/proc/{pid}/maps').read()
    except OSError:
        return False


def run(p, until=None, deadline=240):
    """Console output until the guest ends, or until `until` returns true for it (then kill)."""
    os.set_blocking(p.stdout.fileno(), False)
    log, end = b'', time.monotonic() + scaled(deadline)
    while time.monotonic() < end and p.poll() is None:
        log += p.stdout.read() or b''
        if until and until(log):
            break
        time.sleep(0.02)
    p.kill()
    p.wait()
    return (log + (p.stdout.read() or b'')).decode(errors='replace')


rng = random.Random(int(os.environ.get('QS_SEED', '0')) or None)
for engine, opts in ENGINES:
    disk = f'{tmp}/fs.raw'
    shutil.copyfile(tmp + '/fs0.raw', disk)
    p = boot(disk, 'fs', opts)
    seen = []

    def sample(log):
        seen.append(holds_engine(p.pid, engine))
        return False

    out = run(p, sample)
    tap.report('QS-HELLO: hello from a compressed qcow2 base' in out and 'QS-DONE' in out and 'QS-FAIL' not in out,
               f'{opts}: the guest reads, writes 4 MiB, deletes with discards, unmounts', out[-1500:])
    tap.report(any(seen), f'{opts}: the emulator holds {"an io_uring" if engine == "io_uring" else "a Linux AIO context"}')
    fsck = subprocess.run(['e2fsck', '-fn', disk], capture_output=True, text=True)
    md5 = [l.split()[1] for l in out.splitlines() if l.startswith('QS-BIG:')]
    dump = subprocess.run(['debugfs', '-R', 'cat /big', disk], capture_output=True)
    tap.report(fsck.returncode == 0 and md5 and hashlib.md5(dump.stdout).hexdigest() == md5[0],
               f'{opts}: e2fsck finds the filesystem clean, the new file has the md5 the guest printed',
               fsck.stdout + fsck.stderr + f'{md5} {hashlib.md5(dump.stdout).hexdigest()}')

    # a crash: every record the guest saw flushed is in the file
    disk = f'{tmp}/crash.raw'
    with open(disk, 'wb') as f:
        f.truncate(100 << 20)
    delay, start = rng.uniform(0.3, 3.0), []

    def killed_after_delay(log):
        if not start and b'QS-FLUSHED 0' in log:
            start.append(time.monotonic())
        return start and time.monotonic() - start[0] > delay

    log = run(boot(disk, 'crash', opts), killed_after_delay)
    flushed = max([int(l.split()[1]) for l in log.splitlines() if l.startswith('QS-FLUSHED ')], default=-1)
    missing = []
    with open(disk, 'rb') as f:
        for i in range(flushed + 1):
            f.seek((i * 37) % 1500 * 65536)
            if f.read(13) != b'REC %08d\n' % i:
                missing.append(i)
    tap.report(flushed > 0 and not missing,
               f'{opts}: killed {delay:.1f}s in, every one of {flushed + 1} records the guest saw flushed is there',
               f'missing {missing[:20]}\n' + log[-800:])
shutil.rmtree(tmp)
tap.finish()

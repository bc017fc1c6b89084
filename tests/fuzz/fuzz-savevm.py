#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""loadvm fuzz test: a stopped machine with many kinds of device state (harts, interrupt
controllers, virtio over MMIO and PCI with a root port, virtio-serial, the UART, the RTC) saves
a snapshot into a qcow2 image whose 2 MiB clusters hold the whole VM state in one place; then,
case after case, that state is mutated in the image file (bytes flipped, lengths and counts set
to extremes, sections cut short or spliced) and loadvm reads it back. Every load must either
succeed or fail with an error reply, with the emulator alive; a failed load resets the
machine. Finally the original state loads again and quit ends it cleanly. Deterministic per
seed. Usage: fuzz-savevm.py QEMU [--cases N] (env QS_FUZZ_CASES). Meant for the ASan+UBSan
build."""
import argparse, json, os, random, shutil, struct, subprocess, sys, tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'functional'))
from qstest import Qmp, Tap, quit_cleanly  # noqa: E402

MAGIC = b'QSVMSTAT'
EXTREMES = [0, 1, 0x7f, 0xff, 0xffff, 0x7fffffff, 0xffffffff, 0xfffffffffffffff, 2 ** 64 - 1, 2 ** 63]


def mutate(rnd, state):
    s = bytearray(state)
    for _ in range(rnd.randint(1, 4)):
        at = rnd.randrange(8, len(s))  # the magic stays: past it is the parser under test
        kind = rnd.randint(0, 4)
        if kind == 0:
            s[at] ^= 1 << rnd.randint(0, 7)
        elif kind == 1:
            width = rnd.choice([1, 4, 8])
            v = rnd.choice(EXTREMES) & ((1 << (8 * width)) - 1)
            s[at:at + width] = v.to_bytes(width, 'little')[:len(s) - at]
        elif kind == 2:
            s[at] = rnd.choice([0, 1, 2, 3, 4, 0xff])  # section kinds
        elif kind == 3:
            n = rnd.randint(1, 64)
            src = rnd.randrange(0, len(s))
            s[at:at + n] = s[src:src + n][:len(s) - at]
        else:
            s[at:] = bytes(len(s) - at)  # cut short
    return bytes(s[:len(state)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('qemu')
    ap.add_argument('--cases', type=int, default=int(os.environ.get('QS_FUZZ_CASES', '400')))
    args = ap.parse_args()
    tap = Tap()
    img_tool = shutil.which('qemu-img') or os.path.join(os.path.dirname(args.qemu), 'qemu-img')
    tmp = tempfile.mkdtemp(prefix='qs-fuzz-savevm-')
    img, sock = os.path.join(tmp, 'vm.qcow2'), os.path.join(tmp, 'qmp')
    subprocess.run([img_tool, 'create', '-q', '-f', 'qcow2', '-o', 'cluster_size=2M', img, '64M'], check=True)
    env = dict(os.environ, UBSAN_OPTIONS='halt_on_error=1:print_stacktrace=1')
    p = subprocess.Popen([args.qemu, '-M', 'virt,aia=aplic-imsic', '-m', '32M', '-smp', '2', '-bios', 'none',
                          '-display', 'none', '-serial', 'null', '-S', '-no-shutdown',
                          '-drive', f'file={img},if=none,id=d0,format=qcow2', '-device', 'virtio-blk-device,drive=d0',
                          '-device', 'virtio-rng-pci', '-device', 'pcie-root-port,id=rp,chassis=1',
                          '-device', 'virtio-rng-pci,bus=rp', '-chardev', 'null,id=c0',
                          '-device', 'virtio-serial-device', '-device', 'virtconsole,chardev=c0',
                          '-qmp', f'unix:{sock},server=on,wait=off'],
                         stderr=subprocess.PIPE, env=env, cwd=tmp)
    q = Qmp(sock)
    q.cmd('qmp_capabilities')

    def hmp(line):
        return q.cmd('human-monitor-command', **{'command-line': line})

    r = hmp('savevm base')
    info = json.loads(subprocess.run([img_tool, 'info', '-U', '--output=json', img], capture_output=True,
                                     text=True).stdout or '{}')
    size = info.get('snapshots', [{}])[0].get('vm-state-size', 0)
    with open(img, 'rb') as f:
        data = f.read()
    at = data.find(MAGIC)
    # the whole state in one 2 MiB cluster, so the bytes after the magic are all of it
    state = data[at:at + size] if at >= 0 and at // (2 << 20) == (at + size - 1) // (2 << 20) else b''
    tap.report(r.get('return') == '' and len(state) > 1000, f'savevm writes a VM state of {len(state)} bytes', r)
    if not state:
        p.kill()
        tap.finish()
    rnd = random.Random(1)
    answered = failed = 0
    for case in range(args.cases):
        with open(img, 'r+b') as f:
            f.seek(at)
            f.write(mutate(rnd, state))
        try:
            r = hmp('loadvm base')
        except (OSError, EOFError, ValueError):
            break
        answered += 'return' in r
        failed += 'return' in r and r['return'] != ''
    alive = p.poll() is None
    tap.report(alive and answered == args.cases,
               f'{args.cases} mutated states loaded: each answered ({failed} refused), the emulator alive',
               '' if alive else f'status {p.returncode} at case {case}; '
               f'{p.stderr.read().decode(errors="replace")[-3000:]}')
    if not alive:
        tap.finish()
    with open(img, 'r+b') as f:
        f.seek(at)
        f.write(state)
    r = hmp('loadvm base')
    tap.report(r.get('return') == '', 'the original state loads again', r)
    quit_cleanly(tap, q, p)
    shutil.rmtree(tmp)
    tap.finish()


main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Nothing the guest writes to its console is lost: a guest writes 10 MiB to the UART
(flood.c) into a pipe that is read only 3 s later, and every byte arrives in order. With a
small output buffer (x-out-buffer=) the UART is held back instead, as flow control would hold
a real line: the guest cannot finish while nobody reads, and still nothing is lost."""
import shutil, subprocess, sys, time
from qstest import Tap, scaled

QS, FLOOD = sys.argv[1], sys.argv[2]
FLOOD_BYTES = 10 << 20
tap = Tap()


def expected():
    out = bytearray(FLOOD_BYTES)
    for i in range(FLOOD_BYTES):
        out[i] = 10 if i % 64 == 63 else 97 + (i + i // 4096) % 26
    return bytes(out)


WANT = expected()


def first_difference(got):
    for i in range(min(len(got), len(WANT))):
        if got[i] != WANT[i]:
            return i
    return min(len(got), len(WANT))


def late_reader(args, name, held=False):
    p = subprocess.Popen([QS, '-M', 'virt', '-bios', 'none', '-kernel', FLOOD] + args,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(3)  # the point of the test: nobody reads for 3 s
    running = p.poll() is None
    try:
        out, err = p.communicate(timeout=scaled(60))
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
    ok = out == WANT and p.returncode == 0
    tap.report(ok, f'{name}: 10 MiB read 3 s late arrive whole and in order',
               f'status {p.returncode}, {len(out)} bytes, first difference at '
               f'{first_difference(out)}; {err.decode(errors="replace")}')
    if held:
        tap.report(running, f'{name}: the guest is held while nobody reads')


late_reader(['-nographic'], '-nographic')


def pty_late(name):
    """-serial pty with a small buffer: socat opens the terminal 2 s late and reads it all."""
    p = subprocess.Popen([QS, '-M', 'virt', '-bios', 'none', '-kernel', FLOOD, '-display', 'none',
                          '-chardev', 'pty,id=c0,x-out-buffer=1M', '-serial', 'chardev:c0'],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    line = p.stderr.readline().decode()
    ok_line = line.startswith('char device redirected to /dev/pts/') and \
        line.endswith(' (label c0)\n')
    tap.report(ok_line, f'{name}: QEMU\'s "char device redirected" line', line)
    if not ok_line:
        p.kill()
        return
    path = line.split()[4]
    time.sleep(2)
    held = p.poll() is None
    r = subprocess.Popen(['socat', '-u', f'{path},rawer', '-'], stdout=subprocess.PIPE)
    got = bytearray()
    while len(got) < FLOOD_BYTES:
        chunk = r.stdout.read1(1 << 20)
        if not chunk:
            break
        got += chunk
    r.kill()
    r.wait()
    code = p.wait(scaled(60))
    tap.report(bytes(got) == WANT and code == 0 and held,
               f'{name}: socat opening the pty 2 s late reads all 10 MiB in order',
               f'held {held}, status {code}, {len(got)} bytes, first difference at '
               f'{first_difference(bytes(got))}')


if shutil.which('socat'):
    pty_late('-serial pty')
else:
    tap.skip('-serial pty read by socat', 'socat not installed')
late_reader(['-display', 'none', '-chardev', 'stdio,id=c0,x-out-buffer=64K', '-serial',
             'chardev:c0'], 'x-out-buffer=64K', held=True)
tap.finish()

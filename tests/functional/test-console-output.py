#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Nothing the guest writes to its console is lost: a guest writes 10 MiB to the UART
(flood.c) into a pipe that is read only 3 s later, and every byte arrives in order. With a
small output buffer (x-out-buffer=) the UART is held back instead, as flow control would hold
a real line: the guest cannot finish while nobody reads, and still nothing is lost."""
import subprocess, sys, time
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
late_reader(['-display', 'none', '-chardev', 'stdio,id=c0,x-out-buffer=64K', '-serial',
             'chardev:c0'], 'x-out-buffer=64K', held=True)
tap.finish()

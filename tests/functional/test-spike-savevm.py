#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""savevm and loadvm on -M spike, whose only device is HTIF: a program prints the alphabet
through HTIF's console (htif-count.S) while a qcow2 image attached to no device keeps the
snapshots. Stopped, saved, run on, stopped and loaded again, it goes on with the letter after
the last one it printed before the save: the harts, RAM and HTIF's handshake came back. The
snapshot is listed, and loading one that is not there is refused with QEMU's words.
Usage: test-spike-savevm.py QEMU HTIF_COUNT_ELF."""
import os, shutil, subprocess, sys, tempfile, time
from qstest import Qmp, Tap, scaled

QS, ELF = sys.argv[1], sys.argv[2]
tap = Tap()
tmp = tempfile.mkdtemp()
img, sock, out = tmp + '/vm.qcow2', tmp + '/qmp', tmp + '/console.txt'
img_tool = shutil.which('qemu-img') or os.path.join(os.path.dirname(QS), 'qemu-img')
subprocess.run([img_tool, 'create', '-q', '-f', 'qcow2', img, '16M'], check=True)
p = subprocess.Popen([QS, '-M', 'spike', '-bios', 'none', '-display', 'none', '-kernel', ELF,
                      '-serial', f'file:{out}', '-drive', f'file={img},if=none,format=qcow2',
                      '-qmp', f'unix:{sock},server=on,wait=off'], stderr=subprocess.PIPE)
q = Qmp(sock)
q.cmd('qmp_capabilities')


def hmp(line):
    r = q.cmd('human-monitor-command', **{'command-line': line})
    return r.get('return', r)


def console():
    with open(out) as f:
        return f.read()


def settle(n=0):
    """The console once the guest has printed at least n letters and then stopped."""
    end = time.monotonic() + scaled(30)
    while len(console()) < n and time.monotonic() < end:
        time.sleep(0.05)
    q.cmd('stop')
    text = console()
    time.sleep(0.3)  # a letter in flight lands before we look
    return console() if console() != text else text


def succ(c):
    return 'a' if c == 'z' else chr(ord(c) + 1)


try:
    before = settle(5)
    saved = hmp('savevm s1')
    q.cmd('cont')
    during = settle(len(before) + 5)
    listing = hmp('info snapshots')
    loaded = hmp('loadvm s1')
    q.cmd('cont')
    after = settle(len(during) + 3)
    ok_seq = all(b == succ(a) for a, b in zip(before, before[1:])) and len(before) >= 5
    tap.report(saved == '' and ok_seq, 'the program prints the alphabet, and savevm takes it on spike',
               f'{saved!r} {before!r}')
    tap.report(' s1 ' in listing, 'info snapshots lists it', listing)
    resumed = after[len(during):]
    tap.report(loaded == '' and resumed and resumed[0] == succ(before[-1]) and
               all(b == succ(a) for a, b in zip(resumed, resumed[1:])),
               f'after loadvm it goes on from {succ(before[-1])!r}, the letter after the last one saved',
               f'{loaded!r} before {before[-10:]!r} during {during[len(before):]!r} after {resumed!r}')
    r = hmp('loadvm nope')
    tap.report(r == "Error: Snapshot 'nope' does not exist in one or more devices\r\n",
               'loadvm of a missing snapshot: refused as QEMU does', repr(r))
finally:
    q.cmd('quit')
    p.wait(scaled(30))
shutil.rmtree(tmp)
tap.finish()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""gdb continues the guest and the human monitor stops it: the gdbstub owes gdb a stop reply
(SIGINT), exactly as Debian's QEMU sends it; `cont` from the monitor then lets gdb interrupt
again. The GDB remote protocol is spoken directly on the socket, packet by packet.
Usage: test-gdb-monitor-stop.py QEMU"""
import os, re, select, shutil, socket, subprocess, sys, tempfile, time
from qstest import Tap, scaled

QS = sys.argv[1]
REF = shutil.which('qemu-system-riscv64')
tap = Tap()


def packet(data):
    return b'$' + data + b'#%02x' % (sum(data) & 0xff)


class Peer:
    def __init__(self, path):
        end = time.monotonic() + scaled(20)
        while True:
            self.s = socket.socket(socket.AF_UNIX)
            try:
                self.s.connect(path)
                break
            except OSError:
                self.s.close()
                if time.monotonic() > end:
                    raise
                time.sleep(0.1)
        self.buf = b''

    def until(self, pattern, limit):
        end = time.monotonic() + scaled(limit)
        while not re.search(pattern, self.buf) and time.monotonic() < end:
            if select.select([self.s], [], [], 0.2)[0]:
                d = self.s.recv(4096)
                if not d:
                    break
                self.buf += d
        m = re.search(pattern, self.buf)
        if m:
            self.buf = self.buf[m.end():]
            if pattern.startswith(rb'\$'):
                self.s.sendall(b'+')  # the acknowledgement the protocol expects
        return m


def session(binary):
    """The replies gdb gets: to '?', after the monitor's stop, and after its Ctrl-C."""
    tmp = tempfile.mkdtemp()
    p = subprocess.Popen([binary, '-M', 'virt', '-bios', 'none', '-display', 'none', '-S',
                          '-gdb', f'unix:{tmp}/gdb,server=on,wait=off',
                          '-monitor', f'unix:{tmp}/mon,server=on,wait=off'],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    replies = []
    try:
        mon = Peer(f'{tmp}/mon')
        mon.until(rb'\(qemu\) ', 20)
        gdb = Peer(f'{tmp}/gdb')
        gdb.s.sendall(packet(b'?'))
        m = gdb.until(rb'\$([^#]*)#..', 20)
        replies.append(m.group(1) if m else None)
        gdb.s.sendall(packet(b'c'))
        time.sleep(0.5)  # the guest runs
        mon.s.sendall(b'stop\n')
        m = gdb.until(rb'\$([^#]*)#..', 20)
        replies.append(m.group(1) if m else None)
        mon.s.sendall(b'cont\n')
        mon.until(rb'(?s)cont.*\(qemu\) ', 20)
        gdb.s.sendall(packet(b'c'))
        time.sleep(0.3)
        gdb.s.sendall(b'\x03')
        m = gdb.until(rb'\$([^#]*)#..', 20)
        replies.append(m.group(1) if m else None)
        gdb.s.sendall(packet(b'k'))
        p.wait(scaled(20))
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        shutil.rmtree(tmp)
    return replies, p.returncode


ours, code = session(QS)
tap.report(ours[0] is not None and ours[0].startswith(b'T05'), "gdb attached: '?' says stopped", repr(ours))
tap.report(ours[1] == b'T02thread:01;', "the monitor's stop reaches gdb as SIGINT", repr(ours))
tap.report(ours[2] == b'T02thread:01;', 'after cont, Ctrl-C from gdb stops it again', repr(ours))
tap.report(code == 0, "gdb's kill ends the emulator, status 0", f'status {code}')
if REF:
    ref, _ = session(REF)
    tap.report(ours == ref, "the same replies as Debian's QEMU", f'ours {ours!r}\nqemu {ref!r}')
else:
    tap.skip("the same replies as Debian's QEMU", 'no reference qemu-system-riscv64')
tap.finish()

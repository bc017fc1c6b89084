#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The udp and serial chardevs against real host peers: a UDP socket receives a bare-metal
guest's UART output and drives the human monitor over udp (datagrams both ways, localport=),
and a pseudo-terminal stands in for a host serial line (serial,path=; tty is the deprecated
alias, with QEMU's warning). Usage: test-chardev-host.py QEMU HELLO_ELF"""
import os, pty, select, socket, subprocess, sys, time, tty
from qstest import Tap, scaled

QS, HELLO = sys.argv[1], sys.argv[2]
tap = Tap()


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def udp_until(sock, needle, limit):
    got, end = b'', time.monotonic() + scaled(limit)
    while needle not in got and time.monotonic() < end:
        if select.select([sock], [], [], 0.2)[0]:
            got += sock.recv(65536)
    return got


# --- udp: the UART's output, one datagram at a time
peer = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
peer.bind(('127.0.0.1', 0))
port = peer.getsockname()[1]
r = subprocess.run([QS, '-M', 'virt', '-bios', 'none', '-display', 'none', '-kernel', HELLO,
                    '-chardev', f'udp,id=u,host=127.0.0.1,port={port}', '-serial', 'chardev:u'],
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=scaled(20))
got = udp_until(peer, b'Hello from riscv64', 5)
tap.report(r.returncode == 0 and b'Hello from riscv64' in got, 'udp: the guest UART output arrives',
           f'status {r.returncode} {r.stderr!r} got {got!r}')

# --- udp: the monitor, both ways, from and to fixed ports
local = free_udp_port()
qs = subprocess.Popen([QS, '-M', 'virt', '-bios', 'none', '-display', 'none', '-S',
                       '-chardev', f'udp,id=u,host=127.0.0.1,port={port},localaddr=127.0.0.1,localport={local}',
                       '-mon', 'chardev=u,mode=readline'],
                      stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
# A udp chardev is never "opened", so the monitor sends no greeting first (as in QEMU), and
# nothing says when the emulator's socket is bound: the command is sent again until answered.
got, end = b'', time.monotonic() + scaled(20)
while b'VM status: paused (prelaunch)' not in got and time.monotonic() < end:
    peer.sendto(b'info status\n', ('127.0.0.1', local))
    got += udp_until(peer, b'VM status: paused (prelaunch)', 0.5)
tap.report(b'VM status: paused (prelaunch)' in got, 'udp: a command sent as a datagram is answered', repr(got))
peer.sendto(b'quit\n', ('127.0.0.1', local))
try:
    out, _ = qs.communicate(timeout=scaled(20))
except subprocess.TimeoutExpired:
    qs.kill()
    out, _ = qs.communicate()
tap.report(qs.returncode == 0, 'udp: quit ends the emulator, status 0', f'{qs.returncode} {out!r}')
peer.close()

# --- serial: a pseudo-terminal as the host's line
master, slave = pty.openpty()
tty.setraw(master)
path = os.ttyname(slave)
r = subprocess.run([QS, '-M', 'virt', '-bios', 'none', '-display', 'none', '-kernel', HELLO,
                    '-chardev', f'serial,id=s,path={path}', '-serial', 'chardev:s'],
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=scaled(20))
got, end = b'', time.monotonic() + scaled(5)
while b'Hello from riscv64' not in got and time.monotonic() < end:
    if select.select([master], [], [], 0.2)[0]:
        got += os.read(master, 4096)
tap.report(r.returncode == 0 and b'Hello from riscv64' in got, 'serial: the guest UART output reaches the line',
           f'status {r.returncode} {r.stderr!r} got {got!r}')
qs = subprocess.Popen([QS, '-M', 'virt', '-bios', 'none', '-display', 'none', '-S',
                       '-chardev', f'tty,id=s,path={path}', '-mon', 'chardev=s,mode=readline'],
                      stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def tty_until(needle, limit):
    got, end = b'', time.monotonic() + scaled(limit)
    while needle not in got and time.monotonic() < end:
        if select.select([master], [], [], 0.2)[0]:
            got += os.read(master, 4096)
    return got


got = tty_until(b'(qemu) ', 20)
tap.report(b'monitor - type' in got, 'serial: the monitor greets the line', repr(got))
os.write(master, b'info status\r')
got = tty_until(b'VM status: paused (prelaunch)', 20)
tap.report(b'VM status: paused (prelaunch)' in got, 'serial: a command typed on the line is answered', repr(got))
os.write(master, b'quit\r')
try:
    _, err = qs.communicate(timeout=scaled(20))
except subprocess.TimeoutExpired:
    qs.kill()
    _, err = qs.communicate()
tap.report(qs.returncode == 0 and b"warning: The alias 'tty' is deprecated, use 'serial' instead" in err,
           "tty: QEMU's deprecation warning, and the same backend", f'{qs.returncode} {err!r}')
os.close(master)
os.close(slave)
tap.finish()

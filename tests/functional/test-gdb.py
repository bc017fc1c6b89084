#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""gdb-multiarch (Debian's) debugging a bare-metal guest through -S -gdb, as a user would:
a breakpoint on a function shows its arguments, a register write changes what the guest
computes, stepi moves one instruction, a memory write sticks, a watchpoint fires with the old
and new values, "monitor" runs a human-monitor command, and continue runs to a normal exit.
The same session against Debian's QEMU must show the same lines. Then -s on 2 harts (two
threads) and Ctrl-C on a running guest, through the protocol directly."""
import os, shutil, socket, subprocess, sys, tempfile, time
from qstest import Tap, scaled

QS, ELF = sys.argv[1], sys.argv[2]
REF = shutil.which('qemu-system-riscv64')
GDB = shutil.which('gdb-multiarch')
tap = Tap()
tmp = tempfile.mkdtemp(prefix='qs-gdb-')

SCRIPT = ['break add', 'continue', 'info args', 'set $a1 = 100', 'p counter', 'p/x $pc',
          'stepi', 'p/x $pc', 'delete', 'watch watched', 'continue', 'p/x watched',
          'set var counter = counter + 1', 'p counter', 'rwatch counter', 'continue',
          'delete', 'set can-use-hw-watchpoints 0', 'watch watched', 'set var watched = 0',
          'monitor info status', 'delete', 'continue']


def session(prog):
    sock = os.path.join(tmp, 'gdb.sock')
    out = os.path.join(tmp, 'serial.out')
    p = subprocess.Popen([prog, '-M', 'virt', '-bios', 'none', '-kernel', ELF, '-display', 'none',
                          '-serial', f'file:{out}', '-S', '-gdb', f'unix:{sock},server=on,wait=off'],
                         stderr=subprocess.DEVNULL)
    end = time.monotonic() + scaled(10)
    while not os.path.exists(sock) and time.monotonic() < end:
        time.sleep(0.05)
    args = [GDB, '-q', '-batch', '-nx', '-ex', f'target remote {sock}']
    for cmd in SCRIPT:
        args += ['-ex', cmd]
    g = subprocess.run(args + [ELF], capture_output=True, text=True, timeout=scaled(120))
    try:
        rc = p.wait(scaled(20))
    except subprocess.TimeoutExpired:
        p.kill()
        rc = 'hung'
    serial = open(out).read() if os.path.exists(out) else ''
    return g.stdout + g.stderr, rc, serial


if not GDB:
    tap.skip('gdb-multiarch session', 'gdb-multiarch not installed')
    tap.finish()

text, rc, serial = session(QS)
lines = text.splitlines()


def has(s):
    return any(s in l for l in lines)


tap.report(has('Breakpoint 1, add (a=0, b=b@entry=0)'), 'a breakpoint on add stops there',
           text)
pcs = [l.split('=')[1].strip() for l in lines if l.startswith('$') and '0x8' in l]
tap.report(len(pcs) >= 2 and int(pcs[1], 16) - int(pcs[0], 16) in (2, 4),
           'stepi moves one instruction', pcs)
tap.report(has('Hardware watchpoint 2: watched') and has('Old value = 0') and
           has('New value = 4660'), 'a hardware (write) watchpoint fires', text)
tap.report(has('Hardware read watchpoint 3: counter') and has('Value = 146'),
           'a read watchpoint fires', text)
tap.report(has('VM status: paused (debug)'), 'monitor runs a human-monitor command', text)
# QEMU 7.2 closes the connection at the guest's poweroff (no exit packet): so do we
tap.report(has('Remote connection closed') and rc == 0, 'continue runs to the guest\'s poweroff',
           f'{rc} {text}')
# a1 = 100 at the first call, counter + 1 after the loop: 100 + 45 + 1
tap.report('result 0000000000000092' in serial,
           'register and memory writes change what the guest computes', serial)
if REF:
    rtext, rrc, rserial = session(REF)
    strip = lambda t: [l for l in t.splitlines() if 'warning' not in l.lower() and
                       'VM status' not in l and 'Remote target' not in l]
    tap.report(strip(rtext) == strip(text) and rserial == serial,
               'the same session against QEMU shows the same lines',
               '\n'.join(f'{a!r} | {b!r}' for a, b in zip(strip(text), strip(rtext))))
else:
    tap.skip('the same session against QEMU', 'no reference qemu-system-riscv64')


# The protocol directly: -s (tcp::1234) on 2 harts, threads, Ctrl-C on a running guest
def packet(s, data):
    s.sendall(b'$%s#%02x' % (data, sum(data) & 0xff))
    buf = b''
    while True:
        buf += s.recv(65536)
        if b'#' in buf[buf.find(b'$'):] and len(buf) - buf.rfind(b'#') >= 3 and b'$' in buf:
            start = buf.find(b'$')
            return buf[start + 1:buf.find(b'#', start)]


def port_free(port):
    with socket.socket() as t:
        t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            t.bind(('', port))
            return True
        except OSError:
            return False


if not port_free(1234):  # -s means this port; something else on the machine has it
    tap.skip('-s on 2 harts, Ctrl-C, qRcmd, k', 'port 1234 is in use')
    shutil.rmtree(tmp, ignore_errors=True)
    tap.finish()
busy = subprocess.Popen([QS, '-M', 'virt', '-smp', '2', '-display', 'none', '-serial', 'null',
                         '-S', '-s'], stderr=subprocess.PIPE)
s = None
end = time.monotonic() + scaled(10)
while time.monotonic() < end:
    try:
        s = socket.create_connection(('127.0.0.1', 1234))
        break
    except OSError:
        time.sleep(0.05)
s.settimeout(scaled(10))
tap.report(packet(s, b'qfThreadInfo') == b'm01,02', '-smp 2: one thread per hart')
tap.report(packet(s, b'Hg2') == b'OK' and len(packet(s, b'g')) == 33 * 16,
           'g reads 33 registers of the chosen hart')
tap.report(packet(s, b'm0,4') in (b'E14', b'00000000'), 'a read outside RAM is answered')
tap.report(packet(s, b'Z2,80000000,8') == b'OK' and packet(s, b'z2,80000000,8') == b'OK' and
           packet(s, b'Z2,80000000,100000') == b'E22', 'watchpoint packets, lengths checked')
s.sendall(b'$c#63')
time.sleep(1)  # the firmware runs
s.sendall(b'\x03')
buf = b''
while b'T02' not in buf:
    chunk = s.recv(4096)
    if not chunk:
        break
    buf += chunk
tap.report(b'T02thread' in buf, 'Ctrl-C stops a running guest (SIGINT)', buf)
reply = packet(s, b'qRcmd,' + b'info status'.hex().encode())
tap.report(reply.startswith(b'O') and b'VM status: paused' in bytes.fromhex(reply[1:].decode()),
           'qRcmd runs a human-monitor command', reply)
s.sendall(b'$k#6b')
try:
    rc = busy.wait(scaled(20))
except subprocess.TimeoutExpired:
    busy.kill()
    rc = 'hung'
tap.report(rc == 0, 'k ends the process', rc)
s.close()
shutil.rmtree(tmp, ignore_errors=True)
tap.finish()

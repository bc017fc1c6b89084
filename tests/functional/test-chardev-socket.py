#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The socket chardev as CI scripts use it: the serial console on a TCP or unix socket, read by
socat or a script that connects late, and as a client of a listening script. A guest writes
10 MiB (flood.c); with a 1 MiB output buffer it is held until someone reads, and the reader
gets every byte. With nobody connected and the default buffer the guest runs to its end.
wait=on's message is compared with Debian's QEMU's."""
import os, shutil, socket, subprocess, sys, tempfile, time
from qstest import Tap, scaled

QS, FLOOD = sys.argv[1], sys.argv[2]
REF = shutil.which('qemu-system-riscv64')
FLOOD_BYTES = 10 << 20
tap = Tap()
tmp = tempfile.mkdtemp(prefix='qs-sock-')
WANT = bytes(10 if i % 64 == 63 else 97 + (i + i // 4096) % 26 for i in range(FLOOD_BYTES))


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def start(serial_args, prog=None):
    return subprocess.Popen([prog or QS, '-M', 'virt', '-bios', 'none', '-kernel', FLOOD,
                             '-display', 'none'] + serial_args,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def connect(family, addr, timeout=10):
    """Connects once the emulator listens."""
    end = time.monotonic() + scaled(timeout)
    while True:
        s = socket.socket(family, socket.SOCK_STREAM)
        try:
            s.connect(addr)
            return s
        except OSError:
            s.close()
            if time.monotonic() > end:
                raise
            time.sleep(0.05)


def read_all(s):
    s.settimeout(scaled(60))
    got = bytearray()
    while True:
        chunk = s.recv(1 << 20)
        if not chunk:
            return bytes(got)
        got += chunk


def finish(p, name, got, skip=0):
    try:
        p.wait(scaled(60))
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    err = p.stderr.read().decode(errors='replace')
    tap.report(got[skip:] == WANT and p.returncode == 0, name,
               f'status {p.returncode}, {len(got)} bytes; {err}')


# 1. TCP server, wait=off, a client that connects 2 s late gets everything
port = free_port()
p = start(['-chardev', f'socket,id=c0,host=127.0.0.1,port={port},server=on,wait=off,'
           'x-out-buffer=1M', '-serial', 'chardev:c0'])
time.sleep(2)
held = p.poll() is None
s = connect(socket.AF_INET, ('127.0.0.1', port))
got = read_all(s)
s.close()
finish(p, 'tcp server: a client connecting 2 s late reads all 10 MiB in order', got)
tap.report(held, 'tcp server: the guest is held at the buffer bound while nobody reads')

# 2. the -serial unix: shorthand, read by socat
path = os.path.join(tmp, 'console.sock')
p = start(['-serial', f'unix:{path},server=on,wait=off,x-out-buffer=1M'])
time.sleep(1)
out = subprocess.run(['socat', '-u', f'UNIX-CONNECT:{path}', '-'], capture_output=True,
                     timeout=scaled(60)).stdout if shutil.which('socat') else None
if out is None:
    tap.skip('-serial unix:PATH,server=on,wait=off read by socat', 'socat not installed')
    p.kill()
    p.wait()
else:
    finish(p, '-serial unix:PATH,server=on,wait=off read by socat', out)
tap.report(not os.path.exists(path), 'the unix socket is removed on exit')

# 3. nobody connects: the guest runs to its end, its output kept in the buffer until exit
p = start(['-serial', f'tcp:127.0.0.1:{free_port()},server=on,wait=off'])
try:
    code = p.wait(scaled(30))
except subprocess.TimeoutExpired:
    p.kill()
    code = 'hung'
tap.report(code == 0, 'a socket console nobody reads does not stall the guest', f'status {code}')

# 4. wait=on: start-up waits for the first client, with QEMU's message
port = free_port()
p = start(['-serial', f'tcp:127.0.0.1:{port},server=on'])
line = p.stderr.readline().decode()
want = (f'qemu-system-riscv64: -serial tcp:127.0.0.1:{port},server=on: info: QEMU waiting for '
        f'connection on: disconnected:tcp:127.0.0.1:{port},server=on\n')
tap.report(line == want, 'wait=on prints QEMU\'s waiting message', line)
if REF:
    rport = free_port()
    r = subprocess.Popen([REF, '-M', 'none', '-display', 'none', '-serial',
                          f'tcp:127.0.0.1:{rport},server=on'], stderr=subprocess.PIPE)
    rline = b''
    while b'waiting' not in rline:
        rline = r.stderr.readline()
        if not rline:
            break
    r.kill()
    r.wait()
    tap.report(rline.decode().replace(str(rport), str(port)) == want,
               'the waiting message is the same as QEMU\'s', rline)
else:
    tap.skip('the waiting message is the same as QEMU\'s', 'no reference qemu-system-riscv64')
s = connect(socket.AF_INET, ('127.0.0.1', port))
finish(p, 'wait=on: the first client reads all output from the start', read_all(s))
s.close()

# 5. client mode: the emulator connects to a listening script; reconnect=1 retries until
# the script listens, reporting the first failure as QEMU does
for reconnect in (False, True):
    port = free_port()
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(('127.0.0.1', port))
    opt = f'socket,id=c0,host=127.0.0.1,port={port}'
    if reconnect:
        p = start(['-chardev', opt + ',reconnect=1,x-out-buffer=1M', '-serial', 'chardev:c0'])
        line = p.stderr.readline().decode()
        tap.report(line == f"qemu-system-riscv64: Unable to connect character device c0: "
                   f"Failed to connect to '127.0.0.1:{port}': Connection refused\n",
                   'reconnect: the first failure is reported as QEMU does', line)
        srv.listen(1)
    else:
        srv.listen(1)
        p = start(['-chardev', opt, '-serial', 'chardev:c0'])
    srv.settimeout(scaled(20))
    conn, _ = srv.accept()
    finish(p, 'client' + (' with reconnect=1: connects once the peer listens' if reconnect
                          else ': sends all output to the listening peer'), read_all(conn))
    conn.close()
    srv.close()

# 6. a reconnecting client whose peer does not answer (a listener whose accept queue is full
# drops the SYN, so the connect hangs): the main loop goes on, and the monitor answers.
srv = socket.socket()
srv.bind(('127.0.0.1', 0))
srv.listen(0)
port = srv.getsockname()[1]
fillers = []
for _ in range(4):  # fill the accept queue; the later ones stay in SYN-SENT
    c = socket.socket()
    c.setblocking(False)
    c.connect_ex(('127.0.0.1', port))
    fillers.append(c)
time.sleep(0.2)
p = subprocess.Popen([QS, '-M', 'virt', '-bios', 'none', '-display', 'none', '-S',
                      '-chardev', f'socket,id=c0,host=127.0.0.1,port={port},reconnect=1',
                      '-serial', 'chardev:c0', '-qmp', f'unix:{tmp}/q,server=on,wait=off'],
                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
start_t = time.monotonic()
q = connect(socket.AF_UNIX, f'{tmp}/q', 20)
q.settimeout(scaled(5))
q.sendall(b'{"execute":"qmp_capabilities"}\n{"execute":"query-status"}\n')
got = b''
try:
    while b'"status": "prelaunch"' not in got:
        d = q.recv(4096)
        if not d:
            break
        got += d
except socket.timeout:
    pass
tap.report(b'"status": "prelaunch"' in got,
           'reconnect to a peer that does not answer: the monitor still answers',
           f'{time.monotonic() - start_t:.1f} s: {got!r}')
q.close()
p.kill()
p.wait()
for c in fillers:
    c.close()
srv.close()

shutil.rmtree(tmp, ignore_errors=True)
tap.finish()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""User networking's forwarding rules with Debian's kernel (net-user-init.sh): guestfwd= to a
host command (cmd:) and to a chardev (a socket to a server here), and hostfwd=udp: to a UDP
echo server in the guest (udp-echo.c). On QMP, the NIC_RX_FILTER_CHANGED event of the
driver setting its receive filter, and query-rx-filter after it: the same as under Debian's
QEMU 7.2 running the same guest. Usage: test-net-user.py QEMU UDP_ECHO_ELF [QEMU_REFERENCE]."""
import gzip, os, shutil, socket, subprocess, sys, tempfile, threading, time
from qstest import Qmp, Tap, console_line, fetch, scaled

QS = sys.argv[1]
REF = sys.argv[3] if len(sys.argv) > 3 else shutil.which('qemu-system-riscv64')
HERE = os.path.dirname(os.path.abspath(__file__))
tap = Tap()
env = fetch(tap, 'fetch-guest.sh', 'user networking forwards')
tmp = tempfile.mkdtemp()
initrd = tmp + '/initrd.gz'
subprocess.run([HERE + '/../../scripts/make-initramfs.sh', initrd, '--init', HERE + '/net-user-init.sh'],
               check=True, capture_output=True)
# the echo server goes in as a second archive, which the kernel unpacks over the first
os.makedirs(tmp + '/extra/bin')
shutil.copy(sys.argv[2], tmp + '/extra/bin/udp-echo')
os.chmod(tmp + '/extra/bin/udp-echo', 0o755)
extra = subprocess.run(['cpio', '-o', '-H', 'newc', '-R', '0:0'], input=b'bin\nbin/udp-echo\n',
                       cwd=tmp + '/extra', capture_output=True, check=True).stdout
extra = gzip.compress(extra)  # after a compressed archive the kernel takes only compressed ones
with open(initrd, 'ab') as f:
    f.write(extra)


def answer(server, heard):
    """The chardev's peer: answers the guest's line."""
    c, _ = server.accept()
    c.settimeout(scaled(60))
    line = b''
    while b'\n' not in line:
        d = c.recv(100)
        if not d:
            break
        line += d
    heard.append(line)
    c.sendall(b'pong-from-host\n')
    time.sleep(scaled(2))
    c.close()


def run(binary, name):
    """Boots the guest under binary; reports the forwards; returns (event data, rx filter)."""
    server = socket.socket()
    server.bind(('127.0.0.1', 0))
    server.listen()
    heard = []
    threading.Thread(target=answer, args=(server, heard), daemon=True).start()
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(('127.0.0.1', 0))
    uport = udp.getsockname()[1]
    udp.close()
    log = f'{tmp}/{name}.log'
    qmp_path = f'{tmp}/{name}.qmp'
    p = subprocess.Popen(
        [binary, '-M', 'virt', '-m', '256M', '-nographic', '-kernel', env['QS_KERNEL'], '-initrd', initrd,
         '-append', 'console=ttyS0 quiet', '-qmp', f'unix:{qmp_path},server=on,wait=off',
         '-chardev', f'socket,id=gf,host=127.0.0.1,port={server.getsockname()[1]}',
         '-netdev', 'user,id=n0,guestfwd=tcp:10.0.2.100:1234-cmd:/bin/sh -c "head -n 1 | tr a-z A-Z",'
         f'guestfwd=tcp:10.0.2.101:1235-chardev:gf,hostfwd=udp:127.0.0.1:{uport}-:7',
         '-device', 'virtio-net-device,netdev=n0'],
        stdin=subprocess.DEVNULL, stdout=open(log, 'wb'), stderr=subprocess.STDOUT)
    try:
        q = Qmp(qmp_path)
        q.cmd('qmp_capabilities')
        console = lambda: open(log, 'rb').read()[-1500:].decode(errors='replace')
        got = console_line(log, 'QS-CMD:', p, 90)
        tap.report(got == 'QS-CMD: HELLO-CMD', f'{name}: guestfwd=...-cmd: the guest talks to a host command',
                   console())
        got = console_line(log, 'QS-CHARDEV:', p, 30)
        tap.report(got == 'QS-CHARDEV: pong-from-host' and heard == [b'ping-from-guest\n'],
                   f'{name}: guestfwd=...-chardev:ID: a line each way between the guest and a host socket',
                   f'{heard}\n{console()}')
        ready = console_line(log, 'QS-READY', p, 30)
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(2)
        request = os.urandom(1200)
        reply = b''
        for _ in range(int(scaled(10))):
            s.sendto(request, ('127.0.0.1', uport))
            try:
                reply = s.recv(65536)
                break
            except socket.timeout:
                continue
        tap.report(ready and reply == request,
                   f'{name}: hostfwd=udp: a datagram from the host reaches the guest\'s echo server and comes back',
                   f'reply of {len(reply)} bytes\n{console()}')
        event = q.event('NIC_RX_FILTER_CHANGED')['data']
        # the filter settled long before (the link came up before the forwards were used)
        rx = q.cmd('query-rx-filter')['return']
        q.close()
        return event, rx
    finally:
        p.kill()
        p.wait()
        server.close()


event, rx = run(QS, 'quicksilver')
tap.report(event == {'path': '/machine/peripheral-anon/device[0]'} and len(rx) == 1 and
           rx[0]['name'] == 'virtio-net-device.0' and rx[0]['broadcast-allowed'] and
           '01:00:5e:00:00:01' in rx[0]['multicast-table'],
           'NIC_RX_FILTER_CHANGED when the driver sets its filter; query-rx-filter shows it', f'{event}\n{rx}')
if REF:
    ref_event, ref_rx = run(REF, 'qemu')
    # QEMU 7.2 reports broadcast-allowed inverted (its nobcast): compare the rest
    for r in rx + ref_rx:
        r.pop('broadcast-allowed')
    tap.report(event == ref_event and rx == ref_rx, 'the event and the filter as under QEMU 7.2',
               f'ours {event} {rx}\nQEMU {ref_event} {ref_rx}')
else:
    tap.skip('the filter as under QEMU 7.2', 'qemu-system-riscv64 is not installed')
shutil.rmtree(tmp, ignore_errors=True)
tap.finish()

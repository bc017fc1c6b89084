#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Two emulator processes on one network, as users join them: -netdev socket (listen/connect,
udp=, mcast=), -netdev stream (inet and unix) and -netdev dgram (inet, unix). Each pair boots
Debian's kernel twice (net-peer-init.sh): the server guest serves 4 MiB over HTTP, the client
pings it and fetches the file, and the sha256 on both consoles must agree. The same is done
with Debian's QEMU 7.2 as one end, so the framing is checked against a peer we did not write.
Usage: test-net-peers.py QEMU [QEMU_REFERENCE]. Skips without the guest."""
import os, shutil, socket, subprocess, sys, tempfile
from qstest import Tap, console_line, fetch, scaled

QS = sys.argv[1]
REF = sys.argv[2] if len(sys.argv) > 2 else shutil.which('qemu-system-riscv64')
HERE = os.path.dirname(os.path.abspath(__file__))
tap = Tap()
env = fetch(tap, 'fetch-guest.sh', 'network peers')
tmp = tempfile.mkdtemp()
initrd = tmp + '/initrd.gz'
subprocess.run([HERE + '/../../scripts/make-initramfs.sh', initrd, '--init', HERE + '/net-peer-init.sh'],
               check=True, capture_output=True)


def free_port(kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def guest(binary, netdev, role, ip, peer, mac, log):
    args = [binary, '-M', 'virt', '-m', '256M', '-nographic', '-kernel', env['QS_KERNEL'],
            '-initrd', initrd, '-append', f'console=ttyS0 quiet qs.role={role} qs.ip={ip} qs.peer={peer}',
            '-netdev', netdev, '-device', f'virtio-net-device,netdev=n0,mac={mac}']
    return subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=open(log, 'wb'),
                            stderr=subprocess.STDOUT)


def pair(name, server_nd, client_nd, server_bin=QS, client_bin=QS):
    tag = ''.join(c if c.isalnum() else '-' for c in name)
    slog, clog = f'{tmp}/{tag}-server.log', f'{tmp}/{tag}-client.log'
    server = guest(server_bin, server_nd, 'server', '10.9.0.1',
                   '10.9.0.2', '52:54:00:09:00:01', slog)
    client = None
    try:
        served = console_line(slog, 'QS-SERVING:', server, 90)
        client = guest(client_bin, client_nd, 'client', '10.9.0.2', '10.9.0.1', '52:54:00:09:00:02', clog)
        fetched = console_line(clog, 'QS-FETCHED:', client, 150)
        ping = console_line(clog, 'QS-PING:', client, 1)
        ok = served and fetched and fetched.split()[1] == served.split()[1] and fetched.split()[2] == '4194304'
        detail = (open(slog, 'rb').read()[-1500:] + b'\n----\n' + open(clog, 'rb').read()[-1500:]).decode(errors='replace')
        tap.report(ok and ping and ' 0% packet loss' in ping,
                   f'{name}: the client guest pings the server guest and fetches 4 MiB intact', detail)
    finally:
        for p in (server, client):
            if p and p.poll() is None:
                p.kill()
            if p:
                p.wait()


p1, p2 = free_port(), free_port()
pair('socket listen/connect', f'socket,id=n0,listen=127.0.0.1:{p1}', f'socket,id=n0,connect=127.0.0.1:{p1}')
pair('stream unix', f'stream,id=n0,server=on,addr.type=unix,addr.path={tmp}/net.sock',
     f'stream,id=n0,server=off,addr.type=unix,addr.path={tmp}/net.sock')
u1, u2 = free_port(socket.SOCK_DGRAM), free_port(socket.SOCK_DGRAM)
pair('dgram inet', f'dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port={u1},'
     f'remote.type=inet,remote.host=127.0.0.1,remote.port={u2}',
     f'dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port={u2},'
     f'remote.type=inet,remote.host=127.0.0.1,remote.port={u1}')
pair('socket udp=', f'socket,id=n0,udp=127.0.0.1:{u2},localaddr=127.0.0.1:{u1}',
     f'socket,id=n0,udp=127.0.0.1:{u1},localaddr=127.0.0.1:{u2}')
pair('dgram unix', f'dgram,id=n0,local.type=unix,local.path={tmp}/a.dg,remote.type=unix,remote.path={tmp}/b.dg',
     f'dgram,id=n0,local.type=unix,local.path={tmp}/b.dg,remote.type=unix,remote.path={tmp}/a.dg')
mport = free_port(socket.SOCK_DGRAM)
pair('socket mcast=', f'socket,id=n0,mcast=230.0.9.1:{mport},localaddr=127.0.0.1',
     f'socket,id=n0,mcast=230.0.9.1:{mport},localaddr=127.0.0.1')
if REF:
    p3, p4 = free_port(), free_port()
    pair('QEMU 7.2 listens, ours connects (socket)', f'socket,id=n0,listen=127.0.0.1:{p3}',
         f'socket,id=n0,connect=127.0.0.1:{p3}', server_bin=REF)
    pair('ours serves, QEMU 7.2 connects (stream inet)',
         f'stream,id=n0,server=on,addr.type=inet,addr.host=127.0.0.1,addr.port={p4}',
         f'stream,id=n0,server=off,addr.type=inet,addr.host=127.0.0.1,addr.port={p4}', client_bin=REF)
else:
    tap.skip('QEMU 7.2 as a peer', 'qemu-system-riscv64 (Debian qemu-system-misc) is not installed')
shutil.rmtree(tmp, ignore_errors=True)
tap.finish()

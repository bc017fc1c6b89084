#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""-netdev tap with the host's own network stack as the peer (needs root and /dev/net/tun;
skips otherwise). Debian's kernel on a virtio-net NIC: the ifup script= gives the host end
its address and downscript= runs at exit; 8 MiB go each way over HTTP (the guest fetches
from a host server, the host from busybox httpd in the guest) and arrive intact; the driver
negotiates checksum and segmentation offloads over the tap's virtio_net_hdr, the same
offload features as under Debian's QEMU 7.2; behind a hub (-net nic -net tap) frames carry
no header and the same transfers work; -netdev bridge gets its tap from Debian's QEMU bridge
helper on a bridge made for the test. Usage: test-net-tap.py QEMU [QEMU_REFERENCE]."""
import functools, hashlib, http.server, os, shutil, subprocess, sys, tempfile, threading, time
import urllib.request
from qstest import Tap, console_line, fetch, scaled

QS = sys.argv[1]
REF = sys.argv[2] if len(sys.argv) > 2 else shutil.which('qemu-system-riscv64')
HERE = os.path.dirname(os.path.abspath(__file__))
tap = Tap()
if os.geteuid() != 0 or not os.path.exists('/dev/net/tun') or not shutil.which('ip'):
    tap.skip('tap networking', 'needs root, /dev/net/tun and ip(8)')
    tap.finish()
probe = subprocess.run(['ip', 'tuntap', 'add', 'qsprobe0', 'mode', 'tap'], capture_output=True)
subprocess.run(['ip', 'tuntap', 'del', 'qsprobe0', 'mode', 'tap'], capture_output=True)
if probe.returncode != 0:
    tap.skip('tap networking', 'cannot create tap interfaces here: ' + probe.stderr.decode().strip())
    tap.finish()
env = fetch(tap, 'fetch-guest.sh', 'tap networking')
tmp = tempfile.mkdtemp()
initrd = tmp + '/initrd.gz'
subprocess.run([HERE + '/../../scripts/make-initramfs.sh', initrd, '--init', HERE + '/net-tap-init.sh'],
               check=True, capture_output=True)
HOST, GUEST = '192.168.77.1', '192.168.77.2'
with open(f'{tmp}/ifup', 'w') as f:
    f.write(f'#!/bin/sh\nip addr add {HOST}/24 dev "$1" && ip link set "$1" up\n')
with open(f'{tmp}/ifdown', 'w') as f:
    f.write(f'#!/bin/sh\necho "down $1" >>{tmp}/down.log\n')
os.chmod(f'{tmp}/ifup', 0o755)
os.chmod(f'{tmp}/ifdown', 0o755)
os.makedirs(f'{tmp}/www')
host_bulk = os.urandom(8 << 20)
open(f'{tmp}/www/bulk', 'wb').write(host_bulk)
QUIET = type('Quiet', (http.server.SimpleHTTPRequestHandler,), {'log_message': lambda *a: None})


def serve():
    """The host's HTTP server on the tap's address, once the ifup script has given it."""
    end = time.monotonic() + scaled(30)
    while True:
        try:
            httpd = http.server.ThreadingHTTPServer((HOST, 8000), functools.partial(QUIET, directory=f'{tmp}/www'))
            break
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.2)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def boot(binary, net_args, log, ifname):
    args = [binary, '-M', 'virt', '-m', '256M', '-nographic', '-kernel', env['QS_KERNEL'],
            '-initrd', initrd, '-append', f'console=ttyS0 quiet qs.ip={GUEST} qs.host={HOST}'] + net_args
    return subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=open(log, 'wb'), stderr=subprocess.STDOUT)


def stop(p):
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(scaled(10))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def features(line):
    return line.split()[1] if line else ''


def run(name, binary, net_args, ifname, transfers=True):
    log = f'{tmp}/{ifname}.log'
    p = boot(binary, net_args, log, ifname)
    httpd = None
    try:
        feat = console_line(log, 'QS-FEATURES:', p, 90)
        if not transfers:
            return features(feat)
        httpd = serve()
        served = console_line(log, 'QS-SERVING:', p, 60)
        fetched = console_line(log, 'QS-FETCHED:', p, 120)
        tap.report(fetched and fetched.split()[1] == hashlib.sha256(host_bulk).hexdigest()
                   and fetched.split()[2] == str(len(host_bulk)),
                   f'{name}: the guest fetches 8 MiB from the host intact', open(log, 'rb').read()[-1500:])
        try:
            got = urllib.request.urlopen(f'http://{GUEST}/bulk', timeout=scaled(30)).read()
        except OSError as e:
            got = repr(e).encode()
        tap.report(served and hashlib.sha256(got).hexdigest() == served.split()[1] and len(got) == 8 << 20,
                   f'{name}: the host fetches 8 MiB from the guest intact', f'{len(got)} bytes; {served}')
        return features(feat)
    finally:
        if httpd:
            httpd.shutdown()
            httpd.server_close()
        stop(p)


def bits(feat, *nums):
    return all(len(feat) > n and feat[n] == '1' for n in nums)


ifname = f'qst{os.getpid() % 100000}'
dev = ['-device', 'virtio-net-device,netdev=n0,mq=on']
feat = run('tap with offloads', QS, ['-netdev', f'tap,id=n0,ifname={ifname},script={tmp}/ifup,downscript={tmp}/ifdown',
                                    '-object', f'filter-dump,id=f0,netdev=n0,file={tmp}/tap.pcap'] + dev, ifname)
if shutil.which('tcpdump'):
    # the pcap holds Ethernet frames (the virtio_net_hdr stripped), TSO's large ones included
    dump = subprocess.run(['tcpdump', '-nr', f'{tmp}/tap.pcap'], capture_output=True, text=True)
    tap.report(dump.returncode == 0 and f'IP {GUEST}.80 > {HOST}.' in dump.stdout
               and f'IP {HOST}.8000 > {GUEST}.' in dump.stdout,
               'filter-dump on the tap: tcpdump reads both transfers', dump.stdout[-1500:] + dump.stderr)
else:
    tap.skip('filter-dump on the tap', 'tcpdump is not installed')
# CSUM 0, GUEST_CSUM 1, GUEST_TSO4 7, GUEST_TSO6 8, HOST_TSO4 11, HOST_TSO6 12; MQ 22 (one pair)
tap.report(bits(feat, 0, 1, 7, 8, 11, 12, 22), 'the driver negotiates checksum and TSO offloads (and mq=on) over the tap', feat)
down = open(f'{tmp}/down.log').read() if os.path.exists(f'{tmp}/down.log') else ''
tap.report(down == f'down {ifname}\n', 'downscript= runs with the interface name at exit', repr(down))
tap.report(subprocess.run(['ip', 'link', 'show', ifname], capture_output=True).returncode != 0,
           'the interface goes away with the emulator')
if REF:
    # virtio 1.0 on both sides (QEMU's virtio-mmio is legacy unless told; Linux takes GSO on legacy only)
    ref = run('QEMU 7.2', REF, ['-global', 'virtio-mmio.force-legacy=false', '-netdev', f'tap,id=n0,ifname={ifname},script={tmp}/ifup,downscript=no'] + dev,
              ifname, transfers=False)
    tap.report(ref and feat[:24] == ref[:24], 'the same feature bits 0-23 as under QEMU 7.2', f'ours {feat[:24]}\nQEMU {ref[:24]}')
else:
    tap.skip('features as under QEMU 7.2', 'qemu-system-riscv64 is not installed')
feat = run('tap behind a hub', QS, ['-net', 'nic,model=virtio-net-device',
                                    '-net', f'tap,ifname={ifname},script={tmp}/ifup,downscript=no'], ifname)
tap.report(feat and not bits(feat, 0) and not bits(feat, 11), 'behind a hub no offloads are offered', feat)
# -netdev bridge through Debian's QEMU bridge helper, on a bridge holding the host's address
HELPER = '/usr/lib/qemu/qemu-bridge-helper'
if not os.path.exists(HELPER):
    tap.skip('-netdev bridge', 'qemu-bridge-helper (qemu-system-common) is not installed')
elif os.path.exists('/etc/qemu/bridge.conf'):
    tap.skip('-netdev bridge', '/etc/qemu/bridge.conf exists: the test does not touch the host\'s own')
else:
    br = f'qsbr{os.getpid() % 100000}'
    ip = lambda *a: subprocess.run(['ip'] + list(a), capture_output=True)
    ip('link', 'add', br, 'type', 'bridge')
    ip('addr', 'add', f'{HOST}/24', 'dev', br)
    ip('link', 'set', br, 'up')
    os.makedirs('/etc/qemu', exist_ok=True)
    with open('/etc/qemu/bridge.conf', 'w') as f:
        f.write(f'allow {br}\n')
    try:
        feat = run('bridge', QS, ['-netdev', f'bridge,id=n0,br={br}'] + dev, br)
        tap.report(bits(feat, 0, 1, 7, 11), '-netdev bridge: the helper\'s tap carries the offloads too', feat)
    finally:
        os.unlink('/etc/qemu/bridge.conf')
        if not os.listdir('/etc/qemu'):
            os.rmdir('/etc/qemu')
        ip('link', 'del', br)
shutil.rmtree(tmp, ignore_errors=True)
tap.finish()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""virtio-serial as its users set it up: Debian's kernel (virtio_console built in) on a
virtio-serial-device (or -pci) with a virtconsole and a named virtserialport, each on a unix
socket chardev. The guest finds the port by name, a line goes each way, 1 MiB from the guest
reaches a host that starts reading late (nothing lost, sha256 compared), and the virtconsole's
/dev/hvc0 output arrives. Usage: test-virtio-serial.py QEMU [--pci]. Skips without the guest."""
import hashlib, os, socket, subprocess, sys, tempfile, time
from qstest import Tap, fetch, scaled

QS = sys.argv[1]
PCI = '--pci' in sys.argv[2:]
SRC = os.path.dirname(os.path.abspath(__file__)) + '/../..'
tap = Tap()
env = fetch(tap, 'fetch-guest.sh', 'virtio-serial')
tmp = tempfile.mkdtemp()
initrd = tmp + '/initrd.gz'
subprocess.run([SRC + '/scripts/make-initramfs.sh', initrd, '--init',
                os.path.dirname(os.path.abspath(__file__)) + '/virtio-serial-init.sh'],
               check=True, capture_output=True)
dev = 'virtio-serial-pci' if PCI else 'virtio-serial-device'
qemu = subprocess.Popen(
    [QS, '-M', 'virt', '-m', '512M', '-nographic', '-kernel', env['QS_KERNEL'], '-initrd', initrd,
     '-append', 'console=ttyS0', '-device', dev + ',id=vs0',
     '-chardev', f'socket,id=con,path={tmp}/con,server=on,wait=off', '-device', 'virtconsole,chardev=con',
     '-chardev', f'socket,id=port,path={tmp}/port,server=on,wait=off',
     '-device', 'virtserialport,bus=vs0.0,chardev=port,name=org.qs.test'],
    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def connect(path):
    end = time.monotonic() + scaled(20)
    while time.monotonic() < end:
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(path)
            return s
        except OSError:
            s.close()
            time.sleep(0.1)
    raise TimeoutError(path)


def read_until(s, needle, limit, got=b''):
    s.settimeout(1)
    end = time.monotonic() + scaled(limit)
    while needle not in got and time.monotonic() < end:
        try:
            d = s.recv(65536)
        except socket.timeout:
            continue
        if not d:
            break
        got += d
    return got


con, port = connect(f'{tmp}/con'), connect(f'{tmp}/port')
got = read_until(port, b'hello-from-guest\n', 120)
tap.report(got == b'hello-from-guest\n', 'a line from the guest on the named port', repr(got[-200:]))
port.sendall(b'ping-from-host\n')
time.sleep(3)  # the host reads late: the guest's 1 MiB waits for it
bulk = read_until(port, b'', 0)  # nothing yet consumed
end = time.monotonic() + scaled(60)
port.settimeout(1)
while len(bulk) < 1 << 20 and time.monotonic() < end:
    try:
        d = port.recv(1 << 16)
    except socket.timeout:
        continue
    if not d:
        break
    bulk += d
hvc = read_until(con, b'on-hvc0', 60)
try:
    out, _ = qemu.communicate(timeout=scaled(60))
except subprocess.TimeoutExpired:
    qemu.kill()
    out, _ = qemu.communicate()
log = out.decode(errors='replace')
ports = sorted(l.split(' ', 1)[1] for l in log.splitlines() if l.startswith('QS-PORT: '))
tap.report(ports == ["vport0p0 name=''", "vport0p1 name='org.qs.test'"] or
           ports == ["vport1p0 name=''", "vport1p1 name='org.qs.test'"],
           'the guest sees the virtconsole at 0 and the named port at 1', '\n'.join(ports) or log[-2000:])
tap.report('QS-GOT: ping-from-host' in log, 'a line from the host reaches the guest', log[-2000:])
want = [l.split()[1] for l in log.splitlines() if l.startswith('QS-BULK: ')]
tap.report(len(bulk) == 1 << 20 and want == [hashlib.sha256(bulk).hexdigest()],
           '1 MiB from the guest arrives whole for a late reader', f'{len(bulk)} bytes, guest sha {want}')
tap.report(b'on-hvc0' in hvc, "the virtconsole carries /dev/hvc0's output", repr(hvc[-200:]))
tap.report(qemu.returncode == 0 and 'QS-DONE' in log, 'the guest powers off, status 0',
           f'status {qemu.returncode}\n' + log[-1500:])
con.close()
port.close()
subprocess.run(['rm', '-rf', tmp])
tap.finish()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A disk whose host filesystem fills up, under Quicksilver and Debian's QEMU 7.2 side by side.
The image is a sparse raw file on a small tmpfs (mounted in a private mount namespace, so the
test needs root; it skips otherwise) next to a filler file; Debian's kernel writes 6 MiB to it
with O_DIRECT (disk-full-init.sh). With the default werror=enospc the VM stops: both emulators
send BLOCK_IO_ERROR (device, operation write, action stop, nospace, reason) and STOP, and
query-status says io-error; the test deletes the filler, `cont` resumes, the held writes run
again and the guest reads back what it wrote. With werror=report the guest's dd fails instead
and the VM never stops. Usage: test-disk-full.py QEMU [QEMU_REFERENCE]."""
import os, re, shutil, subprocess, sys, tempfile, time
from qstest import Qmp, Tap, console_line, fetch, scaled

QS = sys.argv[1]
REF = sys.argv[2] if len(sys.argv) > 2 else shutil.which('qemu-system-riscv64')
HERE = os.path.dirname(os.path.abspath(__file__))
tap = Tap()
if os.geteuid() != 0 or not shutil.which('unshare'):
    tap.skip('disk full', 'needs root and unshare(1) to mount a private tmpfs')
    tap.finish()
env = fetch(tap, 'fetch-guest.sh', 'disk full')
tmp = tempfile.mkdtemp()
initrd = tmp + '/initrd.gz'
subprocess.run([HERE + '/../../scripts/make-initramfs.sh', initrd, '--init', HERE + '/disk-full-init.sh'],
               check=True, capture_output=True)


def start(binary, name, werror):
    """Boots binary on a 16 MiB sparse image in an 8 MiB tmpfs that a 5 MiB filler shares."""
    d = f'{tmp}/{name}'
    os.makedirs(d)
    drive = f'file={d}/fs/disk.raw,format=raw,if=none,id=drive0' + (f',werror={werror}' if werror else '')
    script = (f'mount -t tmpfs -o size=8m qstmp {d}/fs && truncate -s 16M {d}/fs/disk.raw && '
              f'head -c 5242880 /dev/zero >{d}/fs/filler && exec "$@"')
    os.makedirs(d + '/fs')
    p = subprocess.Popen(
        ['unshare', '-m', '--propagation', 'private', 'sh', '-c', script, 'sh', binary, '-M', 'virt', '-m', '256M',
         '-nographic', '-kernel', env['QS_KERNEL'], '-initrd', initrd, '-append', 'console=ttyS0 quiet qs.mb=6',
         '-drive', drive, '-device', 'virtio-blk-device,drive=drive0',
         '-qmp', f'unix:{d}/qmp.sock,server=on,wait=off'],
        stdin=subprocess.DEVNULL, stdout=open(d + '/console.log', 'wb'), stderr=subprocess.STDOUT)
    return p, d


def finish(p):
    try:
        p.wait(timeout=scaled(60))
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def log(d):
    return open(d + '/console.log', 'rb').read().decode(errors='replace')[-1500:]


def event_shape(e):
    """An event's data, in its order, with the automatic node name reduced to its form."""
    data = dict(e['data'])
    if re.fullmatch(r'#block\d+', data.get('node-name', '')):
        data['node-name'] = '#blockN'
    return list(data.items())


def run_stop(binary, name):
    """werror=enospc: the stop, the events, the resume; what a client of this emulator sees."""
    seen = {}
    p, d = start(binary, name, None)
    try:
        qmp = Qmp(d + '/qmp.sock')
        qmp.cmd('qmp_capabilities')
        err = qmp.event('BLOCK_IO_ERROR')
        qmp.event('STOP')
        seen['event'] = event_shape(err)
        seen['status'] = qmp.cmd('query-status')
        tap.report(seen['status'].get('return', {}).get('status') == 'io-error',
                   f'{name}: a full host disk stops the VM in the io-error state', seen['status'])
        tap.report(console_line(d + '/console.log', 'QS-WRITTEN', p, 1) is None,
                   f'{name}: the guest has not seen its write complete', log(d))
        os.unlink(f'/proc/{p.pid}/root{d}/fs/filler')
        seen['cont'] = qmp.cmd('cont')
        qmp.event('RESUME')
        w = console_line(d + '/console.log', 'QS-WRITTEN', p, 120)
        r = console_line(d + '/console.log', 'QS-READBACK', p, 60)
        tap.report(w == 'QS-WRITTEN ok' and r == 'QS-READBACK same',
                   f'{name}: after cont the held writes complete and the guest reads back its data',
                   f'{w} {r}\n' + log(d))
        qmp.close()
    finally:
        finish(p)
    return seen


def run_report(binary, name):
    p, d = start(binary, name, 'report')
    try:
        qmp = Qmp(d + '/qmp.sock')
        qmp.cmd('qmp_capabilities')
        err = qmp.event('BLOCK_IO_ERROR')
        status = qmp.cmd('query-status')
        w = console_line(d + '/console.log', 'QS-WRITTEN', p, 120)
        tap.report(w == 'QS-WRITTEN failed' and status['return']['status'] == 'running',
                   f'{name}: werror=report fails the guest write and the VM runs on', f'{w} {status}\n' + log(d))
        qmp.close()
    finally:
        finish(p)
    return event_shape(err)


ours = run_stop(QS, 'ours-stop')
tap.report(dict(ours['event']) == {'device': 'drive0', 'node-name': '#blockN', 'operation': 'write',
                                   'action': 'stop', 'nospace': True, 'reason': 'No space left on device'},
           'ours: BLOCK_IO_ERROR names the drive, the write, the stop and ENOSPC', ours['event'])
ours_report = run_report(QS, 'ours-report')
if REF:
    ref = run_stop(REF, 'qemu-stop')
    tap.report(ours == ref, 'the event, query-status and cont are the same as under QEMU 7.2',
               f'ours {ours}\nqemu {ref}')
    ref_report = run_report(REF, 'qemu-report')
    tap.report(ours_report == ref_report, 'werror=report: the event is the same as under QEMU 7.2',
               f'ours {ours_report}\nqemu {ref_report}')
else:
    tap.skip('the same as under QEMU 7.2', "Debian's qemu-system-riscv64 is not installed")
shutil.rmtree(tmp, ignore_errors=True)
tap.finish()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""savevm, loadvm, delvm, "info snapshots" and -loadvm with Debian's kernel on a qcow2 disk
that QEMU's qemu-img made. The guest (savevm-init.sh) counts, writing each count to the disk
and checking that the disk holds the previous one, so a restore must bring back memory, CPU,
timers, the console and the disk together. Over virtio-mmio, and over PCI with the AIA's MSIs
a virtio-net NIC and a virtio-serial port: savevm while it runs,
loadvm later (the count goes back and goes on, no QS-FAIL), QEMU's qemu-img then finds the image
clean with the snapshot listed, and a new start with -loadvm continues from it. Then the refusals
(a raw disk, no disk, an unknown or disk-only snapshot, a device without saved state) and the
listing give the same text as under QEMU 7.2, and QMP's snapshot jobs on -blockdev nodes give the
same events, replies and errors. Usage: test-savevm.py QEMU [QEMU_REFERENCE]."""
import json, os, re, shutil, subprocess, sys, tempfile, time
from qstest import Qmp, Tap, console_line, fetch, scaled

QS = sys.argv[1]
REF = sys.argv[2] if len(sys.argv) > 2 else shutil.which('qemu-system-riscv64')
HERE = os.path.dirname(os.path.abspath(__file__))
QEMU_IMG = shutil.which('qemu-img')
tap = Tap()
if not QEMU_IMG:
    tap.skip('savevm', "needs Debian's qemu-img (qemu-utils)")
    tap.finish()
env = fetch(tap, 'fetch-guest.sh', 'savevm')
tmp = tempfile.mkdtemp()
initrd = tmp + '/initrd.gz'
subprocess.run([HERE + '/../../scripts/make-initramfs.sh', initrd, '--init', HERE + '/savevm-init.sh'],
               check=True, capture_output=True)


def hmp(qmp, line):
    r = qmp.cmd('human-monitor-command', **{'command-line': line})
    return r.get('return', r)


def start(binary, name, disk, drive_args, extra=()):
    log = f'{tmp}/{name}.log'
    sock = f'{tmp}/{name}.qmp'
    p = subprocess.Popen(
        [binary, '-M', 'virt', '-m', '256M', '-nographic', '-kernel', env['QS_KERNEL'], '-initrd', initrd,
         '-append', 'console=ttyS0 quiet', *drive_args(disk), '-qmp', f'unix:{sock},server=on,wait=off', *extra],
        stdin=subprocess.DEVNULL, stdout=open(log, 'wb'), stderr=subprocess.STDOUT)
    qmp = Qmp(sock)
    qmp.cmd('qmp_capabilities')
    return p, qmp, log


def ticks(log, since=0):
    text = open(log, 'rb').read().decode(errors='replace')[since:]
    return [int(m) for m in re.findall(r'^QS-TICK (\d+)\s*$', text, re.M)], 'QS-FAIL' in text, text


def wait_tick(log, p, n, since=0, limit=120):
    end = time.monotonic() + scaled(limit)
    while time.monotonic() < end and p.poll() is None:
        t, failed, _ = ticks(log, since)
        if failed or (t and t[-1] >= n):
            return t
        time.sleep(0.1)
    return ticks(log, since)[0]


def stop(p, qmp):
    try:
        qmp.cmd('quit')
    except (OSError, EOFError):
        pass
    try:
        p.wait(timeout=scaled(30))
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def run_round(label, drive_args):
    disk = f'{tmp}/{label}.qcow2'
    subprocess.run([QEMU_IMG, 'create', '-q', '-f', 'qcow2', disk, '16M'], check=True)
    p, qmp, log = start(QS, label, disk, drive_args)
    t = wait_tick(log, p, 5)
    out = hmp(qmp, 'savevm s1')
    saved = ticks(log)[0][-1]
    tap.report(t and out == '', f'{label}: savevm while the guest runs', f'{out!r} {t}')
    t = wait_tick(log, p, saved + 6)
    mark = len(open(log, 'rb').read())
    out = hmp(qmp, 'loadvm s1')
    after = wait_tick(log, p, saved + 4, since=mark)
    _, failed, text = ticks(log, mark)
    tap.report(out == '' and after and after[0] <= saved + 2 and after[-1] >= saved + 4 and not failed,
               f'{label}: loadvm takes the guest back to its count and disk, and it goes on',
               f'{out!r} saved {saved} after {after}\n{text[-800:]}')
    info = hmp(qmp, 'info snapshots')
    tap.report(re.search(r'^--\s+s1\s+\d', info, re.M) is not None and 'present on all disks' in info,
               f'{label}: info snapshots lists it', info)
    stop(p, qmp)
    chk = subprocess.run([QEMU_IMG, 'check', disk], capture_output=True, text=True)
    lst = subprocess.run([QEMU_IMG, 'snapshot', '-l', disk], capture_output=True, text=True)
    row = re.search(r'^1\s+s1\s+([\d.]+ [KMG]iB)', lst.stdout, re.M)
    tap.report(chk.returncode == 0 and row, f"{label}: QEMU's qemu-img finds the image clean with the VM state listed",
               chk.stdout + chk.stderr + lst.stdout)
    p, qmp, log = start(QS, label + '-loadvm', disk, drive_args, ['-loadvm', 's1'])
    t = wait_tick(log, p, saved + 3)
    failed = ticks(log)[1]
    tap.report(t and t[0] <= saved + 2 and t[-1] >= saved + 3 and not failed,
               f'{label}: -loadvm starts from the snapshot', f'saved {saved} ticks {t}\n{ticks(log)[2][-800:]}')
    out = hmp(qmp, 'delvm s1')
    info = hmp(qmp, 'info snapshots')
    tap.report(out == '' and info == 'There is no snapshot available.\r\n', f'{label}: delvm removes it', info)
    stop(p, qmp)
    return disk, saved


def cut_vm_state(disk, size):
    """Makes the first snapshot's VM state look size bytes long (both fields qcow2 has)."""
    with open(disk, 'r+b') as f:
        hdr = f.read(72)
        table = int.from_bytes(hdr[64:72], 'big')
        f.seek(table + 32)
        f.write(size.to_bytes(4, 'big'))
        f.seek(table + 40)
        f.write(size.to_bytes(8, 'big'))


mmio_args = lambda d: ['-drive', f'file={d},format=qcow2,if=none,id=d0', '-device', 'virtio-blk-device,drive=d0']
disk, saved = run_round('mmio', mmio_args)

# a VM state cut short (as a damaged or hostile image has it): a clear error, no crash
p, qmp, log = start(QS, 'mmio-keep', disk, mmio_args)
hmp(qmp, 'savevm s2')
stop(p, qmp)
cut_vm_state(disk, 5000)
r = subprocess.run([QS, '-M', 'virt', '-m', '256M', '-nographic', '-kernel', env['QS_KERNEL'], '-initrd', initrd,
                    *mmio_args(disk), '-loadvm', 's2'], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                   timeout=scaled(60))
tap.report(r.returncode == 1 and 'Error while loading VM state: The VM state ends early' in r.stderr,
           '-loadvm of a VM state cut short exits 1 with an error', f'{r.returncode} {r.stderr[-500:]}')
# PCI with the AIA (MSI-X through the IMSIC) and a virtio-net NIC on user networking
run_round('pci', lambda d: ['-M', 'virt,aia=aplic-imsic', '-drive', f'file={d},format=qcow2,if=virtio',
                            '-nic', 'user,model=virtio-net-pci', '-device', 'virtio-serial-pci',
                            '-chardev', 'null,id=vs0', '-device', 'virtserialport,chardev=vs0,name=qs.port'])


def refusals(binary, name):
    """The monitor's answers with no guest running, for the cases both emulators refuse."""
    out = []
    for label, args, cmds in [
        ('raw', ['-drive', f'file={tmp}/r.raw,format=raw,if=none,id=r0', '-device', 'virtio-blk-device,drive=r0'],
         ['savevm x', 'loadvm x', 'delvm x', 'info snapshots']),
        ('none', [], ['savevm x', 'loadvm x', 'info snapshots']),
        ('qcow2', ['-drive', f'file={tmp}/{name}-q.qcow2,format=qcow2,if=none,id=d0', '-device',
                   'virtio-blk-device,drive=d0'],
         ['info status', 'loadvm nope', 'info status', 'delvm nope', 'loadvm disk', 'info snapshots']),
        ('two', ['-drive', f'file={tmp}/{name}-a.qcow2,format=qcow2,if=none,id=d0', '-device',
                 'virtio-blk-device,drive=d0', '-drive', f'file={tmp}/{name}-b.qcow2,format=qcow2,if=none,id=d1',
                 '-device', 'virtio-blk-device,drive=d1'], ['info snapshots', 'loadvm onlyb']),
        ('nvme', ['-drive', f'file={tmp}/{name}-n.qcow2,format=qcow2,if=none,id=d0', '-device',
                  'nvme,drive=d0,serial=s'], ['savevm x']),
    ]:
        subprocess.run([QEMU_IMG, 'create', '-q', '-f', 'qcow2', f'{tmp}/{name}-q.qcow2', '8M'], check=True)
        subprocess.run([QEMU_IMG, 'snapshot', '-c', 'disk', f'{tmp}/{name}-q.qcow2'], check=True)
        subprocess.run([QEMU_IMG, 'create', '-q', '-f', 'qcow2', f'{tmp}/{name}-n.qcow2', '8M'], check=True)
        for img, snaps in (('a', ['both', 'onlya']), ('b', ['onlyb', 'both'])):
            subprocess.run([QEMU_IMG, 'create', '-q', '-f', 'qcow2', f'{tmp}/{name}-{img}.qcow2', '8M'], check=True)
            for sn in snaps:
                subprocess.run([QEMU_IMG, 'snapshot', '-c', sn, f'{tmp}/{name}-{img}.qcow2'], check=True)
        sock = f'{tmp}/{name}-{label}.qmp'
        p = subprocess.Popen([binary, '-M', 'virt', '-m', '64M', '-bios', 'none', '-display', 'none', '-serial',
                              'null', *args, '-qmp', f'unix:{sock},server=on,wait=off'],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        qmp = Qmp(sock)
        qmp.cmd('qmp_capabilities')
        for c in cmds:
            text = hmp(qmp, c)
            # the disk-only snapshot's date is the moment qemu-img made it
            out.append((label, c, re.sub(r'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d', 'DATE', text)))
        stop(p, qmp)
    return out


def names(binary, name):
    """Snapshots are found by name only: 'savevm 1' does not replace the snapshot whose id is 1."""
    disk = f'{tmp}/{name}-names.qcow2'
    subprocess.run([QEMU_IMG, 'create', '-q', '-f', 'qcow2', disk, '8M'], check=True)
    sock = f'{tmp}/{name}-names.qmp'
    p = subprocess.Popen([binary, '-M', 'virt', '-m', '64M', '-bios', 'none', '-display', 'none', '-serial', 'null',
                          '-drive', f'file={disk},format=qcow2,if=none,id=d0', '-device', 'virtio-blk-device,drive=d0',
                          '-qmp', f'unix:{sock},server=on,wait=off'], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    qmp = Qmp(sock)
    qmp.cmd('qmp_capabilities')
    outs = [hmp(qmp, c) for c in ['savevm foo', 'savevm 1', 'delvm 2', 'loadvm 2', 'loadvm 1']]
    tags = re.findall(r'^--\s+(\S+)', hmp(qmp, 'info snapshots'), re.M)
    stop(p, qmp)
    return outs, tags


def jobs(binary, name):
    """QMP's snapshot jobs on -blockdev nodes: what a client sees, events and replies in order."""
    disk = f'{tmp}/{name}-jobs.qcow2'
    subprocess.run([QEMU_IMG, 'create', '-q', '-f', 'qcow2', disk, '16M'], check=True)
    subprocess.run([QEMU_IMG, 'create', '-q', '-f', 'raw', f'{tmp}/{name}-jobs.raw', '1M'], check=True)
    sock = f'{tmp}/{name}-jobs.qmp'
    p = subprocess.Popen([binary, '-M', 'virt', '-m', '64M', '-bios', 'none', '-display', 'none', '-serial', 'null',
                          '-blockdev', f'driver=file,filename={disk},node-name=f0',
                          '-blockdev', 'driver=qcow2,file=f0,node-name=disk0',
                          '-device', 'virtio-blk-device,drive=disk0',
                          '-blockdev', f'driver=file,filename={tmp}/{name}-jobs.raw,node-name=rf',
                          '-blockdev', 'driver=raw,file=rf,node-name=r0',
                          '-qmp', f'unix:{sock},server=on,wait=off'],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    qmp = Qmp(sock)
    qmp.cmd('qmp_capabilities')
    seen = []
    save = lambda job, tag, vm, devs: {'execute': 'snapshot-save',
                                       'arguments': {'job-id': job, 'tag': tag, 'vmstate': vm, 'devices': devs}}
    for req in [save('j1', 't1', 'disk0', ['disk0']), {'execute': 'query-jobs'},
                {'execute': 'job-dismiss', 'arguments': {'id': 'j1'}},
                save('j2', 't1', 'nope', ['disk0']), save('j3', 't2', 'f0', ['disk0']),
                save('j4', 't2', 'disk0', ['nope']), save('j5', 't2', 'disk0', []), save('j5', 't2', 'disk0', []),
                save('1x', 't2', 'disk0', ['disk0']),
                {'execute': 'snapshot-load', 'arguments': {'job-id': 'j6', 'tag': 't1', 'vmstate': 'disk0',
                                                            'devices': ['disk0']}},
                {'execute': 'snapshot-load', 'arguments': {'job-id': 'j7', 'tag': 'zz', 'vmstate': 'disk0',
                                                            'devices': ['disk0']}},
                {'execute': 'query-status'}, {'execute': 'cont'},
                {'execute': 'snapshot-delete', 'arguments': {'job-id': 'j8', 'tag': 't1', 'devices': ['disk0']}},
                {'execute': 'job-dismiss', 'arguments': {'id': 'j8'}}, {'execute': 'job-dismiss', 'arguments': {'id': 'zz'}},
                save('j9', 't3', 'disk0', ['disk0', 'r0']), save('j10', 't3', 'disk0', [1]),
                {'execute': 'snapshot-delete', 'arguments': {'job-id': 'j11', 'tag': 't3', 'devices': ['r0']}},
                {'execute': 'query-jobs'}]:
        qmp.s.sendall(json.dumps(req).encode() + b'\n')
        job = req.get('arguments', {}).get('job-id')
        while True:
            msg = qmp.read()
            msg.pop('timestamp', None)
            seen.append(msg)
            if 'return' in msg and not (job and req['execute'].startswith('snapshot')):
                break
            if 'error' in msg or msg.get('data', {}) == {'status': 'concluded', 'id': job}:
                break
    stop(p, qmp)
    return seen


with open(f'{tmp}/r.raw', 'wb') as f:
    f.truncate(1 << 20)
ours = refusals(QS, 'ours')
tap.report(('raw', 'savevm x', "Error: Device 'r0' is writable but does not support snapshots\r\n") in ours and
           ('nvme', 'savevm x', "Error: State blocked by non-migratable device '0000:00:01.0/nvme'\r\n") in ours,
           'ours refuses a raw disk and a device without saved state', ours)
if REF:
    ref = refusals(REF, 'ref')
    tap.report(ours == ref, 'every refusal and listing reads as under QEMU 7.2',
               '\n'.join(f'{a}\n{b}' for a, b in zip(ours, ref) if a != b))
    a, b = jobs(QS, 'ours'), jobs(REF, 'ref')
    tap.report(a == b and any(m.get('error') == "Snapshot 't1' already exists in one or more devices"
                              for m in a[-1]['return']),
               'QMP snapshot-save/-load/-delete jobs: the same events, replies and errors as QEMU 7.2',
               '\n'.join(f'{x}\n{y}' for x, y in zip(a, b) if x != y) or f'{a}\n{b}')
    a, b = names(QS, 'ours'), names(REF, 'ref')
    tap.report(a == b and a[1] == ['foo', '1'], 'snapshots are named, not numbered, as under QEMU 7.2', f'{a}\n{b}')
else:
    tap.skip('the same as under QEMU 7.2', "Debian's qemu-system-riscv64 is not installed")
shutil.rmtree(tmp, ignore_errors=True)
tap.finish()

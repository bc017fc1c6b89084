#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""QMP and the human monitor as scripts drive them. One transcript of requests goes to ours
and to Debian's qemu-system-riscv64: errors must be identical, replies the same shape (keys
and JSON types), and chosen replies identical. -qmp-pretty is compared byte for byte. Then a
CI-style run: -S, QMP and the serial console on unix sockets, connect late, cont, read the
whole console output, see the guest's SHUTDOWN; -no-shutdown and quit; HMP on a socket."""
import json, os, re, shutil, socket, subprocess, sys, tempfile, time
from qstest import Qmp, Tap, scaled, unix_connect

QS, FLOOD = sys.argv[1], sys.argv[2]
REF = shutil.which('qemu-system-riscv64')
tap = Tap()
tmp = tempfile.mkdtemp(prefix='qs-qmp-')
FLOOD_BYTES = 10 << 20
WANT = bytes(10 if i % 64 == 63 else 97 + (i + i // 4096) % 26 for i in range(FLOOD_BYTES))


def start(prog, args, name):
    path = os.path.join(tmp, name)
    p = subprocess.Popen([prog, '-M', 'virt', '-display', 'none'] + args +
                         ['-qmp', f'unix:{path},server=on,wait=off'],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    return p, Qmp(path)


def shape(v):
    """The value with every scalar replaced by its JSON type."""
    if isinstance(v, dict):
        return {k: shape(x) for k, x in v.items()}
    if isinstance(v, list):
        return [shape(x) for x in v[:1]]
    return type(v).__name__


# Requests, and how the replies must agree: 'same' (equal), 'shape', or 'error' (equal errors)
TRANSCRIPT = [
    ('{"execute":"query-status"}', 'same'),
    ('{"execute":"qmp_capabilities"}', 'same'),
    ('{"execute":"qmp_capabilities"}', 'same'),
    ('{"execute":"query-status","id":5}', 'same'),
    ('{"execute":"query-status","id":{"a":[1,"x"]}}', 'same'),
    ('{"execute":"nope"}', 'same'),
    ('{"execute":"query-status","arguments":{"x":1}}', 'same'),
    ('[1,2]', 'same'),
    ('"str"', 'same'),
    ('{"foo":1}', 'same'),
    ('{"execute":1}', 'same'),
    ('{"execute":"query-status","arguments":[]}', 'same'),
    ('{"id":3}', 'same'),
    ('{bad json}', 'same'),
    ('}', 'same'),
    ('{"execute":"query-status",}', 'same'),
    ("{'execute': 'query-name'}", 'same'),
    ('{"execute":"query-version"}', 'shape'),
    ('{"execute":"query-kvm"}', 'same'),
    ('{"execute":"query-uuid"}', 'same'),
    ('{"execute":"query-target"}', 'same'),
    ('{"execute":"query-memory-size-summary"}', 'same'),
    ('{"execute":"query-iothreads"}', 'same'),
    ('{"execute":"query-hotpluggable-cpus"}', 'same'),
    ('{"execute":"query-cpus-fast"}', 'shape'),
    ('{"execute":"query-chardev"}', 'shape'),
    ('{"execute":"query-commands"}', 'shape'),
    ('{"execute":"qom-get","arguments":{"path":"/machine","property":"type"}}', 'same'),
    ('{"execute":"qom-get","arguments":{"path":"/machine"}}', 'same'),
    ('{"execute":"qom-get","arguments":{"path":1,"property":"type"}}', 'same'),
    ('{"execute":"qom-get","arguments":{"path":"/nope","property":"type"}}', 'same'),
    ('{"execute":"qom-get","arguments":{"path":"/machine","property":"nope"}}', 'same'),
    ('{"execute":"qom-set","arguments":{"path":"/machine","property":"dumpdtb",'
     '"value":"/tmp/x"}}', 'same'),
    ('{"execute":"qom-get","arguments":{"path":"/machine","property":"dumpdtb"}}', 'same'),
    ('{"execute":"qom-list","arguments":{"path":"/machine/peripheral"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"info status"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"info name"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":'
     '"info qom-tree /machine/peripheral"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"info qom-tree /nope"}}',
     'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"info qom-tree / x"}}',
     'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"info network"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"info network x"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"set_link"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"set_link n0 on x"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"help set_link"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"set_link n0 yes"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"set_link nope off"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"set_link n0 off"}}', 'same'),
    ('{"execute":"set_link","arguments":{"name":"nope","up":false}}', 'same'),
    ('{"execute":"set_link","arguments":{"name":"n0"}}', 'same'),
    ('{"execute":"set_link","arguments":{"name":"n0","up":"no"}}', 'same'),
    ('{"execute":"set_link","arguments":{"name":"virtio-net-device.0","up":true}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"netdev_add user,id=n1"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"netdev_add user,id=n1"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"netdev_add"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"netdev_add user"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"netdev_add foo,id=x"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"netdev_add user,id=x,bogus=1"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"help netdev_add"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"netdev_del"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"netdev_del nope"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"netdev_del n1"}}', 'same'),
    ('{"execute":"netdev_add","arguments":{"type":"user","id":"n2","hostfwd":[{"str":"tcp:127.0.0.1:0-:22"}],'
     '"ipv6":false,"net":"10.9.0.0/24"}}', 'same'),
    ('{"execute":"netdev_add","arguments":{"type":"user","id":"n2"}}', 'same'),
    ('{"execute":"netdev_add","arguments":{"type":"help","id":"n3"}}', 'same'),
    ('{"execute":"netdev_add","arguments":{"type":"user"}}', 'same'),
    ('{"execute":"netdev_add","arguments":{"id":"x"}}', 'same'),
    ('{"execute":"netdev_add","arguments":{"type":"user","id":"n4","bogus":1}}', 'same'),
    ('{"execute":"netdev_add","arguments":{"type":"stream","id":"n5","server":true,'
     '"addr":{"type":"unix","path":"%s/n5.sock"}}}' % tmp, 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"info network"}}', 'same'),
    ('{"execute":"netdev_del","arguments":{"id":"n2"}}', 'same'),
    ('{"execute":"netdev_del","arguments":{"id":"n2"}}', 'same'),
    # no netdev_del of n5 (a listening stream): QEMU 7.2 then crashes now and then (SIGSEGV)
    ('{"execute":"netdev_del","arguments":{"id":"virtio-net-device.0"}}', 'same'),
    ('{"execute":"query-rx-filter","arguments":{"name":"nope"}}', 'same'),
    ('{"execute":"query-rx-filter","arguments":{"name":"n0"}}', 'same'),
    ('{"execute":"query-rx-filter","arguments":{"name":1}}', 'same'),
    ('{"execute":"query-rx-filter"}', 'shape'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"foo"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"info foo"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"stop x"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"help stop"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"gdbserver none"}}', 'same'),
    ('{"execute":"ringbuf-write","arguments":{"device":"rb","data":"hello"}}', 'same'),
    ('{"execute":"ringbuf-read","arguments":{"device":"rb","size":3}}', 'same'),
    ('{"execute":"ringbuf-read","arguments":{"device":"rb","size":9,"format":"base64"}}', 'same'),
    ('{"execute":"ringbuf-write","arguments":{"device":"rb","data":"aGk=","format":"base64"}}',
     'same'),
    ('{"execute":"ringbuf-read","arguments":{"device":"rb","size":10}}', 'same'),
    ('{"execute":"ringbuf-read","arguments":{"device":"nope","size":10}}', 'same'),
    ('{"execute":"ringbuf-read","arguments":{"device":"rb","size":-1}}', 'same'),
    ('{"execute":"ringbuf-write","arguments":{"device":"rb","data":"!!","format":"base64"}}',
     'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"xp /4xw 0x1000"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"xp /2xg 0x1000"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"xp /3xb 0x1000"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"xp /2dh 0x1000"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"xp 0x1000"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"x /2xw 0x1000"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"info cpus"}}', 'shape'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print 1+2*3"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print (1+2)*3"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "p -7/2"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "p -7%2"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print 5&3|8^1"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print ~0"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print /d -1"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print /u -1"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print /o 8"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print /c 65"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print /c 10"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print /c 39"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print /c 300"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print 010"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print 1/0"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print 1 2"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print \'A\'"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print \'AB\'"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print /i 3"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print /t 5"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print 0x"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print 99999999999999999999"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print (1"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print )"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "p 1 + (2"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print $pc"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "xp /2o 0x1000"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print 9"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "xp /3c 0x1000"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "xp /2x 0x1000+4"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "xp zz"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "x /2x 0x1000 5"}}', 'same'),
    ('{"execute": "human-monitor-command", "arguments": {"command-line": "print /x 0x1000+0x10"}}', 'same'),
    ('{"execute":"pmemsave","arguments":{"val":4096,"size":64,"filename":"%s/pm.bin"}}' % tmp,
     'same'),
    ('{"execute":"memsave","arguments":{"val":4096,"size":64,"filename":"%s/m.bin"}}' % tmp,
     'same'),
    ('{"execute":"pmemsave","arguments":{"val":0,"size":16,"filename":"/nonexistent/x"}}', 'same'),
    ('{"execute":"memsave","arguments":{"val":4096,"size":16,"filename":"x","cpu-index":5}}',
     'same'),
    ('{"execute":"memsave","arguments":{"val":18446744073709547520,"size":16,"filename":"x"}}',
     'same'),
    ('{"execute":"inject-nmi"}', 'same'),
    ('{"execute":"system_wakeup"}', 'same'),
    ('{"execute":"device-list-properties","arguments":{"typename":"nope"}}', 'same'),
    ('{"execute":"device-list-properties","arguments":{"typename":"chardev-null"}}', 'same'),
    ('{"execute":"device-list-properties","arguments":{"typename":"virtio-rng-device"}}',
     'props'),
    ('{"execute":"query-machines"}', 'machines'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"log"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"logfile"}}', 'same'),
    ('{"execute":"cont"}', 'same'),
    ('{"execute":"query-status"}', 'same'),
    ('{"execute":"stop"}', 'same'),
    ('{"execute":"query-status"}', 'same'),
    ('{"execute":"system_reset"}', 'same'),
    ('{"execute":"system_powerdown"}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"c"}}', 'same'),
    ('{"execute":"human-monitor-command","arguments":{"command-line":"info status"}}', 'same'),
]
BOOT = ['-bios', 'none', '-kernel', FLOOD, '-serial', 'null', '-S', '-name', 'foo',
        '-chardev', 'ringbuf,id=rb,size=4', '-device', 'virtio-rng-device,id=r0',
        # info network: a NIC on user networking with a filter, a hub port, a dgram backend
        '-netdev', 'user,id=n0,net=10.1.0.0/16,restrict=on', '-device', 'virtio-net-device,netdev=n0',
        '-object', f'filter-dump,id=f0,netdev=n0,file={tmp}/d.pcap', '-netdev', 'hubport,id=hp,hubid=3',
        '-netdev', f'dgram,id=dg,local.type=unix,local.path={tmp}/dg1,remote.type=unix,remote.path={tmp}/dg2']


def run_transcript(prog):
    p, q = start(prog, BOOT, 'ref.sock' if prog == REF else 'qs.sock')
    replies = [q.greeting] + [q.raw(req) for req, _ in TRANSCRIPT]
    for name in ('RESUME', 'STOP', 'RESET', 'POWERDOWN'):
        e = q.event(name)
        replies.append({'event': name, 'data': e.get('data'), 'ts': shape(e['timestamp'])})
    replies.append(q.cmd('quit'))
    e = q.event('SHUTDOWN')
    replies.append({'event': 'SHUTDOWN', 'data': e.get('data')})
    q.close()
    replies.append(p.wait(scaled(20)))
    # what memsave and pmemsave wrote
    replies.insert(-1, [open(os.path.join(tmp, f), 'rb').read() for f in ('pm.bin', 'm.bin')])
    return replies


ours = run_transcript(QS)


# HMP log and logfile at run time (ours only: in one run of the shared transcript QEMU 7.2 died
# after its log changed under a running vCPU): what is translated after "log in_asm" is in the
# file, nothing after "log none"
def hmp_log(prog):
    p, q = start(prog, ['-bios', 'none', '-kernel', FLOOD, '-serial', 'null', '-S', '-no-shutdown'],
                 'log.sock')
    q.cmd('qmp_capabilities')
    log = os.path.join(tmp, 'hmp.log')
    for line in (f'logfile {log}', 'log in_asm'):
        q.cmd('human-monitor-command', **{'command-line': line})
    q.cmd('cont')
    time.sleep(scaled(1))
    q.cmd('stop')
    q.cmd('human-monitor-command', **{'command-line': 'log none'})
    size = os.path.getsize(log)
    q.cmd('system_reset')
    q.cmd('cont')
    time.sleep(scaled(1))
    q.cmd('quit')
    p.wait(scaled(20))
    with open(log, errors='replace') as f:
        text = f.read()
    return 'IN:' in text and len(text.encode()) == size, text[:300]


# netdev_del of a listening stream backend (ours only: the shared transcript leaves it out)
p, q = start(QS, ['-bios', 'none', '-S'], 'stream-del.sock')
q.cmd('qmp_capabilities')
added = q.cmd('netdev_add', type='stream', id='s1', server=True,
              addr={'type': 'unix', 'path': os.path.join(tmp, 's1.sock')})
deleted = q.cmd('netdev_del', id='s1')
listed = q.cmd('human-monitor-command', **{'command-line': 'info network'})['return']
tap.report(added == deleted == {'return': {}} and 's1' not in listed and
           not os.path.exists(os.path.join(tmp, 's1.sock')) and 'return' in q.cmd('query-status'),
           'netdev_del of a listening stream: gone, its socket removed, the monitor answers',
           f'{added} {deleted} {listed!r}')
q.cmd('quit')
p.wait(scaled(20))

ok, text = hmp_log(QS)
tap.report(ok, 'HMP logfile, log in_asm, log none: blocks translated while on are logged, none after', text)
tap.report(shape(ours[0]) == {'QMP': {'version': {'qemu': {'micro': 'int', 'minor': 'int',
                                                           'major': 'int'},
                                                  'package': 'str'},
                                      'capabilities': []}},
           'the greeting has QEMU\'s keys', ours[0])
tap.report(ours[-1] == 0, 'quit ends the process with status 0', ours[-1])
if REF:
    ref = run_transcript(REF)
    for i, (req, how) in enumerate(TRANSCRIPT, 1):
        a, b = ours[i], ref[i]
        if how == 'machines':  # each of our boards exactly as QEMU lists it
            theirs = {m['name']: m for m in b['return']}
            same = all(m == theirs.get(m['name']) for m in a['return'])
        elif how == 'props':  # ours a subset of QEMU's, each with QEMU's type and default
            theirs = {p['name']: p for p in b['return']}
            same = all(p['name'] in theirs and p['type'] == theirs[p['name']]['type'] and
                       p.get('default-value') == theirs[p['name']].get('default-value')
                       for p in a['return'])
        else:
            same = a == b if how == 'same' else shape(a) == shape(b)
        tap.report(same, f'{how} as QEMU: {req[:70]}', f'ours {a}\nQEMU {b}')
    for a, b in zip(ours[len(TRANSCRIPT) + 1:-2], ref[len(TRANSCRIPT) + 1:-2]):
        tap.report(a == b, f'same as QEMU: {a.get("event", "quit")}', f'ours {a}\nQEMU {b}')
    tap.report(ours[-2] == ref[-2] and len(ours[-2][0]) == 64,
               'memsave and pmemsave write the same bytes as QEMU\'s', f'{ours[-2]} {ref[-2]}')
else:
    tap.skip('the transcript beside QEMU', 'no reference qemu-system-riscv64')


# A client that leaves with a reply unread: the next client starts with the greeting, not
# with the rest of that reply
p, q = start(QS, BOOT, 'leave.sock')
q.cmd('qmp_capabilities')
q.s.sendall(b'{"execute":"human-monitor-command","arguments":'
            b'{"command-line":"xp /200000g 0x80000000"}}\n')
time.sleep(0.5)  # the reply is being written to nobody
q.close()
q2 = Qmp(os.path.join(tmp, 'leave.sock'))
tap.report('QMP' in q2.greeting, 'a new client gets the greeting, not the last one\'s reply',
           q2.greeting)
q2.close()
p.kill()
p.wait()


def monitor_on_socket(prog, option, name):
    """A stopped machine with a monitor (OPTION) on a unix socket; the process and a client."""
    path = os.path.join(tmp, name)
    p = subprocess.Popen([prog, '-M', 'virt', '-display', 'none', '-S', '-serial', 'null',
                          option, f'unix:{path},server=on,wait=off'], stderr=subprocess.DEVNULL)
    return p, unix_connect(path)


# -qmp-pretty: byte for byte as QEMU's (after the greeting, whose version differs)
def pretty(prog):
    p, s = monitor_on_socket(prog, '-qmp-pretty', 'pretty.sock')
    out = b''
    for i, req in enumerate((b'{"execute":"qmp_capabilities"}\n', b'{"execute":"query-status"}\n',
                             b'{"execute":"query-iothreads"}\n', b'{"execute":"query-kvm"}\n')):
        s.sendall(req)
        # a pretty reply ends with a closing brace at the start of a line
        while out.count(b'\r\n}\r\n') < 2 + i:
            out += s.recv(65536)
    s.close()
    p.kill()
    p.wait()
    return out.split(b'\r\n}\r\n', 1)[1]


if REF:
    a, b = pretty(QS), pretty(REF)
    tap.report(a == b, '-qmp-pretty replies are byte for byte QEMU\'s', f'ours {a!r}\nQEMU {b!r}')
else:
    tap.skip('-qmp-pretty beside QEMU', 'no reference qemu-system-riscv64')

# The CI script: -S, QMP and the console on unix sockets, connect late, cont,
# read the whole console output, the guest powers off: SHUTDOWN (guest-shutdown). The small
# output buffer holds the guest until the console is read, so it cannot finish first.
con = os.path.join(tmp, 'console.sock')
p, q = start(QS, ['-bios', 'none', '-kernel', FLOOD, '-S',
                  '-serial', f'unix:{con},server=on,wait=off,x-out-buffer=1M'], 'ci.sock')
time.sleep(1)
st = q.cmd('query-status')
q.cmd('qmp_capabilities')
st = q.cmd('query-status')
tap.report(st == {'return': {'status': 'prelaunch', 'singlestep': False, 'running': False}},
           '-S: the machine waits in prelaunch', st)
q.cmd('cont')
tap.report(q.event('RESUME') is not None, 'cont starts it (RESUME)')
time.sleep(1)  # the console is read late
c = socket.socket(socket.AF_UNIX)
c.connect(con)
c.settimeout(scaled(60))
got = bytearray()
while len(got) < FLOOD_BYTES:
    chunk = c.recv(1 << 20)
    if not chunk:
        break
    got += chunk
tap.report(bytes(got) == WANT, 'the late console client reads all 10 MiB', f'{len(got)} bytes')
e = q.event('SHUTDOWN')
tap.report(e.get('data') == {'guest': True, 'reason': 'guest-shutdown'},
           'the guest\'s poweroff sends SHUTDOWN (guest-shutdown)', e)
tap.report(p.wait(scaled(20)) == 0, 'and the process exits 0')
c.close()
q.close()

# -no-shutdown: the poweroff stops the machine ("shutdown"), cont is refused, quit ends it
p, q = start(QS, ['-bios', 'none', '-kernel', FLOOD, '-serial', 'null', '-no-shutdown'],
             'noshut.sock')
q.cmd('qmp_capabilities')
e = q.event('SHUTDOWN')
q.event('STOP')
st = q.cmd('query-status')
tap.report(st['return']['status'] == 'shutdown' and e['data']['reason'] == 'guest-shutdown',
           '-no-shutdown: SHUTDOWN, STOP, status "shutdown"', st)
r = q.cmd('cont')
tap.report(r == {'error': {'class': 'GenericError',
                           'desc': 'Resetting the Virtual Machine is required'}},
           '-no-shutdown: cont is refused until a reset, as QEMU does', r)
q.cmd('quit')
e = q.event('SHUTDOWN')
tap.report(e['data'] == {'guest': False, 'reason': 'host-qmp-quit'} and p.wait(scaled(20)) == 0,
           'quit: SHUTDOWN (host-qmp-quit), status 0', e)
q.close()


# HMP on a unix socket: banner, prompt, commands, quit
def hmp(prog):
    p, s = monitor_on_socket(prog, '-monitor', 'hmp.sock')
    out = b''
    for i, cmd in enumerate((b'', b'info status\r', b'c\r', b'info status\r', b'quit\r')):
        s.sendall(cmd)
        while out.count(b'(qemu) ') < 1 + i and cmd != b'quit\r':
            out += s.recv(65536)
    rc = p.wait(scaled(20))
    s.close()
    text = out.decode(errors='replace')
    # QEMU's readline redraws the line with escape sequences: keep what it printed after
    lines = [l.split('\x1b[K')[-1].strip() for l in text.split('\r\n')]
    return rc, [l for l in lines if 'VM status' in l or 'monitor' in l]


rc, lines = hmp(QS)
tap.report(rc == 0 and lines == ["QEMU 7.2.0 monitor - type 'help' for more information",
                                 'VM status: paused (prelaunch)', 'VM status: running'],
           'HMP on a socket: banner, info status, c, quit', f'{rc} {lines}')
if REF:
    rrc, rlines = hmp(REF)
    rlines = [l.replace('7.2.22', '7.2.0') if 'monitor' in l else l for l in rlines]
    tap.report(rlines == lines, 'HMP says the same as QEMU\'s', f'ours {lines}\nQEMU {rlines}')


# The block layer through the monitor: drives with a device, a read-only one, an empty one and
# a -blockdev node a device uses; query-block and query-blockstats have QEMU's shapes (the
# first entry, a qcow2 overlay with its backing chain, compared in full), info block says the
# same (node names aside), block_resize answers the same, and the guest-visible size follows.
def block_monitor(prog, name):
    d = os.path.join(tmp, name)
    os.makedirs(d)
    img = shutil.which('qemu-img') or os.path.join(os.path.dirname(QS), 'qemu-img')
    for args in (['-f', 'qcow2', 'base.qcow2', '64M'], ['-f', 'qcow2', '-b', 'base.qcow2', '-F', 'qcow2', 'top.qcow2'],
                 ['-f', 'raw', 'ro.raw', '1M'], ['-f', 'raw', 'node.raw', '1M'], ['-f', 'raw', 'rw.raw', '1M'],
                 ['-f', 'qcow2', 'top2.qcow2', '1M'], ['-f', 'qcow2', 'top3.qcow2', '1M']):
        subprocess.run([img, 'create', '-q'] + args, cwd=d, check=True)
    sock = os.path.join(d, 'qmp')
    p = subprocess.Popen([prog, '-M', 'virt', '-bios', 'none', '-S', '-display', 'none', '-serial', 'null',
                          '-nodefaults', '-drive', 'file=top.qcow2,if=none,id=d0,format=qcow2,cache=none',
                          '-device', 'virtio-blk-device,drive=d0',
                          '-drive', 'file=ro.raw,if=none,id=d1,format=raw,readonly=on',
                          '-blockdev', 'driver=file,filename=node.raw,node-name=n2',
                          '-device', 'virtio-blk-device,drive=n2', '-drive', 'if=none,id=empty',
                          '-drive', 'file=rw.raw,if=none,id=d4,format=raw',
                          # a drive with its device's id; a file node a qcow2 node reads through;
                          # a drive another drive uses as its backing file
                          '-blockdev', 'driver=file,filename=top2.qcow2,node-name=tf',
                          '-blockdev', 'driver=qcow2,file=tf,node-name=top2',
                          '-device', 'virtio-blk-device,drive=top2,id=vb',
                          '-drive', 'file=base.qcow2,if=none,id=d6,format=qcow2,node-name=b6,read-only=on',
                          '-drive', 'file=top3.qcow2,if=none,id=d7,format=qcow2,backing=b6',
                          '-qmp', f'unix:{sock},server=on,wait=off'], cwd=d, stderr=subprocess.DEVNULL)
    q = Qmp(sock)
    q.cmd('qmp_capabilities')
    out = {'query-block': shape(q.cmd('query-block')), 'query-blockstats': shape(q.cmd('query-blockstats')),
           'query-blockstats query-nodes': shape(q.cmd('query-blockstats', **{'query-nodes': True}))}
    for line in ['info block', 'info block d1', 'info block d0 x', 'block_resize', 'block_resize d0',
                 'block_resize d0 1k extra', 'block_resize nope 1M', 'block_resize d1 1M', 'block_resize d0 96']:
        r = q.cmd('human-monitor-command', **{'command-line': line})
        out[line] = re.sub(r'#block[0-9]+', '#block', r.get('return', ''))
        # d7's file name: QEMU makes up a json: one for a backing file not the header's; we don't
        out[line] = re.sub(r'd7 \(#block\): [^\r]*', 'd7', out[line])
    for args in [{'device': 'd1', 'size': 1 << 27}, {'device': 'nope', 'size': 1 << 27},
                 {'node-name': 'n2', 'size': 2 << 20}, {'device': 'd0', 'size': 1000}, {'device': 'd0', 'size': -1},
                 {'size': 4096}, {'device': 'empty', 'size': 4096}, {'device': 'd0', 'size': 2 ** 64 - 1},
                 {'device': 'd0'}, {'node-name': 'tf', 'size': 65536}]:
        out[f'block_resize {args}'] = q.cmd('block_resize', **args)
    # eject: a drive no device holds gives its medium up, and its image lock with it
    locked = subprocess.run([img, 'resize', '-f', 'raw', 'rw.raw', '2M'], cwd=d, capture_output=True).returncode
    for args in [{'device': 'd0'}, {'device': 'd4'}, {'device': 'empty'}, {'id': 'x'}, {},
                 {'device': 'd1', 'force': True}, {'device': 'd0', 'id': 'y'}, {'device': 'n2'},
                 {'device': 'd6'}, {'id': 'vb'}]:
        r = q.cmd('eject', **args)
        out[f'eject {args}'] = json.loads(re.sub(r'#block[0-9]+', '#block', json.dumps(r)))
    for line in ['eject', 'eject d0', 'eject -f d0', 'eject nope', 'info block d4', 'eject d4 extra',
                 'info block vb']:
        r = q.cmd('human-monitor-command', **{'command-line': line})
        out[line] = re.sub(r'#block[0-9]+', '#block', r.get('return', ''))
    free = subprocess.run([img, 'resize', '-f', 'raw', 'rw.raw', '2M'], cwd=d, capture_output=True).returncode
    out['the ejected image is free'] = (locked != 0, free == 0)
    sizes = {b['device'] or b['inserted']['node-name']: b.get('inserted', {}).get('image', {}).get('virtual-size')
             for b in q.cmd('query-block')['return']}
    out['sizes after'] = sizes
    q.cmd('quit')
    p.wait(scaled(20))
    return out


ours = block_monitor(QS, 'blk-ours')
tap.report(ours['sizes after'] == {'d0': 96 << 20, 'd1': None, 'd4': None, 'empty': None, 'n2': 2 << 20,
                                  'd6': 64 << 20, 'd7': 1 << 20, 'top2': 1 << 20} and
           ours['the ejected image is free'] == (True, True),
           'block_resize: the drives have the sizes asked for; eject let the images go', ours)
if REF:
    theirs = block_monitor(REF, 'blk-qemu')
    for k in ours:
        if k != 'the ejected image is free':  # QEMU locks a drive's image only once a device uses it
            tap.report(ours[k] == theirs[k], f'block monitor as QEMU: {k}', f'ours {ours[k]}\nQEMU {theirs[k]}')
shutil.rmtree(tmp, ignore_errors=True)
tap.finish()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""QMP command fuzz test: a stopped machine's QMP monitor gets random and mutated requests for
the commands it lists (arguments of every JSON type, nested, with the names real requests use:
netdev_add's lists and nested addresses, set_link, query-rx-filter, qom-*, ...), each of which
must be answered while the emulator stays alive; at the end query-status still answers and
quit ends it cleanly. Commands that would end the run or touch the host beyond it (quit, file
writes, tap interfaces, the gdbstub's port) and cont (a running guest would only slow it) are
left out. Deterministic per seed.
Usage: fuzz-qmp.py QEMU [--cases N] (env QS_FUZZ_CASES). Meant for the ASan+UBSan build."""
import argparse, json, os, random, subprocess, sys, tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'functional'))
from qstest import Qmp, Tap, quit_cleanly  # noqa: E402

SKIP = {'quit', 'memsave', 'pmemsave', 'system_powerdown', 'cont'}  # cont: the machine stays stopped
KEYS = ['id', 'type', 'name', 'up', 'addr', 'host', 'port', 'path', 'str', 'local', 'remote',
        'server', 'hostfwd', 'guestfwd', 'net', 'ipv6', 'listen', 'connect', 'udp', 'mcast',
        'property', 'value', 'typename', 'device', 'size', 'format', 'data', 'command-line',
        'hubid', 'netdev', 'to', 'numeric', 'abstract', 'restrict', 'dnssearch', 'x']
STRINGS = ['user', 'socket', 'stream', 'dgram', 'hubport', 'inet', 'unix', 'fd', 'vsock', 'n0',
           'n1', 'virtio-net-device.0', '127.0.0.1', '0', '65536', '-1', 'on', 'off', '', ',',
           'tcp::0-:22', 'udp:127.0.0.1:0-:7', 'x' * 300, '/machine', '/machine/peripheral-anon',
           '%s', '\u00e9', 'help', '230.0.0.1', '10.0.2.0/33']
HMP = ['info network', 'info network x', 'set_link n0 off', 'set_link n0 on', 'set_link',
       'netdev_add user,id=h0', 'netdev_add socket,id=h1,listen=127.0.0.1:0', 'netdev_del h0',
       'netdev_add stream,id=h2,addr.type=inet', 'netdev_add help', 'info qom-tree', 'info status',
       "print /c (1+'a')*3%7", 'xp /4xb 0x1000+(8|4)', 'info block -n', 'block_resize x 1', 'log none']


def value(rnd, depth=0):
    kind = rnd.randint(0, 7 if depth < 4 else 4)
    if kind == 0:
        return rnd.choice(STRINGS)
    if kind == 1:
        return rnd.choice([0, 1, -1, 2 ** 31, 2 ** 63 - 1, -2 ** 63, 4096])
    if kind == 2:
        return rnd.choice([True, False])
    if kind == 3:
        return None if rnd.random() < 0.5 else 1.5
    if kind == 4:
        return ''.join(chr(rnd.randint(1, 0x2ff)) for _ in range(rnd.randint(0, 12)))
    if kind == 5:
        return [value(rnd, depth + 1) for _ in range(rnd.randint(0, 4))]
    if kind == 6:
        return [{'str': rnd.choice(STRINGS)} for _ in range(rnd.randint(0, 3))]
    return {rnd.choice(KEYS): value(rnd, depth + 1) for _ in range(rnd.randint(0, 5))}


def request(rnd, commands):
    cmd = rnd.choice(commands)
    if cmd == 'human-monitor-command':
        line = rnd.choice(HMP)
        if rnd.random() < 0.3:
            line = line[:rnd.randint(0, len(line))] + rnd.choice(STRINGS)
        if line.startswith(('q', 'c', 'gdbserver', 'memsave', 'pmemsave')) or 'tap' in line:
            line = 'info status'
        return {'execute': cmd, 'arguments': {'command-line': line}}
    args = {rnd.choice(KEYS): value(rnd) for _ in range(rnd.randint(0, 5))}
    if cmd == 'netdev_add' and rnd.random() < 0.8:
        args['type'] = rnd.choice(['user', 'socket', 'stream', 'dgram', 'hubport', 'foo'])
        args['id'] = rnd.choice(['n1', 'n2', 'n3'])
    if str(args.get('type')) in ('tap', 'bridge'):
        args['type'] = 'user'  # no host interfaces made
    req = {'execute': cmd}
    if args or rnd.random() < 0.5:
        req['arguments'] = args
    return req


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('qemu')
    ap.add_argument('--cases', type=int, default=int(os.environ.get('QS_FUZZ_CASES', '1500')))
    args = ap.parse_args()
    tap = Tap()
    tmp = tempfile.mkdtemp(prefix='qs-fuzz-qmp-')
    sock = os.path.join(tmp, 'qmp')
    env = dict(os.environ, UBSAN_OPTIONS='halt_on_error=1:print_stacktrace=1')
    p = subprocess.Popen([args.qemu, '-M', 'virt', '-bios', 'none', '-display', 'none',
                          '-serial', 'null', '-S', '-no-shutdown', '-netdev', 'user,id=n0',
                          '-device', 'virtio-net-device,netdev=n0',
                          '-qmp', f'unix:{sock},server=on,wait=off'],
                         stderr=subprocess.PIPE, env=env, cwd=tmp)
    q = Qmp(sock)
    q.cmd('qmp_capabilities')
    commands = sorted(c['name'] for c in q.cmd('query-commands')['return'] if c['name'] not in SKIP)
    rnd = random.Random(1)
    answered = 0
    for case in range(args.cases):
        req = request(rnd, commands)
        if os.environ.get('QS_FUZZ_VERBOSE'):
            print(f'# case {case}: {json.dumps(req)}', flush=True)
        try:
            reply = q.raw(json.dumps(req))
        except (OSError, EOFError, ValueError):
            break
        answered += 'return' in reply or 'error' in reply
    alive = p.poll() is None
    tap.report(alive and answered == args.cases, f'{args.cases} requests: each answered, the emulator alive',
               '' if alive else f'status {p.returncode} at {json.dumps(req)}; {p.stderr.read().decode(errors="replace")[-3000:]}')
    if not alive:
        tap.finish()
    status = q.cmd('query-status')
    tap.report('return' in status, 'it still answers query-status', status)
    quit_cleanly(tap, q, p)
    tap.finish()


main()

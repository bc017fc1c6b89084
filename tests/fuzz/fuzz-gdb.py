#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""gdb packet fuzz test: a stopped guest's gdbstub gets mutated and random packets (bad
checksums, escapes, huge numbers, truncated arguments, binary data, Ctrl-C), each answered or
dropped while the emulator stays alive; at the end it must still answer a plain query and end
cleanly on 'k'. Deterministic per seed. Usage: fuzz-gdb.py QEMU [--cases N]
(env QS_FUZZ_CASES). Meant for the ASan+UBSan build (make check-asan), run on the plain one."""
import argparse, os, random, socket, subprocess, sys, tempfile, time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'functional'))
from qstest import Tap, scaled  # noqa: E402

SEEDS = [b'?', b'g', b'G' + b'00' * 264, b'p20', b'P1=0100000000000000', b'p1041',
         b'm80000000,40', b'M80001000,4:01020304', b'X80001000,2:\x00\x7d\x5d',
         b'Z0,80000010,4', b'z0,80000010,4', b'Z1,0,2', b'Z3,80001000,8', b'Hg1', b'Hc-1',
         b'Hgp1.2', b'T1', b'T9', b'qSupported:multiprocess+', b'qC', b'qfThreadInfo',
         b'qsThreadInfo', b'qAttached', b'qThreadExtraInfo,1',
         b'qXfer:features:read:target.xml:0,ffb', b'qXfer:features:read:other.xml:0,10',
         b'qRcmd,' + b'info status'.hex().encode(), b'qRcmd,zz', b'vCont?',
         b'vCont;s:1', b'vCont;c', b's', b'c80000000', b'QStartNoAckMode', b'vMustReplyEmpty']
ALPHABET = b'0123456789abcdefxgpPmMXzZ,:;=.-}$#*\x03\xff'


def frame(data):
    return b'$%s#%02x' % (data, sum(data) & 0xff)


def mutate(rnd, data):
    data = bytearray(data)
    for _ in range(rnd.randint(1, 6)):
        pos = rnd.randint(0, len(data))
        op = rnd.randint(0, 4)
        if op == 0:
            data[pos:pos] = bytes([rnd.choice(ALPHABET)])
        elif op == 1 and pos < len(data):
            del data[pos]
        elif op == 2 and pos < len(data):
            data[pos] = rnd.choice(ALPHABET)
        elif op == 3:
            data[pos:pos] = b'f' * rnd.choice((8, 16, 17, 40))
        else:
            data[pos:pos] = bytes(rnd.randint(0, 255) for _ in range(rnd.randint(1, 8)))
    return bytes(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('qemu')
    ap.add_argument('--cases', type=int, default=int(os.environ.get('QS_FUZZ_CASES', '3000')))
    args = ap.parse_args()
    tap = Tap()
    tmp = tempfile.mkdtemp(prefix='qs-fuzz-gdb-')
    sock = os.path.join(tmp, 'gdb')
    env = dict(os.environ, UBSAN_OPTIONS='halt_on_error=1:print_stacktrace=1')
    # no guest program: the hart spins through traps forever, and what the packets make it run
    # cannot end the process (-no-shutdown), so only a crash of ours would
    p = subprocess.Popen([args.qemu, '-M', 'virt', '-bios', 'none',
                          '-display', 'none', '-serial', 'null', '-S', '-no-shutdown',
                          '-gdb', f'unix:{sock},server=on,wait=off'],
                         stderr=subprocess.PIPE, env=env)
    end = time.monotonic() + scaled(20)
    s = socket.socket(socket.AF_UNIX)
    while True:
        try:
            s.connect(sock)
            break
        except OSError:
            if time.monotonic() > end or p.poll() is not None:
                raise
            time.sleep(0.05)
    s.setblocking(False)
    rnd = random.Random(1)
    for case in range(args.cases):
        seed = rnd.choice(SEEDS)
        data = mutate(rnd, seed) if rnd.random() < 0.8 else seed
        if data[:1] in (b'k', b'D'):
            continue  # those end the session by design
        kind = rnd.random()
        if kind < 0.1:
            wire = b'$' + data + b'#00'  # a bad checksum
        elif kind < 0.15:
            # raw noise, without 'k': in no-ack mode "$k#.." would be a real kill
            wire = bytes(rnd.randint(0, 255) for _ in range(rnd.randint(1, 64)))
            wire = wire.replace(b'k', b'K')
        else:
            wire = frame(data)
        if os.environ.get('QS_FUZZ_VERBOSE'):
            print(f'# case {case}: {wire!r}', flush=True)
        try:
            s.sendall(wire)
        except (BlockingIOError, BrokenPipeError, ConnectionResetError):
            pass
        try:
            while s.recv(1 << 16):
                pass
        except BlockingIOError:
            pass
        except ConnectionResetError:
            break  # the emulator went away: reported below
        if p.poll() is not None:
            break
    time.sleep(0.2)
    alive = p.poll() is None
    tap.report(alive, f'{args.cases} packets: the emulator is alive',
               '' if alive else f'status {p.returncode}, case {case}: {wire!r}; {p.stderr.read().decode(errors="replace")[-3000:]}')
    if not alive:
        tap.finish()
    s.setblocking(True)
    s.settimeout(scaled(20))
    # leave any running state, drain, then a plain query must still be answered
    s.sendall(b'\x03')
    time.sleep(0.5)
    s.setblocking(False)
    try:
        while s.recv(1 << 16):
            pass
    except (BlockingIOError, OSError):
        pass
    s.setblocking(True)
    s.sendall(b'+' + frame(b'qAttached'))
    got = b''
    end = time.monotonic() + scaled(10)
    while b'$1#31' not in got and time.monotonic() < end:
        try:
            got += s.recv(4096)
        except socket.timeout:
            break
    tap.report(alive and b'$1#31' in got, 'it still answers a query', got[-200:])
    s.sendall(frame(b'k'))
    try:
        rc = p.wait(scaled(30))
    except subprocess.TimeoutExpired:
        p.kill()
        rc = 'hung'
    err = p.stderr.read().decode(errors='replace')
    tap.report(rc == 0 and 'Sanitizer' not in err and 'runtime error' not in err,
               'k ends it cleanly, no sanitizer report', f'{rc}: {err[-2000:]}')
    s.close()
    tap.finish()


main()

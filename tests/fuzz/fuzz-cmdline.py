#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Command-line fuzz test: random and mutated argument vectors, built from the options and
values real command lines use, run against the emulator. Every run must end by itself with
status 0 or 1 (QEMU's convention for a clean run or a refused command line), or, when it starts
a machine, must end cleanly (status 0) on SIGTERM: a crash, an abort, a sanitizer report or a
process that ignores SIGTERM fails the case. Deterministic: case N always makes the same argv.
Usage: fuzz-cmdline.py QEMU [--cases N] [--first K]      (env QS_FUZZ_CASES, QS_FUZZ_FIRST)
Meant for the ASan+UBSan build (make check-asan), and run on the plain build too."""
import argparse, os, random, shutil, signal, subprocess, sys, tempfile, time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'functional'))
from qstest import Tap, handles_signal, scaled  # noqa: E402

OPTIONS = {
    # option: sample values (None: takes no argument)
    '-M': ['virt', 'none', 'spike', 'spike,dumpdtb=@dtb', 'virt,aclint=on', 'virt,aia=aplic',
           'virt,aia=aplic-imsic,dumpdtb=@dtb', 'virt,aia=aplic-imsic,aia-guests=3', 'virt,memory-backend=m0', 'virt,dumpdtb=@dtb',
           'help', 'virt,help', 'bar', 'virt,foo=1', '', ','],
    '-machine': ['virt,dumpdtb=@dtb', 'type=virt', 'none'],
    '-m': ['128M', '1M', '', '0', '1X', '8G', '-1', '18446744073709551615', '100,foo=1',
           'size=64M', '1T', '4097'],
    '-smp': ['1', '2', '0', 'abc', 'cpus=2,sockets=2', '65536', 'maxcpus=1,cpus=2', ''],
    '-cpu': ['rv64', 'help', 'foo', 'rv64,zba=off', 'rv64,zba=maybe', 'rv64,nosuch=1'],
    '-accel': ['tcg', 'kvm', 'help', 'tcg,backend=interp', 'tcg,thread=multi', 'tcg,bar=1'],
    '-object': ['rng-random,id=r0', 'rng-builtin,id=r1', 'rng-random,id=r0,filename=@file',
                'memory-backend-ram,id=m0,size=64M', 'memory-backend-file,id=m0,size=8M,mem-path=@dir',
                'memory-backend-ram,id=m0', 'foo', 'help', 'rng-random,help', 'rng-random',
                'memory-backend-ram,id=m0,size=0', 'memory-backend-file,id=m1,size=1G,mem-path=@file',
                'filter-dump,id=f0,netdev=n0,file=@log', 'filter-dump,id=f0,netdev=zz,file=@log',
                'filter-dump,id=f0,netdev=n0,queue=sideways,file=@log'],
    '-global': ['virtio-mmio.force-legacy=false', 'foo.bar=1', 'driver=a', 'a.b', '.b=1',
                'virtio-rng-device.period=0', 'rv64-riscv-cpu.zba=off'],
    '-set': ['device.r.period=5', 'foo', 'blah.x.y=1', 'drive.d.file=@file', 'chardev.c.path=@file'],
    '-device': ['virtio-rng-device', 'virtio-rng-device,id=r', 'virtio-rng-device,rng=r0',
                'virtio-blk-device,drive=d', 'help', 'foo', 'virtio-rng-device,help',
                'virtio-rng-device,period=0', 'virtio-blk-device', 'virtio-rng-device,any_layout',
                'loader,file=@k,cpu-num=0', 'loader,addr=0x100000,data=0x5555,data-len=4',
                'loader,file=@file', 'loader,data-len=9', 'loader,addr=0x80000000,cpu-num=7',
                'loader,file=@k,addr=0x80000000,force-raw=on', 'virtio-net-device,netdev=n0',
                'virtio-net-pci,netdev=n0,romfile=', 'virtio-net-device,mac=xyz',
                'virtio-net-device,rx_queue_size=100', 'virtio-net-device,mq=on'],
    '-drive': ['if=none,id=d,file=@file,format=raw', 'file=@file', 'if=virtio,file=@file',
               'file=/nonexistent', 'format=help', 'if=none,id=d', 'file=@file,readonly=on'],
    '-blockdev': ['driver=file,node-name=f,filename=@file', 'driver=raw,file=f,node-name=d',
                  'driver=foo'],
    '-chardev': ['null,id=c', 'file,id=c,path=@file', 'stdio,id=c,mux=on', 'help', 'foo,id=x',
                 'null', 'pipe,id=p,path=@file', 'socket,id=c,path=@dir/s,server=on,wait=off',
                 'socket,id=c,path=@dir/s,server=on', 'socket,id=s,host=127.0.0.1,port=1',
                 'socket,id=c,host=127.0.0.1,port=1,reconnect=1', 'socket,id=c,fd=abc',
                 'socket,id=c,host=,port=0,server=on,wait=off,telnet=on,nodelay=on',
                 'pty,id=c', 'ringbuf,id=c,size=3', 'ringbuf,id=c,size=4K', 'memory,id=c',
                 'udp,id=c,host=127.0.0.1,port=9', 'udp,id=c,port=9,localport=0,ipv6=on',
                 'udp,id=c', 'serial,id=c,path=/dev/null', 'tty,id=c,path=@file', 'serial,id=c'],
    '-serial': ['null', 'stdio', 'none', 'chardev:c', 'file:@file', 'foo', 'mon:stdio',
                'tcp::0,server=on,wait=off', 'unix:@dir/u,server,nowait', 'tcp:1',
                'telnet:127.0.0.1:0,server=on,wait=off', 'unix:@file', 'pty', 'udp::9',
                'udp:127.0.0.1:9@:0', 'udp:', 'udp:@', '/dev/null', '/dev/nonexistent'],
    '-monitor': ['none', 'stdio', 'unix:@dir/m,server=on,wait=off', 'foo', 'tcp:1'],
    '-qmp': ['unix:@dir/q,server=on,wait=off', 'stdio', 'none', 'chardev:c', 'foo'],
    '-qmp-pretty': ['unix:@dir/q,server=on,wait=off', 'null'],
    '-gdb': ['tcp::0', 'unix:@dir/g,server=on,wait=off', 'none', 'foo', 'tcp:1', 'chardev:c',
             'unix:@file'],
    '-s': None,
    '-mon': ['chardev=c', 'c,mode=control,pretty=on', 'chardev=c,mode=foo', 'chardev=c,bogus=1',
             'mode=control', 'chardev=c,pretty=on'],
    '-kernel': ['@file', '@k', '/nonexistent', '/dev/zero', '@dir', '@empty'],
    '-initrd': ['@file', '/nonexistent', '@big'],
    '-append': ['console=ttyS0', '', 'x' * 5000],
    '-dtb': ['@file', '/dev/zero', '/nonexistent', '@dir', '@dtb'],
    '-bios': ['none', 'default', '@file', '@empty', '/nonexistent', '@k'],
    '-display': ['none', 'help', 'foo', 'sdl'],
    '-d': ['help', 'in_asm', 'foo', 'int,exec', ''],
    '-D': ['@log'],
    '-name': ['guest', 'guest=x,process=y', 'debug-threads=maybe'],
    '-L': ['@dir', '/nonexistent'],
    '-rtc': ['base=utc', 'base=localtime,clock=vm', 'base=2006-06-17T16:01:21', 'base=foo',
             'clock=rt,driftfix=slew', 'foo=1'],
    '-boot': ['order=c', 'menu=on', 'order=foo', 'reboot-timeout=-5', 'splash=@file', 'c'],
    '-uuid': ['12345678-1234-1234-1234-123456789abc', 'foo', ''],
    '-vga': ['none', 'std'],
    '-msg': ['timestamp=on', 'guest-name=on', 'foo=1'],
    '-hda': ['@file', '/nonexistent', '@dir'], '-cdrom': ['@file'], '-sd': ['@file'],
    '-pidfile': ['@pid', '/nonexistent/x'],
    '-net': ['none', 'nic', 'user', 'nic,model=virtio-net-device,macaddr=52:54:00:00:00:09',
             'nic,netdev=n0', 'user,vlan=1', 'foo', 'nic,model=help', 'user,id=n0'],
    '-netdev': ['user,id=n0', 'user', 'help', 'foo,id=x', 'user,id=n0,hostfwd=tcp:127.0.0.1:0-:22',
                'user,id=n0,hostfwd=tcp::abc-:22', 'user,id=n0,hostfwd=udp::0-10.0.2.9:7',
                'user,id=n0,net=10.0.3.0/33', 'user,id=n0,dhcpstart=1.2.3.4', 'user,id=n0,ipv4=off,ipv6=off',
                'user,id=n0,ipv6-net=zz::/200', 'hubport,id=h0,hubid=0', 'hubport,id=h1,netdev=n0',
                'user,id=n0,foo=1', 'socket,id=n0,listen=127.0.0.1:0', 'socket,id=n0,connect=127.0.0.1:1',
                'socket,id=n0,mcast=230.0.0.1:1234,localaddr=127.0.0.1', 'socket,id=n0,udp=127.0.0.1:9',
                'socket,id=n0,fd=abc', 'stream,id=n0,server=on,addr.type=unix,addr.path=@dir/n',
                'stream,id=n0,addr.type=inet,addr.host=127.0.0.1,addr.port=1', 'stream,id=n0,addr.type=fd',
                'stream,id=n0,server=on,addr.type=inet,addr.host=127.0.0.1,addr.port=0,addr.to=5',
                'dgram,id=n0,local.type=unix,local.path=@dir/d,remote.type=unix,remote.path=@dir/e',
                'dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port=0,remote.type=inet,remote.host=127.0.0.1,remote.port=9',
                'dgram,id=n0,remote.type=inet,remote.host=230.0.0.1,remote.port=9', 'dgram,id=n0,local.type=fd,local.str=1',
                'tap,id=n0,fd=0', 'tap,id=n0,vhost=on', 'tap,id=n0,queues=2'],
    '-nic': ['user', 'none', 'help', 'model=virtio-net-device', 'user,mac=52:54:00:00:00:01',
             'user,model=help', 'user,mac=zz', 'foo'],
    '-icount': ['shift=4,sleep=off', 'shift=auto', 'shift=11', '7,align=on', 'sleep=off',
                'shift=0,align=on,sleep=off', 'rr=record'],
    '-semihosting-config': ['enable=on', 'enable=maybe', 'target=gdb', 'chardev=c,arg=a,arg=b',
                            'foo=1', 'enable=off,userspace=on'],
    '-nodefaults': None, '-no-user-config': None, '-snapshot': None, '-semihosting': None,
    '-nographic': None, '-S': None, '-no-reboot': None, '-no-shutdown': None,
    '-version': None, '-h': None, '-nosuchoption': None,
}
NAMES = sorted(OPTIONS)
# Command lines that start a machine: half the cases mutate one of these.
BASES = [
    ['-M', 'virt', '-display', 'none', '-bios', 'none', '-kernel', '@k'],
    ['-M', 'virt', '-nographic', '-bios', 'none', '-kernel', '@k', '-device', 'virtio-rng-device'],
    ['-M', 'virt', '-display', 'none', '-bios', 'none', '-object', 'rng-random,id=r0',
     '-device', 'virtio-rng-device,rng=r0', '-object', 'memory-backend-ram,id=m0,size=64M',
     '-machine', 'memory-backend=m0', '-kernel', '@k'],
    ['-M', 'virt', '-display', 'none', '-bios', 'none', '-drive', 'if=none,id=d,file=@file,format=raw',
     '-device', 'virtio-blk-device,drive=d', '-kernel', '@k', '-S'],
    ['-M', 'none', '-display', 'none', '-chardev', 'null,id=c', '-serial', 'chardev:c'],
]
JUNK = ['', ',', ',,', '=', 'help', '?', '\xff', '%s%n', '-', '--', 'id=', 'a' * 300,
        '0x' + 'f' * 20, '-9223372036854775808', '1e999', ',id=x', '=x']


def value(rng, opt, files):
    vals = OPTIONS[opt]
    v = rng.choice(vals)
    r = rng.random()
    if r < 0.15:
        v = rng.choice(JUNK)
    elif r < 0.3 and v:
        # mutate: cut, duplicate a piece, splice junk in
        i = rng.randrange(len(v) + 1)
        v = rng.choice([v[:i], v[:i] + v[i:] * 2, v[:i] + rng.choice(JUNK) + v[i:]])
    return fill(v, files)


def fill(v, files):
    for k, path in files.items():
        v = v.replace('@' + k, path)
    return v


def make_argv(seed, files):
    rng = random.Random(seed)
    if rng.random() < 0.5:
        argv = [fill(x, files) for x in rng.choice(BASES)]
        for _ in range(rng.randint(0, 2)):
            i = rng.randrange(len(argv))
            r = rng.random()
            if r < 0.4 and argv[i].startswith('-') and i + 1 < len(argv) and \
                    argv[i] in OPTIONS and OPTIONS[argv[i]]:
                argv[i + 1] = value(rng, argv[i], files)  # another value for an option
            elif r < 0.7:
                opt = rng.choice(NAMES)  # one more option
                argv[i:i] = [opt] + ([value(rng, opt, files)] if OPTIONS[opt] else [])
            else:
                del argv[i]  # a word lost
        return argv
    argv = []
    for _ in range(rng.randint(1, 8)):
        opt = rng.choice(NAMES)
        # --option is the same option
        argv.append('-' + opt if rng.random() < 0.05 else opt)
        if OPTIONS[opt] is not None:
            argv.append(value(rng, opt, files))
    if rng.random() < 0.1 and argv:
        del argv[rng.randrange(len(argv))]  # an option loses its argument
    if rng.random() < 0.05:
        argv.append('bare-image-argument')
    return argv


OUTCOMES = {'refused (1)': 0, 'exited (0)': 0, 'ran, ended by SIGTERM': 0}


def run_case(qemu, argv, tmp):
    """None if the run behaved, else why not."""
    env = dict(os.environ, UBSAN_OPTIONS='halt_on_error=1:print_stacktrace=1')
    err_path = os.path.join(tmp, 'stderr')
    with open(err_path, 'wb') as err:
        p = subprocess.Popen([qemu] + argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=err, cwd=tmp, env=env, start_new_session=True)
        try:
            # Left alone it either exits or runs a machine; both are fine.
            rc = p.wait(timeout=0.3)
            sent_term = False
        except subprocess.TimeoutExpired:
            # Running: once it handles SIGTERM (or exits meanwhile), ask it to quit.
            end = time.monotonic() + scaled(10)
            while p.poll() is None and not handles_signal(p.pid, signal.SIGTERM) and \
                    time.monotonic() < end:
                time.sleep(0.01)
            if p.poll() is not None:
                rc, sent_term = p.returncode, False  # it ended by itself meanwhile
            else:
                p.send_signal(signal.SIGTERM)
                sent_term = True
                try:
                    rc = p.wait(timeout=scaled(10))
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
                    return 'hang: still running 10 s after SIGTERM'
    with open(err_path, 'rb') as f:
        stderr = f.read().decode(errors='replace')
    if 'Sanitizer' in stderr or 'runtime error:' in stderr:
        return 'sanitizer report:\n' + stderr[-3000:]
    if rc < 0:
        return f'killed by signal {-rc}' + ('' if not sent_term else ' (after SIGTERM)') + '\n' + stderr[-2000:]
    if rc not in (0, 1) or (sent_term and rc != 0):
        return f'exit status {rc}' + (' after SIGTERM' if sent_term else '') + '\n' + stderr[-2000:]
    OUTCOMES['ran, ended by SIGTERM' if sent_term else f'refused (1)' if rc else 'exited (0)'] += 1
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('qemu')
    ap.add_argument('--cases', type=int, default=int(os.environ.get('QS_FUZZ_CASES', '150')))
    ap.add_argument('--first', type=int, default=int(os.environ.get('QS_FUZZ_FIRST', '1')))
    a = ap.parse_args()
    a.qemu = os.path.abspath(a.qemu)
    tap = Tap()
    tmp = tempfile.mkdtemp(prefix='qs-fuzz-')
    try:
        files = {'dir': os.path.join(tmp, 'dir'), 'file': os.path.join(tmp, 'random.bin'),
                 'k': os.path.join(tmp, 'k.bin'), 'empty': os.path.join(tmp, 'empty.bin'),
                 'big': os.path.join(tmp, 'big.bin'), 'dtb': os.path.join(tmp, 'out.dtb'),
                 'log': os.path.join(tmp, 'log.txt'), 'pid': os.path.join(tmp, 'q.pid')}
        os.mkdir(files['dir'])
        with open(files['file'], 'wb') as f:
            f.write(random.Random(0).randbytes(65536))
        with open(files['k'], 'wb') as f:
            f.write(b'\x13\x00\x00\x00' * 16)
        open(files['empty'], 'wb').close()
        with open(files['big'], 'wb') as f:
            f.truncate(200 << 20)  # sparse: larger than the default RAM
        t0 = time.monotonic()
        for seed in range(a.first, a.first + a.cases):
            argv = make_argv(seed, files)
            why = run_case(a.qemu, argv, tmp)
            tap.report(why is None, f'seed {seed}: {" ".join(repr(x) if " " in x or not x else x for x in argv)[:300]}', why or '')
        print(f'# {a.cases} cases in {time.monotonic() - t0:.1f} s: ' +
              ', '.join(f'{n} {k}' for k, n in OUTCOMES.items()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    tap.finish()


main()

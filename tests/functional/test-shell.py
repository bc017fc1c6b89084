#!/usr/bin/env python3
"""The interactive demo as a person uses it: Debian's kernel boots to a busybox shell on a
terminal (-nographic on a pseudo-terminal), typed commands run (UART input through the PLIC),
and `poweroff` ends the emulator with status 0. Skips when the guest cannot be fetched."""
import os, pty, select, subprocess, sys, tempfile, time

QS = sys.argv[1]
SRC = os.path.dirname(os.path.abspath(__file__)) + '/../..'
results = []


def report(ok, name, detail=''):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {name}")
    for line in ([] if ok else str(detail).splitlines()[-20:]):
        print('#   ' + line)


def finish():
    print(f'1..{len(results)}')
    sys.exit(0 if all(results) else 1)


fetch = subprocess.run([SRC + '/scripts/fetch-guest.sh'], capture_output=True, text=True)
if fetch.returncode != 0:
    print('ok 1 - interactive shell # SKIP guest not available: ' + fetch.stderr.strip()[-200:])
    print('1..1')
    sys.exit(0)
env = dict(line.split('=', 1) for line in fetch.stdout.splitlines() if '=' in line)
kernel = env['QS_KERNEL'].strip("'")
tmp = tempfile.mkdtemp()
initrd = tmp + '/initrd.gz'
subprocess.run([SRC + '/scripts/make-initramfs.sh', initrd], check=True, capture_output=True)

pid, fd = pty.fork()
if pid == 0:
    os.execv(QS, [QS, '-M', 'virt', '-m', '512M', '-nographic', '-kernel', kernel,
                  '-initrd', initrd, '-append', 'console=ttyS0'])
buf = b''


def until(needle, timeout):
    global buf
    end = time.time() + timeout
    while time.time() < end and needle not in buf:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                break
    return needle in buf


report(until(b'qs:/# ', 240), 'Linux boots to the shell prompt', buf.decode(errors='replace'))
time.sleep(0.5)
os.write(fd, b'echo typed-$((6*7))\r')
report(until(b'typed-42', 60), 'a typed command runs', buf.decode(errors='replace'))
os.write(fd, b'exit\r')
report(until(b'reboot: Power down', 60), 'leaving the shell powers the guest off',
       buf.decode(errors='replace'))
end = time.time() + 30
code = None
while time.time() < end:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        code = os.waitstatus_to_exitcode(status)
        break
    time.sleep(0.1)
if code is None:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
report(code == 0, 'the emulator exits with status 0', f'status {code}')
finish()

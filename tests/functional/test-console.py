#!/usr/bin/env python3
"""The console as a user at a terminal sees it: -nographic puts the terminal in raw mode and
muxes it; Ctrl-A h prints help, Ctrl-A x quits with status 0, signals end the process cleanly,
and in every case the terminal settings are restored. Runs the binary on a pseudo-terminal."""
import os, pty, select, signal, sys, termios, time

QS = sys.argv[1]
results = []


def report(ok, name, detail=''):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {name}")
    if not ok and detail:
        for line in str(detail).splitlines():
            print('#   ' + line)


def spawn(args):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(QS, [QS] + args)
    return pid, fd


def read_until(fd, needle, timeout=15.0):
    buf = b''
    end = time.time() + timeout
    while time.time() < end and needle not in buf:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    return buf


def wait_exit(pid, timeout=15.0):
    end = time.time() + timeout
    while time.time() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def lflag(fd):
    return termios.tcgetattr(fd)[3]


def is_raw(fd):
    return not (lflag(fd) & (termios.ICANON | termios.ECHO))


def settle(fd, timeout=10.0):
    # The emulator switches the terminal to raw mode once it is ready for input.
    end = time.time() + timeout
    while time.time() < end and not is_raw(fd):
        time.sleep(0.02)
    time.sleep(0.1)


# 1. Ctrl-A h prints the escape help; Ctrl-A x quits with status 0
pid, fd = spawn(['-M', 'none', '-nographic'])
settle(fd)
report(is_raw(fd), '-nographic puts the terminal in raw mode')
os.write(fd, b'\x01h')
out = read_until(fd, b'sends C-a')  # the last help line
report(b'C-a h' in out and b'C-a x' in out and b'C-a c' in out, 'Ctrl-A h prints help', out)
os.write(fd, b'\x01x')
out = read_until(fd, b'QEMU: Terminated')
report(b'QEMU: Terminated' in out, 'Ctrl-A x prints QEMU: Terminated', out)
code = wait_exit(pid)
report(code == 0, 'Ctrl-A x exits with status 0', f'status {code}')
try:
    report(not is_raw(fd), 'terminal restored after Ctrl-A x')
except termios.error as e:
    report(True, 'terminal restored after Ctrl-A x (pty closed with the process)')
os.close(fd)

# 2. SIGTERM and SIGHUP end the process with QEMU's message, status 0, terminal restored
for sig in (signal.SIGTERM, signal.SIGHUP):
    pid, fd = spawn(['-M', 'none', '-nographic'])
    settle(fd)
    os.kill(pid, sig)
    out = read_until(fd, b'terminating on signal')
    code = wait_exit(pid)
    report(b'terminating on signal %d' % sig in out and code == 0,
           f'signal {int(sig)} ends it cleanly', f'status {code}: {out!r}')
    try:
        report(not is_raw(fd), f'terminal restored after signal {int(sig)}')
    except termios.error:
        report(False, f'terminal restored after signal {int(sig)}', 'pty gone')
    os.close(fd)

# 3. Ctrl-C goes to the guest with -nographic (signal=off), so it does not kill the process
pid, fd = spawn(['-M', 'none', '-nographic'])
settle(fd)
os.write(fd, b'\x03')
time.sleep(0.5)
done, _ = os.waitpid(pid, os.WNOHANG)
report(done == 0, 'Ctrl-C does not kill a -nographic console')
os.write(fd, b'\x01x')
code = wait_exit(pid)
report(code == 0, 'then Ctrl-A x still quits', f'status {code}')
os.close(fd)

# 4. -serial stdio (signal=on): Ctrl-C terminates, with QEMU's message
pid, fd = spawn(['-M', 'none', '-display', 'none', '-serial', 'stdio'])
settle(fd)
os.write(fd, b'\x03')
out = read_until(fd, b'terminating on signal')
code = wait_exit(pid)
report(b'terminating on signal 2' in out and code == 0, 'Ctrl-C ends a -serial stdio run',
       f'status {code}: {out!r}')
os.close(fd)

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The console as a user at a terminal sees it: -nographic puts the terminal in raw mode and
muxes it; Ctrl-A h prints help, Ctrl-A x quits with status 0, signals end the process cleanly,
and in every case the terminal settings are restored. Runs the binary on a pseudo-terminal;
every step waits for a condition (tests/README.md), never for a fixed time."""
import os, signal, sys, termios
from qstest import PtyProcess, Tap, wait_handles_signal

QS = sys.argv[1]
tap = Tap()


def restored(p):
    try:
        return not p.is_raw()
    except termios.error:
        return False  # the settings cannot be read: not shown restored


# 1. Ctrl-A h prints the escape help; Ctrl-A x quits with status 0
p = PtyProcess([QS, '-M', 'none', '-nographic'])
tap.report(p.wait_raw(10), '-nographic puts the terminal in raw mode')
p.write(b'\x01h')
p.until(b'sends C-a', 10)  # the last help line
tap.report(b'C-a h' in p.buf and b'C-a x' in p.buf and b'C-a c' in p.buf, 'Ctrl-A h prints help',
           p.buf)
p.write(b'\x01x')
p.eof(15)
tap.report(b'QEMU: Terminated' in p.buf, 'Ctrl-A x prints QEMU: Terminated', p.buf)
code = p.wait(15)
tap.report(code == 0, 'Ctrl-A x exits with status 0', f'status {code}')
tap.report(restored(p), 'terminal restored after Ctrl-A x')
p.close()

# 2. SIGTERM and SIGHUP end the process with QEMU's message, status 0, terminal restored.
# Raw mode comes after the handlers are installed; both are waited for, then the whole output
# is read to the end (the message arrives in pieces: never assert on a prefix's tail).
# The last case inherits SIGHUP ignored, as under nohup or some CI runners: QEMU handles it
# all the same.
for sig, ignored, how in ((signal.SIGTERM, (), ''), (signal.SIGHUP, (), ''),
                          (signal.SIGHUP, (signal.SIGHUP,), ' (inherited ignored)')):
    p = PtyProcess([QS, '-M', 'none', '-nographic'], ignored=ignored)
    ready = p.wait_raw(10) and wait_handles_signal(p.pid, sig, 10)
    os.kill(p.pid, sig)
    p.eof(15)
    code = p.wait(15)
    tap.report(ready and b'terminating on signal %d' % sig in p.buf and code == 0,
               f'signal {int(sig)}{how} ends it cleanly', f'ready {ready}, status {code}: {p.buf!r}')
    tap.report(restored(p), f'terminal restored after signal {int(sig)}{how}')
    p.close()

# 3. Ctrl-C goes to the guest with -nographic (signal=off), so it does not kill the process:
# the escape help typed after it is still answered, so Ctrl-C was read and survived.
p = PtyProcess([QS, '-M', 'none', '-nographic'])
p.wait_raw(10)
p.write(b'\x03\x01h')
answered = p.until(b'sends C-a', 10)
tap.report(answered and p.alive(), 'Ctrl-C does not kill a -nographic console', p.buf)
p.write(b'\x01x')
code = p.wait(15)
tap.report(code == 0, 'then Ctrl-A x still quits', f'status {code}')
p.close()

# 4. -serial stdio (signal=on): Ctrl-C terminates, with QEMU's message
p = PtyProcess([QS, '-M', 'none', '-display', 'none', '-serial', 'stdio'])
p.wait_raw(10)
p.write(b'\x03')
p.eof(15)
code = p.wait(15)
tap.report(b'terminating on signal 2' in p.buf and code == 0, 'Ctrl-C ends a -serial stdio run',
           f'status {code}: {p.buf!r}')
p.close()

# 5. Ctrl-A c switches the -nographic console to the human monitor and back, as in QEMU
p = PtyProcess([QS, '-M', 'virt', '-nographic', '-S'])
p.wait_raw(10)
p.write(b'\x01c')
greeted = p.until(b'(qemu) ', 10)
tap.report(greeted and b"monitor - type 'help' for more information" in p.buf,
           'Ctrl-A c shows the monitor\'s banner and prompt', p.buf)
start = len(p.buf)
p.write(b'info status\r')
tap.report(p.until(b'VM status: paused (prelaunch)', 10, start), 'info status answers in it',
           p.buf[start:])
start = len(p.buf)
p.write(b'c\r')
p.until(b'(qemu) ', 10, start)
start = len(p.buf)
p.write(b'info status\r')
tap.report(p.until(b'VM status: running', 10, start), 'c starts the machine', p.buf[start:])
start = len(p.buf)
p.write(b'\x1b[A\r')  # the up arrow brings back the last line
tap.report(p.until(b'VM status: running', 10, start), 'the up arrow recalls the last command',
           p.buf[start:])
p.write(b'quit\r')
p.eof(15)
code = p.wait(15)
tap.report(code == 0 and restored(p), 'quit ends it with status 0, terminal restored',
           f'status {code}')
p.close()

tap.finish()

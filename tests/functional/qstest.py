# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared helpers of the Python functional tests: TAP reporting, timeouts scaled for busy
machines, and a process on a pseudo-terminal read until a condition holds (never a fixed
sleep). tests/README.md gives the rules these helpers exist for."""
import json, os, pty, select, signal, socket, sys, termios, time

# Every wait is an upper bound for a condition, scaled so a loaded CI machine still passes.
FACTOR = float(os.environ.get('QS_TIMEOUT_FACTOR', '3'))


def scaled(seconds):
    return seconds * FACTOR


class Tap:
    """One TAP case per check; finish() prints the plan and exits 1 if any case failed."""

    def __init__(self):
        self.results = []

    def report(self, ok, name, detail='', lines=20):
        self.results.append(bool(ok))
        print(f"{'ok' if ok else 'not ok'} {len(self.results)} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[-lines:]:
                print('#   ' + line)
        sys.stdout.flush()

    def skip(self, name, why):
        self.results.append(True)
        print(f'ok {len(self.results)} - {name} # SKIP {why}')

    def finish(self):
        print(f'1..{len(self.results)}')
        sys.exit(0 if all(self.results) else 1)


SRC = os.path.dirname(os.path.abspath(__file__)) + '/../..'


def fetch(tap, script, what):
    """Runs scripts/SCRIPT (fetch-guest.sh, fetch-edk2.sh) and returns the variables it prints;
    when the files cannot be had, the test skips what with the reason and ends."""
    import subprocess
    r = subprocess.run([f'{SRC}/scripts/{script}'], capture_output=True, text=True)
    if r.returncode != 0:
        tap.skip(what, 'not available: ' + r.stderr.strip()[-200:])
        tap.finish()
    return {k: v.strip("'") for k, v in (l.split('=', 1) for l in r.stdout.splitlines() if '=' in l)}


def console_line(log, prefix, proc, limit):
    """The first line of the console log file that starts with prefix (or QS-FAIL, a guest's
    report of failure), waiting up to limit seconds (scaled) while proc runs; None if none."""
    end = time.monotonic() + scaled(limit)
    while time.monotonic() < end:
        text = open(log, 'rb').read().decode(errors='replace')
        # only whole lines: the emulator may be in the middle of writing the last one
        for line in text[:text.rfind('\n') + 1].splitlines():
            if line.startswith(prefix) or line.startswith('QS-FAIL'):
                return line
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    return None


def unix_connect(path, timeout=20):
    """Connects once the emulator listens on path."""
    end = time.monotonic() + scaled(timeout)
    while True:
        s = socket.socket(socket.AF_UNIX)
        try:
            s.connect(path)
            s.settimeout(scaled(20))
            return s
        except OSError:
            s.close()
            if time.monotonic() > end:
                raise
            time.sleep(0.05)


class Qmp:
    """A QMP client on a unix socket (the greeting read); replies and events kept apart."""

    def __init__(self, path):
        self.s = unix_connect(path)
        self.f = self.s.makefile('rb')
        self.events = []
        self.greeting = self.read()

    def read(self):
        line = self.f.readline()
        if not line:
            raise EOFError('monitor closed')
        return json.loads(line)

    def raw(self, text):
        """Sends text; returns the first reply (not an event)."""
        self.s.sendall(text.encode() + b'\n')
        while True:
            msg = self.read()
            if 'event' in msg:
                self.events.append(msg)
            else:
                return msg

    def cmd(self, name, **args):
        req = {'execute': name}
        if args:
            req['arguments'] = args
        return self.raw(json.dumps(req))

    def event(self, name):
        while True:
            for e in self.events:
                if e['event'] == name:
                    self.events.remove(e)
                    return e
            self.events.append(self.read())

    def close(self):
        self.f.close()
        self.s.close()


class PtyProcess:
    """A program on a pseudo-terminal, as a user at a terminal runs it. Output accumulates in
    .buf; until() returns once a pattern is in it, eof() once the program closed the pty."""

    def __init__(self, argv, env=None, ignored=()):
        """ignored: signals the program inherits as ignored (as under nohup)."""
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            for sig in ignored:
                signal.signal(sig, signal.SIG_IGN)
            os.execve(argv[0], argv, env or os.environ)
        self.buf = b''
        self.closed = False
        self.status = None

    def _read(self, wait):
        r, _, _ = select.select([self.fd], [], [], wait)
        if not r:
            return
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the other side is gone
            chunk = b''
        if chunk:
            self.buf += chunk
        else:
            self.closed = True

    def until(self, needle, timeout, start=0):
        """True once needle is in the output from offset start on (timeout in idle-machine
        seconds, scaled)."""
        end = time.monotonic() + scaled(timeout)
        while needle not in self.buf[start:] and not self.closed and time.monotonic() < end:
            self._read(0.1)
        return needle in self.buf[start:]

    def eof(self, timeout):
        """Reads everything until the program closes the terminal; True if it did."""
        end = time.monotonic() + scaled(timeout)
        while not self.closed and time.monotonic() < end:
            self._read(0.1)
        return self.closed

    def write(self, data):
        os.write(self.fd, data)

    def wait(self, timeout):
        """The exit status (a negative signal number if killed); None after SIGKILL at timeout."""
        end = time.monotonic() + scaled(timeout)
        while self.status is None and time.monotonic() < end:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            time.sleep(0.02)
        if self.status is None:
            self.kill()
        return self.status

    def alive(self):
        return self.status is None and os.waitpid(self.pid, os.WNOHANG)[0] == 0

    def kill(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

    def is_raw(self):
        return not (termios.tcgetattr(self.fd)[3] & (termios.ICANON | termios.ECHO))

    def wait_raw(self, timeout):
        """Waits until the program put the terminal in raw mode (it is then ready for keys)."""
        end = time.monotonic() + scaled(timeout)
        while not self.is_raw() and time.monotonic() < end:
            time.sleep(0.02)
        return self.is_raw()

    def close(self):
        if self.status is None:
            self.kill()
        os.close(self.fd)


def handles_signal(pid, sig):
    """True once the process has installed a handler for sig (SigCgt in /proc/PID/status):
    a signal sent earlier would kill it instead of asking it to shut down."""
    try:
        with open(f'/proc/{pid}/status') as f:
            for line in f:
                if line.startswith('SigCgt:'):
                    return bool(int(line.split()[1], 16) >> (sig - 1) & 1)
    except OSError:
        pass
    return False


def wait_handles_signal(pid, sig, timeout):
    end = time.monotonic() + scaled(timeout)
    while not handles_signal(pid, sig) and time.monotonic() < end:
        time.sleep(0.02)
    return handles_signal(pid, sig)


def quit_cleanly(tap, q, p):
    """QMP quit: the process ends with status 0 and its stderr has no sanitizer report."""
    import subprocess
    q.cmd('quit')
    try:
        rc = p.wait(scaled(30))
    except subprocess.TimeoutExpired:
        p.kill()
        rc = 'hung'
    err = p.stderr.read().decode(errors='replace')
    tap.report(rc == 0 and 'Sanitizer' not in err and 'runtime error' not in err,
               'quit ends it cleanly, no sanitizer report', f'{rc}: {err[-2000:]}')
    q.close()

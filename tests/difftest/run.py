#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Differential tester: the native x86-64 backend against the IR interpreter, seed by seed.

For each seed, gen.py writes a random riscv64 program, riscv64-unknown-elf-gcc links it with
tests/tcg/riscv64/link.ld, and the emulator runs it five times:

  native nochain   -accel tcg,backend=native -d cpu,nochain -D native.log
  interp nochain   -accel tcg,backend=interp -d cpu,nochain -D interp.log
  native chain     -accel tcg,backend=native -d cpu -D native-chain.log
  native           -accel tcg,backend=native          (no logging: the production path)
  interp           -accel tcg,backend=interp

1. With nochain every block is entered through the execution loop, which logs the state
   (pc, mstatus, mip, mie, mcause, mepc, x0-x31) before it: the two nochain logs must be
   identical. The first differing block is reported with the block that ran just before it
   (the one that produced the difference, disassembled from `-d in_asm`), its pc and every
   register that differs.
2. With chaining on, a backend may run chained blocks without coming back to the loop, so
   the native-chain log may hold fewer entries: each of them must equal an entry of the
   interpreter's nochain log, in order (a subsequence).
3. All five runs must exit 0 through the test finisher and print the same signature on the
   UART (GPRs, FPRs, fcsr, mscratch, mstatus, the traps taken, checksums of the data
   regions). When checksums differ, the program is rebuilt with a memory dump and rerun to
   name the differing doublewords.

With --ref QEMU (Debian's qemu-system-riscv64 7.2), programs are generated for QEMU 7.2
(gen.py --qemu72) and QEMU's signature is compared as well, a third opinion.

Output is TAP (one case per seed), so meson counts the seeds in make check's summary. Files
of a failing seed are kept under the work directory, with the command that reruns it.
The exit status is 1 if any seed failed (a mismatch, a crash, a timeout or a build error).

Environment: QS_DIFFTEST_SEEDS (number of seeds), QS_DIFFTEST_FIRST (first seed),
QS_DIFFTEST_JOBS (seeds in parallel), QS_DIFFTEST_TIMEOUT (seconds per emulator run),
QS_DIFFTEST_ITEMS (program size); command-line options override them.
"""
import argparse
import concurrent.futures
import os
import re
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import gen  # noqa: E402

SRC_ROOT = os.path.dirname(os.path.dirname(HERE))
LINK_LD = os.path.join(SRC_ROOT, 'tests', 'tcg', 'riscv64', 'link.ld')
CC = 'riscv64-unknown-elf-gcc'
NM = 'riscv64-unknown-elf-nm'
MARCH = 'rv64gc_zba_zbb_zbc_zbs'
CFLAGS = ['-march=' + MARCH, '-mabi=lp64d', '-nostdlib', '-nostartfiles', '-static',
          '-mcmodel=medany', '-T', LINK_LD]
# Bounds below are an idle machine's, times this (tests/README.md): loaded CI machines pass too.
FACTOR = float(os.environ.get('QS_TIMEOUT_FACTOR', '3'))
LOG_LIMIT = 512 << 20   # a runaway program stops when its log reaches this size
M64 = (1 << 64) - 1


class Failure(Exception):
    pass


def limit_log_size():
    """Caps the size of any file this process and its children write (inherited; set once
    in main, as preexec_fn is unsafe with threads)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    if hard == resource.RLIM_INFINITY or hard > LOG_LIMIT:
        resource.setrlimit(resource.RLIMIT_FSIZE, (LOG_LIMIT, hard))


def run_emulator(cmd, timeout, what):
    """Runs one emulator; returns its stdout. Raises Failure on a bad exit or a timeout."""
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise Failure('%s: timed out after %.0f s' % (what, timeout)) from e
    if p.returncode != 0:
        err = p.stderr.decode(errors='replace').strip().splitlines()[-3:]
        raise Failure('%s: exit status %d%s' % (what, p.returncode,
                                                 ''.join('\n  ' + l for l in err)))
    return p.stdout.decode(errors='replace')


def section(out, begin, count, what):
    """The count hex values after the line `begin` in the UART output."""
    lines = out.replace('\r', '').split('\n')
    try:
        a = lines.index(begin)
        vals = [int(l, 16) for l in lines[a + 1:a + 1 + count]]
    except ValueError:
        raise Failure('%s: no complete %s in the UART output' % (what, begin.split()[0]))
    if len(vals) != count or len(lines) <= a + 1 + count or \
            lines[a + 1 + count] != 'DIFFTEST-SIG END':
        raise Failure('%s: %s is truncated' % (what, begin.split()[0]))
    return vals


def signature(out, what):
    return section(out, 'DIFFTEST-SIG BEGIN', gen.NSIG, what)


def sig_diff(sa, sb, na, nb, limit=20):
    names = gen.signature_names()
    out = []
    for i, (x, y) in enumerate(zip(sa, sb)):
        if x != y:
            out.append('  %-26s %s=0x%016x %s=0x%016x' % (names[i], na, x, nb, y))
    if len(out) > limit:
        out = out[:limit] + ['  ... and %d more' % (len(out) - limit)]
    return out


def symbols(elf):
    try:
        p = subprocess.run([NM, elf], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           timeout=30 * FACTOR)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    syms = {}
    for line in p.stdout.decode(errors='replace').split('\n'):
        f = line.split()
        if len(f) == 3:
            syms[f[2]] = int(f[0], 16)
    return syms


# ---- per-block logs -------------------------------------------------------------------------

GPR_RE = re.compile(r'(x\d+)\s*/(\w+)\s+([0-9a-f]+)')
FIELD_RE = re.compile(r'^ (\w+)\s+([0-9a-f]+)$')


def parse_block(text):
    """Fields of one -d cpu dump: {'pc': v, 'mstatus': v, ..., 'x10/a0': v}."""
    if isinstance(text, bytes):
        text = text.decode(errors='replace')
    d = {}
    for line in text.split('\n'):
        m = FIELD_RE.match(line)
        if m:
            d[m.group(1)] = int(m.group(2), 16)
            continue
        for m in GPR_RE.finditer(line):
            d['%s/%s' % (m.group(1), m.group(2))] = int(m.group(3), 16)
    return d


def split_blocks(data):
    """A -d cpu log as a list of per-block dumps (bytes), each starting with ' pc '."""
    parts = data.rstrip(b'\n').split(b'\n pc ')
    if not parts[0].startswith(b' pc '):
        return []
    return [parts[0] + b'\n'] + [b' pc ' + p + b'\n' for p in parts[1:]]


def guest_block(qemu, elf, pc, workdir, timeout):
    """The guest instructions of the block at pc, as the translator cut it (-d in_asm)."""
    log = os.path.join(workdir, 'in_asm.log')
    try:
        subprocess.run([qemu, '-M', 'virt', '-bios', 'none', '-nographic', '-kernel', elf,
                        '-accel', 'tcg,backend=interp', '-d', 'in_asm,nochain', '-D', log],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=timeout)
        with open(log, errors='replace') as f:
            text = f.read()
    except (OSError, subprocess.TimeoutExpired):
        return []
    for blk in text.split('IN:'):
        lines = [l for l in blk.split('\n') if l.startswith('0x')]
        if lines and int(lines[0].split(':')[0], 16) == pc:
            return ['    ' + re.sub(r'^0x0*', '', l) for l in lines]
    return []


def describe(entry, syms):
    """A note for a block entry that is the trap handler."""
    if entry.get('pc') == syms.get('difftest_trap'):
        return ' (the trap handler: mcause 0x%x, mepc 0x%x)' % (entry.get('mcause', 0),
                                                                entry.get('mepc', 0))
    return ''


def diff_entries(ea, eb, na, nb):
    out = []
    for k in ea:
        if ea.get(k) != eb.get(k):
            out.append('  %-10s %s=0x%016x %s=0x%016x' % (k, na, ea[k], nb, eb.get(k, -1) & M64))
    return out


def read_both(a, b):
    with open(a, 'rb') as f, open(b, 'rb') as g:
        return f.read(), g.read()


def compare_nochain(la, lb, ctx):
    """None if the nochain logs are identical, else a report of the first differing block."""
    da, db = read_both(la, lb)
    if da == db:
        return None
    ba, bb = split_blocks(da), split_blocks(db)
    i = 0
    while i < len(ba) and i < len(bb) and ba[i] == bb[i]:
        i += 1
    if i == len(ba) or i == len(bb):
        short = 'native' if len(ba) < len(bb) else 'interp'
        return ['the %s log stops after %d blocks, the other one goes on to %d blocks'
                % (short, min(len(ba), len(bb)), max(len(ba), len(bb)))]
    ea, eb = parse_block(ba[i]), parse_block(bb[i])
    rep = ['first differing state: on entry to block #%d, pc native=0x%x%s interp=0x%x%s'
           % (i, ea.get('pc', -1), describe(ea, ctx['syms']), eb.get('pc', -1),
              describe(eb, ctx['syms']))]
    if i > 0:
        ppc = parse_block(ba[i - 1]).get('pc', 0)
        rep.append('produced by block #%d at pc 0x%x (identical state on entry in both):'
                   % (i - 1, ppc))
        rep += ctx['disas'](ppc)
    rep.append('registers that differ:')
    rep += diff_entries(ea, eb, 'native', 'interp')
    return rep


def compare_chained(lc, lref, ctx):
    """None if every entry of the chained log is, in order, an entry of the reference."""
    dc, dr = read_both(lc, lref)
    if dc == dr:
        return None
    bc, br = split_blocks(dc), split_blocks(dr)
    j = 0
    for i, e in enumerate(bc):
        k = j
        while k < len(br) and br[k] != e:
            k += 1
        if k < len(br):
            j = k + 1
            continue
        ec = parse_block(e)
        rep = ['chained entry #%d (pc 0x%x%s) matches no later entry of the interpreter log'
               % (i, ec.get('pc', -1), describe(ec, ctx['syms']))]
        # The closest candidate: the next reference entry at the same pc.
        same = [k for k in range(j, len(br)) if parse_block(br[k][:40]).get('pc') == ec['pc']]
        if same:
            er = parse_block(br[same[0]])
            rep.append('against interp entry #%d at the same pc (after the last match, #%d):'
                       % (same[0], j - 1))
            rep += diff_entries(ec, er, 'chain', 'interp')
        if i > 0:
            ppc = parse_block(bc[i - 1]).get('pc', 0)
            rep.append('the previous chained entry was at pc 0x%x; its block:' % ppc)
            rep += ctx['disas'](ppc)
        return rep
    return None


def memory_diff(seed, a, d, who, timeout):
    """Rebuilds the seed with a memory dump, reruns the two runs, names differing dwords."""
    src = os.path.join(d, 'prog-mem.S')
    elf = os.path.join(d, 'prog-mem.elf')
    with open(src, 'w') as f:
        f.write(gen.generate(seed, items=a.items, qemu72=bool(a.ref), dump_mem=True))
    p = subprocess.run([CC] + CFLAGS + [src, '-o', elf], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120 * FACTOR)
    if p.returncode != 0:
        return ['(could not build the memory-dump variant)']
    ndw = (gen.BUF_HI - gen.BUF_LO) // 8
    mems = []
    for what, cmd in who:
        cmd = [elf if c.endswith('prog.elf') else c for c in cmd]
        if '-D' in cmd:  # no per-block log for this rerun
            i = cmd.index('-D')
            del cmd[i:i + 2]
            i = cmd.index('-d')
            del cmd[i:i + 2]
        try:
            mems.append(section(run_emulator(cmd, timeout, what), 'DIFFTEST-MEM BEGIN',
                                2 * ndw, what))
        except Failure as e:
            return ['(memory dump failed: %s)' % e]
    out = []
    for i, (x, y) in enumerate(zip(mems[0], mems[1])):
        if x != y:
            off = gen.BUF_LO + 8 * (i % ndw) + (gen.FAR if i >= ndw else 0)
            out.append('  mem[tp%+#x] %s=0x%016x %s=0x%016x'
                       % (off, who[0][0], x, who[1][0], y))
    if len(out) > 12:
        out = out[:12] + ['  ... and %d more doublewords' % (len(out) - 12)]
    return ['memory that differs (tp = the data area base, a page boundary):'] + out


# ---- one seed -------------------------------------------------------------------------------

def check_seed(seed, a, workdir):
    """Returns (ok, lines of diagnostics, stats)."""
    d = os.path.join(workdir, 'seed-%d' % seed)
    os.makedirs(d, exist_ok=True)
    src = os.path.join(d, 'prog.S')
    elf = os.path.join(d, 'prog.elf')
    ok = False
    rerun = '%s --qemu %s --seed %d%s%s' % (
        os.path.relpath(os.path.abspath(__file__)), a.qemu, seed,
        ' --ref ' + a.ref if a.ref else '',
        ' --items %d' % a.items if a.items != gen.DEFAULT_ITEMS else '')
    try:
        with open(src, 'w') as f:
            f.write(gen.generate(seed, items=a.items, qemu72=bool(a.ref)))
        p = subprocess.run([CC] + CFLAGS + [src, '-o', elf], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=120 * FACTOR)
        if p.returncode != 0:
            raise Failure('assembling failed:\n' + p.stdout.decode(errors='replace')[-2000:])
        base = [a.qemu, '-M', 'virt', '-bios', 'none', '-nographic', '-kernel', elf]
        logs = {k: os.path.join(d, k + '.log') for k in ('native', 'interp', 'native-chain')}
        runs = {
            'native nochain': base + ['-accel', 'tcg,backend=native', '-d', 'cpu,nochain',
                                      '-D', logs['native']],
            'interp nochain': base + ['-accel', 'tcg,backend=interp', '-d', 'cpu,nochain',
                                      '-D', logs['interp']],
            'native chain': base + ['-accel', 'tcg,backend=native', '-d', 'cpu',
                                    '-D', logs['native-chain']],
            'native': base + ['-accel', 'tcg,backend=native'],
            'interp': base + ['-accel', 'tcg,backend=interp'],
        }
        if a.ref:
            # -smp 2: QEMU 7.2 runs AMOs as real atomics only with MTTCG, and only then
            # reports a misaligned AMO with the spec's cause 6 (store/AMO misaligned);
            # h=false: misa and mstatus without the H extension, as Quicksilver's.
            runs['qemu-7.2'] = [a.ref, '-M', 'virt', '-bios', 'none', '-nographic',
                                '-kernel', elf, '-smp', '2', '-cpu', 'rv64,h=false']
        sigs = {}
        errors = []
        for what, cmd in runs.items():
            try:
                sigs[what] = signature(run_emulator(cmd, a.timeout, what), what)
            except Failure as e:
                errors.append(str(e))
        disas_cache = {}

        def disas(pc):
            if pc not in disas_cache:
                disas_cache[pc] = guest_block(a.qemu, elf, pc, d, a.timeout)
            return disas_cache[pc]
        ctx = {'syms': symbols(elf), 'disas': disas}
        diag = []
        rep = compare_nochain(logs['native'], logs['interp'], ctx)
        if rep:
            diag.append('per-block state differs (native vs interp, -d cpu,nochain):')
            diag += ['  ' + l for l in rep]
        else:
            rep = compare_chained(logs['native-chain'], logs['interp'], ctx)
            if rep:
                diag.append('per-block state differs with chaining (native -d cpu '
                            'vs interp -d cpu,nochain):')
                diag += ['  ' + l for l in rep]
        diag += errors
        ref = 'interp nochain' if 'interp nochain' in sigs else next(iter(sigs), None)
        groups = {}
        for what in sigs:
            groups.setdefault(tuple(sigs[what]), []).append(what)
        names = gen.signature_names()
        for sig, whos in groups.items():
            if ref in whos:
                continue
            diag.append('signature of %s differs from "%s" (%s):'
                        % (', '.join('"%s"' % w for w in whos), ref,
                           ', '.join(w for w in groups[tuple(sigs[ref])] if w != ref)
                           or 'no other run agrees with it'))
            what = whos[0]
            diag += sig_diff(sig, sigs[ref], what.split()[0], ref.split()[0])
            if any(names[i].startswith('chk') for i in range(gen.NSIG) if sig[i] != sigs[ref][i]):
                diag += ['  ' + l for l in memory_diff(
                    seed, a, d, [(what, runs[what]), (ref, runs[ref])], a.timeout)]
        if diag:
            raise Failure('\n'.join(diag))
        ok = True
        with open(logs['native'], 'rb') as f:
            nblocks = f.read().count(b'\n pc ') + 1
        traps = sigs[ref][gen.signature_names().index('trap_count')]
        return True, [], {'blocks': nblocks, 'traps': traps}
    except Failure as e:
        lines = ('seed %d: ' % seed + str(e)).split('\n')
        lines.append('files kept in %s (prog.S, prog.elf, *.log)' % d)
        lines.append('rerun: %s' % rerun)
        return False, lines, {}
    finally:
        if ok and not a.keep:
            shutil.rmtree(d, ignore_errors=True)


def main():
    env = os.environ.get
    ap = argparse.ArgumentParser(description='Differential test of the native backend against '
                                             'the interpreter on random programs.')
    ap.add_argument('--qemu', default=os.path.join(SRC_ROOT, 'build', 'qemu-system-riscv64'),
                    help='the Quicksilver binary (default build/qemu-system-riscv64)')
    ap.add_argument('--seeds', type=int, default=int(env('QS_DIFFTEST_SEEDS', '100')),
                    help='number of seeds (QS_DIFFTEST_SEEDS, default 100)')
    ap.add_argument('--first', type=int, default=int(env('QS_DIFFTEST_FIRST', '1')),
                    help='first seed (QS_DIFFTEST_FIRST, default 1)')
    ap.add_argument('--seed', type=int, help='run this one seed (keeps its files)')
    ap.add_argument('--jobs', '-j', type=int,
                    default=int(env('QS_DIFFTEST_JOBS', str(os.cpu_count() or 1))),
                    help='seeds in parallel (QS_DIFFTEST_JOBS, default: CPU count)')
    ap.add_argument('--timeout', type=float,
                    default=float(env('QS_DIFFTEST_TIMEOUT', str(20 * FACTOR))),
                    help='seconds per emulator run (QS_DIFFTEST_TIMEOUT, default 20 x '
                    'QS_TIMEOUT_FACTOR)')
    ap.add_argument('--items', type=int,
                    default=int(env('QS_DIFFTEST_ITEMS', str(gen.DEFAULT_ITEMS))),
                    help='program size, gen.py --items (QS_DIFFTEST_ITEMS, default %d)'
                    % gen.DEFAULT_ITEMS)
    ap.add_argument('--workdir', default=None,
                    help='where seeds are built (default: tests/difftest/work next to --qemu)')
    ap.add_argument('--keep', action='store_true', help='keep the files of passing seeds')
    ap.add_argument('--ref', metavar='QEMU',
                    help='also compare with this QEMU 7.2 binary (programs made for it)')
    a = ap.parse_args()

    if shutil.which(CC) is None:
        print('1..0 # SKIP %s not found' % CC)
        return 0
    if not os.access(a.qemu, os.X_OK):
        print('Bail out! emulator %s not found' % a.qemu)
        return 1
    workdir = a.workdir or os.path.join(os.path.dirname(os.path.abspath(a.qemu)), 'tests',
                                        'difftest', 'work')
    os.makedirs(workdir, exist_ok=True)
    limit_log_size()
    if a.seed is not None:
        seeds = [a.seed]
        a.keep = True
    else:
        seeds = list(range(a.first, a.first + a.seeds))

    t0 = time.time()
    print('1..%d' % len(seeds))
    sys.stdout.flush()
    failed = 0
    blocks = traps = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        futs = [ex.submit(check_seed, s, a, workdir) for s in seeds]
        for n, (s, fut) in enumerate(zip(seeds, futs), 1):
            ok, lines, st = fut.result()
            if ok:
                blocks += st['blocks']
                traps += st['traps']
                print('ok %d - seed %d (%d blocks, %d traps)' % (n, s, st['blocks'], st['traps']))
            else:
                failed += 1
                print('not ok %d - seed %d' % (n, s))
                for l in lines:
                    print('# ' + l)
            sys.stdout.flush()
    print('# %d seeds (%d..%d), %d failed, %d blocks compared, %d traps taken, %.1f s'
          % (len(seeds), seeds[0], seeds[-1], failed, blocks, traps, time.time() - t0))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

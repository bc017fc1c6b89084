#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""-d out_asm as a user reads it: a bare-metal guest run with -d out_asm -D FILE logs every
natively compiled block under "OUT: [size=N]", one line per x86-64 instruction in QEMU's
columns, the lines' bytes adding up to N at consecutive addresses; without capstone the block
is an OBJD-H hex dump of N bytes instead. Blocks the interpreter runs get a one-line note.
Where Debian's QEMU is installed its out_asm lines must fit the same pattern. -perfmap writes
/tmp/perf-PID.map with one "start size guest-0xPC" line per native block.
Usage: test-out-asm.py QEMU HELLO_ELF capstone|hex"""
import os, re, shutil, subprocess, sys, tempfile
from qstest import Tap, scaled

QS, ELF, MODE = sys.argv[1], sys.argv[2], sys.argv[3]
tap = Tap()

HEADER = re.compile(r'^OUT: \[size=(\d+)\]$')
# 0x<address>:  <up to 8 bytes, padded to 24 columns> <mnemonic padded to 8> <operands>
INSN = re.compile(r'^0x([0-9a-f]{8,}):  ((?:[0-9a-f]{2} ){1,8}) *( \S+ *( .*)?)$')
# the bytes of an instruction longer than 8, continued
CONT = re.compile(r'^0x([0-9a-f]{8,}):  ([0-9a-f]{2}(?: [0-9a-f]{2}){0,7})$')
HEXLINE = re.compile(r'^OBJD-H: ((?:[0-9a-f]{2}){1,32})$')


def run(binary, args, log):
    p = subprocess.run([binary, '-M', 'virt', '-bios', 'none', '-nographic', '-kernel', ELF,
                        '-D', log] + args, stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, timeout=scaled(30))
    with open(log) as f:
        return p, f.read().splitlines()


def insn_line_ok(line):
    """The mnemonic starts in column 25 of the bytes field, as in QEMU."""
    m = INSN.match(line)
    return bool(m) and len(line) - len(m.group(3)) == len('0x') + len(m.group(1)) + 3 + 24


def blocks(lines):
    """[(size, [lines])] for each OUT: [size=N] block; a blank line ends a block."""
    out, cur = [], None
    for line in lines:
        m = HEADER.match(line)
        if m:
            cur = (int(m.group(1)), [])
            out.append(cur)
        elif cur is not None and line == '':
            cur = None
        elif cur is not None:
            cur[1].append(line)
    return out


def check_disas_block(size, lines):
    """None when the lines cover exactly size bytes at consecutive addresses, else why not."""
    start = nxt = None
    for line in lines:
        m = INSN.match(line) or CONT.match(line)
        if not m or (INSN.match(line) and not insn_line_ok(line)):
            return f'not an instruction line: {line!r}'
        addr, nbytes = int(m.group(1), 16), len(m.group(2).split())
        if nxt is not None and addr != nxt:
            return f'address 0x{addr:x} does not follow 0x{nxt:x}'
        start = addr if start is None else start
        nxt = addr + nbytes
    if start is None or nxt - start != size:
        return f'lines cover {0 if start is None else nxt - start} bytes, header says {size}'
    return None


def check_hex_block(size, lines):
    if not lines or not re.match(r'^0x[0-9a-f]{8,}:  $', lines[0]):
        return f'no address line: {lines[:1]!r}'
    total = 0
    for line in lines[1:]:
        m = HEXLINE.match(line)
        if not m:
            return f'not an OBJD-H line: {line!r}'
        total += len(m.group(1)) // 2
    return None if total == size else f'{total} bytes dumped, header says {size}'


tmp = tempfile.mkdtemp()
try:
    log = os.path.join(tmp, 'out_asm.log')

    p = subprocess.run([QS, '-d', 'help'], capture_output=True, text=True, timeout=scaled(10))
    tap.report(p.returncode == 0 and re.search(r'^out_asm +show generated host assembly code',
                                           p.stdout, re.M) is not None,
           '-d help lists out_asm', p.stdout + p.stderr)

    p, lines = run(QS, ['-d', 'out_asm'], log)
    tap.report(p.returncode == 0 and p.stdout.replace('\r', '').strip() == 'Hello from riscv64',
           'the guest runs as usual under -d out_asm', f'exit {p.returncode}: {p.stdout}')
    blks = blocks(lines)
    tap.report(len(blks) >= 3, 'every compiled block has an OUT: [size=N] header',
           f'{len(blks)} blocks in:\n' + '\n'.join(lines[:10]))
    check = check_disas_block if MODE == 'capstone' else check_hex_block
    bad = [(s, why) for s, ls in blks for why in [check(s, ls)] if why]
    tap.report(blks and not bad,
           f'each block\'s {"instruction" if MODE == "capstone" else "hex dump"} lines '
           'cover exactly its size', '\n'.join(f'size={s}: {why}' for s, why in bad[:5]))
    mnemonics = {INSN.match(l).group(3).split()[0] for _, ls in blks for l in ls
                 if INSN.match(l)}
    if MODE == 'capstone':
        # Blocks leave by jumps (the return to C is in the shared trampoline).
        tap.report('jmp' in mnemonics and any(m.startswith('j') and m != 'jmp' for m in mnemonics)
               and 'callq' in mnemonics and 'movq' in mnemonics,
               'x86-64 instructions in AT&T syntax: movq, callq, jmp, a conditional jump',
               ' '.join(sorted(mnemonics)))
    else:
        tap.report(not mnemonics, 'no disassembly without capstone', ' '.join(sorted(mnemonics)))

    _, lines = run(QS, ['-d', 'in_asm,out_asm'], log)
    first_in = next((i for i, l in enumerate(lines) if l.startswith('IN:')), None)
    first_out = next((i for i, l in enumerate(lines) if l.startswith('OUT:')), None)
    tap.report(first_in is not None and first_out is not None and first_in < first_out,
           'with in_asm, a block\'s IN: comes before its OUT:', '\n'.join(lines[:15]))

    _, lines = run(QS, ['-d', 'in_asm'], log)
    tap.report(lines and not any(l.startswith('OUT:') for l in lines),
           'no OUT: without -d out_asm', '\n'.join(lines[:10]))

    p, lines = run(QS, ['-accel', 'tcg,backend=interp', '-d', 'out_asm'], log)
    notes = [l for l in lines if l == 'OUT: [interpreted, no host code]']
    tap.report(p.returncode == 0 and len(notes) >= 3 and not blocks(lines)
           and not any(l.startswith('0x') or l.startswith('OBJD') for l in lines),
           'interpreted blocks: a note each, no host code', '\n'.join(lines[:10]))

    # -perfmap: /tmp/perf-PID.map names each native block's code range for perf
    p = subprocess.Popen([QS, '-M', 'virt', '-bios', 'none', '-nographic', '-kernel', ELF,
                          '-perfmap'], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    _, err = p.communicate(timeout=scaled(30))
    path = f'/tmp/perf-{p.pid}.map'
    try:
        with open(path) as f:
            maps = f.read().splitlines()
        os.unlink(path)
    except OSError as e:
        maps = [f'cannot read {path}: {e}']
    bad = [l for l in maps if not re.match(r'^[0-9a-f]+ [0-9a-f]+ guest-0x[0-9a-f]+$', l)]
    tap.report(p.returncode == 0 and len(maps) >= 3 and not bad,
           '-perfmap writes /tmp/perf-PID.map: "start size guest-0xPC" per block',
           err + '\n'.join(bad[:5] or maps[:5]))

    ref = shutil.which('qemu-system-riscv64')
    if MODE != 'capstone':
        tap.skip('Debian\'s QEMU lines fit the same pattern', 'no capstone')
    elif not ref or os.path.realpath(ref) == os.path.realpath(QS):
        tap.skip('Debian\'s QEMU lines fit the same pattern', 'no reference')
    else:
        _, lines = run(ref, ['-d', 'out_asm'], log)
        # QEMU also logs constant pools as ".quad" lines; we have none
        code = [l for l in lines if l.startswith('0x') and '  .quad  ' not in l]
        misfit = [l for l in code if not (insn_line_ok(l) or CONT.match(l))]
        tap.report(len(code) > 20 and not misfit and any(HEADER.match(l) for l in lines),
               'Debian\'s QEMU out_asm lines fit the same pattern',
               f'{len(code)} lines; misfits:\n' + '\n'.join(misfit[:5]))
finally:
    shutil.rmtree(tmp)

tap.finish()

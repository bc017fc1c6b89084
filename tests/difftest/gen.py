#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Random riscv64 program generator for the backend differential tester.

Given a seed, writes one self-contained bare-metal assembly program (its own _start, M-mode
trap handler and signature printer; linked with tests/tcg/riscv64/link.ld) whose body is a
random but valid instruction sequence: RV64I ALU and immediate ops (W forms, edge shift
counts), M (division by zero, INT_MIN / -1), A (AMOs, LR/SC), Zba/Zbb/Zbc/Zbs/Zicond,
compressed encodings (regions under `.option rvc`, where the assembler picks C forms), loads
and stores of every width and signedness into a data buffer (aligned, misaligned, crossing a
page, and into a second region that evicts the first from the TLB), MMIO to the UART scratch
register and the CLINT msip, F/D arithmetic, fused ops, conversions, compares and moves on
NaNs, infinities, denormals and -0 under every rounding mode, fflags/frm/fcsr/mscratch CSR ops,
forward branches, bounded backward loops, jal, calls and indirect jumps through a label
table, self-modifying loops (store over an instruction, fence.i), machine software
interrupts at defined points, excursions into U- and S-mode (mret there, ecall back), and
traps (ecall, ebreak, illegal encodings, misaligned AMO/LR, access faults) that the handler
records (mcause, mepc, mtval, mstatus) and skips. At the end the program stores
every GPR and FPR, fcsr, mscratch, mstatus, the trap count and last traps and per-256-byte
checksums of the data regions, prints them in hex on the UART between DIFFTEST-SIG markers
and exits through the SiFive test finisher. The same seed always gives the same program.

Register tp (x4) is reserved: it holds the page-aligned base of the data area and is never
written by the random code. Everything else, sp and ra included, is random state.

Usage: gen.py SEED [-o FILE] [--items N] [--qemu72] [--dump-mem] [--stop-after K]
  --qemu72 leaves out what Debian's QEMU 7.2 gets wrong or lacks, for comparing with it as
  a third opinion: Zicond (unknown to 7.2) and ctzw (7.2 counts the upper half when the
  low word is zero: ctzw of 0x4031000000000000 gives 48 instead of 32).
  --dump-mem prints the data regions after the signature; --stop-after K jumps to the
  signature after K top-level items (the rest of the program stays in place), to bisect.
"""
import argparse
import random
import sys

ABI = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3',
       'a4', 'a5', 'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11',
       't3', 't4', 't5', 't6']
TP = 4
FREGS = ['f%d' % i for i in range(32)]

# Layout around tp (a page boundary), shared with run.py, which labels the signature.
SIG_X = -2048          # x0..x31
SIG_F = -1792          # f0..f31
SIG_MISC = -1536       # fcsr, mscratch, mstatus, trap count
SIG_RING = -1504       # the last 8 traps: mcause, mepc, mtval, mstatus (slot = count % 8)
SIG_CHK = -1248        # checksums of the buffer, then of the far region, 256 bytes each
SAVE = -800            # the trap handler's save slots
RESUME = -776          # where an ecall from U/S returns to in M-mode (0: just skip it)
BUF_LO = -768          # the data buffer [tp - 768, tp + 4096) crosses the page at tp
BUF_HI = 4096
FAR = 0x100000         # the far region: the same range 1 MiB higher (same TLB slot)
NCHUNK = (BUF_HI - BUF_LO) // 256
NSIG = 32 + 32 + 4 + 32 + 2 * NCHUNK
UNMAPPED = 0x1f00000   # a hole in the virt memory map: access faults
UART = 0x10000000
CLINT = 0x2000000

DEFAULT_ITEMS = 500    # top-level items in a program (4000-5000 instructions)
INT64_MIN = -(1 << 63)
M64 = (1 << 64) - 1

FP_DOUBLES = [
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0x7ff4000000000000,
    0xfff8000000000001, 0x7ff0000000000001, 0x0000000000000001, 0x800fffffffffffff,
    0x0010000000000000, 0x7fefffffffffffff, 0x3fe0000000000000, 0x4000000000000000,
    0x400921fb54442d18, 0x4340000000000000, 0x43e0000000000000, 0xc3e0000000000000,
    0x43f0000000000000, 0x41e0000000000000, 0xc1e0000000200000, 0x41dfffffffc00000,
    0x3ff8000000000000, 0x3ff0000000000001, 0x4004000000000000, 0xbfe8000000000000,
    0x0008000000000000, 0xc00c000000000000, 0x3ca0000000000000, 0x47efffffe0000000,
]
FP_SINGLES = [
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000,
    0x7fa00000, 0xffc00001, 0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0x3f000000,
    0x40490fdb, 0x4b800000, 0x4f000000, 0xcf000000, 0x5f000000, 0xdf000000, 0x5f800000,
    0x3fc00000, 0x40200000, 0x3f800001, 0x4effffff, 0xcf000001, 0x33800000, 0xbf400000,
]
# NaN-boxing: single patterns whose upper half is not all ones read as the canonical NaN.
FP_UNBOXED = [0x000000003f800000, 0x1234567840490fdb, 0x7fffffff3f800000]

RM = ['rne', 'rtz', 'rdn', 'rup', 'rmm', 'dyn']
BRANCHES = ['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu']
# Encodings that are illegal in both emulators and QEMU 7.2: (directive, bytes).
ILLEGAL = [('.half 0x0000', 2),        # c.unimp
           ('.half 0x4002', 2),        # c.lwsp x0
           ('.half 0x8002', 2),        # c.jr x0
           ('.half 0x6101', 2),        # c.addi16sp 0
           ('.word 0xc0001073', 4),    # csrrw x0, cycle, x0 (read-only CSR)
           ('.insn r 0x53, 5, 1, f1, f2, f3', 4),  # fadd.d with reserved rm 5
           ('.insn r 0x53, 6, 0, f4, f5, f6', 4)]  # fadd.s with reserved rm 6


# A code alignment that works in norvc regions too (padding by 2 needs c.nop).
ALIGN4 = '    .option push\n    .option rvc\n    .balign 4\n    .option pop\n'


def h64(v):
    return '0x%x' % (v & M64)


class Gen:
    def __init__(self, seed, items=None, qemu72=False, dump_mem=False, stop_after=None):
        self.r = random.Random(seed)
        self.dump_mem = dump_mem
        self.stop_after = stop_after
        self.seed = seed
        self.items = DEFAULT_ITEMS if items is None else items
        self.qemu72 = qemu72
        self.body = []        # main code
        self.tail = []        # out-of-line subroutines
        self.rodata = []      # jump tables
        self.cur = self.body
        self.locked = set()   # registers the current context must not write
        self.nlabel = 0
        self.rvc = False
        self.priv = 'M'       # the privilege mode the code being generated runs in
        self.fpool = self.make_fpool()

    # ---- helpers -------------------------------------------------------------------------

    def emit(self, s):
        self.cur.append('    ' + s)

    def label(self, name):
        self.cur.append(name + ':')

    def new_label(self, kind='L'):
        self.nlabel += 1
        return '.L%s%d' % (kind, self.nlabel)

    def chance(self, p):
        return self.r.random() < p

    def wreg(self, zero_ok=True, prefer_c=0.3):
        """A register the random code may write (never tp nor a locked one)."""
        if zero_ok and self.chance(0.03):
            return 'zero'
        free = [i for i in range(1, 32) if i != TP and i not in self.locked]
        cfree = [i for i in free if 8 <= i <= 15]
        if cfree and self.chance(prefer_c):
            return ABI[self.r.choice(cfree)]
        return ABI[self.r.choice(free)]

    def wregs(self, n):
        """n distinct writable registers, none of them x0."""
        free = [i for i in range(1, 32) if i != TP and i not in self.locked]
        return [ABI[i] for i in self.r.sample(free, n)]

    def rreg(self, prefer_c=0.3):
        """Any register as a source (x0 and tp included)."""
        if self.chance(0.05):
            return 'zero'
        if self.chance(prefer_c):
            return ABI[self.r.randint(8, 15)]
        return ABI[self.r.randint(1, 31)]

    def freg(self, prefer_c=0.3):
        if self.chance(prefer_c):
            return FREGS[self.r.randint(8, 15)]  # the C register subset
        return self.r.choice(FREGS)

    def interesting(self):
        r = self.r
        k = r.random()
        if k < 0.45:
            return r.choice([0, 1, -1, 2, -2, INT64_MIN, (1 << 63) - 1, -(1 << 31), (1 << 31) - 1,
                             1 << 31, (1 << 32) - 1, 1 << 32, 0x7ff, 0x800, -2048, 0xfff, 31, 32,
                             33, 63, 64, -64, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa,
                             INT64_MIN + 1, 0xffffffff00000000, 0x00000000ffff0000,
                             0x8000000080000000, 0x7fffffff80000000, 0xff, 0xffff, 0x8000])
        if k < 0.55:
            b = r.randint(0, 63)
            return (1 << b) if r.random() < 0.5 else ~(1 << b)
        if k < 0.7:
            return r.randint(-300, 300)
        if k < 0.8:
            return r.randint(-(1 << 31), (1 << 31) - 1)
        if k < 0.9:  # a word with junk in the upper half, for the W ops
            return (r.getrandbits(32) << 32) | r.choice([0x80000000, 0xffffffff, 0x7fffffff, 0,
                                                          r.getrandbits(32)])
        return r.getrandbits(64)

    def li(self, rd, v):
        self.emit('li %s, %s' % (rd, h64(v)))

    def make_fpool(self):
        pool = list(FP_DOUBLES)
        pool += [0xffffffff00000000 | s for s in FP_SINGLES]
        pool += FP_UNBOXED
        for _ in range(8):
            pool.append(self.r.getrandbits(64))
        for _ in range(4):  # random finite doubles and boxed singles of moderate size
            e = self.r.randint(1023 - 70, 1023 + 70)
            pool.append((self.r.getrandbits(1) << 63) | (e << 52) | self.r.getrandbits(52))
            e = self.r.randint(127 - 30, 127 + 30)
            pool.append(0xffffffff00000000 | (self.r.getrandbits(1) << 31) | (e << 23) |
                        self.r.getrandbits(23))
        return pool

    # ---- straight-line items -------------------------------------------------------------

    def shamt(self, bits):
        if self.chance(0.5):
            return self.r.choice([0, 1, 31, bits - 1] + ([32, 33] if bits == 64 else [16]))
        return self.r.randint(0, bits - 1)

    def imm12(self):
        if self.chance(0.3):
            return self.r.choice([0, 1, -1, 2047, -2048, 0x7f0, -0x800 + 1, 31, 32, 63])
        return self.r.randint(-2048, 2047)

    def alu_rr(self):
        op = self.r.choice(['add', 'sub', 'sll', 'srl', 'sra', 'slt', 'sltu', 'xor', 'or', 'and',
                            'addw', 'subw', 'sllw', 'srlw', 'sraw'])
        rd, rs1, rs2 = self.wreg(), self.rreg(), self.rreg()
        if op[1:3] in ('ll', 'rl', 'ra') and self.chance(0.3):
            # A shift count register at an edge (only the low 6 / 5 bits count).
            rs2 = self.wreg(zero_ok=False)
            self.li(rs2, self.r.choice([0, 31, 32, 63, 64, -1, 0x1f, 0x20, 0x3f, 0x41]))
        elif self.rvc and self.chance(0.6):
            # rd = rs1 in x8-x15 (or add/mv on any register): c.sub/xor/or/and/subw/addw/add.
            rd = self.wreg(zero_ok=False, prefer_c=0.0 if op == 'add' else 0.9)
            rs1 = rd if op != 'add' or self.chance(0.7) else 'zero'
            rs2 = self.rreg(prefer_c=0.9)
        self.emit('%s %s, %s, %s' % (op, rd, rs1, rs2))

    def alu_imm(self):
        r = self.r
        if self.rvc and self.chance(0.12):
            # C forms the assembler rarely picks by itself.
            k = r.randrange(4)
            if k == 0 and 2 not in self.locked:
                self.emit('c.addi16sp sp, %d' % r.choice([-512, 496, 16, -16]))
            elif k == 1:
                self.emit('c.addi4spn %s, sp, %d' % (self.wreg(zero_ok=False, prefer_c=1.0),
                                                     4 * r.randint(1, 255)))
            elif k == 2:
                self.emit('c.addiw %s, %d' % (self.wreg(zero_ok=False), r.randint(-32, 31)))
            else:
                rd = self.wreg(zero_ok=False)
                while rd == 'sp':
                    rd = self.wreg(zero_ok=False)
                self.emit('c.lui %s, 0x%x' % (rd, r.choice([1, 31, 0xfffe0, 0xfffff])))
            return
        op = self.r.choice(['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'addiw',
                            'slli', 'srli', 'srai', 'slliw', 'srliw', 'sraiw'])
        if op.startswith(('sl', 'sr')) and op not in ('slti', 'sltiu'):
            imm = self.shamt(32 if op.endswith('w') else 64)
        else:
            imm = self.imm12()
        rd, rs1 = self.wreg(), self.rreg()
        if self.rvc and op in ('addi', 'addiw', 'andi', 'slli', 'srli', 'srai') and \
                self.chance(0.6):
            # c.addi/c.addiw/c.andi/c.slli/c.srli/c.srai/c.li: rd = rs1, a 6-bit immediate.
            rd = self.wreg(zero_ok=False, prefer_c=0.9)
            rs1 = rd if op != 'addi' or self.chance(0.7) else 'zero'
            if not op.startswith('s'):
                imm = self.r.choice([-32, 31, 1, -1, self.r.randint(-32, 31)])
        self.emit('%s %s, %s, %d' % (op, rd, rs1, imm))

    def upper(self):
        op = self.r.choice(['lui', 'auipc'])
        v = self.r.choice([0, 1, 0x80000, 0xfffff, 0x7ffff, self.r.getrandbits(20)])
        self.emit('%s %s, 0x%x' % (op, self.wreg(), v))

    def load_imm(self):
        self.li(self.wreg(zero_ok=False), self.interesting())

    def muldiv(self):
        op = self.r.choice(['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu',
                            'mulw', 'divw', 'divuw', 'remw', 'remuw'])
        a, b = self.rreg(), self.rreg()
        if op.startswith(('div', 'rem')) and self.chance(0.4):
            a, b = self.wregs(2)
            w = op.endswith('w')
            k = self.r.random()
            if k < 0.4:      # division by zero (W: only the low word is zero)
                self.li(a, self.interesting())
                self.li(b, (self.r.getrandbits(32) << 32) if w else 0)
            elif k < 0.8:    # INT_MIN / -1
                if w:
                    self.li(a, (self.r.getrandbits(32) << 32) | 0x80000000)
                    self.li(b, (self.r.getrandbits(32) << 32) | 0xffffffff)
                else:
                    self.li(a, INT64_MIN)
                    self.li(b, -1)
            else:
                self.li(a, self.interesting())
                self.li(b, self.r.choice([1, -1, 2, -2, 3, 7, -7, 10]))
        self.emit('%s %s, %s, %s' % (op, self.wreg(), a, b))

    def zb(self):
        r = self.r
        k = r.random()
        if k < 0.45:
            op = r.choice(['sh1add', 'sh2add', 'sh3add', 'add.uw', 'sh1add.uw', 'sh2add.uw',
                           'sh3add.uw', 'andn', 'orn', 'xnor', 'max', 'maxu', 'min', 'minu',
                           'rol', 'ror', 'rolw', 'rorw', 'clmul', 'clmulh', 'clmulr',
                           'bclr', 'bext', 'binv', 'bset'])
            self.emit('%s %s, %s, %s' % (op, self.wreg(), self.rreg(), self.rreg()))
        elif k < 0.7:
            op = r.choice(['clz', 'ctz', 'cpop', 'clzw', 'ctzw', 'cpopw', 'sext.b', 'sext.h',
                           'zext.h', 'orc.b', 'rev8'])
            if op == 'ctzw' and self.qemu72:
                op = 'ctz'
            src = self.rreg()
            if op.startswith(('clz', 'ctz')) and self.chance(0.3):
                src = self.wreg(zero_ok=False)
                self.li(src, r.choice([0, 1, INT64_MIN, 1 << 31, 0xffffffff00000000, -1]))
            self.emit('%s %s, %s' % (op, self.wreg(), src))
        else:
            op = r.choice(['slli.uw', 'rori', 'roriw', 'bclri', 'bexti', 'binvi', 'bseti'])
            self.emit('%s %s, %s, %d' % (op, self.wreg(), self.rreg(),
                                         self.shamt(32 if op == 'roriw' else 64)))

    def zicond(self):
        # czero.eqz (funct3 5) / czero.nez (funct3 7): binutils 2.40 lacks the mnemonics.
        f3 = self.r.choice([5, 7])
        cond = self.rreg()
        if self.chance(0.3):
            cond = self.wreg(zero_ok=False)
            self.li(cond, self.r.choice([0, 1, INT64_MIN]))
        self.emit('.insn r 0x33, %d, 7, %s, %s, %s   # czero.%s' %
                  (f3, self.wreg(), self.rreg(), cond, 'eqz' if f3 == 5 else 'nez'))

    def addr(self, size, mode=None):
        """Emit code leaving an address in a temp; returns (temp, offset).

        mode: 'aligned', 'any' (may be misaligned), 'cross' (straddles the page at tp),
        'far' (the region 1 MiB up, which shares the buffer's TLB slot), 'sp'/'c' (offsets
        the C load/store forms can encode)."""
        r = self.r
        if mode is None:
            mode = r.choices(['aligned', 'any', 'cross', 'far', 'sp', 'c'],
                             [25, 10, 5, 8, 16, 16] if self.rvc else [40, 14, 6, 10, 8, 8])[0]
        src = self.rreg()
        if mode == 'sp' and 'sp' not in [ABI[i] for i in self.locked]:
            t = 'sp'
        elif mode in ('sp', 'c'):
            free = [i for i in range(8, 16) if i not in self.locked]
            t = ABI[r.choice(free)] if free else self.wreg(zero_ok=False)
        else:
            t = self.wreg(zero_ok=False)
        if mode == 'cross':
            self.emit('andi %s, %s, 7' % (t, src))
            self.emit('add %s, %s, tp' % (t, t))
            return t, -r.randint(1, 8)
        mask = {1: 0x7ff, 2: 0x7fe, 4: 0x7fc, 8: 0x7f8}[size] if mode != 'any' else \
            r.choice([0x7ff, 0x7fd, 0x7fb, 0x7f7, 0x7ff])
        if mode in ('sp', 'c'):
            mask = 0x3f8
        self.emit('andi %s, %s, %d' % (t, src, mask))
        if mode == 'far':
            u = self.wreg(zero_ok=False)
            while u == t:
                u = self.wreg(zero_ok=False)
            self.emit('lui %s, 0x%x' % (u, FAR >> 12))
            self.emit('add %s, %s, %s' % (t, t, u))
        self.emit('add %s, %s, tp' % (t, t))
        if mode in ('sp', 'c'):
            lim = 63 if mode == 'sp' else 31
            return t, size * r.randint(0, lim)  # the C forms scale the offset by the size
        lo, hi = BUF_LO, BUF_HI - mask - size
        off = r.randint(lo, min(hi, 2047))
        if mode == 'aligned':
            off -= off % size
            if off < lo:
                off += size
        return t, off

    def mem(self):
        r = self.r
        pc = 0.8 if self.rvc else 0.3  # x8-x15 / f8-f15 for c.lw/c.ld/c.sw/c.sd/c.fld/c.fsd
        k = r.random()
        if k < 0.42:
            op, size = r.choice([('lb', 1), ('lbu', 1), ('lh', 2), ('lhu', 2), ('lw', 4),
                                 ('lwu', 4), ('ld', 8)])
            t, off = self.addr(size)
            self.emit('%s %s, %d(%s)' % (op, self.wreg(prefer_c=pc), off, t))
            return
        if k < 0.52:
            op, size = r.choice([('flw', 4), ('fld', 8)])
            t, off = self.addr(size)
            self.emit('%s %s, %d(%s)' % (op, self.freg(pc), off, t))
            return
        if k < 0.9:
            op, size = r.choice([('sb', 1), ('sh', 2), ('sw', 4), ('sd', 8)])
            t, off = self.addr(size)
            self.emit('%s %s, %d(%s)' % (op, self.rreg(prefer_c=pc), off, t))
        else:
            op, size = r.choice([('fsw', 4), ('fsd', 8)])
            t, off = self.addr(size)
            self.emit('%s %s, %d(%s)' % (op, self.freg(pc), off, t))
        if self.chance(0.25):  # load it back, maybe with another width (store forwarding)
            op, lsize = r.choice([('lb', 1), ('lhu', 2), ('lw', 4), ('ld', 8)])
            back = off + r.randint(0, size - lsize) if lsize <= size else off
            self.emit('%s %s, %d(%s)' % (op, self.wreg(prefer_c=pc), min(back, 2047), t))

    def amo(self):
        r = self.r
        size = r.choice([4, 8])
        sfx = ('.w' if size == 4 else '.d') + r.choice(['', '', '.aq', '.rl', '.aqrl'])
        op = r.choice(['amoswap', 'amoadd', 'amoxor', 'amoand', 'amoor', 'amomin', 'amomax',
                       'amominu', 'amomaxu'])
        t, _ = self.addr(size, 'aligned')
        self.emit('%s%s %s, %s, (%s)' % (op, sfx, self.wreg(), self.rreg(), t))

    def lrsc(self):
        r = self.r
        size = r.choice([4, 8])
        s = '.w' if size == 4 else '.d'
        t, _ = self.addr(size, 'aligned')
        self.locked.add(ABI.index(t))
        self.emit('lr%s%s %s, (%s)' % (s, r.choice(['', '.aq', '.aqrl']), self.wreg(), t))
        for _ in range(r.randint(0, 3)):
            r.choice([self.alu_rr, self.alu_imm, self.zb])()
        self.emit('sc%s%s %s, %s, (%s)' % (s, r.choice(['', '.rl', '.aqrl']), self.wreg(),
                                            self.rreg(), t))
        if self.chance(0.3):  # the reservation is gone: this one fails
            self.emit('sc%s %s, %s, (%s)' % (s, self.wreg(), self.rreg(), t))
        self.locked.discard(ABI.index(t))

    def fp_load_const(self, single=None):
        i = self.r.randrange(len(self.fpool))
        op = self.r.choice(['flw', 'fld']) if single is None else ('flw' if single else 'fld')
        self.emit('%s %s, difftest_fpool+%d, %s' % (op, self.freg(), 8 * i,
                                                     self.wreg(zero_ok=False)))

    def fp(self):
        r = self.r
        if self.chance(0.2):
            self.fp_load_const()
            return
        if self.chance(0.1):  # an integer to convert or move from
            self.li(self.wreg(zero_ok=False), self.interesting())
        p = r.choice(['s', 'd'])
        rm = r.choice(RM)
        k = r.random()
        fd = self.freg()
        if k < 0.3:
            op = r.choice(['fadd', 'fsub', 'fmul', 'fdiv'])
            self.emit('%s.%s %s, %s, %s, %s' % (op, p, fd, self.freg(), self.freg(), rm))
        elif k < 0.38:
            self.emit('fsqrt.%s %s, %s, %s' % (p, fd, self.freg(), rm))
        elif k < 0.5:
            op = r.choice(['fmadd', 'fmsub', 'fnmadd', 'fnmsub'])
            self.emit('%s.%s %s, %s, %s, %s, %s' % (op, p, fd, self.freg(), self.freg(),
                                                    self.freg(), rm))
        elif k < 0.6:
            op = r.choice(['fmin', 'fmax', 'fsgnj', 'fsgnjn', 'fsgnjx'])
            self.emit('%s.%s %s, %s, %s' % (op, p, fd, self.freg(), self.freg()))
        elif k < 0.7:
            op = r.choice(['feq', 'flt', 'fle'])
            self.emit('%s.%s %s, %s, %s' % (op, p, self.wreg(), self.freg(), self.freg()))
            return
        elif k < 0.74:
            self.emit('fclass.%s %s, %s' % (p, self.wreg(), self.freg()))
            return
        elif k < 0.84:
            it = r.choice(['w', 'wu', 'l', 'lu'])
            self.emit('fcvt.%s.%s %s, %s, %s' % (it, p, self.wreg(), self.freg(), rm))
            return
        elif k < 0.92:
            it = r.choice(['w', 'wu', 'l', 'lu'])
            exact = p == 'd' and it in ('w', 'wu')  # gas takes no rm on exact conversions
            self.emit('fcvt.%s.%s %s, %s%s' % (p, it, fd, self.rreg(), '' if exact else ', ' + rm))
        elif k < 0.96:
            if p == 's':
                self.emit('fcvt.s.d %s, %s, %s' % (fd, self.freg(), rm))
            else:
                self.emit('fcvt.d.s %s, %s' % (fd, self.freg()))
        else:
            op = r.choice(['fmv.x.w', 'fmv.x.d', 'fmv.w.x', 'fmv.d.x'])
            if op.startswith('fmv.x'):
                self.emit('%s %s, %s' % (op, self.wreg(), self.freg()))
                return
            self.emit('%s %s, %s' % (op, fd, self.rreg()))
        # Make the result visible in the per-block GPR dump.
        if self.chance(0.5):
            self.emit('fmv.x.d %s, %s' % (self.wreg(zero_ok=False), fd))
        if self.chance(0.15):
            self.emit('frflags %s' % self.wreg(zero_ok=False))

    def csr(self):
        r = self.r
        k = r.random()
        if k < 0.35:
            op = r.choice(['csrrw', 'csrrs', 'csrrc'])
            self.emit('%s %s, mscratch, %s' % (op, self.wreg(), self.rreg()))
        elif k < 0.5:
            op = r.choice(['csrrwi', 'csrrsi', 'csrrci'])
            self.emit('%s %s, mscratch, %d' % (op, self.wreg(), r.randint(0, 31)))
        elif k < 0.65:
            op = r.choice(['csrrw', 'csrrs', 'csrrc'])
            self.emit('%s %s, fflags, %s' % (op, self.wreg(), self.rreg()))
        elif k < 0.72:
            op = r.choice(['csrrwi', 'csrrsi', 'csrrci'])
            self.emit('%s %s, fflags, %d' % (op, self.wreg(), r.randint(0, 31)))
        elif k < 0.82:
            self.emit('fsrmi %s, %d' % (self.wreg(), r.randint(0, 4)))
        elif k < 0.9:
            # fcsr from a register: keep frm a valid mode (bits 7:5 = 0..3 or 4).
            t = self.wreg(zero_ok=False)
            self.emit('andi %s, %s, %s' % (t, self.rreg(), r.choice(['0x7f', '0x9f', '0x1f'])))
            self.emit('fscsr %s, %s' % (self.wreg(), t))
        elif k < 0.95:
            self.emit('%s %s' % (r.choice(['frcsr', 'frrm', 'frflags']), self.wreg()))
        else:
            self.emit('csrr %s, mstatus' % self.wreg())

    def mmio(self):
        t = self.wreg(zero_ok=False)
        if self.chance(0.7):
            # The UART scratch register reads back what was written; LSR reads THRE|TEMT.
            self.emit('lui %s, 0x%x' % (t, UART >> 12))
            if self.chance(0.7):
                self.emit('sb %s, 7(%s)' % (self.rreg(), t))
            self.emit('lbu %s, %d(%s)' % (self.wreg(), self.r.choice([5, 7, 7]), t))
        else:
            # CLINT msip: sets or clears mip.MSIP (no interrupt: mie is 0).
            self.emit('lui %s, 0x%x' % (t, CLINT >> 12))
            if self.chance(0.7):
                self.emit('sw %s, 0(%s)' % (self.rreg(), t))
            self.emit('lw %s, 0(%s)' % (self.wreg(), t))

    def misc(self):
        k = self.r.random()
        if k < 0.3:
            self.emit('nop')
        elif k < 0.6:
            self.emit('fence')
        elif k < 0.75:
            self.emit('fence.i')
        elif k < 0.9:
            self.emit('mv %s, %s' % (self.wreg(), self.rreg()))
        else:
            self.emit('neg %s, %s' % (self.wreg(), self.rreg()))

    def trap(self):
        r = self.r
        # A few register writes first, so the trap happens with fresh state in the block.
        for _ in range(r.randint(0, 3)):
            r.choice([self.alu_rr, self.alu_imm, self.load_imm])()
        k = r.random()
        if k < 0.15:
            self.emit('ecall')
        elif k < 0.25:
            self.emit('ebreak')
        elif k < 0.45:
            self.emit(r.choice(ILLEGAL)[0])
        elif k < 0.65:
            # Misaligned AMO (store/AMO address misaligned) or LR (load address misaligned).
            size = r.choice([4, 8])
            t, _ = self.addr(8, 'aligned')
            self.emit('addi %s, %s, %d' % (t, t, r.randint(1, size - 1)))
            s = '.w' if size == 4 else '.d'
            if self.chance(0.75):
                op = r.choice(['amoswap', 'amoadd', 'amoor', 'amomaxu'])
                self.emit('%s%s %s, %s, (%s)' % (op, s, self.wreg(), self.rreg(), t))
            else:
                self.emit('lr%s %s, (%s)' % (s, self.wreg(), t))
        elif k < 0.85:
            t = self.wreg(zero_ok=False)
            self.emit('lui %s, 0x%x' % (t, UNMAPPED >> 12))
            op = r.choice(['ld', 'lw', 'lbu', 'sd', 'sw', 'sb', 'fld', 'fsw'])
            reg = self.freg() if op[0] == 'f' else (self.wreg() if op[0] == 'l' else self.rreg())
            # Aligned: QEMU 7.2 reports a misaligned faulting access at its aligned-down address.
            self.emit('%s %s, %d(%s)' % (op, reg, r.randrange(0, 256, 8), t))
        else:
            # frm = 5..7 makes every dynamic-rounding FP op illegal until it is put back.
            t = self.wreg(zero_ok=False)
            self.emit('fsrmi %s, %d' % (t, r.randint(5, 7)))
            p = r.choice(['s', 'd'])
            self.emit('fadd.%s %s, %s, %s' % (p, self.freg(), self.freg(), self.freg()))
            self.emit('fmul.%s %s, %s, %s, rtz' % (p, self.freg(), self.freg(), self.freg()))
            self.emit('fsrm %s' % t)

    def irq(self):
        """A machine software interrupt taken at a defined point: msip is set while
        mstatus.MIE = 0, and the csrsi that sets MIE (a CSR write, which ends the block in
        Quicksilver and QEMU alike) lets it in; the handler clears msip and returns."""
        r = self.r
        t, u = self.wregs(2)
        self.emit('csrsi mie, 8')
        self.emit('lui %s, 0x%x' % (t, CLINT >> 12))
        self.emit('li %s, 1' % u)
        self.emit('sw %s, 0(%s)' % (u, t))
        for _ in range(r.randint(0, 3)):
            r.choice([self.alu_rr, self.alu_imm, self.zb])()
        self.emit('csrsi mstatus, 8')
        for _ in range(r.randint(0, 2)):
            r.choice([self.alu_rr, self.alu_imm])()
        self.emit('csrci mstatus, 8')
        self.emit('csrci mie, 8')

    # ---- control flow --------------------------------------------------------------------

    def cond_branch(self, target):
        r = self.r
        if self.chance(0.25):
            op = r.choice(['beqz', 'bnez', 'bltz', 'bgez', 'blez', 'bgtz'])
            self.emit('%s %s, %s' % (op, self.rreg(prefer_c=0.6), target))
        else:
            self.emit('%s %s, %s, %s' % (r.choice(BRANCHES), self.rreg(), self.rreg(), target))

    def fwd_branch(self, depth):
        end = self.new_label('skip')
        self.cond_branch(end)
        self.seq(self.r.randint(1, 6), depth + 1)
        self.label(end)

    def loop(self, depth):
        r = self.r
        top = self.new_label('loop')
        n = r.randint(1, 5)
        k = r.random()
        if k < 0.5:   # count down to zero
            c = self.wreg(zero_ok=False, prefer_c=0.5)
            self.locked.add(ABI.index(c))
            self.li(c, n)
            self.label(top)
            self.seq(r.randint(1, 8), depth + 1)
            self.emit('addi %s, %s, -1' % (c, c))
            self.emit('%s %s, %s' % (r.choice(['bnez', 'bgtz']), c, top))
            self.locked.discard(ABI.index(c))
        else:         # count up to a limit held in another register
            c, lim = self.wregs(2)
            self.locked.update([ABI.index(c), ABI.index(lim)])
            start = r.choice([0, -3, INT64_MIN, 0x7ffffffffffffff0])
            self.li(c, start)
            self.li(lim, start + n)
            self.label(top)
            self.seq(r.randint(1, 8), depth + 1)
            self.emit('addi %s, %s, 1' % (c, c))
            op = r.choice(['blt', 'bne', 'bltu']) if start >= 0 else r.choice(['blt', 'bne'])
            self.emit('%s %s, %s, %s' % (op, c, lim, top))
            self.locked.difference_update([ABI.index(c), ABI.index(lim)])

    def jal_fwd(self, depth):
        end = self.new_label('jal')
        self.emit('jal %s, %s' % (self.wreg(), end))
        self.seq(self.r.randint(0, 3), depth + 1)  # never runs
        self.label(end)

    def call(self, depth):
        """jal to an out-of-line subroutine that returns through its link register."""
        link = self.wreg(zero_ok=False, prefer_c=0.0)
        sub = self.new_label('sub')
        self.emit('jal %s, %s' % (link, sub))
        saved = self.cur
        self.cur = []  # its own list: a nested call appends its subroutine to the tail first
        saved_rvc = self.rvc
        self.rvc = self.chance(0.5)
        self.cur.append('.option %s' % ('rvc' if self.rvc else 'norvc'))
        self.label(sub)
        self.locked.add(ABI.index(link))
        self.seq(self.r.randint(1, 8), depth + 1)
        self.locked.discard(ABI.index(link))
        if link == 'ra' and self.chance(0.5):
            self.emit('ret')
        else:
            self.emit('jalr zero, 0(%s)' % link)
        self.tail += self.cur
        self.cur = saved
        self.rvc = saved_rvc

    def jump_table(self, depth):
        """An indirect jump through a table of labels, picked by a register's low bits."""
        r = self.r
        n = r.choice([2, 4, 8])
        tab = self.new_label('tab')
        end = self.new_label('tabend')
        targets = [self.new_label('tgt') for _ in range(n)]
        t, u = self.wregs(2)
        bias = r.choice([0, 0, 8, -16, 1])  # entries = label - off (+1: bit 0 is cleared)
        off = bias if bias != 1 else 0
        self.emit('la %s, %s' % (t, tab))
        self.emit('andi %s, %s, %d' % (u, self.rreg(), (n - 1) * 8))
        self.emit('add %s, %s, %s' % (t, t, u))
        self.emit('ld %s, 0(%s)' % (t, t))
        self.emit('jalr %s, %d(%s)' % (self.wreg(), off, t))
        self.rodata.append('    .balign 8')
        self.rodata.append(tab + ':')
        for g in targets:
            self.rodata.append('    .dword %s%+d' % (g, 1 if bias == 1 else -off))
        for i, g in enumerate(targets):
            self.label(g)
            self.seq(r.randint(1, 4), depth + 1)
            if i != n - 1:
                self.emit('j %s' % end)
        self.label(end)

    def smc(self, depth):
        """Self-modifying code: a loop that runs an instruction, then rewrites it (addi or
        xori with a new immediate) with a store in the same block, then fence.i."""
        r = self.r
        c, t, u, v, rd = self.wregs(5)
        top = self.new_label('smc')
        slot = self.new_label('slot')
        self.li(c, r.randint(2, 4))
        self.emit('la %s, %s' % (t, slot))
        self.emit('.balign 4')
        self.label(top)
        self.cur.append('.option push')
        self.cur.append('.option norvc')
        self.label(slot)
        self.emit('addi %s, %s, 0' % (rd, rd))
        self.cur.append('.option pop')
        rdn = ABI.index(rd)
        base = 0x13 | (rdn << 7) | (rdn << 15)  # addi rd, rd, 0
        self.emit('andi %s, %s, 1' % (u, c))
        self.emit('slli %s, %s, 14' % (u, u))     # funct3 4 (xori) when the count is odd
        self.emit('slli %s, %s, %d' % (v, c, 20 + r.randint(0, 8)))
        self.emit('add %s, %s, %s' % (u, u, v))
        self.emit('li %s, 0x%x' % (v, base))
        self.emit('add %s, %s, %s' % (u, u, v))
        self.emit('sw %s, 0(%s)' % (u, t))
        self.emit('fence.i')
        self.emit('addi %s, %s, -1' % (c, c))
        self.emit('bnez %s, %s' % (c, top))

    def excursion(self, depth):
        """mret to U- or S-mode code (no translation: PMP allows everything), random items
        there, and an ecall that the handler turns into a return to M-mode after it."""
        r = self.r
        t = self.wreg(zero_ok=False)
        start = self.new_label('lower')
        resume = self.new_label('resume')
        mode = r.choice(['U', 'S'])
        self.emit('la %s, %s' % (t, resume))
        self.emit('sd %s, %d(tp)' % (t, RESUME))
        self.emit('la %s, %s' % (t, start))
        self.emit('csrw mepc, %s' % t)
        self.emit('li %s, %d' % (t, 3 << 11))
        self.emit('csrc mstatus, %s' % t)
        if mode == 'S':
            self.emit('li %s, %d' % (t, 1 << 11))
            self.emit('csrs mstatus, %s' % t)
        self.emit('mret')
        self.label(start)
        self.priv = mode
        self.seq(r.randint(3, 25), depth + 1)
        self.priv = 'M'
        self.emit('ecall')
        self.label(resume)

    # ---- sequences -----------------------------------------------------------------------

    STRAIGHT = [('alu_rr', 14), ('alu_imm', 12), ('upper', 2), ('load_imm', 5),
                ('muldiv', 8), ('zb', 10), ('zicond', 2), ('mem', 14), ('amo', 4),
                ('lrsc', 2), ('fp', 14), ('csr', 3), ('mmio', 1), ('misc', 2), ('trap', 2),
                ('irq', 0.5)]
    CONTROL = [('fwd_branch', 5), ('loop', 2.5), ('jal_fwd', 1.5), ('call', 1.5),
               ('jump_table', 1.5), ('smc', 0.4), ('excursion', 0.8)]

    def item(self, depth):
        def allowed(name):
            if name == 'zicond':
                return not self.qemu72
            if name == 'irq':
                return self.priv == 'M'
            if name == 'excursion':
                return self.priv == 'M' and depth == 0
            return True
        kinds = [k for k in self.STRAIGHT if allowed(k[0])]
        if depth < 2:
            kinds = kinds + [k for k in self.CONTROL if allowed(k[0])]
        name = self.r.choices([k[0] for k in kinds], [k[1] for k in kinds])[0]
        fn = getattr(self, name)
        if name in dict(self.CONTROL):
            fn(depth)
        else:
            fn()

    def seq(self, n, depth):
        for _ in range(n):
            self.item(depth)

    def toggle_rvc(self):
        self.rvc = not self.rvc
        self.cur.append('.option %s' % ('rvc' if self.rvc else 'norvc'))

    # ---- the program ---------------------------------------------------------------------

    def generate(self):
        r = self.r
        # The body: runs of straight-line code (so blocks reach the 64-instruction limit)
        # between control flow, in regions with and without C.
        self.toggle_rvc()
        for n in range(self.items):
            if n == self.stop_after:  # a debugging aid: end early, the rest stays in place
                self.emit('j difftest_finish   # --stop-after %d' % n)
            if self.chance(0.04):
                self.toggle_rvc()
            if self.chance(0.06):  # a long straight run
                self.seq(r.randint(20, 60), 2)
            else:
                self.item(0)
        out = []
        w = out.append
        w('/* difftest program, seed %d (generated by tests/difftest/gen.py; do not edit) */'
          % self.seed)
        w('    .option norelax')
        w('    .option norvc')
        w(STARTUP)
        # Initial state: fcsr, FPRs from the pool, GPRs with interesting values.
        w('    li t0, %d' % r.choice([0, 0x20, 0x40, 0x60, 0x80, 0x1f, 0x3]))
        w('    fscsr t0')
        for i in range(32):
            w('    fld f%d, difftest_fpool+%d, t0' % (i, 8 * r.randrange(len(self.fpool))))
        w('    li t0, %s' % h64(r.getrandbits(64)))
        w('    csrw mscratch, t0')
        for i in range(1, 32):
            if i != TP:
                w('    li %s, %s' % (ABI[i], h64(self.interesting())))
        w('    j difftest_body')
        w('')
        w('    .text')
        w('    .balign 4')
        w('difftest_body:')
        out += self.body
        w('    .option norvc')
        w('    j difftest_finish')
        w('')
        w('    /* out-of-line subroutines */')
        w('    .balign 4')
        out += self.tail
        w('    .option norvc')
        w(FINISH_TEMPLATE % dict(FINISH_ARGS, dump=DUMP_MEM if self.dump_mem else ''))
        w('    .section .rodata')
        w('    .balign 8')
        w('difftest_fpool:')
        for v in self.fpool:
            w('    .dword 0x%016x' % v)
        out += self.rodata
        w('difftest_hex:')
        w('    .ascii "0123456789abcdef"')
        w('difftest_begin:')
        w('    .asciz "DIFFTEST-SIG BEGIN\\n"')
        w('difftest_end:')
        w('    .asciz "DIFFTEST-SIG END\\n"')
        w('difftest_mem:')
        w('    .asciz "DIFFTEST-MEM BEGIN\\n"')
        w('')
        w('    .data')
        w('    .balign 4096')
        w('    .space 2048')
        w('difftest_ctrl:          /* tp - 2048: signature and handler slots (zero) */')
        w('    .space %d' % (BUF_LO + 2048))
        w('difftest_buf:           /* tp - 768 .. tp + 4096: the data buffer */')
        for _ in range((BUF_HI - BUF_LO) // 8):
            w('    .dword 0x%016x' % self.buf_value())
        # gas cannot pad by 2 bytes without C: align code with C on.
        text = '\n'.join(out) + '\n'
        return text.replace('    .balign 4\n', ALIGN4)

    def buf_value(self):
        k = self.r.random()
        if k < 0.5:
            return self.interesting() & M64
        if k < 0.75:
            return self.r.choice(self.fpool)
        return self.r.getrandbits(64)


STARTUP = '''
    .section .text.init, "ax"
    .globl _start
_start:
    csrr t0, mhartid
    bnez t0, difftest_park
    la t0, difftest_trap
    csrw mtvec, t0
    li t0, -1                   /* PMP: one NAPOT RWX region over everything, for U and S */
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    li t0, (1 << 13)            /* mstatus.FS = Initial: FP on, Dirty tracked from here */
    csrs mstatus, t0
    la tp, difftest_ctrl + 2048
    /* The far region (1 MiB up, same TLB slot) starts as the buffer xor a constant. */
    addi t0, tp, %(buf_lo)d
    li t1, %(far)d
    add t1, t1, t0
    li t2, %(buf_hi)d
    add t2, t2, tp
    li t3, 0x5a5a5a5a5a5a5a5a
1:  ld t4, 0(t0)
    ld t5, 8(t0)
    ld t6, 16(t0)
    ld a0, 24(t0)
    xor t4, t4, t3
    xor t5, t5, t3
    xor t6, t6, t3
    xor a0, a0, t3
    sd t4, 0(t1)
    sd t5, 8(t1)
    sd t6, 16(t1)
    sd a0, 24(t1)
    addi t0, t0, 32
    addi t1, t1, 32
    bltu t0, t2, 1b
''' % {'buf_lo': BUF_LO, 'buf_hi': BUF_HI, 'far': FAR}

FINISH_TEMPLATE = '''
/*
 * The trap handler: records mcause, mepc, mtval and mstatus in the ring slot (count %% 8) and
 * bumps the count. An interrupt (only the software one, at a point the program chose) clears
 * msip and returns to mepc. An ecall from U or S with a resume address set goes back to it
 * in M-mode (the end of a privilege excursion). Any other exception returns past the
 * trapping instruction (2 or 4 bytes by its low bits), in the mode it came from.
 */
    .balign 4
difftest_trap:
    sd t0, %(save)d(tp)
    sd t1, %(save)d+8(tp)
    sd t2, %(save)d+16(tp)
    ld t0, %(count)d(tp)
    addi t1, t0, 1
    sd t1, %(count)d(tp)
    andi t0, t0, 7
    slli t0, t0, 5
    add t0, t0, tp
    csrr t1, mcause
    sd t1, %(ring)d(t0)
    csrr t1, mepc
    sd t1, %(ring)d+8(t0)
    csrr t2, mtval
    sd t2, %(ring)d+16(t0)
    csrr t2, mstatus
    sd t2, %(ring)d+24(t0)
    csrr t0, mcause
    bltz t0, 3f
    addi t0, t0, -8
    sltiu t0, t0, 2
    beqz t0, 1f
    ld t0, %(resume)d(tp)
    beqz t0, 1f
    sd zero, %(resume)d(tp)
    csrw mepc, t0
    li t0, 3 << 11
    csrs mstatus, t0
    j 4f
1:  lhu t2, 0(t1)
    andi t2, t2, 3
    addi t1, t1, 2
    addi t2, t2, -3
    bnez t2, 2f
    addi t1, t1, 2
2:  csrw mepc, t1
    j 4f
3:  lui t0, 0x%(clint_hi)x
    sw zero, 0(t0)
4:  ld t0, %(save)d(tp)
    ld t1, %(save)d+8(tp)
    ld t2, %(save)d+16(tp)
    mret

difftest_park:
    wfi
    j difftest_park

/* The signature: registers and CSRs, then checksums, then all of it in hex on the UART. */
    .balign 4
difftest_finish:
%(store_x)s
%(store_f)s
    frcsr t0
    sd t0, %(misc)d(tp)
    csrr t0, mscratch
    sd t0, %(misc)d+8(tp)
    csrr t0, mstatus
    sd t0, %(misc)d+16(tp)
    /* One checksum per 256 bytes: the buffer, then the far region. */
    addi a0, tp, %(buf_lo)d
    addi a1, tp, %(chk)d
    li a2, %(nchk)d
    li a3, 0x100000001b3
2:  li a4, 32
    li a5, 0xcbf29ce484222325
3:  ld t0, 0(a0)
    ld t1, 8(a0)
    ld t2, 16(a0)
    ld t3, 24(a0)
    xor a5, a5, t0
    mul a5, a5, a3
    xor a5, a5, t1
    mul a5, a5, a3
    xor a5, a5, t2
    mul a5, a5, a3
    xor a5, a5, t3
    mul a5, a5, a3
    addi a0, a0, 32
    addi a4, a4, -4
    bnez a4, 3b
    sd a5, 0(a1)
    addi a1, a1, 8
    addi a2, a2, -1
    li t0, %(nchunk)d
    bne a2, t0, 4f
    li t0, %(far)d - %(buf_span)d
    add a0, a0, t0
4:  bnez a2, 2b
    /* Print: THRE always reads 1 in Quicksilver and QEMU, so no polling. */
    li s0, 0x%(uart)x
    la s1, difftest_hex
    la a1, difftest_begin
    jal ra, difftest_puts
    addi a1, tp, %(sig_x)d
    li a2, %(nsig)d
    jal ra, difftest_puthex
    la a1, difftest_end
    jal ra, difftest_puts
%(dump)s
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)
6:  wfi
    j 6b

/* Prints a2 doublewords from a1 in hex, one a line. */
difftest_puthex:
5:  ld a0, 0(a1)
    .irp sh, 60, 56, 52, 48, 44, 40, 36, 32, 28, 24, 20, 16, 12, 8, 4, 0
    srli t0, a0, \\sh
    andi t0, t0, 15
    add t0, t0, s1
    lbu t0, 0(t0)
    sb t0, 0(s0)
    .endr
    li t0, 10
    sb t0, 0(s0)
    addi a1, a1, 8
    addi a2, a2, -1
    bnez a2, 5b
    ret

difftest_puts:
    lbu t0, 0(a1)
    beqz t0, 7f
    sb t0, 0(s0)
    addi a1, a1, 1
    j difftest_puts
7:  ret
'''
FINISH_ARGS = {'save': SAVE, 'resume': RESUME, 'clint_hi': CLINT >> 12, 'count': SIG_MISC + 24,
       'ring': SIG_RING, 'misc': SIG_MISC, 'buf_lo': BUF_LO, 'chk': SIG_CHK,
       'nchk': 2 * NCHUNK, 'nchunk': NCHUNK,
       'far': FAR, 'buf_span': BUF_HI - BUF_LO, 'uart': UART, 'sig_x': SIG_X, 'nsig': NSIG,
       'store_x': '\n'.join('    sd x%d, %d(tp)' % (i, SIG_X + 8 * i) for i in range(32)),
       'store_f': '\n'.join('    fsd f%d, %d(tp)' % (i, SIG_F + 8 * i) for i in range(32))}

# With dump_mem, the data buffer and the far region follow the signature on the UART,
# between DIFFTEST-MEM markers (run.py asks for it to locate a checksum difference).
DUMP_MEM = '''    la a1, difftest_mem
    jal ra, difftest_puts
    addi a1, tp, %(buf_lo)d
    li a2, %(ndw)d
    jal ra, difftest_puthex
    li a1, %(far)d + %(buf_lo)d
    add a1, a1, tp
    li a2, %(ndw)d
    jal ra, difftest_puthex
    la a1, difftest_end
    jal ra, difftest_puts''' % {'buf_lo': BUF_LO, 'ndw': (BUF_HI - BUF_LO) // 8, 'far': FAR}


def signature_names():
    """The name of each value the program prints, in order (used by run.py)."""
    names = ['x%d/%s' % (i, ABI[i]) for i in range(32)]
    names += ['f%d' % i for i in range(32)]
    names += ['fcsr', 'mscratch', 'mstatus', 'trap_count']
    for i in range(8):
        names += ['trap[%d].%s' % (i, f) for f in ('mcause', 'mepc', 'mtval', 'mstatus')]
    names += ['chk buf[tp%+d..]' % (BUF_LO + 256 * i) for i in range(NCHUNK)]
    names += ['chk far[tp+0x100000%+d..]' % (BUF_LO + 256 * i) for i in range(NCHUNK)]
    assert len(names) == NSIG
    return names


def generate(seed, items=None, qemu72=False, dump_mem=False, stop_after=None):
    return Gen(seed, items=items, qemu72=qemu72, dump_mem=dump_mem,
               stop_after=stop_after).generate()


def main():
    ap = argparse.ArgumentParser(description='Generate one random riscv64 difftest program.')
    ap.add_argument('seed', type=int)
    ap.add_argument('-o', '--output', help='output file (default: stdout)')
    ap.add_argument('--items', type=int, default=DEFAULT_ITEMS,
                    help='top-level items (default %d)' % DEFAULT_ITEMS)
    ap.add_argument('--qemu72', action='store_true',
                    help='leave out Zicond and ctzw (for comparing with QEMU 7.2)')
    ap.add_argument('--dump-mem', action='store_true',
                    help='print the data regions after the signature')
    ap.add_argument('--stop-after', type=int, metavar='K',
                    help='jump to the signature after K top-level items (to bisect a mismatch)')
    a = ap.parse_args()
    text = generate(a.seed, a.items, a.qemu72, a.dump_mem, a.stop_after)
    if a.output:
        with open(a.output, 'w') as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == '__main__':
    main()

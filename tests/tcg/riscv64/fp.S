/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fp: F and D arithmetic in all rounding modes, invalid rm, fflags, NaN boxing and canonical NaNs, min/max, compares, fclass, conversions, fsgnj, moves, mstatus.FS. */
#include "common.h"

#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01

/* Operands are 64-bit patterns moved in with fmv.d.x (single values must be NaN-boxed). */

/* Case \n: "\op f0, f1, f2[, \rm]" gives the pattern \res and fflags \fl. */
.macro FOP2 n, op, rm, a, b, res, fl
    li a1, \a
    fmv.d.x f1, a1
    li a2, \b
    fmv.d.x f2, a2
    csrwi fflags, 0
    \op f0, f1, f2, \rm
    CHECK_F \n, f0, \res
    CHECK_CSR \n, fflags, \fl
.endm

/* Case \n: "\op f0, f1[, \rm]" (rm "none": no operand) gives \res and fflags \fl. */
.macro FOP1 n, op, rm, a, res, fl
    li a1, \a
    fmv.d.x f1, a1
    csrwi fflags, 0
    .ifc \rm, none
    \op f0, f1
    .else
    \op f0, f1, \rm
    .endif
    CHECK_F \n, f0, \res
    CHECK_CSR \n, fflags, \fl
.endm

/* Case \n: "\op f0, f1, f2, f3, \rm" gives \res and fflags \fl. */
.macro FOP3 n, op, rm, a, b, c, res, fl
    li a1, \a
    fmv.d.x f1, a1
    li a2, \b
    fmv.d.x f2, a2
    li a3, \c
    fmv.d.x f3, a3
    csrwi fflags, 0
    \op f0, f1, f2, f3, \rm
    CHECK_F \n, f0, \res
    CHECK_CSR \n, fflags, \fl
.endm

/* Case \n: "\op f0, f1, f2" (no rounding mode) gives \res and fflags \fl. */
.macro FOPN n, op, a, b, res, fl
    li a1, \a
    fmv.d.x f1, a1
    li a2, \b
    fmv.d.x f2, a2
    csrwi fflags, 0
    \op f0, f1, f2
    CHECK_F \n, f0, \res
    CHECK_CSR \n, fflags, \fl
.endm

/* Case \n: "\op a0, f1, f2" gives the integer \res and fflags \fl. */
.macro FCMP n, op, a, b, res, fl
    li a1, \a
    fmv.d.x f1, a1
    li a2, \b
    fmv.d.x f2, a2
    csrwi fflags, 0
    \op a0, f1, f2
    CHECK \n, a0, \res
    CHECK_CSR \n, fflags, \fl
.endm

/* Case \n: "\op a0, f1" gives the class mask \res and no flags. */
.macro FCLASS n, op, a, res
    li a1, \a
    fmv.d.x f1, a1
    csrwi fflags, 0
    \op a0, f1
    CHECK \n, a0, \res
    CHECK_CSR \n, fflags, 0
.endm

/* Case \n: "\op a0, f1, \rm" gives the integer \res and fflags \fl. */
.macro FCVT_TO_INT n, op, rm, a, res, fl
    li a1, \a
    fmv.d.x f1, a1
    csrwi fflags, 0
    \op a0, f1, \rm
    CHECK \n, a0, \res
    CHECK_CSR \n, fflags, \fl
.endm

/* Case \n: "\op f0, a1[, \rm]" with a1 = \x gives \res and fflags \fl. */
.macro FCVT_FROM_INT n, op, rm, x, res, fl
    li a1, \x
    csrwi fflags, 0
    .ifc \rm, none
    \op f0, a1
    .else
    \op f0, a1, \rm
    .endif
    CHECK_F \n, f0, \res
    CHECK_CSR \n, fflags, \fl
.endm

/* Case \n: "\insn" raises an illegal instruction trap with mtval = its encoding. */
.macro TEST_ILLEGAL n, insn:vararg
    TRAP_RESET
    EXPECT_TRAP
.Lill\@:
    \insn
    la t5, .Lill\@
    lwu t5, 0(t5)
    CHECK_MEM \n, trap_count, 1
    CHECK_MEM \n, trap_cause, CAUSE_ILLEGAL_INSN
    la t6, trap_tval
    ld s10, 0(t6)
    CHECK_REG \n, s10, t5
    la t6, trap_epc
    ld s10, 0(t6)
    CHECK_LABEL \n, s10, .Lill\@
.endm

/* Case \n: "\insn" does not trap. */
.macro TEST_NO_TRAP n, insn:vararg
    TRAP_RESET
    \insn
    CHECK_NO_TRAP \n
.endm

/* mstatus.FS = \fs (clobbers t0). */
.macro SET_FS fs
    li t0, MSTATUS_FS
    csrc mstatus, t0
    li t0, \fs
    csrs mstatus, t0
.endm

/* Case \n: mstatus.FS must be \fs, and mstatus.SD set exactly when FS is Dirty. */
.macro CHECK_FS n, fs
    csrr t5, mstatus
    li t6, MSTATUS_FS
    and s10, t5, t6
    li s11, \n
    li t6, \fs
    beq s10, t6, .Lfs_ok\@
    j test_fail
.Lfs_ok\@:
    srli s10, t5, 63
    li t6, (\fs == MSTATUS_FS_DIRTY) & 1
    beq s10, t6, .Lsd_ok\@
    j test_fail
.Lsd_ok\@:
.endm

/* Instruction words with a reserved static rounding mode (5, 6) or rm = dyn (7). */
#define R_FP(f7, rs2, rs1, rm, rd) (((f7) << 25) | ((rs2) << 20) | ((rs1) << 15) | ((rm) << 12) | ((rd) << 7) | 0x53)
#define R_FMADD(fmt, rs3, rs2, rs1, rm, rd) (((rs3) << 27) | ((fmt) << 25) | ((rs2) << 20) | ((rs1) << 15) | ((rm) << 12) | ((rd) << 7) | 0x43)

TEST_BEGIN fp
    TRAP_RESET

    /* ---- mstatus.FS = Off (the reset value): every F/D instruction and FP CSR is illegal ---- */
    csrr a0, mstatus
    li t0, MSTATUS_FS
    and a0, a0, t0
    CHECK 1, a0, 0
    TEST_ILLEGAL 2, fadd.s f0, f1, f2
    TEST_ILLEGAL 3, fadd.d f0, f1, f2, rne
    TEST_ILLEGAL 4, flw f0, 0(sp)
    TEST_ILLEGAL 5, fsd f0, 0(sp)
    TEST_ILLEGAL 6, fmv.x.w a0, f0
    TEST_ILLEGAL 7, fmv.d.x f0, a0
    TEST_ILLEGAL 8, fcvt.s.w f0, a0
    TEST_ILLEGAL 9, fclass.d a0, f0
    TEST_ILLEGAL 10, feq.s a0, f0, f1
    TEST_ILLEGAL 11, fsgnj.d f0, f1, f2
    TEST_ILLEGAL 12, fmadd.d f0, f1, f2, f3
    TEST_ILLEGAL 13, csrr a0, fflags
    TEST_ILLEGAL 14, csrw frm, a0
    TEST_ILLEGAL 15, csrr a0, fcsr

    /* ---- FS tracking: Initial/Clean become Dirty when FP state is written; SD = (FS == Dirty) ---- */
    SET_FS MSTATUS_FS_INITIAL
    CHECK_FS 16, MSTATUS_FS_INITIAL
    fadd.s f0, f1, f2
    CHECK_FS 17, MSTATUS_FS_DIRTY
    csrr a0, sstatus
    srli a1, a0, 63
    CHECK 18, a1, 1                 # sstatus.SD
    srli a1, a0, 13
    andi a1, a1, 3
    CHECK 19, a1, 3                 # sstatus.FS
    SET_FS MSTATUS_FS_CLEAN
    CHECK_FS 20, MSTATUS_FS_CLEAN
    fmv.x.d a0, f0                  # reads FP state only
    CHECK_FS 21, MSTATUS_FS_CLEAN
    la a1, fbuf
    fsd f0, 0(a1)
    CHECK_FS 22, MSTATUS_FS_CLEAN
    fclass.d a0, f0
    CHECK_FS 23, MSTATUS_FS_CLEAN
    csrr a0, fcsr
    CHECK_FS 24, MSTATUS_FS_CLEAN
    fld f1, 0(a1)
    CHECK_FS 25, MSTATUS_FS_DIRTY
    SET_FS MSTATUS_FS_CLEAN
    fmv.w.x f1, a0
    CHECK_FS 26, MSTATUS_FS_DIRTY
    SET_FS MSTATUS_FS_CLEAN
    fmv.d f2, f1
    CHECK_FS 27, MSTATUS_FS_DIRTY
    SET_FS MSTATUS_FS_CLEAN
    csrw fflags, zero
    CHECK_FS 28, MSTATUS_FS_DIRTY
    SET_FS MSTATUS_FS_CLEAN
    fsrmi 0
    CHECK_FS 29, MSTATUS_FS_DIRTY
    SET_FS MSTATUS_FS_CLEAN
    fcvt.d.l f3, a0
    CHECK_FS 30, MSTATUS_FS_DIRTY
    li a1, 0x0123456789abcdef       # registers keep their value while FS = Off
    fmv.d.x f7, a1
    SET_FS 0
    SET_FS MSTATUS_FS_INITIAL
    fmv.x.d a0, f7
    CHECK 31, a0, 0x0123456789abcdef
    SET_FS MSTATUS_FS_DIRTY

    /* ---- fcsr = frm[7:5] | fflags[4:0] ---- */
    li a1, 0xff
    csrw fcsr, a1
    CHECK_CSR 32, frm, 7
    CHECK_CSR 33, fflags, 0x1f
    li a1, -1
    csrw fcsr, a1
    CHECK_CSR 34, fcsr, 0xff
    csrw fcsr, zero
    li a1, -1
    csrw fflags, a1
    CHECK_CSR 35, fflags, 0x1f
    CHECK_CSR 36, fcsr, 0x1f
    li a1, -1
    csrw frm, a1
    CHECK_CSR 37, frm, 7
    CHECK_CSR 38, fcsr, 0xff
    csrrw a0, fflags, zero
    CHECK 39, a0, 0x1f
    CHECK_CSR 40, fcsr, 0xe0
    li a1, 2
    fsrm a0, a1                     # swap frm
    CHECK 41, a0, 7
    CHECK_CSR 42, frm, 2
    li a1, NV|NX
    fsflags a0, a1                  # swap fflags
    CHECK 43, a0, 0
    CHECK_CSR 44, fcsr, 0x51
    csrsi fflags, DZ
    csrci fflags, NX
    CHECK_CSR 45, fflags, NV|DZ
    fsrmi a0, 4
    CHECK 46, a0, 2
    CHECK_CSR 47, fcsr, 0x98
    csrw fcsr, zero

    /* ---- fflags accrue: set bits stay set ---- */
    li a1, 0x3f800000
    fmv.w.x f1, a1
    fmv.w.x f2, zero
    li a1, 0x40400000
    fmv.w.x f3, a1
    fdiv.s f0, f1, f2               # DZ
    CHECK_CSR 48, fflags, DZ
    fdiv.s f0, f1, f3               # NX
    CHECK_CSR 49, fflags, DZ|NX
    fadd.s f0, f1, f1               # exact: nothing new, nothing cleared
    CHECK_CSR 50, fflags, DZ|NX
    fsqrt.s f0, f1
    feq.s a0, f0, f1
    CHECK_CSR 51, fflags, DZ|NX
    csrw fflags, zero

    /* ---- fadd / fsub: exact, ties in all five static rounding modes, signed zeros, specials ---- */
    FOP2 52, fadd.s, rne, 0xffffffff3f800000, 0xffffffff40000000, 0xffffffff40400000, 0
    FOP2 53, fadd.s, rne, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800000, NX
    FOP2 54, fadd.s, rtz, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800000, NX
    FOP2 55, fadd.s, rdn, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800000, NX
    FOP2 56, fadd.s, rup, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800001, NX
    FOP2 57, fadd.s, rmm, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800001, NX
    FOP2 58, fadd.s, rne, 0xffffffffbf800000, 0xffffffffb3800000, 0xffffffffbf800000, NX
    FOP2 59, fadd.s, rtz, 0xffffffffbf800000, 0xffffffffb3800000, 0xffffffffbf800000, NX
    FOP2 60, fadd.s, rdn, 0xffffffffbf800000, 0xffffffffb3800000, 0xffffffffbf800001, NX
    FOP2 61, fadd.s, rup, 0xffffffffbf800000, 0xffffffffb3800000, 0xffffffffbf800000, NX
    FOP2 62, fadd.s, rmm, 0xffffffffbf800000, 0xffffffffb3800000, 0xffffffffbf800001, NX
    FOP2 63, fadd.s, rne, 0xffffffff40400000, 0xffffffff33800001, 0xffffffff40400000, NX
    FOP2 64, fadd.s, rtz, 0xffffffff40400000, 0xffffffff33800001, 0xffffffff40400000, NX
    FOP2 65, fadd.s, rdn, 0xffffffff40400000, 0xffffffff33800001, 0xffffffff40400000, NX
    FOP2 66, fadd.s, rup, 0xffffffff40400000, 0xffffffff33800001, 0xffffffff40400001, NX
    FOP2 67, fadd.s, rmm, 0xffffffff40400000, 0xffffffff33800001, 0xffffffff40400000, NX
    FOP2 68, fadd.s, rne, 0xffffffff3f800000, 0xffffffffbf800000, 0xffffffff00000000, 0
    FOP2 69, fadd.s, rdn, 0xffffffff3f800000, 0xffffffffbf800000, 0xffffffff80000000, 0
    FOP2 70, fadd.s, rne, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0
    FOP2 71, fadd.s, rne, 0xffffffff00000000, 0xffffffff80000000, 0xffffffff00000000, 0
    FOP2 72, fadd.s, rdn, 0xffffffff00000000, 0xffffffff80000000, 0xffffffff80000000, 0
    FOP2 73, fadd.s, rne, 0xffffffff7f800000, 0xffffffffff800000, 0xffffffff7fc00000, NV
    FOP2 74, fadd.s, rne, 0xffffffff7f800000, 0xffffffff3f800000, 0xffffffff7f800000, 0
    FOP2 75, fadd.s, rne, 0xffffffff7fc00000, 0xffffffff3f800000, 0xffffffff7fc00000, 0
    FOP2 76, fadd.s, rne, 0xffffffff3f800000, 0xffffffff7f800001, 0xffffffff7fc00000, NV
    FOP2 77, fadd.s, rne, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff7f800000, OF|NX
    FOP2 78, fadd.s, rtz, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff7f7fffff, OF|NX
    FOP2 79, fadd.s, rdn, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff7f7fffff, OF|NX
    FOP2 80, fadd.s, rup, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff7f800000, OF|NX
    FOP2 81, fadd.s, rmm, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff7f800000, OF|NX
    FOP2 82, fadd.s, rne, 0xffffffffff7fffff, 0xffffffffff7fffff, 0xffffffffff800000, OF|NX
    FOP2 83, fadd.s, rtz, 0xffffffffff7fffff, 0xffffffffff7fffff, 0xffffffffff7fffff, OF|NX
    FOP2 84, fadd.s, rdn, 0xffffffffff7fffff, 0xffffffffff7fffff, 0xffffffffff800000, OF|NX
    FOP2 85, fadd.s, rup, 0xffffffffff7fffff, 0xffffffffff7fffff, 0xffffffffff7fffff, OF|NX
    FOP2 86, fadd.s, rmm, 0xffffffffff7fffff, 0xffffffffff7fffff, 0xffffffffff800000, OF|NX
    FOP2 87, fadd.s, rne, 0xffffffff00000001, 0xffffffff00000001, 0xffffffff00000002, 0
    FOP2 88, fsub.s, rne, 0xffffffff40400000, 0xffffffff3f800000, 0xffffffff40000000, 0
    FOP2 89, fsub.s, rne, 0xffffffff40000000, 0xffffffff40000000, 0xffffffff00000000, 0
    FOP2 90, fsub.s, rdn, 0xffffffff40000000, 0xffffffff40000000, 0xffffffff80000000, 0
    FOP2 91, fsub.s, rne, 0xffffffff7f800000, 0xffffffff7f800000, 0xffffffff7fc00000, NV
    FOP2 92, fsub.s, rne, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0
    FOP2 93, fsub.s, rne, 0xffffffff3f800000, 0xffffffff33800001, 0xffffffff3f7fffff, NX
    FOP2 94, fsub.s, rtz, 0xffffffff3f800000, 0xffffffff33800001, 0xffffffff3f7ffffe, NX
    FOP2 95, fsub.s, rdn, 0xffffffff3f800000, 0xffffffff33800001, 0xffffffff3f7ffffe, NX
    FOP2 96, fsub.s, rup, 0xffffffff3f800000, 0xffffffff33800001, 0xffffffff3f7fffff, NX
    FOP2 97, fsub.s, rmm, 0xffffffff3f800000, 0xffffffff33800001, 0xffffffff3f7fffff, NX
    FOP2 98, fadd.d, rne, 0x3ff0000000000000, 0x4000000000000000, 0x4008000000000000, 0
    FOP2 99, fadd.d, rne, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000000, NX
    FOP2 100, fadd.d, rtz, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000000, NX
    FOP2 101, fadd.d, rdn, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000000, NX
    FOP2 102, fadd.d, rup, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000001, NX
    FOP2 103, fadd.d, rmm, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000001, NX
    FOP2 104, fadd.d, rne, 0xbff0000000000000, 0xbca0000000000000, 0xbff0000000000000, NX
    FOP2 105, fadd.d, rtz, 0xbff0000000000000, 0xbca0000000000000, 0xbff0000000000000, NX
    FOP2 106, fadd.d, rdn, 0xbff0000000000000, 0xbca0000000000000, 0xbff0000000000001, NX
    FOP2 107, fadd.d, rup, 0xbff0000000000000, 0xbca0000000000000, 0xbff0000000000000, NX
    FOP2 108, fadd.d, rmm, 0xbff0000000000000, 0xbca0000000000000, 0xbff0000000000001, NX
    FOP2 109, fadd.d, rne, 0x4008000000000000, 0x3ca0000000000001, 0x4008000000000000, NX
    FOP2 110, fadd.d, rtz, 0x4008000000000000, 0x3ca0000000000001, 0x4008000000000000, NX
    FOP2 111, fadd.d, rdn, 0x4008000000000000, 0x3ca0000000000001, 0x4008000000000000, NX
    FOP2 112, fadd.d, rup, 0x4008000000000000, 0x3ca0000000000001, 0x4008000000000001, NX
    FOP2 113, fadd.d, rmm, 0x4008000000000000, 0x3ca0000000000001, 0x4008000000000000, NX
    FOP2 114, fadd.d, rne, 0x3ff0000000000000, 0xbff0000000000000, 0x0, 0
    FOP2 115, fadd.d, rdn, 0x3ff0000000000000, 0xbff0000000000000, 0x8000000000000000, 0
    FOP2 116, fadd.d, rne, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0
    FOP2 117, fadd.d, rne, 0x0, 0x8000000000000000, 0x0, 0
    FOP2 118, fadd.d, rdn, 0x0, 0x8000000000000000, 0x8000000000000000, 0
    FOP2 119, fadd.d, rne, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, NV
    FOP2 120, fadd.d, rne, 0x7ff0000000000000, 0x3ff0000000000000, 0x7ff0000000000000, 0
    FOP2 121, fadd.d, rne, 0x7ff8000000000000, 0x3ff0000000000000, 0x7ff8000000000000, 0
    FOP2 122, fadd.d, rne, 0x3ff0000000000000, 0x7ff0000000000001, 0x7ff8000000000000, NV
    FOP2 123, fadd.d, rne, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7ff0000000000000, OF|NX
    FOP2 124, fadd.d, rtz, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7fefffffffffffff, OF|NX
    FOP2 125, fadd.d, rdn, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7fefffffffffffff, OF|NX
    FOP2 126, fadd.d, rup, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7ff0000000000000, OF|NX
    FOP2 127, fadd.d, rmm, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7ff0000000000000, OF|NX
    FOP2 128, fadd.d, rne, 0xffefffffffffffff, 0xffefffffffffffff, 0xfff0000000000000, OF|NX
    FOP2 129, fadd.d, rtz, 0xffefffffffffffff, 0xffefffffffffffff, 0xffefffffffffffff, OF|NX
    FOP2 130, fadd.d, rdn, 0xffefffffffffffff, 0xffefffffffffffff, 0xfff0000000000000, OF|NX
    FOP2 131, fadd.d, rup, 0xffefffffffffffff, 0xffefffffffffffff, 0xffefffffffffffff, OF|NX
    FOP2 132, fadd.d, rmm, 0xffefffffffffffff, 0xffefffffffffffff, 0xfff0000000000000, OF|NX
    FOP2 133, fadd.d, rne, 0x1, 0x1, 0x2, 0
    FOP2 134, fsub.d, rne, 0x4008000000000000, 0x3ff0000000000000, 0x4000000000000000, 0
    FOP2 135, fsub.d, rne, 0x4000000000000000, 0x4000000000000000, 0x0, 0
    FOP2 136, fsub.d, rdn, 0x4000000000000000, 0x4000000000000000, 0x8000000000000000, 0
    FOP2 137, fsub.d, rne, 0x7ff0000000000000, 0x7ff0000000000000, 0x7ff8000000000000, NV
    FOP2 138, fsub.d, rne, 0x0, 0x0, 0x0, 0
    FOP2 139, fsub.d, rne, 0x3ff0000000000000, 0x3ca0000000000001, 0x3fefffffffffffff, NX
    FOP2 140, fsub.d, rtz, 0x3ff0000000000000, 0x3ca0000000000001, 0x3feffffffffffffe, NX
    FOP2 141, fsub.d, rdn, 0x3ff0000000000000, 0x3ca0000000000001, 0x3feffffffffffffe, NX
    FOP2 142, fsub.d, rup, 0x3ff0000000000000, 0x3ca0000000000001, 0x3fefffffffffffff, NX
    FOP2 143, fsub.d, rmm, 0x3ff0000000000000, 0x3ca0000000000001, 0x3fefffffffffffff, NX

    /* ---- fmul: rounding, overflow, underflow (tininess after rounding), specials ---- */
    FOP2 144, fmul.s, rne, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff401ae148, NX
    FOP2 145, fmul.s, rtz, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff401ae148, NX
    FOP2 146, fmul.s, rdn, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff401ae148, NX
    FOP2 147, fmul.s, rup, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff401ae149, NX
    FOP2 148, fmul.s, rmm, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff401ae148, NX
    FOP2 149, fmul.s, rne, 0xffffffffbf8ccccd, 0xffffffff400ccccd, 0xffffffffc01ae148, NX
    FOP2 150, fmul.s, rtz, 0xffffffffbf8ccccd, 0xffffffff400ccccd, 0xffffffffc01ae148, NX
    FOP2 151, fmul.s, rdn, 0xffffffffbf8ccccd, 0xffffffff400ccccd, 0xffffffffc01ae149, NX
    FOP2 152, fmul.s, rup, 0xffffffffbf8ccccd, 0xffffffff400ccccd, 0xffffffffc01ae148, NX
    FOP2 153, fmul.s, rmm, 0xffffffffbf8ccccd, 0xffffffff400ccccd, 0xffffffffc01ae148, NX
    FOP2 154, fmul.d, rne, 0x3ff199999999999a, 0x400199999999999a, 0x40035c28f5c28f5d, NX
    FOP2 155, fmul.d, rtz, 0x3ff199999999999a, 0x400199999999999a, 0x40035c28f5c28f5d, NX
    FOP2 156, fmul.d, rdn, 0x3ff199999999999a, 0x400199999999999a, 0x40035c28f5c28f5d, NX
    FOP2 157, fmul.d, rup, 0x3ff199999999999a, 0x400199999999999a, 0x40035c28f5c28f5e, NX
    FOP2 158, fmul.d, rmm, 0x3ff199999999999a, 0x400199999999999a, 0x40035c28f5c28f5d, NX
    FOP2 159, fmul.d, rne, 0xbff199999999999a, 0x400199999999999a, 0xc0035c28f5c28f5d, NX
    FOP2 160, fmul.d, rtz, 0xbff199999999999a, 0x400199999999999a, 0xc0035c28f5c28f5d, NX
    FOP2 161, fmul.d, rdn, 0xbff199999999999a, 0x400199999999999a, 0xc0035c28f5c28f5e, NX
    FOP2 162, fmul.d, rup, 0xbff199999999999a, 0x400199999999999a, 0xc0035c28f5c28f5d, NX
    FOP2 163, fmul.d, rmm, 0xbff199999999999a, 0x400199999999999a, 0xc0035c28f5c28f5d, NX
    FOP2 164, fmul.s, rne, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff7f800000, OF|NX
    FOP2 165, fmul.s, rtz, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff7f7fffff, OF|NX
    FOP2 166, fmul.s, rdn, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff7f7fffff, OF|NX
    FOP2 167, fmul.s, rup, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff7f800000, OF|NX
    FOP2 168, fmul.s, rmm, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff7f800000, OF|NX
    FOP2 169, fmul.d, rne, 0xffefffffffffffff, 0x4000000000000000, 0xfff0000000000000, OF|NX
    FOP2 170, fmul.d, rtz, 0xffefffffffffffff, 0x4000000000000000, 0xffefffffffffffff, OF|NX
    FOP2 171, fmul.d, rdn, 0xffefffffffffffff, 0x4000000000000000, 0xfff0000000000000, OF|NX
    FOP2 172, fmul.d, rup, 0xffefffffffffffff, 0x4000000000000000, 0xffefffffffffffff, OF|NX
    FOP2 173, fmul.d, rmm, 0xffefffffffffffff, 0x4000000000000000, 0xfff0000000000000, OF|NX
    FOP2 174, fmul.s, rne, 0xffffffff00800000, 0xffffffff3f000000, 0xffffffff00400000, 0
    FOP2 175, fmul.s, rne, 0xffffffff00800001, 0xffffffff3f000000, 0xffffffff00400000, UF|NX
    FOP2 176, fmul.s, rne, 0xffffffff00800001, 0xffffffff3f7ffffe, 0xffffffff00800000, NX
    FOP2 177, fmul.s, rtz, 0xffffffff00800001, 0xffffffff3f7ffffe, 0xffffffff007fffff, UF|NX
    FOP2 178, fmul.s, rdn, 0xffffffff00800001, 0xffffffff3f7ffffe, 0xffffffff007fffff, UF|NX
    FOP2 179, fmul.s, rup, 0xffffffff00800001, 0xffffffff3f7ffffe, 0xffffffff00800000, NX
    FOP2 180, fmul.s, rmm, 0xffffffff00800001, 0xffffffff3f7ffffe, 0xffffffff00800000, NX
    FOP2 181, fmul.d, rne, 0x1, 0x3fe0000000000000, 0x0, UF|NX
    FOP2 182, fmul.d, rne, 0x1, 0x3fe8000000000000, 0x1, UF|NX
    FOP2 183, fmul.d, rtz, 0x1, 0x3fe8000000000000, 0x0, UF|NX
    FOP2 184, fmul.d, rdn, 0x1, 0x3fe8000000000000, 0x0, UF|NX
    FOP2 185, fmul.d, rup, 0x1, 0x3fe8000000000000, 0x1, UF|NX
    FOP2 186, fmul.d, rmm, 0x1, 0x3fe8000000000000, 0x1, UF|NX
    FOP2 187, fmul.s, rne, 0xffffffff7f800000, 0xffffffff00000000, 0xffffffff7fc00000, NV
    FOP2 188, fmul.d, rne, 0x0, 0xfff0000000000000, 0x7ff8000000000000, NV
    FOP2 189, fmul.s, rne, 0xffffffff80000000, 0xffffffff40400000, 0xffffffff80000000, 0
    FOP2 190, fmul.d, rne, 0xc000000000000000, 0x8000000000000000, 0x0, 0
    FOP2 191, fmul.s, rne, 0xffffffff7f800001, 0xffffffff40000000, 0xffffffff7fc00000, NV

    /* ---- fdiv: 1/3 and -1/3 in every mode, divide by zero, invalid ---- */
    FOP2 192, fdiv.s, rne, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, NX
    FOP2 193, fdiv.s, rtz, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaaa, NX
    FOP2 194, fdiv.s, rdn, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaaa, NX
    FOP2 195, fdiv.s, rup, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, NX
    FOP2 196, fdiv.s, rmm, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, NX
    FOP2 197, fdiv.s, rne, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaab, NX
    FOP2 198, fdiv.s, rtz, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaaa, NX
    FOP2 199, fdiv.s, rdn, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaab, NX
    FOP2 200, fdiv.s, rup, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaaa, NX
    FOP2 201, fdiv.s, rmm, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaab, NX
    FOP2 202, fdiv.d, rne, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, NX
    FOP2 203, fdiv.d, rtz, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, NX
    FOP2 204, fdiv.d, rdn, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, NX
    FOP2 205, fdiv.d, rup, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555556, NX
    FOP2 206, fdiv.d, rmm, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, NX
    FOP2 207, fdiv.d, rne, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, NX
    FOP2 208, fdiv.d, rtz, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, NX
    FOP2 209, fdiv.d, rdn, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555556, NX
    FOP2 210, fdiv.d, rup, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, NX
    FOP2 211, fdiv.d, rmm, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, NX
    FOP2 212, fdiv.s, rne, 0xffffffff40c00000, 0xffffffff40400000, 0xffffffff40000000, 0
    FOP2 213, fdiv.s, rne, 0xffffffff3f800000, 0xffffffff00000000, 0xffffffff7f800000, DZ
    FOP2 214, fdiv.s, rne, 0xffffffffbf800000, 0xffffffff00000000, 0xffffffffff800000, DZ
    FOP2 215, fdiv.d, rne, 0x3ff0000000000000, 0x8000000000000000, 0xfff0000000000000, DZ
    FOP2 216, fdiv.d, rne, 0x0, 0x0, 0x7ff8000000000000, NV
    FOP2 217, fdiv.s, rne, 0xffffffff7f800000, 0xffffffffff800000, 0xffffffff7fc00000, NV
    FOP2 218, fdiv.d, rne, 0x4008000000000000, 0x7ff0000000000000, 0x0, 0
    FOP2 219, fdiv.s, rne, 0xffffffff7f800000, 0xffffffff00000000, 0xffffffff7f800000, 0
    FOP2 220, fdiv.s, rne, 0xffffffff7f7fffff, 0xffffffff3f000000, 0xffffffff7f800000, OF|NX
    FOP2 221, fdiv.s, rup, 0xffffffff7f7fffff, 0xffffffff3f000000, 0xffffffff7f800000, OF|NX
    FOP2 222, fdiv.d, rne, 0x1, 0x4008000000000000, 0x0, UF|NX
    FOP2 223, fdiv.d, rup, 0x1, 0x4008000000000000, 0x1, UF|NX
    FOP2 224, fdiv.d, rdn, 0x1, 0x4008000000000000, 0x0, UF|NX

    /* ---- fsqrt ---- */
    FOP1 225, fsqrt.s, rne, 0xffffffff40000000, 0xffffffff3fb504f3, NX
    FOP1 226, fsqrt.s, rtz, 0xffffffff40000000, 0xffffffff3fb504f3, NX
    FOP1 227, fsqrt.s, rdn, 0xffffffff40000000, 0xffffffff3fb504f3, NX
    FOP1 228, fsqrt.s, rup, 0xffffffff40000000, 0xffffffff3fb504f4, NX
    FOP1 229, fsqrt.s, rmm, 0xffffffff40000000, 0xffffffff3fb504f3, NX
    FOP1 230, fsqrt.d, rne, 0x4000000000000000, 0x3ff6a09e667f3bcd, NX
    FOP1 231, fsqrt.d, rtz, 0x4000000000000000, 0x3ff6a09e667f3bcc, NX
    FOP1 232, fsqrt.d, rdn, 0x4000000000000000, 0x3ff6a09e667f3bcc, NX
    FOP1 233, fsqrt.d, rup, 0x4000000000000000, 0x3ff6a09e667f3bcd, NX
    FOP1 234, fsqrt.d, rmm, 0x4000000000000000, 0x3ff6a09e667f3bcd, NX
    FOP1 235, fsqrt.s, rne, 0xffffffff40800000, 0xffffffff40000000, 0
    FOP1 236, fsqrt.d, rne, 0x3fd0000000000000, 0x3fe0000000000000, 0
    FOP1 237, fsqrt.s, rne, 0xffffffff80000000, 0xffffffff80000000, 0
    FOP1 238, fsqrt.d, rne, 0x8000000000000000, 0x8000000000000000, 0
    FOP1 239, fsqrt.s, rne, 0xffffffffbf800000, 0xffffffff7fc00000, NV
    FOP1 240, fsqrt.d, rne, 0xfff0000000000000, 0x7ff8000000000000, NV
    FOP1 241, fsqrt.s, rne, 0xffffffff7f800000, 0xffffffff7f800000, 0
    FOP1 242, fsqrt.d, rne, 0x7ff0000000000001, 0x7ff8000000000000, NV
    FOP1 243, fsqrt.s, rne, 0xffffffff00000001, 0xffffffff1a3504f3, NX
    FOP1 244, fsqrt.d, rne, 0x1, 0x1e60000000000000, 0

    /* ---- fused multiply-add family: a single rounding, signs, invalid 0*inf even with a quiet NaN addend ---- */
    FOP3 245, fmadd.s, rne, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffffbf800000, 0xffffffffa8800000, 0
    FOP3 246, fmsub.s, rne, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffff3f800000, 0xffffffffa8800000, 0
    FOP3 247, fnmsub.s, rne, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffff3f800000, 0xffffffff28800000, 0
    FOP3 248, fnmadd.s, rne, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffffbf800000, 0xffffffff28800000, 0
    FOP3 249, fmadd.d, rne, 0x3ff0000000000001, 0x3feffffffffffffe, 0xbff0000000000000, 0xb970000000000000, 0
    FOP3 250, fmsub.d, rne, 0x3ff0000000000001, 0x3feffffffffffffe, 0x3ff0000000000000, 0xb970000000000000, 0
    FOP3 251, fnmsub.d, rne, 0x3ff0000000000001, 0x3feffffffffffffe, 0x3ff0000000000000, 0x3970000000000000, 0
    FOP3 252, fnmadd.d, rne, 0x3ff0000000000001, 0x3feffffffffffffe, 0xbff0000000000000, 0x3970000000000000, 0
    FOP3 253, fmadd.s, rne, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f800000, 0xffffffff40e00000, 0
    FOP3 254, fmsub.s, rne, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f800000, 0xffffffff40a00000, 0
    FOP3 255, fnmsub.s, rne, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f800000, 0xffffffffc0a00000, 0
    FOP3 256, fnmadd.s, rne, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f800000, 0xffffffffc0e00000, 0
    FOP3 257, fmadd.d, rne, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000, 0x401c000000000000, 0
    FOP3 258, fmsub.d, rne, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000, 0x4014000000000000, 0
    FOP3 259, fnmsub.d, rne, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000, 0xc014000000000000, 0
    FOP3 260, fnmadd.d, rne, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000, 0xc01c000000000000, 0
    FOP3 261, fmadd.s, rne, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffff401b851f, NX
    FOP3 262, fmadd.s, rtz, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffff401b851f, NX
    FOP3 263, fmadd.s, rdn, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffff401b851f, NX
    FOP3 264, fmadd.s, rup, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffff401b8520, NX
    FOP3 265, fmadd.s, rmm, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffff401b851f, NX
    FOP3 266, fnmadd.s, rne, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffffc01b851f, NX
    FOP3 267, fnmadd.s, rtz, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffffc01b851f, NX
    FOP3 268, fnmadd.s, rdn, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffffc01b8520, NX
    FOP3 269, fnmadd.s, rup, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffffc01b851f, NX
    FOP3 270, fnmadd.s, rmm, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffffc01b851f, NX
    FOP3 271, fmadd.d, rne, 0x3ff199999999999a, 0x400199999999999a, 0xbf847ae147ae147b, 0x400347ae147ae149, NX
    FOP3 272, fmadd.d, rtz, 0x3ff199999999999a, 0x400199999999999a, 0xbf847ae147ae147b, 0x400347ae147ae148, NX
    FOP3 273, fmadd.d, rdn, 0x3ff199999999999a, 0x400199999999999a, 0xbf847ae147ae147b, 0x400347ae147ae148, NX
    FOP3 274, fmadd.d, rup, 0x3ff199999999999a, 0x400199999999999a, 0xbf847ae147ae147b, 0x400347ae147ae149, NX
    FOP3 275, fmadd.d, rmm, 0x3ff199999999999a, 0x400199999999999a, 0xbf847ae147ae147b, 0x400347ae147ae149, NX
    FOP3 276, fnmadd.d, rne, 0x3ff199999999999a, 0x400199999999999a, 0xbf847ae147ae147b, 0xc00347ae147ae149, NX
    FOP3 277, fnmadd.d, rtz, 0x3ff199999999999a, 0x400199999999999a, 0xbf847ae147ae147b, 0xc00347ae147ae148, NX
    FOP3 278, fnmadd.d, rdn, 0x3ff199999999999a, 0x400199999999999a, 0xbf847ae147ae147b, 0xc00347ae147ae149, NX
    FOP3 279, fnmadd.d, rup, 0x3ff199999999999a, 0x400199999999999a, 0xbf847ae147ae147b, 0xc00347ae147ae148, NX
    FOP3 280, fnmadd.d, rmm, 0x3ff199999999999a, 0x400199999999999a, 0xbf847ae147ae147b, 0xc00347ae147ae149, NX
    FOP3 281, fmadd.s, rne, 0xffffffff7f800000, 0xffffffff00000000, 0xffffffff7fc00000, 0xffffffff7fc00000, NV
    FOP3 282, fmadd.d, rne, 0x0, 0xfff0000000000000, 0x7ff8000000000000, 0x7ff8000000000000, NV
    FOP3 283, fmadd.s, rne, 0xffffffff7f800000, 0xffffffff3f800000, 0xffffffffff800000, 0xffffffff7fc00000, NV
    FOP3 284, fmsub.d, rne, 0x7ff0000000000000, 0x3ff0000000000000, 0x7ff0000000000000, 0x7ff8000000000000, NV
    FOP3 285, fmadd.s, rne, 0xffffffff3f800000, 0xffffffff40000000, 0xffffffff7f800001, 0xffffffff7fc00000, NV
    FOP3 286, fmadd.d, rne, 0x7ff8000000000000, 0x4000000000000000, 0x4008000000000000, 0x7ff8000000000000, 0
    FOP3 287, fmadd.s, rne, 0xffffffff00000000, 0xffffffff3f800000, 0xffffffff80000000, 0xffffffff00000000, 0
    FOP3 288, fmadd.s, rdn, 0xffffffff00000000, 0xffffffff3f800000, 0xffffffff80000000, 0xffffffff80000000, 0
    FOP3 289, fnmadd.s, rne, 0xffffffff00000000, 0xffffffff3f800000, 0xffffffff00000000, 0xffffffff80000000, 0
    FOP3 290, fnmsub.d, rne, 0x0, 0x3ff0000000000000, 0x0, 0x0, 0
    FOP3 291, fmadd.d, rne, 0x7fefffffffffffff, 0x4000000000000000, 0xffefffffffffffff, 0x7fefffffffffffff, 0
    FOP3 292, fmadd.s, rne, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff7f800000, OF|NX
    FOP3 293, fmadd.s, rtz, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff7f7fffff, OF|NX

    /* ---- NaN results are always the canonical NaN (sign and payload dropped) ---- */
    FOP2 294, fadd.s, rne, 0xffffffffffc12345, 0xffffffff3f800000, 0xffffffff7fc00000, 0
    FOP2 295, fmul.s, rne, 0xffffffff40000000, 0xffffffff7fc00001, 0xffffffff7fc00000, 0
    FOP2 296, fsub.s, rne, 0xffffffffff812345, 0xffffffff3f800000, 0xffffffff7fc00000, NV
    FOP2 297, fadd.d, rne, 0xfff8000000012345, 0x3ff0000000000000, 0x7ff8000000000000, 0
    FOP2 298, fdiv.d, rne, 0x3ff0000000000000, 0x7ff0000000000abc, 0x7ff8000000000000, NV
    FOP1 299, fsqrt.d, rne, 0xfff8000000000001, 0x7ff8000000000000, 0
    FOP3 300, fmadd.s, rne, 0xffffffff3f800000, 0xffffffff3f800000, 0xffffffffffc00005, 0xffffffff7fc00000, 0
    FOP3 301, fnmsub.d, rne, 0x3ff0000000000000, 0xfff4000000000000, 0x3ff0000000000000, 0x7ff8000000000000, NV


    /* ---- dynamic rounding mode (frm) for each mode ---- */
    fsrmi 0
    CHECK_CSR 302, frm, 0
    FOP2 303, fdiv.s, dyn, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, NX
    FOP2 304, fdiv.d, dyn, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, NX
    FOP2 305, fadd.s, dyn, 0xffffffffbf800000, 0xffffffffb3800000, 0xffffffffbf800000, NX
    FOP1 306, fsqrt.d, dyn, 0x4000000000000000, 0x3ff6a09e667f3bcd, NX
    FOP3 307, fmadd.s, dyn, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffff401b851f, NX
    FCVT_TO_INT 308, fcvt.w.s, dyn, 0xffffffffc0200000, 0xfffffffffffffffe, NX
    FOP1 309, fcvt.s.d, dyn, 0x3fd5555555555555, 0xffffffff3eaaaaab, NX
    fsrmi 1
    CHECK_CSR 310, frm, 1
    FOP2 311, fdiv.s, dyn, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaaa, NX
    FOP2 312, fdiv.d, dyn, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, NX
    FOP2 313, fadd.s, dyn, 0xffffffffbf800000, 0xffffffffb3800000, 0xffffffffbf800000, NX
    FOP1 314, fsqrt.d, dyn, 0x4000000000000000, 0x3ff6a09e667f3bcc, NX
    FOP3 315, fmadd.s, dyn, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffff401b851f, NX
    FCVT_TO_INT 316, fcvt.w.s, dyn, 0xffffffffc0200000, 0xfffffffffffffffe, NX
    FOP1 317, fcvt.s.d, dyn, 0x3fd5555555555555, 0xffffffff3eaaaaaa, NX
    fsrmi 2
    CHECK_CSR 318, frm, 2
    FOP2 319, fdiv.s, dyn, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaaa, NX
    FOP2 320, fdiv.d, dyn, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555556, NX
    FOP2 321, fadd.s, dyn, 0xffffffffbf800000, 0xffffffffb3800000, 0xffffffffbf800001, NX
    FOP1 322, fsqrt.d, dyn, 0x4000000000000000, 0x3ff6a09e667f3bcc, NX
    FOP3 323, fmadd.s, dyn, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffff401b851f, NX
    FCVT_TO_INT 324, fcvt.w.s, dyn, 0xffffffffc0200000, 0xfffffffffffffffd, NX
    FOP1 325, fcvt.s.d, dyn, 0x3fd5555555555555, 0xffffffff3eaaaaaa, NX
    fsrmi 3
    CHECK_CSR 326, frm, 3
    FOP2 327, fdiv.s, dyn, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, NX
    FOP2 328, fdiv.d, dyn, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, NX
    FOP2 329, fadd.s, dyn, 0xffffffffbf800000, 0xffffffffb3800000, 0xffffffffbf800000, NX
    FOP1 330, fsqrt.d, dyn, 0x4000000000000000, 0x3ff6a09e667f3bcd, NX
    FOP3 331, fmadd.s, dyn, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffff401b8520, NX
    FCVT_TO_INT 332, fcvt.w.s, dyn, 0xffffffffc0200000, 0xfffffffffffffffe, NX
    FOP1 333, fcvt.s.d, dyn, 0x3fd5555555555555, 0xffffffff3eaaaaab, NX
    fsrmi 4
    CHECK_CSR 334, frm, 4
    FOP2 335, fdiv.s, dyn, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, NX
    FOP2 336, fdiv.d, dyn, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, NX
    FOP2 337, fadd.s, dyn, 0xffffffffbf800000, 0xffffffffb3800000, 0xffffffffbf800001, NX
    FOP1 338, fsqrt.d, dyn, 0x4000000000000000, 0x3ff6a09e667f3bcd, NX
    FOP3 339, fmadd.s, dyn, 0xffffffff3f8ccccd, 0xffffffff400ccccd, 0xffffffff3c23d70a, 0xffffffff401b851f, NX
    FCVT_TO_INT 340, fcvt.w.s, dyn, 0xffffffffc0200000, 0xfffffffffffffffd, NX
    FOP1 341, fcvt.s.d, dyn, 0x3fd5555555555555, 0xffffffff3eaaaaab, NX
    fsrmi 0


    /* ---- reserved static rounding modes are illegal ---- */
    csrw fcsr, zero
    TEST_ILLEGAL 342, .word R_FP(0x00, 2, 1, 5, 0)        # fadd.s rm=5
    TEST_ILLEGAL 343, .word R_FP(0x00, 2, 1, 6, 0)        # fadd.s rm=6
    TEST_ILLEGAL 344, .word R_FP(0x01, 2, 1, 5, 0)        # fadd.d rm=5
    TEST_ILLEGAL 345, .word R_FP(0x09, 2, 1, 6, 0)        # fmul.d rm=6
    TEST_ILLEGAL 346, .word R_FP(0x2c, 0, 1, 5, 0)        # fsqrt.s rm=5
    TEST_ILLEGAL 347, .word R_FMADD(0, 3, 2, 1, 6, 0)     # fmadd.s rm=6
    TEST_ILLEGAL 348, .word R_FP(0x60, 0, 1, 5, 10)       # fcvt.w.s a0 rm=5
    TEST_ILLEGAL 349, .word R_FP(0x20, 1, 1, 6, 0)        # fcvt.s.d rm=6
    CHECK_CSR 350, fflags, 0

    /* ---- dynamic rounding with a reserved frm (5, 6, 7) is illegal; rd and fflags untouched ---- */
    li a1, 0x3f800000
    fmv.w.x f1, a1
    fmv.w.x f2, a1
    li a1, 0x1234
    fmv.d.x f0, a1
    fsrmi 5
    TEST_ILLEGAL 351, fadd.s f0, f1, f2, dyn
    fsrmi 6
    TEST_ILLEGAL 352, fdiv.d f0, f1, f2, dyn
    TEST_ILLEGAL 353, fcvt.w.s a0, f1, dyn
    fsrmi 7
    TEST_ILLEGAL 354, fmadd.d f0, f1, f2, f3, dyn
    TEST_ILLEGAL 355, fsqrt.d f0, f1, dyn
    CHECK_F 356, f0, 0x1234
    CHECK_CSR 357, fflags, 0
    /* instructions without a rounding mode do not care */
    TEST_NO_TRAP 358, fsgnj.s f0, f1, f2
    TEST_NO_TRAP 359, fmin.d f0, f1, f2
    TEST_NO_TRAP 360, feq.s a0, f1, f2
    TEST_NO_TRAP 361, fclass.s a0, f1
    TEST_NO_TRAP 362, fmv.x.w a0, f1
    TEST_NO_TRAP 363, fcvt.s.d f0, f1, rne   # a static mode is fine
    TEST_NO_TRAP 364, fadd.d f0, f1, f2, rmm
    CHECK_CSR 365, frm, 7
    fsrmi 0

    /* ---- fmin / fmax: NaNs, signalling NaNs (NV), -0 < +0 ---- */
    FOPN 366, fmin.s, 0xffffffff3f800000, 0xffffffff40000000, 0xffffffff3f800000, 0
    FOPN 367, fmin.s, 0xffffffff40000000, 0xffffffffc0000000, 0xffffffffc0000000, 0
    FOPN 368, fmin.s, 0xffffffff3f800000, 0xffffffff7fc00000, 0xffffffff3f800000, 0
    FOPN 369, fmin.s, 0xffffffff7fc00000, 0xffffffff3f800000, 0xffffffff3f800000, 0
    FOPN 370, fmin.s, 0xffffffff3f800000, 0xffffffff7f800001, 0xffffffff3f800000, NV
    FOPN 371, fmin.s, 0xffffffff7f800001, 0xffffffff3f800000, 0xffffffff3f800000, NV
    FOPN 372, fmin.s, 0xffffffff7fc00000, 0xffffffff7fc00000, 0xffffffff7fc00000, 0
    FOPN 373, fmin.s, 0xffffffff7f800001, 0xffffffff7fc00000, 0xffffffff7fc00000, NV
    FOPN 374, fmin.s, 0xffffffff7f800001, 0xffffffff7f800001, 0xffffffff7fc00000, NV
    FOPN 375, fmin.s, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff80000000, 0
    FOPN 376, fmin.s, 0xffffffff00000000, 0xffffffff80000000, 0xffffffff80000000, 0
    FOPN 377, fmax.s, 0xffffffff3f800000, 0xffffffff40000000, 0xffffffff40000000, 0
    FOPN 378, fmax.s, 0xffffffff40000000, 0xffffffffc0000000, 0xffffffff40000000, 0
    FOPN 379, fmax.s, 0xffffffff3f800000, 0xffffffff7fc00000, 0xffffffff3f800000, 0
    FOPN 380, fmax.s, 0xffffffff7fc00000, 0xffffffff3f800000, 0xffffffff3f800000, 0
    FOPN 381, fmax.s, 0xffffffff3f800000, 0xffffffff7f800001, 0xffffffff3f800000, NV
    FOPN 382, fmax.s, 0xffffffff7f800001, 0xffffffff3f800000, 0xffffffff3f800000, NV
    FOPN 383, fmax.s, 0xffffffff7fc00000, 0xffffffff7fc00000, 0xffffffff7fc00000, 0
    FOPN 384, fmax.s, 0xffffffff7f800001, 0xffffffff7fc00000, 0xffffffff7fc00000, NV
    FOPN 385, fmax.s, 0xffffffff7f800001, 0xffffffff7f800001, 0xffffffff7fc00000, NV
    FOPN 386, fmax.s, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff00000000, 0
    FOPN 387, fmax.s, 0xffffffff00000000, 0xffffffff80000000, 0xffffffff00000000, 0
    FOPN 388, fmin.d, 0x3ff0000000000000, 0x4000000000000000, 0x3ff0000000000000, 0
    FOPN 389, fmin.d, 0x4000000000000000, 0xc000000000000000, 0xc000000000000000, 0
    FOPN 390, fmin.d, 0x3ff0000000000000, 0x7ff8000000000000, 0x3ff0000000000000, 0
    FOPN 391, fmin.d, 0x7ff8000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0
    FOPN 392, fmin.d, 0x3ff0000000000000, 0x7ff0000000000001, 0x3ff0000000000000, NV
    FOPN 393, fmin.d, 0x7ff0000000000001, 0x3ff0000000000000, 0x3ff0000000000000, NV
    FOPN 394, fmin.d, 0x7ff8000000000000, 0x7ff8000000000000, 0x7ff8000000000000, 0
    FOPN 395, fmin.d, 0x7ff0000000000001, 0x7ff8000000000000, 0x7ff8000000000000, NV
    FOPN 396, fmin.d, 0x7ff0000000000001, 0x7ff0000000000001, 0x7ff8000000000000, NV
    FOPN 397, fmin.d, 0x8000000000000000, 0x0, 0x8000000000000000, 0
    FOPN 398, fmin.d, 0x0, 0x8000000000000000, 0x8000000000000000, 0
    FOPN 399, fmax.d, 0x3ff0000000000000, 0x4000000000000000, 0x4000000000000000, 0
    FOPN 400, fmax.d, 0x4000000000000000, 0xc000000000000000, 0x4000000000000000, 0
    FOPN 401, fmax.d, 0x3ff0000000000000, 0x7ff8000000000000, 0x3ff0000000000000, 0
    FOPN 402, fmax.d, 0x7ff8000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0
    FOPN 403, fmax.d, 0x3ff0000000000000, 0x7ff0000000000001, 0x3ff0000000000000, NV
    FOPN 404, fmax.d, 0x7ff0000000000001, 0x3ff0000000000000, 0x3ff0000000000000, NV
    FOPN 405, fmax.d, 0x7ff8000000000000, 0x7ff8000000000000, 0x7ff8000000000000, 0
    FOPN 406, fmax.d, 0x7ff0000000000001, 0x7ff8000000000000, 0x7ff8000000000000, NV
    FOPN 407, fmax.d, 0x7ff0000000000001, 0x7ff0000000000001, 0x7ff8000000000000, NV
    FOPN 408, fmax.d, 0x8000000000000000, 0x0, 0x0, 0
    FOPN 409, fmax.d, 0x0, 0x8000000000000000, 0x0, 0
    FOPN 410, fmin.s, 0xffffffff7fc12345, 0xffffffff3f800000, 0xffffffff3f800000, 0
    FOPN 411, fmax.s, 0xffffffffffc12345, 0xffffffff7fc54321, 0xffffffff7fc00000, 0
    FOPN 412, fmin.s, 0xffffffffff800000, 0xffffffff7f7fffff, 0xffffffffff800000, 0
    FOPN 413, fmax.d, 0x7ff0000000000000, 0x7fefffffffffffff, 0x7ff0000000000000, 0

    /* ---- feq / flt / fle: quiet compare (feq) vs signalling compare (flt, fle) ---- */
    FCMP 414, feq.s, 0xffffffff3f800000, 0xffffffff3f800000, 1, 0
    FCMP 415, feq.s, 0xffffffff3f800000, 0xffffffff40000000, 0, 0
    FCMP 416, feq.s, 0xffffffff40000000, 0xffffffff3f800000, 0, 0
    FCMP 417, feq.s, 0xffffffff80000000, 0xffffffff00000000, 1, 0
    FCMP 418, feq.s, 0xffffffff7fc00000, 0xffffffff3f800000, 0, 0
    FCMP 419, feq.s, 0xffffffff3f800000, 0xffffffff7fc00000, 0, 0
    FCMP 420, feq.s, 0xffffffff7f800001, 0xffffffff3f800000, 0, NV
    FCMP 421, feq.s, 0xffffffff7fc00000, 0xffffffff7fc00000, 0, 0
    FCMP 422, feq.s, 0xffffffffff800000, 0xffffffff7f800000, 0, 0
    FCMP 423, feq.s, 0xffffffff7f800000, 0xffffffff7f800000, 1, 0
    FCMP 424, flt.s, 0xffffffff3f800000, 0xffffffff3f800000, 0, 0
    FCMP 425, flt.s, 0xffffffff3f800000, 0xffffffff40000000, 1, 0
    FCMP 426, flt.s, 0xffffffff40000000, 0xffffffff3f800000, 0, 0
    FCMP 427, flt.s, 0xffffffff80000000, 0xffffffff00000000, 0, 0
    FCMP 428, flt.s, 0xffffffff7fc00000, 0xffffffff3f800000, 0, NV
    FCMP 429, flt.s, 0xffffffff3f800000, 0xffffffff7fc00000, 0, NV
    FCMP 430, flt.s, 0xffffffff7f800001, 0xffffffff3f800000, 0, NV
    FCMP 431, flt.s, 0xffffffff7fc00000, 0xffffffff7fc00000, 0, NV
    FCMP 432, flt.s, 0xffffffffff800000, 0xffffffff7f800000, 1, 0
    FCMP 433, flt.s, 0xffffffff7f800000, 0xffffffff7f800000, 0, 0
    FCMP 434, fle.s, 0xffffffff3f800000, 0xffffffff3f800000, 1, 0
    FCMP 435, fle.s, 0xffffffff3f800000, 0xffffffff40000000, 1, 0
    FCMP 436, fle.s, 0xffffffff40000000, 0xffffffff3f800000, 0, 0
    FCMP 437, fle.s, 0xffffffff80000000, 0xffffffff00000000, 1, 0
    FCMP 438, fle.s, 0xffffffff7fc00000, 0xffffffff3f800000, 0, NV
    FCMP 439, fle.s, 0xffffffff3f800000, 0xffffffff7fc00000, 0, NV
    FCMP 440, fle.s, 0xffffffff7f800001, 0xffffffff3f800000, 0, NV
    FCMP 441, fle.s, 0xffffffff7fc00000, 0xffffffff7fc00000, 0, NV
    FCMP 442, fle.s, 0xffffffffff800000, 0xffffffff7f800000, 1, 0
    FCMP 443, fle.s, 0xffffffff7f800000, 0xffffffff7f800000, 1, 0
    FCMP 444, feq.d, 0x3ff0000000000000, 0x3ff0000000000000, 1, 0
    FCMP 445, feq.d, 0x3ff0000000000000, 0x4000000000000000, 0, 0
    FCMP 446, feq.d, 0x4000000000000000, 0x3ff0000000000000, 0, 0
    FCMP 447, feq.d, 0x8000000000000000, 0x0, 1, 0
    FCMP 448, feq.d, 0x7ff8000000000000, 0x3ff0000000000000, 0, 0
    FCMP 449, feq.d, 0x3ff0000000000000, 0x7ff8000000000000, 0, 0
    FCMP 450, feq.d, 0x7ff0000000000001, 0x3ff0000000000000, 0, NV
    FCMP 451, feq.d, 0x7ff8000000000000, 0x7ff8000000000000, 0, 0
    FCMP 452, feq.d, 0xfff0000000000000, 0x7ff0000000000000, 0, 0
    FCMP 453, feq.d, 0x7ff0000000000000, 0x7ff0000000000000, 1, 0
    FCMP 454, flt.d, 0x3ff0000000000000, 0x3ff0000000000000, 0, 0
    FCMP 455, flt.d, 0x3ff0000000000000, 0x4000000000000000, 1, 0
    FCMP 456, flt.d, 0x4000000000000000, 0x3ff0000000000000, 0, 0
    FCMP 457, flt.d, 0x8000000000000000, 0x0, 0, 0
    FCMP 458, flt.d, 0x7ff8000000000000, 0x3ff0000000000000, 0, NV
    FCMP 459, flt.d, 0x3ff0000000000000, 0x7ff8000000000000, 0, NV
    FCMP 460, flt.d, 0x7ff0000000000001, 0x3ff0000000000000, 0, NV
    FCMP 461, flt.d, 0x7ff8000000000000, 0x7ff8000000000000, 0, NV
    FCMP 462, flt.d, 0xfff0000000000000, 0x7ff0000000000000, 1, 0
    FCMP 463, flt.d, 0x7ff0000000000000, 0x7ff0000000000000, 0, 0
    FCMP 464, fle.d, 0x3ff0000000000000, 0x3ff0000000000000, 1, 0
    FCMP 465, fle.d, 0x3ff0000000000000, 0x4000000000000000, 1, 0
    FCMP 466, fle.d, 0x4000000000000000, 0x3ff0000000000000, 0, 0
    FCMP 467, fle.d, 0x8000000000000000, 0x0, 1, 0
    FCMP 468, fle.d, 0x7ff8000000000000, 0x3ff0000000000000, 0, NV
    FCMP 469, fle.d, 0x3ff0000000000000, 0x7ff8000000000000, 0, NV
    FCMP 470, fle.d, 0x7ff0000000000001, 0x3ff0000000000000, 0, NV
    FCMP 471, fle.d, 0x7ff8000000000000, 0x7ff8000000000000, 0, NV
    FCMP 472, fle.d, 0xfff0000000000000, 0x7ff0000000000000, 1, 0
    FCMP 473, fle.d, 0x7ff0000000000000, 0x7ff0000000000000, 1, 0

    /* ---- fclass: every class ---- */
    FCLASS 474, fclass.s, 0xffffffffff800000, 0x1
    FCLASS 475, fclass.s, 0xffffffffbf800000, 0x2
    FCLASS 476, fclass.s, 0xffffffff807fffff, 0x4
    FCLASS 477, fclass.s, 0xffffffff80000000, 0x8
    FCLASS 478, fclass.s, 0xffffffff00000000, 0x10
    FCLASS 479, fclass.s, 0xffffffff00000001, 0x20
    FCLASS 480, fclass.s, 0xffffffff3f800000, 0x40
    FCLASS 481, fclass.s, 0xffffffff7f800000, 0x80
    FCLASS 482, fclass.s, 0xffffffff7f800001, 0x100
    FCLASS 483, fclass.s, 0xffffffff7fc00000, 0x200
    FCLASS 484, fclass.s, 0xffffffffffc00001, 0x200
    FCLASS 485, fclass.s, 0xffffffff7fbfffff, 0x100
    FCLASS 486, fclass.d, 0xfff0000000000000, 0x1
    FCLASS 487, fclass.d, 0xbff0000000000000, 0x2
    FCLASS 488, fclass.d, 0x800fffffffffffff, 0x4
    FCLASS 489, fclass.d, 0x8000000000000000, 0x8
    FCLASS 490, fclass.d, 0x0, 0x10
    FCLASS 491, fclass.d, 0x1, 0x20
    FCLASS 492, fclass.d, 0x3ff0000000000000, 0x40
    FCLASS 493, fclass.d, 0x7ff0000000000000, 0x80
    FCLASS 494, fclass.d, 0x7ff0000000000001, 0x100
    FCLASS 495, fclass.d, 0x7ff8000000000000, 0x200
    FCLASS 496, fclass.d, 0xfff8000000000001, 0x200
    FCLASS 497, fclass.d, 0x7fefffffffffffff, 0x40

    /* ---- fcvt float -> int: rounding, saturation, NV on out-of-range and NaN, W results sign-extended ---- */
    FCVT_TO_INT 498, fcvt.w.s, rne, 0xffffffff3fc00000, 0x2, NX
    FCVT_TO_INT 499, fcvt.w.s, rtz, 0xffffffff3fc00000, 0x1, NX
    FCVT_TO_INT 500, fcvt.w.s, rdn, 0xffffffff3fc00000, 0x1, NX
    FCVT_TO_INT 501, fcvt.w.s, rup, 0xffffffff3fc00000, 0x2, NX
    FCVT_TO_INT 502, fcvt.w.s, rmm, 0xffffffff3fc00000, 0x2, NX
    FCVT_TO_INT 503, fcvt.w.s, rne, 0xffffffff40200000, 0x2, NX
    FCVT_TO_INT 504, fcvt.w.s, rtz, 0xffffffff40200000, 0x2, NX
    FCVT_TO_INT 505, fcvt.w.s, rdn, 0xffffffff40200000, 0x2, NX
    FCVT_TO_INT 506, fcvt.w.s, rup, 0xffffffff40200000, 0x3, NX
    FCVT_TO_INT 507, fcvt.w.s, rmm, 0xffffffff40200000, 0x3, NX
    FCVT_TO_INT 508, fcvt.w.s, rne, 0xffffffffbfc00000, 0xfffffffffffffffe, NX
    FCVT_TO_INT 509, fcvt.w.s, rtz, 0xffffffffbfc00000, 0xffffffffffffffff, NX
    FCVT_TO_INT 510, fcvt.w.s, rdn, 0xffffffffbfc00000, 0xfffffffffffffffe, NX
    FCVT_TO_INT 511, fcvt.w.s, rup, 0xffffffffbfc00000, 0xffffffffffffffff, NX
    FCVT_TO_INT 512, fcvt.w.s, rmm, 0xffffffffbfc00000, 0xfffffffffffffffe, NX
    FCVT_TO_INT 513, fcvt.w.s, rne, 0xffffffffc0200000, 0xfffffffffffffffe, NX
    FCVT_TO_INT 514, fcvt.w.s, rtz, 0xffffffffc0200000, 0xfffffffffffffffe, NX
    FCVT_TO_INT 515, fcvt.w.s, rdn, 0xffffffffc0200000, 0xfffffffffffffffd, NX
    FCVT_TO_INT 516, fcvt.w.s, rup, 0xffffffffc0200000, 0xfffffffffffffffe, NX
    FCVT_TO_INT 517, fcvt.w.s, rmm, 0xffffffffc0200000, 0xfffffffffffffffd, NX
    FCVT_TO_INT 518, fcvt.w.s, rne, 0xffffffff3f000000, 0x0, NX
    FCVT_TO_INT 519, fcvt.w.s, rtz, 0xffffffff3f000000, 0x0, NX
    FCVT_TO_INT 520, fcvt.w.s, rdn, 0xffffffff3f000000, 0x0, NX
    FCVT_TO_INT 521, fcvt.w.s, rup, 0xffffffff3f000000, 0x1, NX
    FCVT_TO_INT 522, fcvt.w.s, rmm, 0xffffffff3f000000, 0x1, NX
    FCVT_TO_INT 523, fcvt.w.s, rne, 0xffffffffbf000000, 0x0, NX
    FCVT_TO_INT 524, fcvt.w.s, rtz, 0xffffffffbf000000, 0x0, NX
    FCVT_TO_INT 525, fcvt.w.s, rdn, 0xffffffffbf000000, 0xffffffffffffffff, NX
    FCVT_TO_INT 526, fcvt.w.s, rup, 0xffffffffbf000000, 0x0, NX
    FCVT_TO_INT 527, fcvt.w.s, rmm, 0xffffffffbf000000, 0xffffffffffffffff, NX
    FCVT_TO_INT 528, fcvt.w.s, rtz, 0xffffffffbf800000, 0xffffffffffffffff, 0
    FCVT_TO_INT 529, fcvt.w.s, rtz, 0xffffffff4f32d05e, 0x7fffffff, NV
    FCVT_TO_INT 530, fcvt.w.s, rtz, 0xffffffffcf32d05e, 0xffffffff80000000, NV
    FCVT_TO_INT 531, fcvt.w.s, rtz, 0xffffffff4f861c46, 0x7fffffff, NV
    FCVT_TO_INT 532, fcvt.w.s, rtz, 0xffffffff5f0ac723, 0x7fffffff, NV
    FCVT_TO_INT 533, fcvt.w.s, rtz, 0xffffffff5f8ac723, 0x7fffffff, NV
    FCVT_TO_INT 534, fcvt.w.s, rtz, 0xffffffffdf0ac723, 0xffffffff80000000, NV
    FCVT_TO_INT 535, fcvt.w.s, rtz, 0xffffffff4f000000, 0x7fffffff, NV
    FCVT_TO_INT 536, fcvt.w.s, rtz, 0xffffffffcf000000, 0xffffffff80000000, 0
    FCVT_TO_INT 537, fcvt.w.s, rtz, 0xffffffff5f000000, 0x7fffffff, NV
    FCVT_TO_INT 538, fcvt.w.s, rtz, 0xffffffffdf000000, 0xffffffff80000000, NV
    FCVT_TO_INT 539, fcvt.w.s, rtz, 0xffffffff7fc00000, 0x7fffffff, NV
    FCVT_TO_INT 540, fcvt.w.s, rtz, 0xffffffff7f800001, 0x7fffffff, NV
    FCVT_TO_INT 541, fcvt.w.s, rtz, 0xffffffff7f800000, 0x7fffffff, NV
    FCVT_TO_INT 542, fcvt.w.s, rtz, 0xffffffffff800000, 0xffffffff80000000, NV
    FCVT_TO_INT 543, fcvt.w.s, rtz, 0xffffffff80000000, 0x0, 0
    FCVT_TO_INT 544, fcvt.w.s, rtz, 0xffffffffbf400000, 0x0, NX
    FCVT_TO_INT 545, fcvt.w.s, rne, 0xffffffffbf400000, 0xffffffffffffffff, NX
    FCVT_TO_INT 546, fcvt.wu.s, rtz, 0xffffffffbf800000, 0x0, NV
    FCVT_TO_INT 547, fcvt.wu.s, rtz, 0xffffffff4f32d05e, 0xffffffffb2d05e00, 0
    FCVT_TO_INT 548, fcvt.wu.s, rtz, 0xffffffffcf32d05e, 0x0, NV
    FCVT_TO_INT 549, fcvt.wu.s, rtz, 0xffffffff4f861c46, 0xffffffffffffffff, NV
    FCVT_TO_INT 550, fcvt.wu.s, rtz, 0xffffffff5f0ac723, 0xffffffffffffffff, NV
    FCVT_TO_INT 551, fcvt.wu.s, rtz, 0xffffffff5f8ac723, 0xffffffffffffffff, NV
    FCVT_TO_INT 552, fcvt.wu.s, rtz, 0xffffffffdf0ac723, 0x0, NV
    FCVT_TO_INT 553, fcvt.wu.s, rtz, 0xffffffff4f000000, 0xffffffff80000000, 0
    FCVT_TO_INT 554, fcvt.wu.s, rtz, 0xffffffffcf000000, 0x0, NV
    FCVT_TO_INT 555, fcvt.wu.s, rtz, 0xffffffff5f000000, 0xffffffffffffffff, NV
    FCVT_TO_INT 556, fcvt.wu.s, rtz, 0xffffffffdf000000, 0x0, NV
    FCVT_TO_INT 557, fcvt.wu.s, rtz, 0xffffffff7fc00000, 0xffffffffffffffff, NV
    FCVT_TO_INT 558, fcvt.wu.s, rtz, 0xffffffff7f800001, 0xffffffffffffffff, NV
    FCVT_TO_INT 559, fcvt.wu.s, rtz, 0xffffffff7f800000, 0xffffffffffffffff, NV
    FCVT_TO_INT 560, fcvt.wu.s, rtz, 0xffffffffff800000, 0x0, NV
    FCVT_TO_INT 561, fcvt.wu.s, rtz, 0xffffffff80000000, 0x0, 0
    FCVT_TO_INT 562, fcvt.wu.s, rtz, 0xffffffffbf400000, 0x0, NX
    FCVT_TO_INT 563, fcvt.wu.s, rne, 0xffffffffbf400000, 0x0, NV
    FCVT_TO_INT 564, fcvt.l.s, rtz, 0xffffffffbf800000, 0xffffffffffffffff, 0
    FCVT_TO_INT 565, fcvt.l.s, rtz, 0xffffffff4f32d05e, 0xb2d05e00, 0
    FCVT_TO_INT 566, fcvt.l.s, rtz, 0xffffffffcf32d05e, 0xffffffff4d2fa200, 0
    FCVT_TO_INT 567, fcvt.l.s, rtz, 0xffffffff4f861c46, 0x10c388c00, 0
    FCVT_TO_INT 568, fcvt.l.s, rtz, 0xffffffff5f0ac723, 0x7fffffffffffffff, NV
    FCVT_TO_INT 569, fcvt.l.s, rtz, 0xffffffff5f8ac723, 0x7fffffffffffffff, NV
    FCVT_TO_INT 570, fcvt.l.s, rtz, 0xffffffffdf0ac723, 0x8000000000000000, NV
    FCVT_TO_INT 571, fcvt.l.s, rtz, 0xffffffff4f000000, 0x80000000, 0
    FCVT_TO_INT 572, fcvt.l.s, rtz, 0xffffffffcf000000, 0xffffffff80000000, 0
    FCVT_TO_INT 573, fcvt.l.s, rtz, 0xffffffff5f000000, 0x7fffffffffffffff, NV
    FCVT_TO_INT 574, fcvt.l.s, rtz, 0xffffffffdf000000, 0x8000000000000000, 0
    FCVT_TO_INT 575, fcvt.l.s, rtz, 0xffffffff7fc00000, 0x7fffffffffffffff, NV
    FCVT_TO_INT 576, fcvt.l.s, rtz, 0xffffffff7f800001, 0x7fffffffffffffff, NV
    FCVT_TO_INT 577, fcvt.l.s, rtz, 0xffffffff7f800000, 0x7fffffffffffffff, NV
    FCVT_TO_INT 578, fcvt.l.s, rtz, 0xffffffffff800000, 0x8000000000000000, NV
    FCVT_TO_INT 579, fcvt.l.s, rtz, 0xffffffff80000000, 0x0, 0
    FCVT_TO_INT 580, fcvt.l.s, rtz, 0xffffffffbf400000, 0x0, NX
    FCVT_TO_INT 581, fcvt.l.s, rne, 0xffffffffbf400000, 0xffffffffffffffff, NX
    FCVT_TO_INT 582, fcvt.lu.s, rtz, 0xffffffffbf800000, 0x0, NV
    FCVT_TO_INT 583, fcvt.lu.s, rtz, 0xffffffff4f32d05e, 0xb2d05e00, 0
    FCVT_TO_INT 584, fcvt.lu.s, rtz, 0xffffffffcf32d05e, 0x0, NV
    FCVT_TO_INT 585, fcvt.lu.s, rtz, 0xffffffff4f861c46, 0x10c388c00, 0
    FCVT_TO_INT 586, fcvt.lu.s, rtz, 0xffffffff5f0ac723, 0x8ac7230000000000, 0
    FCVT_TO_INT 587, fcvt.lu.s, rtz, 0xffffffff5f8ac723, 0xffffffffffffffff, NV
    FCVT_TO_INT 588, fcvt.lu.s, rtz, 0xffffffffdf0ac723, 0x0, NV
    FCVT_TO_INT 589, fcvt.lu.s, rtz, 0xffffffff4f000000, 0x80000000, 0
    FCVT_TO_INT 590, fcvt.lu.s, rtz, 0xffffffffcf000000, 0x0, NV
    FCVT_TO_INT 591, fcvt.lu.s, rtz, 0xffffffff5f000000, 0x8000000000000000, 0
    FCVT_TO_INT 592, fcvt.lu.s, rtz, 0xffffffffdf000000, 0x0, NV
    FCVT_TO_INT 593, fcvt.lu.s, rtz, 0xffffffff7fc00000, 0xffffffffffffffff, NV
    FCVT_TO_INT 594, fcvt.lu.s, rtz, 0xffffffff7f800001, 0xffffffffffffffff, NV
    FCVT_TO_INT 595, fcvt.lu.s, rtz, 0xffffffff7f800000, 0xffffffffffffffff, NV
    FCVT_TO_INT 596, fcvt.lu.s, rtz, 0xffffffffff800000, 0x0, NV
    FCVT_TO_INT 597, fcvt.lu.s, rtz, 0xffffffff80000000, 0x0, 0
    FCVT_TO_INT 598, fcvt.lu.s, rtz, 0xffffffffbf400000, 0x0, NX
    FCVT_TO_INT 599, fcvt.lu.s, rne, 0xffffffffbf400000, 0x0, NV
    FCVT_TO_INT 600, fcvt.w.d, rtz, 0xbff0000000000000, 0xffffffffffffffff, 0
    FCVT_TO_INT 601, fcvt.w.d, rtz, 0x41e65a0bc0000000, 0x7fffffff, NV
    FCVT_TO_INT 602, fcvt.w.d, rtz, 0xc1e65a0bc0000000, 0xffffffff80000000, NV
    FCVT_TO_INT 603, fcvt.w.d, rtz, 0x41f0c388d0000000, 0x7fffffff, NV
    FCVT_TO_INT 604, fcvt.w.d, rtz, 0x43e158e460913d00, 0x7fffffff, NV
    FCVT_TO_INT 605, fcvt.w.d, rtz, 0x43f158e460913d00, 0x7fffffff, NV
    FCVT_TO_INT 606, fcvt.w.d, rtz, 0xc3e158e460913d00, 0xffffffff80000000, NV
    FCVT_TO_INT 607, fcvt.w.d, rtz, 0x41e0000000000000, 0x7fffffff, NV
    FCVT_TO_INT 608, fcvt.w.d, rtz, 0xc1e0000000000000, 0xffffffff80000000, 0
    FCVT_TO_INT 609, fcvt.w.d, rtz, 0x43e0000000000000, 0x7fffffff, NV
    FCVT_TO_INT 610, fcvt.w.d, rtz, 0xc3e0000000000000, 0xffffffff80000000, NV
    FCVT_TO_INT 611, fcvt.w.d, rtz, 0x7ff8000000000000, 0x7fffffff, NV
    FCVT_TO_INT 612, fcvt.w.d, rtz, 0x7ff0000000000001, 0x7fffffff, NV
    FCVT_TO_INT 613, fcvt.w.d, rtz, 0x7ff0000000000000, 0x7fffffff, NV
    FCVT_TO_INT 614, fcvt.w.d, rtz, 0xfff0000000000000, 0xffffffff80000000, NV
    FCVT_TO_INT 615, fcvt.w.d, rtz, 0x8000000000000000, 0x0, 0
    FCVT_TO_INT 616, fcvt.w.d, rtz, 0xbfe8000000000000, 0x0, NX
    FCVT_TO_INT 617, fcvt.w.d, rne, 0xbfe8000000000000, 0xffffffffffffffff, NX
    FCVT_TO_INT 618, fcvt.wu.d, rtz, 0xbff0000000000000, 0x0, NV
    FCVT_TO_INT 619, fcvt.wu.d, rtz, 0x41e65a0bc0000000, 0xffffffffb2d05e00, 0
    FCVT_TO_INT 620, fcvt.wu.d, rtz, 0xc1e65a0bc0000000, 0x0, NV
    FCVT_TO_INT 621, fcvt.wu.d, rtz, 0x41f0c388d0000000, 0xffffffffffffffff, NV
    FCVT_TO_INT 622, fcvt.wu.d, rtz, 0x43e158e460913d00, 0xffffffffffffffff, NV
    FCVT_TO_INT 623, fcvt.wu.d, rtz, 0x43f158e460913d00, 0xffffffffffffffff, NV
    FCVT_TO_INT 624, fcvt.wu.d, rtz, 0xc3e158e460913d00, 0x0, NV
    FCVT_TO_INT 625, fcvt.wu.d, rtz, 0x41e0000000000000, 0xffffffff80000000, 0
    FCVT_TO_INT 626, fcvt.wu.d, rtz, 0xc1e0000000000000, 0x0, NV
    FCVT_TO_INT 627, fcvt.wu.d, rtz, 0x43e0000000000000, 0xffffffffffffffff, NV
    FCVT_TO_INT 628, fcvt.wu.d, rtz, 0xc3e0000000000000, 0x0, NV
    FCVT_TO_INT 629, fcvt.wu.d, rtz, 0x7ff8000000000000, 0xffffffffffffffff, NV
    FCVT_TO_INT 630, fcvt.wu.d, rtz, 0x7ff0000000000001, 0xffffffffffffffff, NV
    FCVT_TO_INT 631, fcvt.wu.d, rtz, 0x7ff0000000000000, 0xffffffffffffffff, NV
    FCVT_TO_INT 632, fcvt.wu.d, rtz, 0xfff0000000000000, 0x0, NV
    FCVT_TO_INT 633, fcvt.wu.d, rtz, 0x8000000000000000, 0x0, 0
    FCVT_TO_INT 634, fcvt.wu.d, rtz, 0xbfe8000000000000, 0x0, NX
    FCVT_TO_INT 635, fcvt.wu.d, rne, 0xbfe8000000000000, 0x0, NV
    FCVT_TO_INT 636, fcvt.l.d, rtz, 0xbff0000000000000, 0xffffffffffffffff, 0
    FCVT_TO_INT 637, fcvt.l.d, rtz, 0x41e65a0bc0000000, 0xb2d05e00, 0
    FCVT_TO_INT 638, fcvt.l.d, rtz, 0xc1e65a0bc0000000, 0xffffffff4d2fa200, 0
    FCVT_TO_INT 639, fcvt.l.d, rtz, 0x41f0c388d0000000, 0x10c388d00, 0
    FCVT_TO_INT 640, fcvt.l.d, rtz, 0x43e158e460913d00, 0x7fffffffffffffff, NV
    FCVT_TO_INT 641, fcvt.l.d, rtz, 0x43f158e460913d00, 0x7fffffffffffffff, NV
    FCVT_TO_INT 642, fcvt.l.d, rtz, 0xc3e158e460913d00, 0x8000000000000000, NV
    FCVT_TO_INT 643, fcvt.l.d, rtz, 0x41e0000000000000, 0x80000000, 0
    FCVT_TO_INT 644, fcvt.l.d, rtz, 0xc1e0000000000000, 0xffffffff80000000, 0
    FCVT_TO_INT 645, fcvt.l.d, rtz, 0x43e0000000000000, 0x7fffffffffffffff, NV
    FCVT_TO_INT 646, fcvt.l.d, rtz, 0xc3e0000000000000, 0x8000000000000000, 0
    FCVT_TO_INT 647, fcvt.l.d, rtz, 0x7ff8000000000000, 0x7fffffffffffffff, NV
    FCVT_TO_INT 648, fcvt.l.d, rtz, 0x7ff0000000000001, 0x7fffffffffffffff, NV
    FCVT_TO_INT 649, fcvt.l.d, rtz, 0x7ff0000000000000, 0x7fffffffffffffff, NV
    FCVT_TO_INT 650, fcvt.l.d, rtz, 0xfff0000000000000, 0x8000000000000000, NV
    FCVT_TO_INT 651, fcvt.l.d, rtz, 0x8000000000000000, 0x0, 0
    FCVT_TO_INT 652, fcvt.l.d, rtz, 0xbfe8000000000000, 0x0, NX
    FCVT_TO_INT 653, fcvt.l.d, rne, 0xbfe8000000000000, 0xffffffffffffffff, NX
    FCVT_TO_INT 654, fcvt.lu.d, rtz, 0xbff0000000000000, 0x0, NV
    FCVT_TO_INT 655, fcvt.lu.d, rtz, 0x41e65a0bc0000000, 0xb2d05e00, 0
    FCVT_TO_INT 656, fcvt.lu.d, rtz, 0xc1e65a0bc0000000, 0x0, NV
    FCVT_TO_INT 657, fcvt.lu.d, rtz, 0x41f0c388d0000000, 0x10c388d00, 0
    FCVT_TO_INT 658, fcvt.lu.d, rtz, 0x43e158e460913d00, 0x8ac7230489e80000, 0
    FCVT_TO_INT 659, fcvt.lu.d, rtz, 0x43f158e460913d00, 0xffffffffffffffff, NV
    FCVT_TO_INT 660, fcvt.lu.d, rtz, 0xc3e158e460913d00, 0x0, NV
    FCVT_TO_INT 661, fcvt.lu.d, rtz, 0x41e0000000000000, 0x80000000, 0
    FCVT_TO_INT 662, fcvt.lu.d, rtz, 0xc1e0000000000000, 0x0, NV
    FCVT_TO_INT 663, fcvt.lu.d, rtz, 0x43e0000000000000, 0x8000000000000000, 0
    FCVT_TO_INT 664, fcvt.lu.d, rtz, 0xc3e0000000000000, 0x0, NV
    FCVT_TO_INT 665, fcvt.lu.d, rtz, 0x7ff8000000000000, 0xffffffffffffffff, NV
    FCVT_TO_INT 666, fcvt.lu.d, rtz, 0x7ff0000000000001, 0xffffffffffffffff, NV
    FCVT_TO_INT 667, fcvt.lu.d, rtz, 0x7ff0000000000000, 0xffffffffffffffff, NV
    FCVT_TO_INT 668, fcvt.lu.d, rtz, 0xfff0000000000000, 0x0, NV
    FCVT_TO_INT 669, fcvt.lu.d, rtz, 0x8000000000000000, 0x0, 0
    FCVT_TO_INT 670, fcvt.lu.d, rtz, 0xbfe8000000000000, 0x0, NX
    FCVT_TO_INT 671, fcvt.lu.d, rne, 0xbfe8000000000000, 0x0, NV
    FCVT_TO_INT 672, fcvt.l.d, rne, 0xc132d68780000000, 0xffffffffffed2978, NX
    FCVT_TO_INT 673, fcvt.l.d, rtz, 0xc132d68780000000, 0xffffffffffed2979, NX
    FCVT_TO_INT 674, fcvt.l.d, rdn, 0xc132d68780000000, 0xffffffffffed2978, NX
    FCVT_TO_INT 675, fcvt.l.d, rup, 0xc132d68780000000, 0xffffffffffed2979, NX
    FCVT_TO_INT 676, fcvt.l.d, rmm, 0xc132d68780000000, 0xffffffffffed2978, NX
    FCVT_TO_INT 677, fcvt.w.d, rne, 0x41dfffffffd9999a, 0x7fffffff, NX
    FCVT_TO_INT 678, fcvt.w.d, rne, 0x41dfffffffe00000, 0x7fffffff, NV
    FCVT_TO_INT 679, fcvt.w.d, rtz, 0xc1e00000001ccccd, 0xffffffff80000000, NX
    FCVT_TO_INT 680, fcvt.wu.d, rne, 0x41efffffffe00000, 0xffffffffffffffff, 0

    /* ---- fcvt int -> float: rounding of wide integers, unsigned forms use only the low 32 bits for W ---- */
    FCVT_FROM_INT 681, fcvt.s.w, rne, 0x1000001, 0xffffffff4b800000, NX
    FCVT_FROM_INT 682, fcvt.s.w, rtz, 0x1000001, 0xffffffff4b800000, NX
    FCVT_FROM_INT 683, fcvt.s.w, rdn, 0x1000001, 0xffffffff4b800000, NX
    FCVT_FROM_INT 684, fcvt.s.w, rup, 0x1000001, 0xffffffff4b800001, NX
    FCVT_FROM_INT 685, fcvt.s.w, rmm, 0x1000001, 0xffffffff4b800001, NX
    FCVT_FROM_INT 686, fcvt.s.w, rne, 0xfffffffffefffffd, 0xffffffffcb800002, NX
    FCVT_FROM_INT 687, fcvt.s.w, rtz, 0xfffffffffefffffd, 0xffffffffcb800001, NX
    FCVT_FROM_INT 688, fcvt.s.w, rdn, 0xfffffffffefffffd, 0xffffffffcb800002, NX
    FCVT_FROM_INT 689, fcvt.s.w, rup, 0xfffffffffefffffd, 0xffffffffcb800001, NX
    FCVT_FROM_INT 690, fcvt.s.w, rmm, 0xfffffffffefffffd, 0xffffffffcb800002, NX
    FCVT_FROM_INT 691, fcvt.s.w, rne, 0x7fffffff, 0xffffffff4f000000, NX
    FCVT_FROM_INT 692, fcvt.s.w, rne, 0xdeadbeef80000000, 0xffffffffcf000000, 0
    FCVT_FROM_INT 693, fcvt.s.wu, rne, 0xffffffffffffffff, 0xffffffff4f800000, NX
    FCVT_FROM_INT 694, fcvt.s.wu, rtz, 0xffffffffffffffff, 0xffffffff4f7fffff, NX
    FCVT_FROM_INT 695, fcvt.s.l, rne, 0xffffffffffffffff, 0xffffffffbf800000, 0
    FCVT_FROM_INT 696, fcvt.s.l, rtz, 0x7fffffffffffffff, 0xffffffff5effffff, NX
    FCVT_FROM_INT 697, fcvt.s.lu, rne, 0xffffffffffffffff, 0xffffffff5f800000, NX
    FCVT_FROM_INT 698, fcvt.s.lu, rne, 0x0, 0xffffffff00000000, 0
    FCVT_FROM_INT 699, fcvt.d.w, none, 0xfffffffffffffff9, 0xc01c000000000000, 0
    FCVT_FROM_INT 700, fcvt.d.wu, none, 0xfffffffffffffff9, 0x41efffffff200000, 0
    FCVT_FROM_INT 701, fcvt.d.w, none, 0x123456789, 0x41c1a2b3c4800000, 0
    FCVT_FROM_INT 702, fcvt.d.l, rne, 0x20000000000001, 0x4340000000000000, NX
    FCVT_FROM_INT 703, fcvt.d.l, rtz, 0x20000000000001, 0x4340000000000000, NX
    FCVT_FROM_INT 704, fcvt.d.l, rdn, 0x20000000000001, 0x4340000000000000, NX
    FCVT_FROM_INT 705, fcvt.d.l, rup, 0x20000000000001, 0x4340000000000001, NX
    FCVT_FROM_INT 706, fcvt.d.l, rmm, 0x20000000000001, 0x4340000000000001, NX
    FCVT_FROM_INT 707, fcvt.d.l, rne, 0xbfffffffffffffff, 0xc3d0000000000000, NX
    FCVT_FROM_INT 708, fcvt.d.l, rtz, 0xbfffffffffffffff, 0xc3d0000000000000, NX
    FCVT_FROM_INT 709, fcvt.d.l, rdn, 0xbfffffffffffffff, 0xc3d0000000000001, NX
    FCVT_FROM_INT 710, fcvt.d.l, rup, 0xbfffffffffffffff, 0xc3d0000000000000, NX
    FCVT_FROM_INT 711, fcvt.d.l, rmm, 0xbfffffffffffffff, 0xc3d0000000000000, NX
    FCVT_FROM_INT 712, fcvt.d.l, rne, 0x7fffffffffffffff, 0x43e0000000000000, NX
    FCVT_FROM_INT 713, fcvt.d.lu, rne, 0xffffffffffffffff, 0x43f0000000000000, NX
    FCVT_FROM_INT 714, fcvt.d.lu, rtz, 0xffffffffffffffff, 0x43efffffffffffff, NX

    /* ---- fcvt.s.d / fcvt.d.s ---- */
    FOP1 715, fcvt.s.d, rne, 0x3fd5555555555555, 0xffffffff3eaaaaab, NX
    FOP1 716, fcvt.s.d, rtz, 0x3fd5555555555555, 0xffffffff3eaaaaaa, NX
    FOP1 717, fcvt.s.d, rdn, 0x3fd5555555555555, 0xffffffff3eaaaaaa, NX
    FOP1 718, fcvt.s.d, rup, 0x3fd5555555555555, 0xffffffff3eaaaaab, NX
    FOP1 719, fcvt.s.d, rmm, 0x3fd5555555555555, 0xffffffff3eaaaaab, NX
    FOP1 720, fcvt.s.d, rne, 0xbfd5555555555555, 0xffffffffbeaaaaab, NX
    FOP1 721, fcvt.s.d, rtz, 0xbfd5555555555555, 0xffffffffbeaaaaaa, NX
    FOP1 722, fcvt.s.d, rdn, 0xbfd5555555555555, 0xffffffffbeaaaaab, NX
    FOP1 723, fcvt.s.d, rup, 0xbfd5555555555555, 0xffffffffbeaaaaaa, NX
    FOP1 724, fcvt.s.d, rmm, 0xbfd5555555555555, 0xffffffffbeaaaaab, NX
    FOP1 725, fcvt.s.d, rne, 0x7e37e43c8800759c, 0xffffffff7f800000, OF|NX
    FOP1 726, fcvt.s.d, rtz, 0x7e37e43c8800759c, 0xffffffff7f7fffff, OF|NX
    FOP1 727, fcvt.s.d, rdn, 0x7e37e43c8800759c, 0xffffffff7f7fffff, OF|NX
    FOP1 728, fcvt.s.d, rup, 0x7e37e43c8800759c, 0xffffffff7f800000, OF|NX
    FOP1 729, fcvt.s.d, rmm, 0x7e37e43c8800759c, 0xffffffff7f800000, OF|NX
    FOP1 730, fcvt.s.d, rne, 0x1a56e1fc2f8f359, 0xffffffff00000000, UF|NX
    FOP1 731, fcvt.s.d, rup, 0x1a56e1fc2f8f359, 0xffffffff00000001, UF|NX
    FOP1 732, fcvt.s.d, rne, 0x3730000000000000, 0xffffffff00000200, 0
    FOP1 733, fcvt.s.d, rne, 0x7ff8000000000123, 0xffffffff7fc00000, 0
    FOP1 734, fcvt.s.d, rne, 0x7ff0000000000001, 0xffffffff7fc00000, NV
    FOP1 735, fcvt.s.d, rne, 0xfff0000000000000, 0xffffffffff800000, 0
    FOP1 736, fcvt.s.d, rne, 0x8000000000000000, 0xffffffff80000000, 0
    FOP1 737, fcvt.d.s, none, 0xffffffff3f800000, 0x3ff0000000000000, 0
    FOP1 738, fcvt.d.s, none, 0xffffffff3eaaaaab, 0x3fd5555560000000, 0
    FOP1 739, fcvt.d.s, none, 0xffffffff00000001, 0x36a0000000000000, 0
    FOP1 740, fcvt.d.s, none, 0xffffffffff7fffff, 0xc7efffffe0000000, 0
    FOP1 741, fcvt.d.s, none, 0xffffffff7f800000, 0x7ff0000000000000, 0
    FOP1 742, fcvt.d.s, none, 0xffffffff80000000, 0x8000000000000000, 0
    FOP1 743, fcvt.d.s, none, 0xffffffff7fc00000, 0x7ff8000000000000, 0
    FOP1 744, fcvt.d.s, none, 0xffffffff7f800001, 0x7ff8000000000000, NV
    FOP1 745, fcvt.d.s, none, 0xffffffffffc12345, 0x7ff8000000000000, 0


    /* ---- NaN boxing: single-precision inputs that are not NaN-boxed read as the canonical NaN ---- */
    li a1, 0x000000003f800000       # 1.0f without the box
    fmv.d.x f1, a1
    li a2, 0xffffffff3f800000       # 1.0f, boxed
    fmv.d.x f2, a2
    csrwi fflags, 0
    fadd.s f0, f1, f2
    CHECK_F 746, f0, 0xffffffff7fc00000
    fmul.s f0, f2, f1
    CHECK_F 747, f0, 0xffffffff7fc00000
    CHECK_CSR 748, fflags, 0         # a quiet NaN: no NV
    fsgnj.s f0, f1, f1              # fmv.s of an unboxed value
    CHECK_F 749, f0, 0xffffffff7fc00000
    fsgnj.s f0, f2, f1              # sign of the canonical NaN (+)
    CHECK_F 750, f0, 0xffffffff3f800000
    fsgnjn.s f0, f2, f1
    CHECK_F 751, f0, 0xffffffffbf800000
    fmin.s f0, f1, f2               # NaN operand: the other one
    CHECK_F 752, f0, 0xffffffff3f800000
    fclass.s a0, f1
    CHECK 753, a0, 0x200             # quiet NaN
    feq.s a0, f1, f2
    CHECK 754, a0, 0
    CHECK_CSR 755, fflags, 0
    flt.s a0, f1, f2
    CHECK 756, a0, 0
    CHECK_CSR 757, fflags, NV
    csrwi fflags, 0
    fcvt.d.s f0, f1
    CHECK_F 758, f0, 0x7ff8000000000000
    CHECK_CSR 759, fflags, 0
    fcvt.w.s a0, f1, rtz
    CHECK 760, a0, 0x7fffffff
    CHECK_CSR 761, fflags, NV
    csrwi fflags, 0
    fmadd.s f0, f2, f2, f1
    CHECK_F 762, f0, 0xffffffff7fc00000
    li a1, 0xfffffffe3f800000       # almost boxed
    fmv.d.x f3, a1
    fadd.s f0, f3, f2
    CHECK_F 763, f0, 0xffffffff7fc00000
    li a1, 0x7fffffff3f800000
    fmv.d.x f3, a1
    fsqrt.s f0, f3
    CHECK_F 764, f0, 0xffffffff7fc00000
    /* moves and stores take the low 32 bits as they are */
    fmv.x.w a0, f1
    CHECK 765, a0, 0x3f800000
    la a3, fbuf
    li a1, -1
    sd a1, 0(a3)
    fsw f1, 0(a3)
    ld a0, 0(a3)
    CHECK 766, a0, 0xffffffff3f800000
    /* results and loads are boxed */
    li a1, 0x12345678c0490fdb
    sd a1, 0(a3)
    flw f4, 0(a3)
    CHECK_F 767, f4, 0xffffffffc0490fdb
    li a1, 0x1234567880000000
    fmv.w.x f4, a1
    CHECK_F 768, f4, 0xffffffff80000000
    fcvt.s.w f4, zero
    CHECK_F 769, f4, 0xffffffff00000000

    /* ---- fmv.x.w sign-extends; fmv.x.d / fmv.d.x move 64 bits unchanged ---- */
    li a1, 0x80000000
    fmv.w.x f5, a1
    fmv.x.w a0, f5
    CHECK 770, a0, 0xffffffff80000000
    li a1, 0x7fffffff
    fmv.w.x f5, a1
    fmv.x.w a0, f5
    CHECK 771, a0, 0x7fffffff
    li a1, 0xffffffffff812345       # signalling NaN, boxed: not quietened by moves
    fmv.d.x f5, a1
    fmv.x.w a0, f5
    CHECK 772, a0, 0xffffffffff812345
    li a1, 0x7ff0000000000001
    fmv.d.x f5, a1
    fmv.x.d a0, f5
    CHECK 773, a0, 0x7ff0000000000001
    fmv.d f6, f5
    CHECK_F 774, f6, 0x7ff0000000000001
    fneg.d f6, f5
    CHECK_F 775, f6, 0xfff0000000000001
    fabs.d f6, f6
    CHECK_F 776, f6, 0x7ff0000000000001
    CHECK_CSR 777, fflags, 0

    /* ---- fsgnj / fsgnjn / fsgnjx: sign only, NaN payloads kept, no flags ---- */
    FOPN 778, fsgnj.s, 0xffffffff3f800000, 0xffffffffc0000000, 0xffffffffbf800000, 0
    FOPN 779, fsgnj.s, 0xffffffffbf800000, 0xffffffff40000000, 0xffffffff3f800000, 0
    FOPN 780, fsgnj.s, 0xffffffffbf800000, 0xffffffffc0000000, 0xffffffffbf800000, 0
    FOPN 781, fsgnj.s, 0xffffffff7fc12345, 0xffffffffbf800000, 0xffffffffffc12345, 0
    FOPN 782, fsgnj.s, 0xffffffff7f812345, 0xffffffff3f800000, 0xffffffff7f812345, 0
    FOPN 783, fsgnjn.s, 0xffffffff3f800000, 0xffffffffc0000000, 0xffffffff3f800000, 0
    FOPN 784, fsgnjn.s, 0xffffffffbf800000, 0xffffffff40000000, 0xffffffffbf800000, 0
    FOPN 785, fsgnjn.s, 0xffffffffbf800000, 0xffffffffc0000000, 0xffffffff3f800000, 0
    FOPN 786, fsgnjn.s, 0xffffffff7fc12345, 0xffffffffbf800000, 0xffffffff7fc12345, 0
    FOPN 787, fsgnjn.s, 0xffffffff7f812345, 0xffffffff3f800000, 0xffffffffff812345, 0
    FOPN 788, fsgnjx.s, 0xffffffff3f800000, 0xffffffffc0000000, 0xffffffffbf800000, 0
    FOPN 789, fsgnjx.s, 0xffffffffbf800000, 0xffffffff40000000, 0xffffffffbf800000, 0
    FOPN 790, fsgnjx.s, 0xffffffffbf800000, 0xffffffffc0000000, 0xffffffff3f800000, 0
    FOPN 791, fsgnjx.s, 0xffffffff7fc12345, 0xffffffffbf800000, 0xffffffffffc12345, 0
    FOPN 792, fsgnjx.s, 0xffffffff7f812345, 0xffffffff3f800000, 0xffffffff7f812345, 0
    FOPN 793, fsgnj.d, 0x3ff0000000000000, 0xc000000000000000, 0xbff0000000000000, 0
    FOPN 794, fsgnj.d, 0xbff0000000000000, 0x4000000000000000, 0x3ff0000000000000, 0
    FOPN 795, fsgnj.d, 0xbff0000000000000, 0xc000000000000000, 0xbff0000000000000, 0
    FOPN 796, fsgnj.d, 0x7ff8000000012345, 0xbff0000000000000, 0xfff8000000012345, 0
    FOPN 797, fsgnj.d, 0x7ff0000000012345, 0x3ff0000000000000, 0x7ff0000000012345, 0
    FOPN 798, fsgnjn.d, 0x3ff0000000000000, 0xc000000000000000, 0x3ff0000000000000, 0
    FOPN 799, fsgnjn.d, 0xbff0000000000000, 0x4000000000000000, 0xbff0000000000000, 0
    FOPN 800, fsgnjn.d, 0xbff0000000000000, 0xc000000000000000, 0x3ff0000000000000, 0
    FOPN 801, fsgnjn.d, 0x7ff8000000012345, 0xbff0000000000000, 0x7ff8000000012345, 0
    FOPN 802, fsgnjn.d, 0x7ff0000000012345, 0x3ff0000000000000, 0xfff0000000012345, 0
    FOPN 803, fsgnjx.d, 0x3ff0000000000000, 0xc000000000000000, 0xbff0000000000000, 0
    FOPN 804, fsgnjx.d, 0xbff0000000000000, 0x4000000000000000, 0xbff0000000000000, 0
    FOPN 805, fsgnjx.d, 0xbff0000000000000, 0xc000000000000000, 0x3ff0000000000000, 0
    FOPN 806, fsgnjx.d, 0x7ff8000000012345, 0xbff0000000000000, 0xfff8000000012345, 0
    FOPN 807, fsgnjx.d, 0x7ff0000000012345, 0x3ff0000000000000, 0x7ff0000000012345, 0


    /* ---- FP loads and stores: bit patterns kept, misaligned accesses emulated ---- */
    la a3, fbuf
    li a1, 0x7ff4000000000001       # signalling NaN
    sd a1, 8(a3)
    fld f8, 8(a3)
    fsd f8, 16(a3)
    ld a0, 16(a3)
    CHECK 808, a0, 0x7ff4000000000001
    li a1, 0x5555555555555555
    sd a1, 24(a3)
    li a1, 0xffffffff7f800001
    fmv.d.x f9, a1
    fsw f9, 24(a3)
    ld a0, 24(a3)
    CHECK 809, a0, 0x555555557f800001
    flw f10, 24(a3)
    CHECK_F 810, f10, 0xffffffff7f800001
    fld f11, 10(a3)                 # misaligned
    fsd f11, 33(a3)
    ld a0, 32(a3)
    CHECK 811, a0, 0x017ff40000000000
    flw f12, 26(a3)
    CHECK_F 812, f12, 0xffffffff55557f80
    li a1, 0x3ff0000000000000
    fmv.d.x f13, a1
    fld f13, -2040(a3)              # negative offsets reach the data before fbuf
    CHECK_F 813, f13, 0xdeadbeefcafef00d
    fsd f13, 2040(a3)
    ld a0, 2040(a3)
    CHECK 814, a0, 0xdeadbeefcafef00d
    CHECK_NO_TRAP 815

    csrw fcsr, zero
    PASS

    .data
    .balign 16
    .dword 0xdeadbeefcafef00d       /* at fbuf - 2040 */
    .skip 2040 - 8
fbuf:
    .space 4096

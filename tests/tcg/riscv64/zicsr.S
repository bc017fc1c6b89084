/* SPDX-License-Identifier: GPL-2.0-or-later */
/* zicsr: csrrw/csrrs/csrrc and immediate forms, x0/zimm=0 not writing, misa/mhartid/ID CSRs, counters, illegal CSR accesses. */
#include "common.h"

/* RV64 A C D F I M S U. QEMU 7.2 also reports H, which Quicksilver does not implement: compare with it using -cpu rv64,h=false. */
#define MISA_EXPECTED 0x800000000014112d

/* Case \n: "\insn" must raise an illegal instruction trap with mtval = its encoding. */
.macro TEST_ILLEGAL n, insn:vararg
    TRAP_RESET
    EXPECT_TRAP
.Lill\@:
    \insn
.Lill_end\@:
    .if (.Lill_end\@ - .Lill\@) != 4
    .error "expected a 32-bit instruction"
    .endif
    la t5, .Lill\@
    lwu t5, 0(t5)
    CHECK_MEM \n, trap_count, 1
    CHECK_MEM \n, trap_cause, CAUSE_ILLEGAL_INSN
    la t6, trap_tval
    ld s10, 0(t6)
    CHECK_REG \n, s10, t5
.endm

/* Case \n: "\insn" must not trap. */
.macro TEST_NO_TRAP n, insn:vararg
    TRAP_RESET
    \insn
    CHECK_NO_TRAP \n
.endm

TEST_BEGIN zicsr
    TRAP_RESET

    /* ---- csrrw / csrrs / csrrc on mscratch ---- */
    li a1, 0x0123456789abcdef
    csrw mscratch, a1
    CHECK_CSR 1, mscratch, 0x0123456789abcdef
    li a1, 0xfedcba9876543210
    csrrw a0, mscratch, a1          # old value to rd, new value written
    CHECK 2, a0, 0x0123456789abcdef
    CHECK_CSR 3, mscratch, 0xfedcba9876543210
    li a1, 0x0f0f
    csrrs a0, mscratch, a1
    CHECK 4, a0, 0xfedcba9876543210
    CHECK_CSR 5, mscratch, 0xfedcba9876543f1f
    li a1, 0xfff0000000000fff
    csrrc a0, mscratch, a1
    CHECK 6, a0, 0xfedcba9876543f1f
    CHECK_CSR 7, mscratch, 0x000cba9876543000
    li a0, 0x1111
    csrrw a0, mscratch, a0          # rd = rs1: swap
    CHECK 8, a0, 0x000cba9876543000
    CHECK_CSR 9, mscratch, 0x1111
    li a1, 0x2222
    csrrw x0, mscratch, a1          # rd = x0: write only
    CHECK_CSR 10, mscratch, 0x2222

    /* ---- rs1 = x0 / zimm = 0: csrrs and csrrc read without writing ---- */
    li a1, -1
    csrw mscratch, a1
    csrrs a0, mscratch, x0
    CHECK 11, a0, -1
    csrrc a0, mscratch, x0
    CHECK 12, a0, -1
    CHECK_CSR 13, mscratch, -1
    csrrsi a0, mscratch, 0
    csrrci a0, mscratch, 0
    CHECK_CSR 14, mscratch, -1
    csrrw a0, mscratch, x0          # csrrw with x0 does write zero
    CHECK 15, a0, -1
    CHECK_CSR 16, mscratch, 0

    /* ---- immediate forms: 5-bit zero-extended zimm ---- */
    csrrwi a0, mscratch, 31
    CHECK 17, a0, 0
    CHECK_CSR 18, mscratch, 31
    csrrwi a0, mscratch, 16
    CHECK 19, a0, 31
    csrrsi a0, mscratch, 5
    CHECK 20, a0, 16
    CHECK_CSR 21, mscratch, 21
    csrrci a0, mscratch, 17
    CHECK 22, a0, 21
    CHECK_CSR 23, mscratch, 4
    li a1, 0xff00000000000000
    csrw mscratch, a1
    csrrsi a0, mscratch, 31         # zimm is not sign-extended
    CHECK_CSR 24, mscratch, 0xff0000000000001f
    csrrci x0, mscratch, 31
    CHECK_CSR 25, mscratch, 0xff00000000000000
    csrrwi x0, mscratch, 0
    CHECK_CSR 26, mscratch, 0

    /* ---- sscratch is a separate register ---- */
    li a1, 0x5a5a
    csrw sscratch, a1
    li a1, 0xa5a5
    csrw mscratch, a1
    CHECK_CSR 27, sscratch, 0x5a5a
    CHECK_CSR 28, mscratch, 0xa5a5

    /* ---- misa ---- */
    csrr a0, misa
    srli a1, a0, 62
    CHECK 29, a1, 2                 # MXL = 2: RV64
.irp bit, 0, 2, 3, 5, 8, 12, 18, 20   /* A C D F I M S U */
    srli a1, a0, \bit
    andi a1, a1, 1
    CHECK 30 + \bit, a1, 1          # cases 30, 32, 33, 35, 38, 42, 48, 50
.endr
    srli a1, a0, 4
    andi a1, a1, 1
    CHECK 51, a1, 0                 # no E
    CHECK 52, a0, MISA_EXPECTED
    li a1, 0
    csrw misa, a1                   # writes are ignored (no trap)
    CHECK_CSR 53, misa, MISA_EXPECTED
    CHECK_NO_TRAP 54

    /* ---- identity CSRs: readable, read-only ---- */
    CHECK_CSR 55, mhartid, 0
    CHECK_CSR 56, mvendorid, 0
    TEST_NO_TRAP 57, csrr a0, marchid
    TEST_NO_TRAP 58, csrr a0, mimpid
    TEST_NO_TRAP 59, csrrs a0, mhartid, x0
    TEST_NO_TRAP 60, csrrsi a0, mvendorid, 0
    TEST_NO_TRAP 61, csrrci a0, marchid, 0
    TEST_ILLEGAL 62, csrw mvendorid, a1
    TEST_ILLEGAL 63, csrrw x0, mhartid, x0
    li a1, 1
    TEST_ILLEGAL 64, csrrs a0, mimpid, a1
    TEST_ILLEGAL 65, csrrsi a0, marchid, 1
    TEST_ILLEGAL 66, csrrci a0, mhartid, 2
    TEST_ILLEGAL 67, csrrwi a0, mvendorid, 0

    /* ---- CSRs that do not exist ---- */
    TEST_ILLEGAL 68, csrr a0, 0x7c0
    TEST_ILLEGAL 69, csrw 0x5c0, a1
    TEST_ILLEGAL 70, csrrs a0, 0xfff, x0
    TEST_ILLEGAL 71, csrrwi x0, 0x8ff, 3

    /* ---- the illegal access did not change the destination or the CSR ---- */
    li a0, 0x1234
    li a1, 0x55
    csrw mscratch, a1
    TRAP_RESET
    EXPECT_TRAP
    csrrw a0, mvendorid, a1
    CHECK 72, a0, 0x1234
    CHECK_CSR 73, mvendorid, 0

    /* ---- sstatus is a view of mstatus ---- */
    csrci mstatus, MSTATUS_SIE
    csrsi sstatus, MSTATUS_SIE
    csrr a0, mstatus
    andi a0, a0, MSTATUS_SIE
    CHECK 74, a0, MSTATUS_SIE
    csrci mstatus, MSTATUS_SIE
    csrr a0, sstatus
    andi a0, a0, MSTATUS_SIE
    CHECK 75, a0, 0
    li a1, MSTATUS_MIE
    csrs sstatus, a1                # MIE is not visible through sstatus
    csrr a0, mstatus
    andi a0, a0, MSTATUS_MIE
    CHECK 76, a0, 0
    csrr a0, mstatus
    srli a0, a0, 32
    andi a0, a0, 3
    CHECK 77, a0, 2                 # UXL = 2 (64-bit U-mode), read-only
    csrr a0, mstatus
    srli a0, a0, 34
    andi a0, a0, 3
    CHECK 78, a0, 2                 # SXL = 2

    /* ---- counters: mcycle/minstret/time advance, time follows the CLINT's mtime ---- */
    csrr a0, minstret
    nop
    nop
    csrr a1, minstret
    sltu a2, a0, a1
    CHECK 79, a2, 1
    csrr a0, mcycle
    nop
    csrr a1, mcycle
    sltu a2, a0, a1
    CHECK 80, a2, 1
    TEST_NO_TRAP 81, rdcycle a0
    TEST_NO_TRAP 82, rdinstret a0
    li t0, CLINT_BASE + CLINT_MTIME
    ld a0, 0(t0)
    rdtime a1
    ld a2, 0(t0)
    sltu a3, a1, a0
    CHECK 83, a3, 0                 # mtime before <= time
    sltu a3, a2, a1
    CHECK 84, a3, 0                 # time <= mtime after

    /* ---- M-mode CSRs from U-mode are illegal ---- */
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 2f
    li t0, MSTATUS_MPP
    csrc mstatus, t0                # MPP = U
    la t0, 1f
    csrw mepc, t0
    mret
1:  csrr a0, mscratch               # in U-mode
    FAIL_CASE 85                    # not reached: the trap resumes at 2f in M-mode
2:  CHECK_TRAP 85, CAUSE_ILLEGAL_INSN, 1b, 0x34002573
    CHECK_MEM 86, trap_mpp, PRV_U

    PASS

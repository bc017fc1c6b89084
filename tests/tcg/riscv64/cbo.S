/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cbo: cache-block operation controls as QEMU 7.2 has them: menvcfg/senvcfg CBIE/CBCFE/CBZE fields and access rules, Zicbop prefetch hints, and cbo.* as illegal instructions when Zicbom/Zicboz are absent. */
#include "common-mmu.h"

/*
 * QEMU 7.2 has no Zicbom or Zicboz (no such -cpu properties; they came in
 * QEMU 8.0): the cbo.* encodings are illegal instructions in every mode,
 * whatever menvcfg/senvcfg say, while the CBIE/CBCFE/CBZE fields of
 * menvcfg and senvcfg already exist and read back what was written.
 * Cases 20-21 require cbo.zero / cbo.clean to work exactly when the
 * device tree's riscv,isa names zicboz / zicbom; the illegal-instruction
 * cases (22-34) run for an absent extension only. A CPU that implements
 * them prints a note instead, so also run this test with
 * -cpu rv64,zicbom=false,zicboz=false where those properties exist.
 */
#define ENVCFG_FIOM  (1 << 0)
#define ENVCFG_CBIE_FLUSH (1 << 4)
#define ENVCFG_CBIE_RSVD  (2 << 4)
#define ENVCFG_CBIE_INVAL (3 << 4)
#define ENVCFG_CBCFE (1 << 6)
#define ENVCFG_CBZE  (1 << 7)
#define ENVCFG_CMO   (ENVCFG_CBIE_INVAL | ENVCFG_CBCFE | ENVCFG_CBZE)
#define UNMAPPED     0x1f00000          /* a hole in the virt memory map */
#define PATTERN      0x5a5a5a5a5a5a5a5a

/* Case \n: writing \val to CSR \csr reads back \exp. */
.macro WRITE_READ n, csr, val, exp
    li t0, \val
    csrw \csr, t0
    CHECK_CSR \n, \csr, \exp
.endm

/*
 * Case \n: "\insn" in mode \mode (PRV_M: right here) raises an illegal
 * instruction exception in M-mode with mtval = its encoding.
 */
.macro ILLEGAL_IN n, mode, insn:vararg
    LOG_RESET
    .if \mode != PRV_M
    GO \mode
    .endif
.Li\@:
    \insn
    .if \mode != PRV_M
    BACK_M
    .endif
    la t5, .Li\@
    lwu a7, 0(t5)
    CHECK_FAULT \n, CAUSE_ILLEGAL_INSN, .Li\@, a7
    CHECK_MEM \n, f_mpp, \mode
.endm

/* Case \n: "\insn" in mode \mode (not M) runs without any exception. */
.macro LEGAL_IN n, mode, insn:vararg
    LOG_RESET
    GO \mode
    \insn
    BACK_M
    CHECK_NOFAULT \n
.endm

TEST_BEGIN cbo
    mv s9, a1                          # the device tree, from the reset vector
    INSTALL_HANDLERS
    csrw medeleg, zero
    csrw mideleg, zero

    /* ---- menvcfg: the CMO fields ---- */
    CHECK_CSR 1, CSR_MENVCFG, 0        # reset value
    WRITE_READ 2, CSR_MENVCFG, ENVCFG_CBZE, ENVCFG_CBZE
    WRITE_READ 3, CSR_MENVCFG, ENVCFG_CBCFE, ENVCFG_CBCFE
    WRITE_READ 4, CSR_MENVCFG, ENVCFG_CBIE_FLUSH, ENVCFG_CBIE_FLUSH
    WRITE_READ 5, CSR_MENVCFG, ENVCFG_CBIE_INVAL, ENVCFG_CBIE_INVAL
    WRITE_READ 6, CSR_MENVCFG, ENVCFG_CBIE_RSVD, ENVCFG_CBIE_RSVD   # QEMU 7.2 keeps the reserved 10
    WRITE_READ 7, CSR_MENVCFG, 0xff, ENVCFG_CMO | ENVCFG_FIOM        # bits 3:1 read 0
    WRITE_READ 8, CSR_MENVCFG, 0, 0

    /* ---- senvcfg: the same fields ---- */
    CHECK_CSR 9, CSR_SENVCFG, 0
    WRITE_READ 10, CSR_SENVCFG, -1, ENVCFG_CMO | ENVCFG_FIOM         # nothing else in senvcfg
    WRITE_READ 11, CSR_SENVCFG, ENVCFG_CBIE_RSVD, ENVCFG_CBIE_RSVD
    WRITE_READ 12, CSR_SENVCFG, ENVCFG_CBZE | ENVCFG_CBIE_FLUSH, ENVCFG_CBZE | ENVCFG_CBIE_FLUSH

    /* ---- who may touch them: senvcfg from S, not U; menvcfg from M only ---- */
    li a1, ENVCFG_CBCFE
    LEGAL_IN 13, PRV_S, csrw CSR_SENVCFG, a1
    CHECK_CSR 13, CSR_SENVCFG, ENVCFG_CBCFE
    ILLEGAL_IN 14, PRV_U, csrr a0, CSR_SENVCFG
    ILLEGAL_IN 15, PRV_S, csrr a0, CSR_MENVCFG
    ILLEGAL_IN 16, PRV_S, csrw CSR_MENVCFG, a1
    CHECK_CSR 16, CSR_MENVCFG, 0

    /* ---- Zicbop: prefetch.i/r/w are ORI hints with rd = x0: no effect, never a fault ---- */
    li a1, UNMAPPED
    LOG_RESET
    prefetch.i 0(a1)
    prefetch.r 64(a1)
    prefetch.w -64(a1)
    CHECK_NOFAULT 17
    LEGAL_IN 18, PRV_U, prefetch.r 0(a1)
    LEGAL_IN 18, PRV_U, prefetch.w 0(a1)
    LEGAL_IN 18, PRV_S, prefetch.i 0(a1)

    /*
     * ---- cbo.*: they must work exactly when the board says so ----
     * The device tree (a1 at entry) lists the extensions in riscv,isa;
     * QEMU 7.2 names neither zicbom nor zicboz there and has neither.
     */
    mv a0, s9
    jal dtb_check
    CHECK 19, a0, 1                    # a1 at entry pointed at a flattened device tree
    la a0, cbuf
    li t0, PATTERN
    li t1, 128 / 8
1:  sd t0, 0(a0)
    addi a0, a0, 8
    addi t1, t1, -1
    bnez t1, 1b
    li t0, ENVCFG_CMO                  # everything enabled: it is not an envcfg matter
    csrw CSR_MENVCFG, t0
    csrw CSR_SENVCFG, t0
    la a0, str_zicboz
    jal dtb_find
    mv s7, a0                          # s7 = the DT names zicboz
    la a0, str_zicbom
    jal dtb_find
    mv s8, a0                          # s8 = the DT names zicbom
    la a0, cbuf + 0x48
    LOG_RESET
    cbo.zero (a0)
    la t0, f_count
    ld a1, 0(t0)
    seqz a1, a1                        # 1 = cbo.zero ran
    CHECK_REG 20, a1, s7
    LOG_RESET
    cbo.clean (a0)
    la t0, f_count
    ld a1, 0(t0)
    seqz a1, a1
    CHECK_REG 21, a1, s8

    bnez s7, 3f
    /* no Zicboz (QEMU 7.2): cbo.zero is illegal everywhere and zeroes nothing */
    ILLEGAL_IN 22, PRV_M, cbo.zero 0(a0)
    ILLEGAL_IN 23, PRV_S, cbo.zero 0(a0)
    ILLEGAL_IN 24, PRV_U, cbo.zero 0(a0)
    la a1, cbuf
    li t1, 128 / 8
    li a2, 0
1:  ld t0, 0(a1)
    li t2, PATTERN
    beq t0, t2, 2f
    addi a2, a2, 1
2:  addi a1, a1, 8
    addi t1, t1, -1
    bnez t1, 1b
    CHECK 25, a2, 0
    j 4f
3:  la a1, msg_zicboz
    jal put_str
4:  bnez s8, 5f
    /* no Zicbom (QEMU 7.2): cbo.clean/flush/inval are illegal everywhere */
    ILLEGAL_IN 26, PRV_M, cbo.clean 0(a0)
    ILLEGAL_IN 27, PRV_M, cbo.flush 0(a0)
    ILLEGAL_IN 28, PRV_M, cbo.inval 0(a0)
    ILLEGAL_IN 29, PRV_S, cbo.clean 0(a0)
    ILLEGAL_IN 30, PRV_S, cbo.flush 0(a0)
    ILLEGAL_IN 31, PRV_S, cbo.inval 0(a0)
    ILLEGAL_IN 32, PRV_U, cbo.clean 0(a0)
    ILLEGAL_IN 33, PRV_U, cbo.flush 0(a0)
    ILLEGAL_IN 34, PRV_U, cbo.inval 0(a0)
    j cbo_done
5:  la a1, msg_zicbom
    jal put_str

cbo_done:
    csrw CSR_MENVCFG, zero
    csrw CSR_SENVCFG, zero
    PASS

    HANDLERS

/* dtb_check: a0 = address; a0 = 1 if it holds the FDT magic 0xd00dfeed (big-endian). */
dtb_check:
    beqz a0, 1f
    lbu t0, 0(a0)
    lbu t1, 1(a0)
    slli t0, t0, 8
    or t0, t0, t1
    lbu t1, 2(a0)
    slli t0, t0, 8
    or t0, t0, t1
    lbu t1, 3(a0)
    slli t0, t0, 8
    or t0, t0, t1
    li t1, 0xd00dfeed
    bne t0, t1, 1f
    li a0, 1
    ret
1:  li a0, 0
    ret

/* dtb_find: a0 = NUL-terminated string; a0 = 1 if the device tree at s9 contains it. */
dtb_find:
    mv a3, a0
    mv a0, s9
    mv a4, ra
    jal dtb_check
    mv ra, a4
    beqz a0, 9f
    mv a1, s9
    lbu t0, 4(a1)                      # totalsize, big-endian
    lbu t1, 5(a1)
    slli t0, t0, 8
    or t0, t0, t1
    lbu t1, 6(a1)
    slli t0, t0, 8
    or t0, t0, t1
    lbu t1, 7(a1)
    slli t0, t0, 8
    or t0, t0, t1
    add a2, a1, t0                     # end
1:  bgeu a1, a2, 9f
    mv t2, a1
    mv t3, a3
2:  lbu t4, 0(t3)
    beqz t4, 8f
    bgeu t2, a2, 9f
    lbu t1, 0(t2)
    bne t1, t4, 3f
    addi t2, t2, 1
    addi t3, t3, 1
    j 2b
3:  addi a1, a1, 1
    j 1b
8:  li a0, 1
    ret
9:  li a0, 0
    ret

    .section .rodata
str_zicbom: .asciz "zicbom"
str_zicboz: .asciz "zicboz"
msg_zicboz:
    .asciz "NOTE cbo: Zicboz is implemented; cases 22-25 (its absence, as in QEMU 7.2) skipped\n"
msg_zicbom:
    .asciz "NOTE cbo: Zicbom is implemented; cases 26-34 (its absence, as in QEMU 7.2) skipped\n"

    .bss
    .balign 64
cbuf: .space 128

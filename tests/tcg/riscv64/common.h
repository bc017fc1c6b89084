// SPDX-License-Identifier: GPL-2.0-or-later
/* common.h: shared constants and assembler macros for the bare-metal riscv64 CPU tests. */
#ifndef TESTS_TCG_RISCV64_COMMON_H
#define TESTS_TCG_RISCV64_COMMON_H

/*
 * Register conventions (see README.md):
 *   s10, s11 and t6 are clobbered by every CHECK* macro (s11 = case number,
 *   s10 = value seen, t6 = value expected); t5 is clobbered by the trap macros.
 *   sp must always point into the stack: the M-mode trap handler in crt.S
 *   saves the interrupted registers below it, whatever the privilege mode.
 */

#define UART_BASE      0x10000000
#define UART_THR       0
#define UART_LSR       5
#define UART_LSR_THRE  0x20
#define FINISHER_BASE  0x100000
#define FINISHER_PASS  0x5555
#define FINISHER_FAIL  0x3333
#define CLINT_BASE     0x2000000
#define CLINT_MSIP     0x0
#define CLINT_MTIMECMP 0x4000
#define CLINT_MTIME    0xbff8

#define MSTATUS_SIE    (1 << 1)
#define MSTATUS_MIE    (1 << 3)
#define MSTATUS_SPIE   (1 << 5)
#define MSTATUS_MPIE   (1 << 7)
#define MSTATUS_SPP    (1 << 8)
#define MSTATUS_MPP    (3 << 11)
#define MSTATUS_MPP_S  (1 << 11)
#define MSTATUS_FS     (3 << 13)
#define MSTATUS_FS_INITIAL (1 << 13)
#define MSTATUS_FS_CLEAN   (2 << 13)
#define MSTATUS_FS_DIRTY   (3 << 13)
#define MSTATUS_MPRV   (1 << 17)
#define MSTATUS_SD     (1 << 63)

#define MIP_SSIP       (1 << 1)
#define MIP_MSIP       (1 << 3)
#define MIP_STIP       (1 << 5)
#define MIP_MTIP       (1 << 7)

#define CAUSE_MISALIGNED_FETCH  0
#define CAUSE_FETCH_ACCESS      1
#define CAUSE_ILLEGAL_INSN      2
#define CAUSE_BREAKPOINT        3
#define CAUSE_MISALIGNED_LOAD   4
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_MISALIGNED_STORE  6
#define CAUSE_STORE_ACCESS      7
#define CAUSE_ECALL_U           8
#define CAUSE_ECALL_S           9
#define CAUSE_ECALL_M           11
#define CAUSE_INTERRUPT         0x8000000000000000
#define CAUSE_M_SOFTWARE        (CAUSE_INTERRUPT | 3)
#define CAUSE_M_TIMER           (CAUSE_INTERRUPT | 7)

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#ifdef __ASSEMBLER__

/*
 * Tests are written with full-size encodings unless a file asks for C, and
 * without linker relaxation, so code stays where the assembler put it (with
 * mixed rvc/norvc code, relaxation would break .balign 4 of norvc code).
 */
.option norvc
.option norelax

/* Start the test program: names it (for PASS/FAIL lines) and opens test_main. */
.macro TEST_BEGIN name
    .pushsection .rodata
    .globl test_name
test_name:
    .asciz "\name"
    .popsection
    .text
    .globl test_main
    .balign 4
test_main:
.endm

/* Print "PASS <name>" and exit with status 0 through the test finisher. */
.macro PASS
    j test_pass
.endm

/* Case \n: register \reg must hold the constant \val. */
.macro CHECK n, reg, val
    mv s10, \reg
    li s11, \n
    li t6, \val
    beq s10, t6, .Lcheck_ok\@
    j test_fail
.Lcheck_ok\@:
.endm

/* Case \n: register \reg must equal register \exp (neither may be s10, s11 or t6). */
.macro CHECK_REG n, reg, exp
    mv s10, \reg
    mv t6, \exp
    li s11, \n
    beq s10, t6, .Lcheck_ok\@
    j test_fail
.Lcheck_ok\@:
.endm

/* Case \n: register \reg must hold the address of \label. */
.macro CHECK_LABEL n, reg, label
    mv s10, \reg
    li s11, \n
    la t6, \label
    beq s10, t6, .Lcheck_ok\@
    j test_fail
.Lcheck_ok\@:
.endm

/* Case \n: the 64-bit pattern of FP register \freg must be \val (NaN boxes included). */
.macro CHECK_F n, freg, val
    fmv.x.d s10, \freg
    li s11, \n
    li t6, \val
    beq s10, t6, .Lcheck_ok\@
    j test_fail
.Lcheck_ok\@:
.endm

/* Case \n: CSR \csr must read \val. */
.macro CHECK_CSR n, csr, val
    csrr s10, \csr
    li s11, \n
    li t6, \val
    beq s10, t6, .Lcheck_ok\@
    j test_fail
.Lcheck_ok\@:
.endm

/* Case \n: the doubleword at \sym must be \val. */
.macro CHECK_MEM n, sym, val
    la t6, \sym
    ld s10, 0(t6)
    li s11, \n
    li t6, \val
    beq s10, t6, .Lcheck_ok\@
    j test_fail
.Lcheck_ok\@:
.endm

/* Case \n: "\op a0, a1, a2" with a1 = \a, a2 = \b leaves \res in a0. */
.macro TEST_RR n, op, a, b, res
    li a1, \a
    li a2, \b
    \op a0, a1, a2
    CHECK \n, a0, \res
.endm

/* Case \n: "\op a0, a1, \imm" with a1 = \a leaves \res in a0. */
.macro TEST_RI n, op, a, imm, res
    li a1, \a
    \op a0, a1, \imm
    CHECK \n, a0, \res
.endm

/* Case \n: "\op a0, a1" with a1 = \a leaves \res in a0. */
.macro TEST_R n, op, a, res
    li a1, \a
    \op a0, a1
    CHECK \n, a0, \res
.endm

/* Case \n: unconditional failure (reached a path that must not be taken). */
.macro FAIL_CASE n
    li s11, \n
    j test_fail_path
.endm

/*
 * Trap expectations. The default M-mode handler in crt.S records every trap
 * in trap_cause/trap_epc/trap_tval/trap_mpp and bumps trap_count. A trap is
 * only allowed while trap_expect is non-zero (each trap decrements it);
 * otherwise the test fails with "unexpected trap". After an exception the
 * handler returns past the faulting instruction (2 or 4 bytes), or, if
 * trap_resume is set, to that address in M-mode (trap_resume is then cleared).
 * After an interrupt it clears the interrupt's bit in mie and returns.
 * If trap_hook is set, it is called instead (a0=mcause, a1=mepc, a2=mtval,
 * a3=saved register frame, x[i] at 8*i) and decides everything itself.
 */
.macro EXPECT_TRAP count=1
    la t5, trap_expect
    li t6, \count
    sd t6, 0(t5)
.endm

/* After a trap, resume in M-mode at \label instead of after the instruction. */
.macro TRAP_RESUME label
    la t5, trap_resume
    la t6, \label
    sd t6, 0(t5)
.endm

/* Forget earlier traps: zero trap_count and the recorded cause/epc/tval. */
.macro TRAP_RESET
    la t5, trap_count
    sd zero, 0(t5)
    la t5, trap_cause
    li t6, -1
    sd t6, 0(t5)
    la t5, trap_epc
    sd zero, 0(t5)
    la t5, trap_tval
    sd t6, 0(t5)
    la t5, trap_expect
    sd zero, 0(t5)
    la t5, trap_resume
    sd zero, 0(t5)
.endm

/* Case \n: exactly one trap since TRAP_RESET, with mcause \cause at \label and mtval \tval. */
.macro CHECK_TRAP n, cause, label, tval
    CHECK_MEM \n, trap_count, 1
    CHECK_MEM \n, trap_cause, \cause
    la t5, trap_epc
    ld t5, 0(t5)
    CHECK_LABEL \n, t5, \label
    CHECK_MEM \n, trap_tval, \tval
.endm

/* Case \n: no trap since TRAP_RESET. */
.macro CHECK_NO_TRAP n
    CHECK_MEM \n, trap_count, 0
.endm

#endif /* __ASSEMBLER__ */
#endif /* TESTS_TCG_RISCV64_COMMON_H */

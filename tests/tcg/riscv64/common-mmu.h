// SPDX-License-Identifier: GPL-2.0-or-later
/* common-mmu.h: extra constants, mode-switch macros and M/S trap handlers shared by mmu.S, pmp.S, sstc.S and cbo.S. */
#ifndef TESTS_TCG_RISCV64_COMMON_MMU_H
#define TESTS_TCG_RISCV64_COMMON_MMU_H

#include "common.h"

#define CSR_SENVCFG   0x10a
#define CSR_STIMECMP  0x14d
#define CSR_MENVCFG   0x30a

#define MSTATUS_SUM   (1 << 18)
#define MSTATUS_MXR   (1 << 19)

#define CAUSE_FETCH_PAGE  12
#define CAUSE_LOAD_PAGE   13
#define CAUSE_STORE_PAGE  15

#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_U (1 << 4)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)

#define SATP_SV39 (8 << 60)
#define SATP_SV48 (9 << 60)
#define SATP_SV57 (10 << 60)

/*
 * mmu.S maps the RAM gigapage at 0x80000000 a second time, with U=1, at
 * 0x40000000: U-mode code runs there, ALIAS_OFF bytes below its link address.
 * The handlers below turn such a PC back into the link address when they
 * log it or return to M-mode.
 */
#define ALIAS_OFF 0x40000000

/* Offsets in the trap log (tlog), see HANDLERS. */
#define L_F_COUNT 0
#define L_F_CAUSE 8
#define L_F_EPC 16
#define L_F_TVAL 24
#define L_F_MPP 32
#define L_S_COUNT 40
#define L_S_CAUSE 48
#define L_S_EPC 56
#define L_S_TVAL 64
#define L_S_SPP 72
#define L_M_ICOUNT 80
#define L_M_ICAUSE 88
#define L_S_ICOUNT 96
#define L_S_ICAUSE 104
#define L_S_SAVE 112
#define L_SIZE 144

#ifdef __ASSEMBLER__

/*
 * Register conventions on top of common.h: the macros below clobber t0 and
 * t1 (and the CHECK_* ones s10, s11, t5, t6). a0-a7 and s0-s9 are free for
 * the tests; U/S snippets must not change sp or ra unless they say so.
 *
 * The M-mode hook m_hook (INSTALL_HANDLERS) gives these rules:
 *  - ecall from U or S: continue in M-mode after the ecall, with
 *    mstatus.MIE = 0 (so "GO_S ... BACK_M" runs a snippet in S and comes
 *    back; GO leaves mstatus.MIE = 0 in S/U too);
 *  - any other exception is logged in f_count/f_cause/f_epc/f_tval/f_mpp;
 *    a fetch fault (cause 1 or 12) returns to the saved ra in the same mode
 *    (the faulting jalr "returns"), anything else skips the 4-byte
 *    instruction (the tests are assembled without C);
 *  - an interrupt is logged in m_icount/m_icause and its mie bit cleared.
 * The S-mode handler s_trap (stvec) does the same for delegated traps in
 * s_count/s_cause/s_epc/s_tval/s_spp and s_icount/s_icause; a delegated
 * supervisor timer interrupt writes stimecmp = -1, a software one clears
 * sip.SSIP.
 */

/* Install m_hook as crt.S's trap_hook and s_trap in stvec; clear the logs. */
.macro INSTALL_HANDLERS
    la t0, trap_hook
    la t1, m_hook
    sd t1, 0(t0)
    la t0, s_trap
    csrw stvec, t0
    LOG_RESET
.endm

/* Forget logged traps (exceptions and interrupts, M and S). */
.macro LOG_RESET
    la t0, tlog
    sd zero, L_F_COUNT(t0)
    sd zero, L_S_COUNT(t0)
    sd zero, L_M_ICOUNT(t0)
    sd zero, L_S_ICOUNT(t0)
    li t1, -1
    sd t1, L_F_CAUSE(t0)
    sd t1, L_F_EPC(t0)
    sd t1, L_F_TVAL(t0)
    sd t1, L_F_MPP(t0)
    sd t1, L_S_CAUSE(t0)
    sd t1, L_S_EPC(t0)
    sd t1, L_S_TVAL(t0)
    sd t1, L_S_SPP(t0)
    sd t1, L_M_ICAUSE(t0)
    sd t1, L_S_ICAUSE(t0)
.endm

/* Continue at the next instruction in privilege mode \mode (mret; mstatus.MIE = 0 there). */
.macro GO mode
    li t0, MSTATUS_MPP | MSTATUS_MPIE
    csrc mstatus, t0
    li t0, (\mode << 11)
    csrs mstatus, t0
    la t0, .Lgo\@
    csrw mepc, t0
    mret
.Lgo\@:
.endm

.macro GO_S
    GO PRV_S
.endm

.macro GO_U
    GO PRV_U
.endm

/* Continue at the next instruction in U-mode, through the U alias (mmu.S). */
.macro GO_U_ALIAS
    li t0, MSTATUS_MPP | MSTATUS_MPIE
    csrc mstatus, t0
    la t0, .Lgo\@
    li t1, ALIAS_OFF
    sub t0, t0, t1
    csrw mepc, t0
    mret
.Lgo\@:
.endm

/* Back to M-mode at the next instruction (from U or S, with m_hook installed). */
.macro BACK_M
    ecall
.endm

/* Case \n: no exception (M or S) since LOG_RESET. */
.macro CHECK_NOFAULT n
    CHECK_MEM \n, f_count, 0
    CHECK_MEM \n, s_count, 0
.endm

/* Case \n: exactly one exception, in M, cause \cause, mepc at \label, mtval = register \tval. */
.macro CHECK_FAULT n, cause, label, tval
    CHECK_MEM \n, s_count, 0
    CHECK_MEM \n, f_count, 1
    CHECK_MEM \n, f_cause, \cause
    la t5, f_epc
    ld t5, 0(t5)
    CHECK_LABEL \n, t5, \label
    la t5, f_tval
    ld t5, 0(t5)
    CHECK_REG \n, t5, \tval
.endm

/* Case \n: exactly one exception, in M, a fetch fault \cause at register \va (mepc = mtval = \va). */
.macro CHECK_FETCH_FAULT n, cause, va
    CHECK_MEM \n, s_count, 0
    CHECK_MEM \n, f_count, 1
    CHECK_MEM \n, f_cause, \cause
    la t5, f_epc
    ld t5, 0(t5)
    CHECK_REG \n, t5, \va
    la t5, f_tval
    ld t5, 0(t5)
    CHECK_REG \n, t5, \va
.endm

/* Case \n: exactly one exception, delegated to S: scause \cause, sepc at \label, stval = register \tval. */
.macro CHECK_SFAULT n, cause, label, tval
    CHECK_MEM \n, f_count, 0
    CHECK_MEM \n, s_count, 1
    CHECK_MEM \n, s_cause, \cause
    la t5, s_epc
    ld t5, 0(t5)
    CHECK_LABEL \n, t5, \label
    la t5, s_tval
    ld t5, 0(t5)
    CHECK_REG \n, t5, \tval
.endm

/* Case \n: the doubleword at address register \addr must be \val (reads in M-mode). */
.macro CHECK_AT n, addr, val
    ld t5, 0(\addr)
    CHECK \n, t5, \val
.endm

/* Emit m_hook, s_trap and their logs (once per test program). */
.macro HANDLERS
    .text
    .balign 4
    /* crt.S trap_hook: a0 = mcause, a1 = mepc, a2 = mtval, a3 = saved x[i] at 8*i. */
m_hook:
    bltz a0, .Lm_irq
    /* a4 = mepc with the U alias undone */
    mv a4, a1
    srli t0, a1, 30
    addi t0, t0, -1
    bnez t0, 1f
    li t0, ALIAS_OFF
    add a4, a1, t0
1:  addi t0, a0, -CAUSE_ECALL_U
    beqz t0, .Lm_ecall
    addi t0, a0, -CAUSE_ECALL_S
    beqz t0, .Lm_ecall
    la t0, tlog
    ld t1, L_F_COUNT(t0)
    addi t1, t1, 1
    sd t1, L_F_COUNT(t0)
    sd a0, L_F_CAUSE(t0)
    sd a4, L_F_EPC(t0)
    sd a2, L_F_TVAL(t0)
    csrr t1, mstatus
    srli t1, t1, 11
    andi t1, t1, 3
    sd t1, L_F_MPP(t0)
    li t0, CAUSE_FETCH_ACCESS
    beq a0, t0, 2f
    li t0, CAUSE_FETCH_PAGE
    beq a0, t0, 2f
    addi a1, a1, 4
    csrw mepc, a1
    ret
2:  ld t0, 8(a3)
    csrw mepc, t0
    ret
.Lm_ecall:
    addi a4, a4, 4
    csrw mepc, a4
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    li t0, MSTATUS_MPIE                /* M-mode goes on with MIE = 0 */
    csrc mstatus, t0
    ret
.Lm_irq:
    la t0, tlog
    ld t1, L_M_ICOUNT(t0)
    addi t1, t1, 1
    sd t1, L_M_ICOUNT(t0)
    sd a0, L_M_ICAUSE(t0)
    slli t1, a0, 1
    srli t1, t1, 1
    li t0, 1
    sll t0, t0, t1
    csrc mie, t0
    ret

    .balign 4
s_trap:
    csrw sscratch, t0
    la t0, tlog
    sd t1, L_S_SAVE(t0)
    sd t2, L_S_SAVE+8(t0)
    sd t3, L_S_SAVE+16(t0)
    csrr t1, scause
    bltz t1, .Ls_irq
    ld t2, L_S_COUNT(t0)
    addi t2, t2, 1
    sd t2, L_S_COUNT(t0)
    sd t1, L_S_CAUSE(t0)
    csrr t2, stval
    sd t2, L_S_TVAL(t0)
    csrr t2, sstatus
    srli t2, t2, 8
    andi t2, t2, 1
    sd t2, L_S_SPP(t0)
    csrr t2, sepc
    mv t3, t2
    srli t3, t3, 30
    addi t3, t3, -1
    bnez t3, 1f
    li t3, ALIAS_OFF
    add t3, t2, t3
    j 2f
1:  mv t3, t2
2:  sd t3, L_S_EPC(t0)
    li t3, CAUSE_FETCH_ACCESS
    beq t1, t3, 3f
    li t3, CAUSE_FETCH_PAGE
    beq t1, t3, 3f
    addi t2, t2, 4
    csrw sepc, t2
    j .Ls_out
3:  csrw sepc, ra
    j .Ls_out
.Ls_irq:
    ld t2, L_S_ICOUNT(t0)
    addi t2, t2, 1
    sd t2, L_S_ICOUNT(t0)
    sd t1, L_S_ICAUSE(t0)
    slli t1, t1, 1
    srli t1, t1, 1
    li t2, 5
    bne t1, t2, 4f
    li t2, -1
    csrw CSR_STIMECMP, t2
    j .Ls_out
4:  li t2, 1
    bne t1, t2, 5f
    li t2, MIP_SSIP
    csrc sip, t2
    j .Ls_out
5:  li t2, 1                       /* any other: disable it in sie */
    sll t2, t2, t1
    csrc sie, t2
.Ls_out:
    ld t1, L_S_SAVE(t0)
    ld t2, L_S_SAVE+8(t0)
    ld t3, L_S_SAVE+16(t0)
    csrr t0, sscratch
    sret

    .data
    .balign 8
tlog:
f_count:  .dword 0
f_cause:  .dword -1
f_epc:    .dword -1
f_tval:   .dword -1
f_mpp:    .dword -1
s_count:  .dword 0
s_cause:  .dword -1
s_epc:    .dword -1
s_tval:   .dword -1
s_spp:    .dword -1
m_icount: .dword 0
m_icause: .dword -1
s_icount: .dword 0
s_icause: .dword -1
s_save:   .space 32
    .if . - tlog != L_SIZE
    .error "tlog layout"
    .endif
    .text
.endm

#endif /* __ASSEMBLER__ */
#endif /* TESTS_TCG_RISCV64_COMMON_MMU_H */

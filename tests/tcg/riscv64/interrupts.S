/* SPDX-License-Identifier: GPL-2.0-or-later */
/* interrupts: CLINT machine timer and software interrupts, mie/mstatus.MIE gating, wfi wake-up, priority, vectored mtvec, S-level delegation. */
#include "common.h"

#define MTIMECMP (CLINT_BASE + CLINT_MTIMECMP)
#define MTIME    (CLINT_BASE + CLINT_MTIME)
#define MSIP     (CLINT_BASE + CLINT_MSIP)
#define MIE_SSIE (1 << 1)
#define MIE_MSIE (1 << 3)
#define MIE_MTIE (1 << 7)
#define CAUSE_S_SOFTWARE (CAUSE_INTERRUPT | 1)

/* mtimecmp = mtime + \delta (clobbers t0, t1). */
.macro ARM_TIMER delta
    li t0, MTIME
    ld t1, 0(t0)
    li t0, \delta
    add t1, t1, t0
    li t0, MTIMECMP
    sd t1, 0(t0)
.endm

/* mtimecmp = all ones: the timer never fires (clobbers t0, t1). */
.macro STOP_TIMER
    li t0, MTIMECMP
    li t1, -1
    sd t1, 0(t0)
.endm

/* Case \n: bit \bit of mip must be \val. */
.macro CHECK_MIP n, bit, val
    csrr t5, mip
    srli t5, t5, \bit
    andi t5, t5, 1
    CHECK \n, t5, \val
.endm

/* Install \hook as trap_hook (clobbers t0, t1) and clear the hook log. */
.macro SET_HOOK hook
    la t0, log_n
    sd zero, 0(t0)
    la t0, trap_hook
    la t1, \hook
    sd t1, 0(t0)
.endm

.macro CLEAR_HOOK
    la t0, trap_hook
    sd zero, 0(t0)
.endm

/* Case \n: log entry \i recorded mcause \cause from privilege mode \mode. */
.macro CHECK_LOG n, i, cause, mode
    CHECK_MEM \n, log_buf + 32 * \i, \cause
    CHECK_MEM \n, log_buf + 32 * \i + 8, \mode
.endm

TEST_BEGIN interrupts
    csrci mstatus, MSTATUS_MIE
    csrw mie, zero
    csrw mideleg, zero
    li t0, MSIP
    sw zero, 0(t0)
    TRAP_RESET

    /* ---- mtime runs; mip.MTIP follows mtime >= mtimecmp ---- */
    li t0, MTIME
    ld a0, 0(t0)
    li a2, 1000
1:  addi a2, a2, -1
    bnez a2, 1b
    ld a1, 0(t0)
    sltu a2, a0, a1
    CHECK 1, a2, 1
    STOP_TIMER
    CHECK_MIP 2, 7, 0
    li t0, MTIMECMP
    sd zero, 0(t0)                  # in the past: pending at once
    CHECK_MIP 3, 7, 1
    ARM_TIMER 100000000             # 10 s ahead: not pending
    CHECK_MIP 4, 7, 0

    /* ---- pending + enabled in mie, but mstatus.MIE = 0: not taken ---- */
    li t0, MIE_MTIE
    csrs mie, t0
    li t0, MTIMECMP
    sd zero, 0(t0)
    nop
    nop
    CHECK_NO_TRAP 5
    wfi                             # returns at once: an enabled interrupt is pending
    CHECK_NO_TRAP 6

    /* ---- setting mstatus.MIE takes it right away ---- */
    TRAP_RESET
    EXPECT_TRAP
    csrsi mstatus, MSTATUS_MIE
1:  csrci mstatus, MSTATUS_MIE
    CHECK_TRAP 7, CAUSE_M_TIMER, 1b, 0
    CHECK_MEM 8, trap_mpp, PRV_M
    CHECK_CSR 9, mie, 0             # the handler disabled MTIE
    CHECK_MIP 10, 7, 1              # still pending: only mtimecmp clears it

    /* ---- trap entry/exit of an interrupt: MPIE/MIE ---- */
    SET_HOOK log_hook
    li t0, MIE_MTIE
    csrs mie, t0
    csrsi mstatus, MSTATUS_MIE
    csrr a0, mstatus                # after mret: MIE back to 1
    csrci mstatus, MSTATUS_MIE
    CLEAR_HOOK
    CHECK_MEM 11, log_n, 1
    CHECK_LOG 12, 0, CAUSE_M_TIMER, PRV_M
    CHECK_MEM 13, log_buf + 16, MSTATUS_MPIE  # mstatus & (MIE|MPIE) inside the handler
    andi a0, a0, MSTATUS_MIE
    CHECK 14, a0, MSTATUS_MIE

    /* ---- wfi wakes on a pending timer even with mstatus.MIE = 0 ---- */
    TRAP_RESET
    csrw mie, zero
    li t0, MIE_MTIE
    csrs mie, t0
    li t0, MTIME
    ld s0, 0(t0)
    ARM_TIMER 10000                 # 1 ms
    li s1, 0
1:  addi s1, s1, 1
    wfi
    csrr t0, mip
    andi t0, t0, MIP_MTIP
    beqz t0, 1b
    li t0, MTIME
    ld a0, 0(t0)
    sub a0, a0, s0
    li t1, 10000
    sltu a1, a0, t1
    CHECK 15, a1, 0                 # at least 1 ms passed
    CHECK_NO_TRAP 16
    TRAP_RESET                      # now let it in
    EXPECT_TRAP
    csrsi mstatus, MSTATUS_MIE
1:  csrci mstatus, MSTATUS_MIE
    CHECK_TRAP 17, CAUSE_M_TIMER, 1b, 0

    /*
     * ---- mie.MTIE and mstatus.MIE set, then wfi: the interrupt wakes it ----
     * The hook re-arms the timer (50 ms) rather than disabling it, so an
     * interrupt that came before the wfi could not leave it asleep for ever.
     */
    TRAP_RESET
    SET_HOOK rearm_hook
    ARM_TIMER 500000                # 50 ms
    li t0, MIE_MTIE
    csrs mie, t0
    csrsi mstatus, MSTATUS_MIE
1:  la t0, log_n
    ld t0, 0(t0)
    bnez t0, 3f
    wfi
2:  j 1b
3:  csrci mstatus, MSTATUS_MIE
    csrw mie, zero
    STOP_TIMER
    CLEAR_HOOK
    CHECK_MEM 18, log_n, 1
    CHECK_LOG 19, 0, CAUSE_M_TIMER, PRV_M
    la t0, log_buf + 24
    ld a0, 0(t0)
    CHECK_LABEL 20, a0, 2b          # mepc = the instruction after wfi

    /* ---- an enabled interrupt is not taken while mie has its bit clear ---- */
    TRAP_RESET
    li t0, MTIMECMP
    sd zero, 0(t0)
    csrw mie, zero
    csrsi mstatus, MSTATUS_MIE
    nop
    nop
    csrci mstatus, MSTATUS_MIE
    CHECK_NO_TRAP 21
    STOP_TIMER

    /* ---- CLINT msip: machine software interrupt ---- */
    CHECK_MIP 22, 3, 0
    li t0, MSIP
    li t1, 1
    sw t1, 0(t0)
    CHECK_MIP 23, 3, 1
    lw a0, 0(t0)
    CHECK 24, a0, 1
    TRAP_RESET
    EXPECT_TRAP
    li t0, MIE_MSIE
    csrs mie, t0
    csrsi mstatus, MSTATUS_MIE
1:  csrci mstatus, MSTATUS_MIE
    CHECK_TRAP 25, CAUSE_M_SOFTWARE, 1b, 0
    CHECK_CSR 26, mie, 0
    li t0, MSIP
    sw zero, 0(t0)
    CHECK_MIP 27, 3, 0
    li t0, MSIP
    li t1, 1
    sw t1, 0(t0)
    li t0, MIE_MSIE                 # msip wakes wfi too
    csrs mie, t0
    wfi
    csrw mie, zero
    CHECK_MIP 28, 3, 1
    li t0, MSIP
    sw zero, 0(t0)

    /* ---- priority: software before timer when both are pending ---- */
    SET_HOOK log_hook
    li t0, MSIP
    li t1, 1
    sw t1, 0(t0)
    li t0, MTIMECMP
    sd zero, 0(t0)
    li t0, MIE_MSIE | MIE_MTIE
    csrs mie, t0
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    CLEAR_HOOK
    STOP_TIMER
    li t0, MSIP
    sw zero, 0(t0)
    CHECK_MEM 29, log_n, 2
    CHECK_LOG 30, 0, CAUSE_M_SOFTWARE, PRV_M
    CHECK_LOG 31, 1, CAUSE_M_TIMER, PRV_M

    /* ---- vectored mtvec: interrupt cause 7 goes to BASE + 4 * 7 ---- */
    TRAP_RESET
    EXPECT_TRAP
    la t0, vec_table
    ori t0, t0, 1
    csrw mtvec, t0
    li t0, MTIMECMP
    sd zero, 0(t0)
    li t0, MIE_MTIE
    csrs mie, t0
    csrsi mstatus, MSTATUS_MIE
1:  csrci mstatus, MSTATUS_MIE
    la t0, trap_entry
    csrw mtvec, t0
    STOP_TIMER
    CHECK_TRAP 32, CAUSE_M_TIMER, 1b, 0

    /* ---- in U-mode, M interrupts are taken even with mstatus.MIE = 0 ---- */
    SET_HOOK log_hook
    TRAP_RESUME 2f
    li t0, MTIMECMP
    sd zero, 0(t0)
    li t0, MIE_MTIE
    csrs mie, t0
    li t0, MSTATUS_MPP | MSTATUS_MPIE
    csrc mstatus, t0                # MPP = U, MPIE = 0: MIE stays 0 in U
    la t0, 1f
    csrw mepc, t0
    mret
1:  nop
    ecall
    FAIL_CASE 33
2:  CLEAR_HOOK
    STOP_TIMER
    CHECK_MEM 33, log_n, 2
    CHECK_LOG 34, 0, CAUSE_M_TIMER, PRV_U
    CHECK_LOG 35, 1, CAUSE_ECALL_U, PRV_U

    /* ---- supervisor software interrupt delegated to S via mideleg ---- */
    la t0, s_handler
    csrw stvec, t0
    li t0, MIP_SSIP
    csrw mideleg, t0
    csrs mie, t0                    # SSIE
    csrs mip, t0                    # M-mode raises SSIP
    CHECK_MIP 36, 1, 1
    la t0, s_count
    sd zero, 0(t0)
    SET_HOOK log_hook
    TRAP_RESUME 2f
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, 1f
    csrw mepc, t0
    mret
1:  nop                             # S-mode, SIE = 0: not taken yet
    la t0, s_count
    ld s2, 0(t0)
    csrsi sstatus, MSTATUS_SIE      # taken here, by the S handler
    nop
    csrci sstatus, MSTATUS_SIE
    ecall
    FAIL_CASE 37
2:  CLEAR_HOOK
    CHECK 37, s2, 0
    CHECK_MEM 38, s_count, 1
    CHECK_MEM 39, s_cause, CAUSE_S_SOFTWARE
    CHECK_MEM 40, log_n, 1          # M saw only the ecall
    CHECK_LOG 41, 0, CAUSE_ECALL_S, PRV_S
    CHECK_MIP 42, 1, 0              # the S handler cleared SSIP

    /* ---- the same interrupt not delegated goes to M, even from S with MIE = 0 ---- */
    csrci mstatus, MSTATUS_MIE
    csrw mideleg, zero
    li t0, MIP_SSIP
    csrs mip, t0
    SET_HOOK log_hook
    TRAP_RESUME 2f
    li t0, MSTATUS_MPP | MSTATUS_MPIE
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, 1f
    csrw mepc, t0
    mret
1:  nop
    ecall
    FAIL_CASE 43
2:  CLEAR_HOOK
    li t0, MIP_SSIP
    csrc mip, t0
    csrw mie, zero
    CHECK_MEM 43, log_n, 2
    CHECK_LOG 44, 0, CAUSE_S_SOFTWARE, PRV_S
    CHECK_LOG 45, 1, CAUSE_ECALL_S, PRV_S

    PASS

/* ---------------------------------------------------------------------- */

/*
 * log_hook: log mcause, the previous mode, mstatus & (MIE|MPIE) and mepc
 * (32 bytes per trap). Interrupts: clear their mie bit and return.
 * Exceptions: resume at trap_resume in M-mode.
 */
log_hook:
    la t0, log_n
    ld t1, 0(t0)
    addi t2, t1, 1
    sd t2, 0(t0)
    slli t1, t1, 5
    la t2, log_buf
    add t2, t2, t1
    sd a0, 0(t2)
    csrr t3, mstatus
    srli t4, t3, 11
    andi t4, t4, 3
    sd t4, 8(t2)
    andi t4, t3, MSTATUS_MIE | MSTATUS_MPIE
    sd t4, 16(t2)
    sd a1, 24(t2)
    bgez a0, 1f
    slli t1, a0, 1
    srli t1, t1, 1
    li t2, 1
    sll t2, t2, t1
    csrc mie, t2
    ret
1:  la t0, trap_resume
    ld t1, 0(t0)
    beqz t1, 2f
    sd zero, 0(t0)
    csrw mepc, t1
    li t1, MSTATUS_MPP
    csrs mstatus, t1
    ret
2:  li s11, 0
    j test_fail_path

/* rearm_hook: log like log_hook, then push mtimecmp 50 ms ahead. */
rearm_hook:
    la t0, log_n
    ld t1, 0(t0)
    addi t2, t1, 1
    sd t2, 0(t0)
    slli t1, t1, 5
    la t2, log_buf
    add t2, t2, t1
    sd a0, 0(t2)
    csrr t3, mstatus
    srli t4, t3, 11
    andi t4, t4, 3
    sd t4, 8(t2)
    sd a1, 24(t2)
    ARM_TIMER 500000
    ret

    /* S-mode handler: count, record scause, clear sip.SSIP, sret. */
    .balign 4
s_handler:
    addi sp, sp, -16
    sd t0, 0(sp)
    sd t1, 8(sp)
    la t0, s_count
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)
    csrr t1, scause
    la t0, s_cause
    sd t1, 0(t0)
    li t0, MIP_SSIP
    csrc sip, t0
    ld t0, 0(sp)
    ld t1, 8(sp)
    addi sp, sp, 16
    sret

    /* Vectored table: only the machine timer entry (7) is expected. */
    .balign 256
vec_table:
    .rept 7
    j vec_bad
    .endr
    j trap_entry
    .rept 8
    j vec_bad
    .endr
vec_bad:
    FAIL_CASE 32                    # the timer interrupt used the wrong vector entry

    .data
    .balign 8
s_count: .dword 0
s_cause: .dword 0
log_n:   .dword 0
log_buf: .space 32 * 8

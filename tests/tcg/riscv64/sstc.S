/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sstc: the Sstc stimecmp CSR: menvcfg.STCE, mip.STIP driven by time >= stimecmp, supervisor timer interrupts (delegated or not), access rules from S and U. */
#include "common-mmu.h"

#define MENVCFG_STCE (1 << 63)
#define MIE_STIE     (1 << 5)
#define MCOUNTEREN_TM (1 << 1)
#define CAUSE_S_TIMER (CAUSE_INTERRUPT | 5)
#define TICKS_1MS    10000              /* the virt board's timebase is 10 MHz */
#define STIMECMP_READ  0x14d02573       /* csrr a0, stimecmp */
#define STIMECMP_WRITE 0x14d59073       /* csrw stimecmp, a1 */

/* Case \n: mip.STIP must be \val. */
.macro CHECK_STIP n, val
    csrr t5, mip
    srli t5, t5, 5
    andi t5, t5, 1
    CHECK \n, t5, \val
.endm

/* stimecmp = time + \delta (M or S with access; clobbers t0, t1). */
.macro ARM_STIMER delta
    rdtime t0
    li t1, \delta
    add t0, t0, t1
    csrw CSR_STIMECMP, t0
.endm

/* Case \n: exactly one exception, in M: an illegal instruction at \label with mtval = \insn. */
.macro CHECK_ILLEGAL n, label, insn
    li t5, \insn
    mv a7, t5
    CHECK_FAULT \n, CAUSE_ILLEGAL_INSN, \label, a7
.endm

TEST_BEGIN sstc
    INSTALL_HANDLERS
    csrci mstatus, MSTATUS_MIE
    csrw mie, zero
    csrw mideleg, zero
    csrw medeleg, zero
    li t0, CLINT_BASE + CLINT_MTIMECMP # keep the machine timer quiet
    li t1, -1
    sd t1, 0(t0)

    /* ---- reset state (QEMU 7.2): STCE clear, stimecmp 0 and not armed ---- */
    CHECK_CSR 1, CSR_MENVCFG, 0
    CHECK_CSR 2, CSR_STIMECMP, 0
    CHECK_STIP 3, 0                    # time >= 0, but stimecmp was never written

    /* ---- STCE = 0: M-mode owns mip.STIP ---- */
    li t0, MIP_STIP
    csrs mip, t0
    CHECK_STIP 4, 1
    li t0, MIP_STIP
    csrc mip, t0
    CHECK_STIP 5, 0

    /* ---- STCE = 1: stimecmp drives STIP; mip.STIP is read-only ---- */
    li t0, MENVCFG_STCE
    csrs CSR_MENVCFG, t0
    csrr a0, CSR_MENVCFG
    srli a0, a0, 63
    CHECK 6, a0, 1
    li t0, -1
    csrw CSR_STIMECMP, t0
    CHECK_CSR 7, CSR_STIMECMP, -1
    CHECK_STIP 8, 0
    csrw CSR_STIMECMP, zero            # in the past: pending at once
    CHECK_STIP 9, 1
    li t0, MIP_STIP
    csrc mip, t0                       # no effect
    CHECK_STIP 10, 1
    ARM_STIMER 100000 * TICKS_1MS      # 100 s ahead: a future value clears STIP
    CHECK_STIP 11, 0
    li t0, MIP_STIP
    csrs mip, t0                       # no effect
    CHECK_STIP 12, 0
    csrr a0, mip
    andi a0, a0, MIP_MTIP
    CHECK 13, a0, 0                    # the machine timer is separate
    csrw CSR_STIMECMP, zero
    csrr a0, mip
    andi a0, a0, MIP_MTIP | MIP_STIP
    CHECK 13, a0, MIP_STIP

    /* ---- STIP rises once time reaches stimecmp ---- */
    rdtime s0
    li t0, 2 * TICKS_1MS
    add s0, s0, t0
    csrw CSR_STIMECMP, s0
    csrr a0, mip
    andi a0, a0, MIP_STIP
    CHECK 14, a0, 0                    # 2 ms ahead: not yet
    li t0, 1000 * TICKS_1MS
    add s1, s0, t0                     # give up after a second
1:  rdtime a1
    csrr a0, mip
    andi a0, a0, MIP_STIP
    bnez a0, 2f
    bltu a1, s1, 1b
    FAIL_CASE 15                       # STIP never came
2:  rdtime a1
    sltu a2, a1, s0
    CHECK 15, a2, 0                    # time >= stimecmp when STIP is seen
    li t0, -1
    csrw CSR_STIMECMP, t0
    CHECK_STIP 16, 0

    /* ---- access from S: needs menvcfg.STCE and mcounteren.TM ---- */
    li t0, MCOUNTEREN_TM
    csrw mcounteren, t0
    LOG_RESET
    li a1, 0x123456789a
    GO_S
    csrw CSR_STIMECMP, a1
    csrr a0, CSR_STIMECMP
    BACK_M
    CHECK_NOFAULT 17
    CHECK 17, a0, 0x123456789a
    CHECK_CSR 18, CSR_STIMECMP, 0x123456789a
    LOG_RESET                          # STCE = 0: illegal in S, even with TM
    li t0, MENVCFG_STCE
    csrc CSR_MENVCFG, t0
    GO_S
1:  csrr a0, CSR_STIMECMP
    BACK_M
    CHECK_ILLEGAL 19, 1b, STIMECMP_READ
    LOG_RESET
    li a1, 5
    GO_S
1:  csrw CSR_STIMECMP, a1
    BACK_M
    CHECK_ILLEGAL 20, 1b, STIMECMP_WRITE
    CHECK_CSR 20, CSR_STIMECMP, 0x123456789a
    LOG_RESET                          # ... while M-mode keeps access
    li t0, -1
    csrw CSR_STIMECMP, t0
    csrr a0, CSR_STIMECMP
    CHECK_NOFAULT 21
    CHECK 21, a0, -1
    li t0, MENVCFG_STCE                # TM = 0: illegal in S, even with STCE
    csrs CSR_MENVCFG, t0
    csrw mcounteren, zero
    LOG_RESET
    GO_S
1:  csrr a0, CSR_STIMECMP
    BACK_M
    CHECK_ILLEGAL 22, 1b, STIMECMP_READ
    li t0, MCOUNTEREN_TM               # U: never (an S-level CSR)
    csrw mcounteren, t0
    csrw scounteren, t0
    LOG_RESET
    GO_U
1:  csrr a0, CSR_STIMECMP
    BACK_M
    CHECK_ILLEGAL 23, 1b, STIMECMP_READ
    CHECK_MEM 23, f_mpp, PRV_U
    LOG_RESET                          # with TM, S and U can read time
    GO_U
    rdtime a0
    BACK_M
    CHECK_NOFAULT 24
    csrw scounteren, zero

    /* ---- delegated: an S timer interrupt goes to stvec ---- */
    li t0, MIP_STIP
    csrw mideleg, t0
    li t0, MIE_STIE
    csrw mie, t0
    LOG_RESET
    csrw CSR_STIMECMP, zero            # pending now; in M a delegated one waits
    nop
    CHECK_MEM 25, s_icount, 0
    CHECK_MEM 25, m_icount, 0
    GO_S                               # S with SIE = 0: still waits
    nop
    la t0, s_icount
    ld a2, 0(t0)
    csrsi sstatus, MSTATUS_SIE         # taken here; the handler moves stimecmp away
1:  nop
    csrci sstatus, MSTATUS_SIE
    BACK_M
    CHECK 26, a2, 0
    CHECK_MEM 27, s_icount, 1
    CHECK_MEM 27, s_icause, CAUSE_S_TIMER
    CHECK_MEM 27, m_icount, 0
    CHECK_CSR 28, scause, CAUSE_S_TIMER
    csrr a0, sepc
    CHECK_LABEL 28, a0, 1b             # sepc: the instruction after the csrsi
    CHECK_STIP 29, 0
    CHECK_CSR 29, CSR_STIMECMP, -1

    /* ---- delegated, from U: taken although sstatus.SIE = 0 ---- */
    LOG_RESET
    csrw CSR_STIMECMP, zero
    GO_U
    nop
    nop
    BACK_M
    CHECK_MEM 30, s_icount, 1
    CHECK_MEM 30, s_icause, CAUSE_S_TIMER
    CHECK_NOFAULT 30
    CHECK_STIP 31, 0

    /* ---- delegated, a future deadline: wfi in S until it fires ---- */
    LOG_RESET
    GO_S
    ARM_STIMER TICKS_1MS               # S programs its own timer
    rdtime s2
    csrsi sstatus, MSTATUS_SIE
    li s3, 100000                      # bounded wait
1:  la t0, s_icount
    ld t0, 0(t0)
    bnez t0, 2f
    addi s3, s3, -1
    beqz s3, 2f
    wfi
    j 1b
2:  csrci sstatus, MSTATUS_SIE
    rdtime s4
    BACK_M
    CHECK_NOFAULT 32
    CHECK_MEM 32, s_icount, 1
    CHECK_MEM 32, s_icause, CAUSE_S_TIMER
    sub a0, s4, s2
    li t0, TICKS_1MS
    sltu a0, a0, t0
    CHECK 33, a0, 0                    # at least 1 ms passed
    CHECK_STIP 33, 0

    /* ---- S reads sip.STIP but cannot clear it ---- */
    LOG_RESET
    li t0, MIE_STIE
    csrc mie, t0                       # no interrupt: just look at the bit
    csrw CSR_STIMECMP, zero
    GO_S
    li t0, MIP_STIP
    csrc sip, t0
    csrr a0, sip
    BACK_M
    CHECK_NOFAULT 34
    andi a0, a0, MIP_STIP
    CHECK 34, a0, MIP_STIP
    CHECK_STIP 34, 1
    li t0, -1
    csrw CSR_STIMECMP, t0

    /* ---- not delegated: an M-level interrupt, taken from S even with MIE = 0 ---- */
    csrw mideleg, zero
    li t0, MIE_STIE
    csrw mie, t0
    LOG_RESET
    csrw CSR_STIMECMP, zero
    nop                                # M with MIE = 0: waits
    CHECK_MEM 35, m_icount, 0
    li t0, MSTATUS_MPIE
    csrc mstatus, t0                   # MIE stays 0 after the mret
    GO_S
    nop
    BACK_M
    CHECK_MEM 36, m_icount, 1
    CHECK_MEM 36, m_icause, CAUSE_S_TIMER
    CHECK_MEM 36, s_icount, 0
    CHECK_CSR 37, mie, 0               # m_hook disabled STIE
    CHECK_STIP 37, 1                   # still pending: only stimecmp clears it
    LOG_RESET                          # in M with MIE = 1 it is taken as well
    li t0, MIE_STIE
    csrw mie, t0
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    CHECK_MEM 38, m_icount, 1
    CHECK_MEM 38, m_icause, CAUSE_S_TIMER
    li t0, -1
    csrw CSR_STIMECMP, t0
    CHECK_STIP 39, 0

    /* ---- delegated: S enables it through sie.STIE (the mie bit) ---- */
    li t0, MIP_STIP
    csrw mideleg, t0
    csrw mie, zero
    LOG_RESET
    csrw CSR_STIMECMP, zero
    GO_S
    csrsi sstatus, MSTATUS_SIE         # sie.STIE = 0: not taken
    nop
    la t0, s_icount
    ld a2, 0(t0)
    li t0, MIE_STIE
    csrs sie, t0                       # taken here
1:  nop
    csrci sstatus, MSTATUS_SIE
    csrr a3, sie
    BACK_M
    CHECK 40, a2, 0
    CHECK_MEM 41, s_icount, 1
    CHECK_MEM 41, s_icause, CAUSE_S_TIMER
    csrr a0, sepc
    CHECK_LABEL 41, a0, 1b
    CHECK 42, a3, MIE_STIE
    CHECK_CSR 42, mie, MIE_STIE        # sie.STIE is mie.STIE
    CHECK_STIP 42, 0

    csrw mideleg, zero
    csrw mie, zero
    csrw mcounteren, zero
    PASS

    HANDLERS

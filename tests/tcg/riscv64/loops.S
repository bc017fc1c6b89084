/* SPDX-License-Identifier: GPL-2.0-or-later */
/* loops: a block that jumps back to its own start runs as a loop inside its host code, guest registers staying in host registers from pass to pass; whatever leaves or interrupts such a loop (its count, a fault, a timer interrupt, MMIO, a store over its own code) must find the exact registers. */
#include "common.h"

#define MTIMECMP (CLINT_BASE + CLINT_MTIMECMP)
#define MTIME    (CLINT_BASE + CLINT_MTIME)
#define MIE_MTIE (1 << 7)
#define RAM_END  0x88000000 /* -M virt's default 128 MiB: nothing answers past it */

TEST_BEGIN loops
    /* ---- a counted loop: each pass reads what the last one wrote ---- */
    li s1, 1000
    li a0, 1
    li a1, 0
    li a2, 0
1:  add a1, a1, a0
    addi a0, a0, 3
    xor a2, a2, a1
    addi s1, s1, -1
    bnez s1, 1b
    CHECK 1, s1, 0
    CHECK 2, a0, 3001
    CHECK 3, a1, 1499500
    CHECK 4, a2, 0xee124

    /* ---- a loop storing 1..8 into the last 64 bytes of RAM ---- */
    li t0, RAM_END - 64
    li t1, 1
2:  sd t1, 0(t0)
    addi t1, t1, 1
    addi t0, t0, 8
    li t2, RAM_END
    bltu t0, t2, 2b
    CHECK 5, t1, 9
    li t0, RAM_END - 8
    ld t0, 0(t0)
    CHECK 6, t0, 8

    /* ---- then loading them until the load past RAM faults in the ninth pass ---- */
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 4f
    li t0, RAM_END - 64
    li a1, 0
    li s1, 0
3:  ld t1, 0(t0)
    add a1, a1, t1
    addi t0, t0, 8
    addi s1, s1, 1
    j 3b
4:  CHECK_TRAP 7, CAUSE_LOAD_ACCESS, 3b, RAM_END
    CHECK 8, s1, 8
    CHECK 9, a1, 36
    CHECK 10, t0, RAM_END
    CHECK 11, t1, 8

    /* ---- a timer interrupt stops a loop that touches only registers ---- */
    TRAP_RESET
    la t0, trap_hook
    la t1, leave_hook
    sd t1, 0(t0)
    csrw mie, zero
    li t0, MIE_MTIE
    csrs mie, t0
    li t0, MTIME
    ld t1, 0(t0)
    addi t1, t1, 1000               /* 100 us */
    li t0, MTIMECMP
    sd t1, 0(t0)
    li s1, 0
    li s2, 0
    csrsi mstatus, MSTATUS_MIE
5:  addi s1, s1, 1
6:  add s2, s2, s1                  /* s2 = s1 (s1 + 1) / 2 before and after each pass */
    j 5b
7:  csrci mstatus, MSTATUS_MIE
    la t0, trap_hook
    sd zero, 0(t0)
    CHECK_MEM 12, trap_count, 1
    CHECK_MEM 13, trap_cause, CAUSE_M_TIMER
    beqz s1, fail14                 /* the loop ran before the interrupt */
    mul t2, s1, s1
    add t2, t2, s1
    srli t2, t2, 1
    la t0, trap_epc
    ld t1, 0(t0)
    la t3, 6b
    bne t1, t3, 8f
    sub t2, t2, s1                  /* interrupted between the two adds */
8:  CHECK_REG 15, s2, t2
    la t0, trap_epc
    ld t1, 0(t0)
    la t3, 5b
    bltu t1, t3, fail16             /* it interrupted the loop */
    la t3, 7b
    bgeu t1, t3, fail16

    /* ---- a loop polling MMIO: every load leaves the generated code and comes back ---- */
    li t0, MTIME
    ld t2, 0(t0)
    addi t2, t2, 100                /* 10 us */
    li s1, 0
10: ld t1, 0(t0)
    addi s1, s1, 1
    bltu t1, t2, 10b
    CHECK 17, t0, MTIME
    beqz s1, fail18
    bltu t1, t2, fail18

    /*
     * ---- a store over the loop's own code in its sixth pass: later passes run the new code ----
     * Passes 1-5 store to scratch (t0 = s1 < 6 ? 12f : scratch, without a branch), so the
     * loop has run in its host code before its code changes.
     */
    la t4, 12f
    la t5, scratch
    xor t4, t4, t5
    la t1, patch
    lw t1, 0(t1)
    li a0, 0
    li s1, 10
    j 11f
11: sltiu t3, s1, 6
    neg t3, t3
    and t0, t4, t3
    xor t0, t0, t5
    sw t1, 0(t0)
12: addi a0, a0, 1                  /* becomes addi a0, a0, 2 */
    addi s1, s1, -1
    bnez s1, 11b
    fence.i
    /* The sixth pass itself may still run the old instruction (QEMU's does not). */
    li t0, 14
    beq a0, t0, 13f
    CHECK 19, a0, 15
13: PASS

fail14:
    FAIL_CASE 14
fail16:
    FAIL_CASE 16
fail18:
    FAIL_CASE 18

/* Timer interrupt: record mepc, disable the timer, resume at 7b. */
leave_hook:
    li t0, MIE_MTIE
    csrc mie, t0
    la t0, 7b
    csrw mepc, t0
    ret

    .data
patch:
    addi a0, a0, 2
    .balign 8
scratch:
    .dword 0

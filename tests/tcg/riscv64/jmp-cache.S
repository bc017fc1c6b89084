/* SPDX-License-Identifier: GPL-2.0-or-later */
/* jmp-cache: indirect jumps (jalr) find their target in the jump cache, probed inline by generated code; an entry must match the flags its block was translated under (a function called in M-mode, then from S-mode, must load through S's page tables) and the current code (a function overwritten, then fenced, runs the new code). chain-remap.S covers a remapped page. */
#include "common-mmu.h"

#define ROM   0x1000 /* the reset vector: readable in M (bare), not mapped for S */
#define ROOTX (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

/* Calls \fn through jalr from a block of its own (no helper call in it): a0 = its result. */
.macro CALL_INDIRECT fn
    j .Lcall\@
.Lcall\@:
    la t1, \fn
    jalr ra, t1
.endm

TEST_BEGIN jmp-cache
    INSTALL_HANDLERS
    /* Sv39 with only the RAM gigapage (identity): S-mode runs the same code, ROM unmapped. */
    li t0, (0x80000000 >> 12) << 10 | ROOTX
    la t1, pt_root
    sd t0, 16(t1)
    srli t0, t1, 12
    li t1, SATP_SV39
    or t0, t0, t1
    csrw satp, t0
    sfence.vma

    /* ---- load_fn from M: reads the ROM; from S: the same pc faults ---- */
    li s1, 5
1:  li a0, 0
    li a1, ROM
    CALL_INDIRECT load_fn
    CHECK 1, a0, 0x00000297         /* the reset vector's first instruction, auipc t0, 0 */
    addi s1, s1, -1
    bnez s1, 1b
    LOG_RESET
    GO_S
    li a0, 0
    li a1, ROM
    CALL_INDIRECT load_fn
    BACK_M
    li t0, ROM
    CHECK_FAULT 2, CAUSE_LOAD_PAGE, load_fn, t0
    CHECK 3, a0, 0

    /* ---- smc_fn returns 1; overwritten (and fenced) it returns 2 ---- */
    li s1, 5
2:  li a0, 0
    CALL_INDIRECT smc_fn
    CHECK 4, a0, 1
    addi s1, s1, -1
    bnez s1, 2b
    la t0, patch
    lw t0, 0(t0)
    la t1, smc_fn
    sw t0, 0(t1)
    fence.i
    li s1, 5
3:  li a0, 0
    CALL_INDIRECT smc_fn
    CHECK 5, a0, 2
    addi s1, s1, -1
    bnez s1, 3b
    PASS

HANDLERS

load_fn:
    lwu a0, 0(a1)
    ret

smc_fn:
    li a0, 1
    ret

    .data
patch:
    li a0, 2
    .balign 4096
pt_root: .space 4096

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* chain-remap: a direct jump into another page, run often enough to be chained, and an indirect call into it (found through the jump cache) must follow that page when it is remapped to other code (Sv39, sfence.vma), and back. */
#include "common-mmu.h"

/*
 * Sv39: root[2] maps the RAM gigapage at 0x80000000 onto itself (code, data, stack); root[3]
 * points at pt_l1, whose entry 0 points at pt_l0: VA 0xC0100000 -> page_from, VA 0xC0101000
 * -> page_one or page_two. page_from's only instruction is a jal to the next virtual page,
 * so the block ends in a direct jump to another page. page_one and page_two load a0 with 1
 * or 2 and return through ra.
 */
#define VA_FROM 0xC0100000 /* pt_l0[0x100]; TLB slots apart from the code's */
#define VA_TO   0xC0101000
#define LEAF    (PTE_V | PTE_R | PTE_X | PTE_A | PTE_D)
#define ROOTX   (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

/* table[idx] = PTE for the page at symbol sym with flags (clobbers t0-t2). */
.macro SET_PTE table, idx, sym, flags
    la t0, \sym
    srli t0, t0, 12
    slli t0, t0, 10
    ori t0, t0, \flags
    la t1, \table
    li t2, (\idx) * 8
    add t1, t1, t2
    sd t0, 0(t1)
.endm

/* Calls \va from S-mode \times times; case \n: a0 is \val after each. */
.macro CALL_FROM n, val, times, va=VA_FROM
    li s2, \times
.Lagain\@:
    GO_S
    li a0, 0
    li t0, \va
    jalr ra, t0
    BACK_M
    CHECK \n, a0, \val
    addi s2, s2, -1
    bnez s2, .Lagain\@
.endm

TEST_BEGIN chain-remap
    INSTALL_HANDLERS
    /* root[2]: identity gigapage; root[3] -> pt_l1 -> pt_l0 */
    li t0, (0x80000000 >> 12) << 10 | ROOTX
    la t1, pt_root
    sd t0, 16(t1)
    SET_PTE pt_root, 3, pt_l1, PTE_V
    SET_PTE pt_l1, 0, pt_l0, PTE_V
    SET_PTE pt_l0, 0x100, page_from, LEAF
    SET_PTE pt_l0, 0x101, page_one, LEAF
    la t0, pt_root
    srli t0, t0, 12
    li t1, SATP_SV39
    or t0, t0, t1
    csrw satp, t0
    sfence.vma

    CALL_FROM 1, 1, 5       /* translated, then chained */
    SET_PTE pt_l0, 0x101, page_two, LEAF
    sfence.vma
    CALL_FROM 2, 2, 5       /* the same virtual page now holds other code */
    SET_PTE pt_l0, 0x101, page_one, LEAF
    li t0, VA_TO
    sfence.vma t0           /* only that page */
    CALL_FROM 3, 1, 5
    CALL_FROM 4, 1, 5, VA_TO    /* the jump cache learns VA_TO */
    SET_PTE pt_l0, 0x101, page_two, LEAF
    sfence.vma
    CALL_FROM 5, 2, 5, VA_TO
    CHECK_NOFAULT 6
    PASS

HANDLERS

    .balign 4096
page_from:
    jal zero, page_from + 0x1000   /* VA_FROM + 0x1000 = VA_TO */
    .balign 4096
page_one:
    li a0, 1
    jalr zero, ra
    .balign 4096
page_two:
    li a0, 2
    jalr zero, ra

    .data
    .balign 4096
pt_root: .space 4096
pt_l1:   .space 4096
pt_l0:   .space 4096

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rv64i-branch-jump: every conditional branch taken/not taken at signed and unsigned boundaries, jal/jalr targets and link values. */
#include "common.h"

/* Case \n: "\op a1, a2" must branch. */
.macro TEST_TAKEN n, op, a, b
    li a1, \a
    li a2, \b
    \op a1, a2, .Ltaken\@
    FAIL_CASE \n
.Ltaken\@:
.endm

/* Case \n: "\op a1, a2" must fall through. */
.macro TEST_NOT_TAKEN n, op, a, b
    li a1, \a
    li a2, \b
    \op a1, a2, .Lbad\@
    j .Lok\@
.Lbad\@:
    FAIL_CASE \n
.Lok\@:
.endm

TEST_BEGIN rv64i-branch-jump

    /* ---- beq ---- */
    TEST_TAKEN 1, beq, 0, 0
    TEST_NOT_TAKEN 2, beq, 1, 0
    TEST_NOT_TAKEN 3, beq, 0, 1
    TEST_NOT_TAKEN 4, beq, -1, 0
    TEST_NOT_TAKEN 5, beq, 0, -1
    TEST_TAKEN 6, beq, -1, -1
    TEST_NOT_TAKEN 7, beq, 0x8000000000000000, 0x7fffffffffffffff
    TEST_NOT_TAKEN 8, beq, 0x7fffffffffffffff, 0x8000000000000000
    TEST_TAKEN 9, beq, 0x8000000000000000, 0x8000000000000000
    TEST_NOT_TAKEN 10, beq, -2, -1
    TEST_NOT_TAKEN 11, beq, 0x80000000, 0x7fffffff
    TEST_NOT_TAKEN 12, beq, 0x100000000, 0
    TEST_NOT_TAKEN 13, beq, 0xffffffff, -1

    /* ---- bne ---- */
    TEST_NOT_TAKEN 14, bne, 0, 0
    TEST_TAKEN 15, bne, 1, 0
    TEST_TAKEN 16, bne, 0, 1
    TEST_TAKEN 17, bne, -1, 0
    TEST_TAKEN 18, bne, 0, -1
    TEST_NOT_TAKEN 19, bne, -1, -1
    TEST_TAKEN 20, bne, 0x8000000000000000, 0x7fffffffffffffff
    TEST_TAKEN 21, bne, 0x7fffffffffffffff, 0x8000000000000000
    TEST_NOT_TAKEN 22, bne, 0x8000000000000000, 0x8000000000000000
    TEST_TAKEN 23, bne, -2, -1
    TEST_TAKEN 24, bne, 0x80000000, 0x7fffffff
    TEST_TAKEN 25, bne, 0x100000000, 0
    TEST_TAKEN 26, bne, 0xffffffff, -1

    /* ---- blt ---- */
    TEST_NOT_TAKEN 27, blt, 0, 0
    TEST_NOT_TAKEN 28, blt, 1, 0
    TEST_TAKEN 29, blt, 0, 1
    TEST_TAKEN 30, blt, -1, 0
    TEST_NOT_TAKEN 31, blt, 0, -1
    TEST_NOT_TAKEN 32, blt, -1, -1
    TEST_TAKEN 33, blt, 0x8000000000000000, 0x7fffffffffffffff
    TEST_NOT_TAKEN 34, blt, 0x7fffffffffffffff, 0x8000000000000000
    TEST_NOT_TAKEN 35, blt, 0x8000000000000000, 0x8000000000000000
    TEST_TAKEN 36, blt, -2, -1
    TEST_NOT_TAKEN 37, blt, 0x80000000, 0x7fffffff
    TEST_NOT_TAKEN 38, blt, 0x100000000, 0
    TEST_NOT_TAKEN 39, blt, 0xffffffff, -1

    /* ---- bge ---- */
    TEST_TAKEN 40, bge, 0, 0
    TEST_TAKEN 41, bge, 1, 0
    TEST_NOT_TAKEN 42, bge, 0, 1
    TEST_NOT_TAKEN 43, bge, -1, 0
    TEST_TAKEN 44, bge, 0, -1
    TEST_TAKEN 45, bge, -1, -1
    TEST_NOT_TAKEN 46, bge, 0x8000000000000000, 0x7fffffffffffffff
    TEST_TAKEN 47, bge, 0x7fffffffffffffff, 0x8000000000000000
    TEST_TAKEN 48, bge, 0x8000000000000000, 0x8000000000000000
    TEST_NOT_TAKEN 49, bge, -2, -1
    TEST_TAKEN 50, bge, 0x80000000, 0x7fffffff
    TEST_TAKEN 51, bge, 0x100000000, 0
    TEST_TAKEN 52, bge, 0xffffffff, -1

    /* ---- bltu ---- */
    TEST_NOT_TAKEN 53, bltu, 0, 0
    TEST_NOT_TAKEN 54, bltu, 1, 0
    TEST_TAKEN 55, bltu, 0, 1
    TEST_NOT_TAKEN 56, bltu, -1, 0
    TEST_TAKEN 57, bltu, 0, -1
    TEST_NOT_TAKEN 58, bltu, -1, -1
    TEST_NOT_TAKEN 59, bltu, 0x8000000000000000, 0x7fffffffffffffff
    TEST_TAKEN 60, bltu, 0x7fffffffffffffff, 0x8000000000000000
    TEST_NOT_TAKEN 61, bltu, 0x8000000000000000, 0x8000000000000000
    TEST_TAKEN 62, bltu, -2, -1
    TEST_NOT_TAKEN 63, bltu, 0x80000000, 0x7fffffff
    TEST_NOT_TAKEN 64, bltu, 0x100000000, 0
    TEST_TAKEN 65, bltu, 0xffffffff, -1

    /* ---- bgeu ---- */
    TEST_TAKEN 66, bgeu, 0, 0
    TEST_TAKEN 67, bgeu, 1, 0
    TEST_NOT_TAKEN 68, bgeu, 0, 1
    TEST_TAKEN 69, bgeu, -1, 0
    TEST_NOT_TAKEN 70, bgeu, 0, -1
    TEST_TAKEN 71, bgeu, -1, -1
    TEST_TAKEN 72, bgeu, 0x8000000000000000, 0x7fffffffffffffff
    TEST_NOT_TAKEN 73, bgeu, 0x7fffffffffffffff, 0x8000000000000000
    TEST_TAKEN 74, bgeu, 0x8000000000000000, 0x8000000000000000
    TEST_NOT_TAKEN 75, bgeu, -2, -1
    TEST_TAKEN 76, bgeu, 0x80000000, 0x7fffffff
    TEST_TAKEN 77, bgeu, 0x100000000, 0
    TEST_NOT_TAKEN 78, bgeu, 0xffffffff, -1

    /* ---- same register on both sides ---- */
    li a1, -5
    beq a1, a1, 1f
    FAIL_CASE 79
1:
    li a1, -5
    bne a1, a1, 1f
    j 2f
1:  FAIL_CASE 80
2:
    li a1, -5
    blt a1, a1, 1f
    j 2f
1:  FAIL_CASE 81
2:
    li a1, -5
    bge a1, a1, 1f
    FAIL_CASE 82
1:
    li a1, -5
    bltu a1, a1, 1f
    j 2f
1:  FAIL_CASE 83
2:
    li a1, -5
    bgeu a1, a1, 1f
    FAIL_CASE 84
1:

    /* ---- backward branch: a counted loop ---- */
    li a0, 0
    li a1, 10
1:  addi a0, a0, 3
    addi a1, a1, -1
    bnez a1, 1b
    CHECK 85, a0, 30

    /* ---- branches with long offsets (close to the +-4 KiB limit) ---- */
    li a1, 1
    bnez a1, 1f
    FAIL_CASE 86
    .fill 1000, 4, 0x00000013     # nop
1:  li a0, 0
    j 2f
1:  li a0, 77
    j 3f
    .fill 1015, 4, 0x00000013
2:  beqz zero, 1b
    FAIL_CASE 87
3:  CHECK 87, a0, 77

    /* ---- jal: link = address of the next instruction ---- */
    jal ra, 1f
2:  FAIL_CASE 88
1:  CHECK_LABEL 88, ra, 2b
    li t0, 0
    jal t0, 1f
2:  FAIL_CASE 89
1:  CHECK_LABEL 89, t0, 2b
    li a0, 99
    jal x0, 1f          # j: nothing is linked
    li a0, 0
1:  CHECK 90, a0, 99
    j 2f
1:  li a0, 5            # backward target
    j 3f
2:  jal s0, 1b
4:  FAIL_CASE 91
3:  CHECK_LABEL 91, s0, 4b
    jal ra, 1f          # jump further than 8 KiB forward
2:  FAIL_CASE 92
    .fill 3000, 4, 0x00000013
1:  CHECK_LABEL 92, ra, 2b

    /* ---- jalr: target = (rs1 + imm) & ~1, link = next instruction ---- */
    la t0, 1f
    jalr ra, 0(t0)
2:  FAIL_CASE 93
1:  CHECK_LABEL 93, ra, 2b
    la t0, 1f - 16
    jalr ra, 16(t0)     # positive offset
    FAIL_CASE 94
1:  li a0, 0
    la t0, 1f + 2000
    jalr ra, -2000(t0)  # negative offset
    FAIL_CASE 95
1:  li a0, 0
    la t0, 1f + 1
    jalr ra, 0(t0)      # bit 0 of the target is cleared
    FAIL_CASE 96
1:  li a0, 0
    la t0, 1f
    jalr ra, 1(t0)      # odd immediate: bit 0 cleared after the addition
    FAIL_CASE 97
1:  li a0, 0
    la t0, 1f + 2
    jalr ra, -1(t0)     # rs1 + imm = target + 1, cleared to the target
    FAIL_CASE 98
1:  li a0, 0
    la a0, 1f
    jalr a0, 0(a0)      # rd = rs1: the target uses the old value
2:  FAIL_CASE 99
1:  CHECK_LABEL 99, a0, 2b
    la t0, 1f
    li a0, 123
    jalr x0, 0(t0)      # jr: nothing linked
    li a0, 0
1:  CHECK 100, a0, 123
    li s1, 0
    call sub_add3       # auipc + jalr
    call sub_add3
    CHECK 101, s1, 6
    la t1, sub_link
    jalr t1             # jalr ra, 0(t1)
2:  CHECK_LABEL 102, a0, 2b
    li x0, 0
    jal x0, 1f
1:  CHECK 103, x0, 0

    PASS

sub_add3:
    addi s1, s1, 3
    ret

sub_link:
    mv a0, ra
    ret

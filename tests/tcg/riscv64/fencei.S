/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fencei: self-modifying code made visible by fence.i: patched instructions, code written to RAM, the block being executed, 16-bit patches. */
#include "common.h"

#define ADDI_A0(imm)  ((((imm) & 0xfff) << 20) | 0x513)     /* addi a0, zero, imm */
#define ADDI_A0_A0(imm) ((((imm) & 0xfff) << 20) | (10 << 15) | 0x513)  /* addi a0, a0, imm */
#define RET           0x00008067                           /* jalr zero, 0(ra) */
#define C_LI_A0(imm)  (0x4501 | (((imm) & 0x1f) << 2) | ((((imm) >> 5) & 1) << 12))  /* c.li a0, imm */

/* Store the instruction word \word at \label and fence.i (clobbers t0, t1). */
.macro PATCH label, word
    la t0, \label
    li t1, \word
    sw t1, 0(t0)
    fence.i
.endm

TEST_BEGIN fencei
    TRAP_RESET

    /* ---- patch a function that has already run ---- */
    call smc_func
    CHECK 1, a0, 1
    call smc_func
    CHECK 2, a0, 1
    PATCH smc_func, ADDI_A0(2)
    call smc_func
    CHECK 3, a0, 2
    PATCH smc_func, ADDI_A0(-5)
    call smc_func
    CHECK 4, a0, -5

    /* ---- patch it again and again in a loop ---- */
    li s0, 3
    li s1, 40
1:  la t0, smc_func
    slli t1, s0, 20
    ori t1, t1, 0x513
    sw t1, 0(t0)
    fence.i
    call smc_func
    CHECK_REG 5, a0, s0
    addi s0, s0, 1
    bne s0, s1, 1b

    /* ---- patch only the immediate byte of an instruction ---- */
    PATCH smc_func, ADDI_A0(0x100)
    call smc_func
    CHECK 6, a0, 0x100
    la t0, smc_func
    li t1, 0x20                     # byte 3 holds imm[11:4]
    sb t1, 3(t0)
    fence.i
    call smc_func
    CHECK 7, a0, 0x200

    /* ---- write a function to RAM outside the image and call it ---- */
    la s2, __scratch
    li t1, ADDI_A0(42)
    sw t1, 0(s2)
    li t1, ADDI_A0_A0(8)
    sw t1, 4(s2)
    li t1, RET
    sw t1, 8(s2)
    fence.i
    jalr ra, 0(s2)
    CHECK 8, a0, 50
    li t1, ADDI_A0_A0(-50)
    sw t1, 4(s2)
    fence.i
    jalr ra, 0(s2)
    CHECK 9, a0, -8

    /* ---- patch the next instruction of the code being executed ---- */
    li a0, 0
    PATCH 1f, ADDI_A0(7)
1:  addi a0, zero, 5
    CHECK 10, a0, 7

    /* ---- the same, inside a loop that has executed it before ---- */
    li s0, 0
    li s3, 0
2:  la t0, 3f
    li t1, ADDI_A0_A0(1)
    beqz s0, 1f
    li t1, ADDI_A0_A0(100)          # second pass: patch before executing
1:  beqz s0, 4f
    sw t1, 0(t0)
    fence.i
4:  mv a0, s3
3:  addi a0, a0, 1
    mv s3, a0
    addi s0, s0, 1
    li t2, 2
    bne s0, t2, 2b
    CHECK 11, s3, 101

    /* ---- 16-bit patch over a compressed instruction ---- */
    call smc_c_func
    CHECK 12, a0, 3
    la t0, smc_c_func
    li t1, C_LI_A0(-9)
    sh t1, 0(t0)
    fence.i
    call smc_c_func
    CHECK 13, a0, -9
    li t1, C_LI_A0(31)
    sh t1, 0(t0)
    fence.i
    call smc_c_func
    CHECK 14, a0, 31

    /* ---- replace a 32-bit instruction by two 16-bit ones ---- */
    la t0, smc_func
    li t1, C_LI_A0(12) | (0x0505 << 16)   # c.li a0, 12 ; c.addi a0, 1
    sw t1, 0(t0)
    fence.i
    call smc_func
    CHECK 15, a0, 13

    /* ---- fence.i is harmless without stores, and never traps ---- */
    fence.i
    fence.i
    CHECK_NO_TRAP 16

    PASS

    .balign 4
smc_func:
    addi a0, zero, 1
    ret

    .balign 4
    .option push
    .option rvc
smc_c_func:
    c.li a0, 3
    c.jr ra
    .option pop
    .balign 4

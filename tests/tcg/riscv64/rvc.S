/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rvc: every RV64C compressed instruction (incl. c.fld/c.fsd forms), their immediate ranges and reserved encodings, c.ebreak trap. */
#include "common.h"

    .option rvc

/* Assemble-time guard: the code between \start and \end must be one 16-bit instruction. */
.macro IS_16BIT start, end
    .if (\end - \start) != 2
    .error "expected a 16-bit instruction"
    .endif
.endm

/* Case \n: the 16-bit encoding \enc is reserved: illegal instruction, mtval = \enc. */
.macro TEST_RESERVED n, enc
    TRAP_RESET
    EXPECT_TRAP
.Lres\@:
    .hword \enc
    CHECK_TRAP \n, CAUSE_ILLEGAL_INSN, .Lres\@, \enc
.endm

TEST_BEGIN rvc
    TRAP_RESET

    /* ---- c.li / c.lui ---- */
    c.li a0, 31
    CHECK 1, a0, 31
    c.li a0, -32
    CHECK 2, a0, -32
    c.li s0, 0
    CHECK 3, s0, 0
    c.li t3, -1                 # c.li accepts any rd != x0
    CHECK 4, t3, -1
    c.lui a0, 1
    CHECK 5, a0, 0x1000
    c.lui a0, 31
    CHECK 6, a0, 0x1f000
    c.lui a0, 0xfffe0           # nzimm = -32: sign-extended
    CHECK 7, a0, 0xfffffffffffe0000
    c.lui s11, 0xfffff
    CHECK 8, s11, 0xfffffffffffff000

    /* ---- c.addi / c.addiw / c.nop ---- */
    li a0, 10
    c.addi a0, 31
    CHECK 9, a0, 41
    c.addi a0, -32
    CHECK 10, a0, 9
    li a0, -1
    c.addi a0, 1
    CHECK 11, a0, 0
    li a0, 0x7fffffffffffffff
    c.addi a0, 1                # 64-bit wrap, no sign extension from bit 31
    CHECK 12, a0, 0x8000000000000000
    li a0, 0x7fffffff
    c.addi a0, 1
    CHECK 13, a0, 0x80000000
    li a0, 0x7fffffff
    c.addiw a0, 1
    CHECK 14, a0, 0xffffffff80000000
    li a0, 0x1ffffffff
    c.addiw a0, 0               # sext.w
    CHECK 15, a0, -1
    li a0, 0x123456789
    c.addiw a0, -32
    CHECK 16, a0, 0x23456769
    li a0, 0x80000000
    c.addiw a0, -1
    CHECK 17, a0, 0x7fffffff
    li a0, 5
    c.nop
    CHECK 18, a0, 5

    /* ---- c.addi16sp / c.addi4spn (sp moved to scratch values; no traps meanwhile) ---- */
    mv s1, sp
    li sp, 0x1000
    c.addi16sp sp, 496
    mv a0, sp
    c.addi16sp sp, -512
    mv a1, sp
    c.addi16sp sp, 16
    mv a2, sp
    li sp, 0x2000
    c.addi4spn a3, sp, 4
    c.addi4spn a4, sp, 1020
    c.addi4spn s0, sp, 512
    mv sp, s1
    CHECK 19, a0, 0x11f0
    CHECK 20, a1, 0xff0
    CHECK 21, a2, 0x1000
    CHECK 22, a3, 0x2004
    CHECK 23, a4, 0x23fc
    CHECK 24, s0, 0x2200

    /* ---- c.slli / c.srli / c.srai / c.andi ---- */
    li a0, 1
    c.slli a0, 63
    CHECK 25, a0, 0x8000000000000000
    li a0, 0x12345678
    c.slli a0, 32
    CHECK 26, a0, 0x1234567800000000
    li t4, 0x81
    c.slli t4, 1                # c.slli accepts any rd != x0
    CHECK 27, t4, 0x102
    li a0, 0x8000000000000001
    c.srli a0, 63
    CHECK 28, a0, 1
    li a0, 0x8000000000000001
    c.srli a0, 1
    CHECK 29, a0, 0x4000000000000000
    li a0, 0xf000000080000000
    c.srli a0, 32
    CHECK 30, a0, 0xf0000000
    li a0, 0x8000000000000001
    c.srai a0, 1
    CHECK 31, a0, 0xc000000000000000
    li a0, 0x8000000000000000
    c.srai a0, 63
    CHECK 32, a0, -1
    li a0, 0x7000000080000000
    c.srai a0, 32
    CHECK 33, a0, 0x70000000
    li a0, 0x123456789abcdef0
    c.andi a0, -1
    CHECK 34, a0, 0x123456789abcdef0
    li a0, 0x123456789abcdeff
    c.andi a0, 31
    CHECK 35, a0, 0x1f
    li a0, 0x123456789abcdeff
    c.andi a0, -32              # sign-extended: clears only bits 4:0
    CHECK 36, a0, 0x123456789abcdee0
    li a0, 0x123456789abcdeff
    c.andi a0, 0
    CHECK 37, a0, 0

    /* ---- c.sub / c.xor / c.or / c.and / c.subw / c.addw ---- */
    li a0, 5
    li a1, 7
    c.sub a0, a1
    CHECK 38, a0, -2
    li a0, 0xff00ff00ff00ff00
    li a1, 0x0ff00ff00ff00ff0
    c.xor a0, a1
    CHECK 39, a0, 0xf0f0f0f0f0f0f0f0
    li a0, 0xff00ff00ff00ff00
    c.or a0, a1
    CHECK 40, a0, 0xfff0fff0fff0fff0
    li a0, 0xff00ff00ff00ff00
    c.and a0, a1
    CHECK 41, a0, 0x0f000f000f000f00
    li a0, 0x80000000
    li a1, 1
    c.subw a0, a1
    CHECK 42, a0, 0x7fffffff
    li a0, 0
    li a1, 0x80000000
    c.subw a0, a1
    CHECK 43, a0, 0xffffffff80000000
    li a0, 0x7fffffff
    li a1, 1
    c.addw a0, a1
    CHECK 44, a0, 0xffffffff80000000
    li s0, 0xabcdef0100000003
    li s1, 0x1234567800000004
    c.addw s0, s1               # upper bits ignored
    CHECK 45, s0, 7

    /* ---- c.mv / c.add (full register range) ---- */
    li t5, 0x1234
    c.mv s9, t5
    CHECK 46, s9, 0x1234
    li ra, -7
    c.mv a5, ra
    CHECK 47, a5, -7
    li t3, 0x7fffffffffffffff
    li gp, 1
    c.add t3, gp
    CHECK 48, t3, 0x8000000000000000
    li a0, 40
    c.add a0, a0
    CHECK 49, a0, 80

    /* ---- c.lw / c.ld / c.sw / c.sd ---- */
    la a4, cdata
    c.lw a0, 0(a4)
    CHECK 50, a0, 0xffffffff80000001     # sign-extended
    c.lw a1, 4(a4)
    CHECK 51, a1, 0x7ffffffe
    c.ld a2, 8(a4)
    CHECK 52, a2, 0x0123456789abcdef
    c.lw a3, 124(a4)                      # largest c.lw offset
    CHECK 53, a3, 0xfffffffff00dface
    c.ld a3, 248(a4)                      # largest c.ld offset
    CHECK 54, a3, 0xfeedfacecafebeef
    la a5, cbuf
    li a0, 0x1111111111111111
    sd a0, 0(a5)
    sd a0, 8(a5)
    li a1, 0x89abcdef
    c.sw a1, 4(a5)
    ld a0, 0(a5)
    CHECK 55, a0, 0x89abcdef11111111
    li a1, 0x0102030405060708
    c.sd a1, 8(a5)
    ld a0, 8(a5)
    CHECK 56, a0, 0x0102030405060708
    li a1, 0x77
    c.sw a1, 124(a5)
    lwu a0, 124(a5)
    CHECK 57, a0, 0x77
    c.sd a1, 248(a5)
    ld a0, 248(a5)
    CHECK 58, a0, 0x77

    /* ---- c.lwsp / c.ldsp / c.swsp / c.sdsp (sp on the data block) ---- */
    mv s1, sp
    la sp, cdata
    c.lwsp a0, 0(sp)
    c.lwsp t0, 252(sp)
    c.ldsp a1, 8(sp)
    c.ldsp t1, 504(sp)
    la sp, cbuf
    li a2, 0xa5a5a5a5a5a5a5a5
    c.sdsp a2, 16(sp)
    c.swsp a2, 252(sp)
    li a3, 0x5a5a5a5a5a5a5a5a
    c.sdsp a3, 504(sp)
    c.swsp a3, 24(sp)
    mv sp, s1
    CHECK 59, a0, 0xffffffff80000001
    CHECK 60, t0, 0xfffffffffeedface
    CHECK 61, a1, 0x0123456789abcdef
    CHECK 62, t1, 0x8000000000000000
    la a5, cbuf
    ld a0, 16(a5)
    CHECK 63, a0, 0xa5a5a5a5a5a5a5a5
    lwu a0, 252(a5)
    CHECK 64, a0, 0xa5a5a5a5
    ld a0, 504(a5)
    CHECK 65, a0, 0x5a5a5a5a5a5a5a5a
    lwu a0, 24(a5)
    CHECK 66, a0, 0x5a5a5a5a

    /* ---- c.fld / c.fsd / c.fldsp / c.fsdsp (RV64DC; FS enabled for them) ---- */
    li t0, MSTATUS_FS_INITIAL
    csrs mstatus, t0
    .option push
    .option arch, +d
    la a4, cdata
    la a5, cbuf
    c.fld fs0, 8(a4)
    c.fsd fs0, 32(a5)
    c.fld fa5, 248(a4)
    c.fsd fa5, 248(a5)
    mv s1, sp
    la sp, cdata
    c.fldsp ft11, 504(sp)
    la sp, cbuf
    c.fsdsp ft11, 40(sp)
    c.fsdsp fs0, 504(sp)
    mv sp, s1
    .option pop
    ld a0, 32(a5)
    CHECK 67, a0, 0x0123456789abcdef
    ld a0, 248(a5)
    CHECK 68, a0, 0xfeedfacecafebeef
    ld a0, 40(a5)
    CHECK 69, a0, 0x8000000000000000
    ld a0, 504(a5)
    CHECK 70, a0, 0x0123456789abcdef

    /* ---- c.j / c.beqz / c.bnez ---- */
    li a0, 1
    c.j 1f
    li a0, 2
1:  CHECK 71, a0, 1
    c.j 3f
2:  li a0, 3                    # backward target
    c.j 4f
3:  c.j 2b
4:  CHECK 72, a0, 3
    li s0, 0
    c.beqz s0, 1f
    FAIL_CASE 73
1:  li s0, 0x8000000000000000   # only bit 63 set: nonzero
    c.beqz s0, 2f
    c.j 3f
2:  FAIL_CASE 74
3:  c.bnez s0, 1f
    FAIL_CASE 75
1:  li s0, 0
    c.bnez s0, 2f
    c.j 3f
2:  FAIL_CASE 76
3:  li a1, -1
    c.bnez a1, 1f
    FAIL_CASE 77
1:

    /* ---- c.jr / c.jalr: link = address of the next (16-bit) instruction ---- */
    la t0, 1f
    li a0, 7
    c.jr t0
    li a0, 8
1:  CHECK 78, a0, 7
    la t1, 3f
2:  c.jalr t1
4:  FAIL_CASE 79
3:  IS_16BIT 2b, 4b
    CHECK_LABEL 79, ra, 4b
    la ra, 1f
    c.jalr ra                   # rs1 = ra: the target is the old ra
2:  FAIL_CASE 80
1:  CHECK_LABEL 80, ra, 2b
    call csub                   # returns with c.jr ra
    CHECK 81, a0, 0x5a

    /* ---- mixed 16/32-bit code: a 32-bit instruction at a 2 mod 4 address ---- */
    .balign 4
5:  c.li a0, 1
1:  .option push
    .option norvc
    addi a0, a0, 100            # starts at 4n + 2
    .option pop
2:  IS_16BIT 5b, 1b
    .if (2b - 1b) != 4
    .error "expected a 32-bit instruction"
    .endif
    CHECK 82, a0, 101
    la t0, 1b
    andi t0, t0, 3
    CHECK 83, t0, 2

    /* ---- c.ebreak: breakpoint trap, mepc = its address (2-byte instruction) ---- */
    TRAP_RESET
    EXPECT_TRAP
1:  c.ebreak
2:  IS_16BIT 1b, 2b
    CHECK_TRAP 84, CAUSE_BREAKPOINT, 1b, 0

    /* ---- reserved 16-bit encodings: illegal instruction, mtval = the 16 bits ---- */
    TEST_RESERVED 85, 0x0000    # all zeros (c.addi4spn, nzuimm = 0)
    TEST_RESERVED 86, 0x6501    # c.lui a0, 0
    TEST_RESERVED 87, 0x6101    # c.addi16sp sp, 0
    TEST_RESERVED 88, 0x4002    # c.lwsp x0
    TEST_RESERVED 89, 0x6002    # c.ldsp x0
    TEST_RESERVED 90, 0x8002    # c.jr x0
    TEST_RESERVED 91, 0x2001    # c.addiw x0
    CHECK_MEM 92, trap_count, 1

    PASS

csub:
    li a0, 0x5a
    c.jr ra

    .data
    .balign 16
cdata:
    .word 0x80000001, 0x7ffffffe        /* 0, 4 */
    .dword 0x0123456789abcdef           /* 8 */
    .skip 124 - 16
    .word 0xf00dface                    /* 124 */
    .skip 248 - 128
    .dword 0xfeedfacecafebeef           /* 248; word 252 = 0xfeedface */
    .skip 504 - 256
    .dword 0x8000000000000000           /* 504 */
cbuf:
    .space 512

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rv64i-alu: RV64I integer register-register/immediate ops, shifts, lui/auipc, W-ops and x0. */
#include "common.h"

TEST_BEGIN rv64i-alu

    /* ---- add / sub ---- */
    TEST_RR 1, add, 0, 0, 0x0
    TEST_RR 2, add, 1, 1, 0x2
    TEST_RR 3, add, 3, 7, 0xa
    TEST_RR 4, add, -1, 1, 0x0
    TEST_RR 5, add, -1, -1, 0xfffffffffffffffe
    TEST_RR 6, add, 0x7fffffffffffffff, 1, 0x8000000000000000
    TEST_RR 7, add, 0x8000000000000000, -1, 0x7fffffffffffffff
    TEST_RR 8, add, 0xffffffff, 1, 0x100000000
    TEST_RR 9, add, 0x7fffffff, 0x7fffffff, 0xfffffffe
    TEST_RR 10, add, 0x123456789abcdef0, 0xfedcba987654321, 0x2222222222222211
    TEST_RR 11, sub, 0, 0, 0x0
    TEST_RR 12, sub, 1, 1, 0x0
    TEST_RR 13, sub, 3, 7, 0xfffffffffffffffc
    TEST_RR 14, sub, 0, 1, 0xffffffffffffffff
    TEST_RR 15, sub, 0x8000000000000000, 1, 0x7fffffffffffffff
    TEST_RR 16, sub, 0x7fffffffffffffff, -1, 0x8000000000000000
    TEST_RR 17, sub, 0x100000000, 1, 0xffffffff
    TEST_RR 18, sub, -1, -1, 0x0
    TEST_RR 19, sub, 0x123456789abcdef0, 0xfedcba987654321, 0x2468acf13579bcf

    /* ---- slt / sltu: signed and unsigned boundaries ---- */
    TEST_RR 20, slt, 0, 0, 0x0
    TEST_RR 21, slt, 0, 1, 0x1
    TEST_RR 22, slt, 1, 0, 0x0
    TEST_RR 23, slt, -1, 0, 0x1
    TEST_RR 24, slt, 0, -1, 0x0
    TEST_RR 25, slt, 0x8000000000000000, 0x7fffffffffffffff, 0x1
    TEST_RR 26, slt, 0x7fffffffffffffff, 0x8000000000000000, 0x0
    TEST_RR 27, slt, 0x8000000000000000, 0x8000000000000000, 0x0
    TEST_RR 28, slt, -2, -1, 0x1
    TEST_RR 29, slt, -1, -2, 0x0
    TEST_RR 30, slt, 0x7fffffff, 0x80000000, 0x1
    TEST_RR 31, sltu, 0, 0, 0x0
    TEST_RR 32, sltu, 0, 1, 0x1
    TEST_RR 33, sltu, 1, 0, 0x0
    TEST_RR 34, sltu, -1, 0, 0x0
    TEST_RR 35, sltu, 0, -1, 0x1
    TEST_RR 36, sltu, 0x8000000000000000, 0x7fffffffffffffff, 0x0
    TEST_RR 37, sltu, 0x7fffffffffffffff, 0x8000000000000000, 0x1
    TEST_RR 38, sltu, -2, -1, 0x1
    TEST_RR 39, sltu, -1, -1, 0x0
    TEST_RR 40, sltu, 0xffffffff, 0x100000000, 0x1

    /* ---- and / or / xor ---- */
    TEST_RR 41, and, 0xff00ff00f0f0cccc, 0xff00ff0aaaa5555, 0xf000f00a0a04444
    TEST_RR 42, and, -1, 0xff00ff0aaaa5555, 0xff00ff0aaaa5555
    TEST_RR 43, and, 0, 0xff00ff00f0f0cccc, 0x0
    TEST_RR 44, and, 0xff00ff00f0f0cccc, 0xff00ff00f0f0cccc, 0xff00ff00f0f0cccc
    TEST_RR 45, or, 0xff00ff00f0f0cccc, 0xff00ff0aaaa5555, 0xfff0fff0fafadddd
    TEST_RR 46, or, -1, 0xff00ff0aaaa5555, 0xffffffffffffffff
    TEST_RR 47, or, 0, 0xff00ff00f0f0cccc, 0xff00ff00f0f0cccc
    TEST_RR 48, or, 0xff00ff00f0f0cccc, 0xff00ff00f0f0cccc, 0xff00ff00f0f0cccc
    TEST_RR 49, xor, 0xff00ff00f0f0cccc, 0xff00ff0aaaa5555, 0xf0f0f0f05a5a9999
    TEST_RR 50, xor, -1, 0xff00ff0aaaa5555, 0xf00ff00f5555aaaa
    TEST_RR 51, xor, 0, 0xff00ff00f0f0cccc, 0xff00ff00f0f0cccc
    TEST_RR 52, xor, 0xff00ff00f0f0cccc, 0xff00ff00f0f0cccc, 0x0

    /* ---- sll / srl / sra: shift amounts 0, 1, 31, 32, 63 and only the low 6 bits of rs2 ---- */
    TEST_RR 53, sll, 0x8000000180000001, 0, 0x8000000180000001
    TEST_RR 54, sll, 0x8000000180000001, 1, 0x300000002
    TEST_RR 55, sll, 0x8000000180000001, 31, 0xc000000080000000
    TEST_RR 56, sll, 0x8000000180000001, 32, 0x8000000100000000
    TEST_RR 57, sll, 0x8000000180000001, 63, 0x8000000000000000
    TEST_RR 58, sll, 0x8000000180000001, 64, 0x8000000180000001
    TEST_RR 59, sll, 0x8000000180000001, 65, 0x300000002
    TEST_RR 60, sll, 0x8000000180000001, 127, 0x8000000000000000
    TEST_RR 61, sll, 0x8000000180000001, -1, 0x8000000000000000
    TEST_RR 62, sll, 0x8000000180000001, 0x7ffffffffffffff8, 0x100000000000000
    TEST_RR 63, srl, 0x8000000180000001, 0, 0x8000000180000001
    TEST_RR 64, srl, 0x8000000180000001, 1, 0x40000000c0000000
    TEST_RR 65, srl, 0x8000000180000001, 31, 0x100000003
    TEST_RR 66, srl, 0x8000000180000001, 32, 0x80000001
    TEST_RR 67, srl, 0x8000000180000001, 63, 0x1
    TEST_RR 68, srl, 0x8000000180000001, 64, 0x8000000180000001
    TEST_RR 69, srl, 0x8000000180000001, 65, 0x40000000c0000000
    TEST_RR 70, srl, 0x8000000180000001, 127, 0x1
    TEST_RR 71, srl, 0x8000000180000001, -1, 0x1
    TEST_RR 72, srl, 0x8000000180000001, 0x7ffffffffffffff8, 0x80
    TEST_RR 73, sra, 0x8000000180000001, 0, 0x8000000180000001
    TEST_RR 74, sra, 0x8000000180000001, 1, 0xc0000000c0000000
    TEST_RR 75, sra, 0x8000000180000001, 31, 0xffffffff00000003
    TEST_RR 76, sra, 0x8000000180000001, 32, 0xffffffff80000001
    TEST_RR 77, sra, 0x8000000180000001, 63, 0xffffffffffffffff
    TEST_RR 78, sra, 0x8000000180000001, 64, 0x8000000180000001
    TEST_RR 79, sra, 0x8000000180000001, 65, 0xc0000000c0000000
    TEST_RR 80, sra, 0x8000000180000001, 127, 0xffffffffffffffff
    TEST_RR 81, sra, 0x8000000180000001, -1, 0xffffffffffffffff
    TEST_RR 82, sra, 0x8000000180000001, 0x7ffffffffffffff8, 0xffffffffffffff80
    TEST_RR 83, sra, 0x7ff0000000000000, 60, 0x7
    TEST_RR 84, srl, -1, 63, 0x1
    TEST_RR 85, sll, 1, 63, 0x8000000000000000

    /* ---- register immediates: 12-bit sign-extended ---- */
    TEST_RI 86, addi, 0, 0, 0x0
    TEST_RI 87, addi, 1, 2047, 0x800
    TEST_RI 88, addi, 1, -2048, 0xfffffffffffff801
    TEST_RI 89, addi, -1, 1, 0x0
    TEST_RI 90, addi, 0x7fffffffffffffff, 1, 0x8000000000000000
    TEST_RI 91, addi, 0xfffffffff, -1, 0xffffffffe
    TEST_RI 92, addi, 0x80000000, -2048, 0x7ffff800
    TEST_RI 93, slti, 0, 0, 0x0
    TEST_RI 94, slti, -1, 0, 0x1
    TEST_RI 95, slti, 0, -1, 0x0
    TEST_RI 96, slti, -2049, -2048, 0x1
    TEST_RI 97, slti, -2048, -2048, 0x0
    TEST_RI 98, slti, 2047, 2047, 0x0
    TEST_RI 99, slti, 0x8000000000000000, -2048, 0x1
    TEST_RI 100, slti, 0x7fffffffffffffff, 2047, 0x0
    # sltiu: the immediate is sign-extended, then compared unsigned
    TEST_RI 101, sltiu, 0, 0, 0x0
    TEST_RI 102, sltiu, 0, 1, 0x1
    TEST_RI 103, sltiu, 1, 1, 0x0
    TEST_RI 104, sltiu, 0, -1, 0x1
    TEST_RI 105, sltiu, -2, -1, 0x1
    TEST_RI 106, sltiu, -1, -1, 0x0
    TEST_RI 107, sltiu, -2048, -2048, 0x0
    TEST_RI 108, sltiu, -2049, -2048, 0x1
    TEST_RI 109, sltiu, 0x7fffffffffffffff, 2047, 0x0
    TEST_RI 110, andi, 0xff00ff00f0f0cccc, 2047, 0x4cc
    TEST_RI 111, andi, 0xff00ff00f0f0cccc, -1, 0xff00ff00f0f0cccc
    TEST_RI 112, andi, 0xff00ff00f0f0cccc, -2048, 0xff00ff00f0f0c800
    TEST_RI 113, andi, 0, -1, 0x0
    TEST_RI 114, andi, -1, 1365, 0x555
    TEST_RI 115, ori, 0xff00ff00f0f0cccc, 2047, 0xff00ff00f0f0cfff
    TEST_RI 116, ori, 0xff00ff00f0f0cccc, -1, 0xffffffffffffffff
    TEST_RI 117, ori, 0xff00ff00f0f0cccc, -2048, 0xfffffffffffffccc
    TEST_RI 118, ori, 0, -1, 0xffffffffffffffff
    TEST_RI 119, ori, -1, 1365, 0xffffffffffffffff
    TEST_RI 120, xori, 0xff00ff00f0f0cccc, 2047, 0xff00ff00f0f0cb33
    TEST_RI 121, xori, 0xff00ff00f0f0cccc, -1, 0xff00ff0f0f3333
    TEST_RI 122, xori, 0xff00ff00f0f0cccc, -2048, 0xff00ff0f0f34cc
    TEST_RI 123, xori, 0, -1, 0xffffffffffffffff
    TEST_RI 124, xori, -1, 1365, 0xfffffffffffffaaa
    # xori -1 is not
    TEST_RI 125, xori, 0x123456789abcdef, -1, 0xfedcba9876543210
    TEST_RI 126, slli, 0x8000000180000001, 0, 0x8000000180000001
    TEST_RI 127, slli, 0x8000000180000001, 1, 0x300000002
    TEST_RI 128, slli, 0x8000000180000001, 31, 0xc000000080000000
    TEST_RI 129, slli, 0x8000000180000001, 32, 0x8000000100000000
    TEST_RI 130, slli, 0x8000000180000001, 63, 0x8000000000000000
    TEST_RI 131, srli, 0x8000000180000001, 0, 0x8000000180000001
    TEST_RI 132, srli, 0x8000000180000001, 1, 0x40000000c0000000
    TEST_RI 133, srli, 0x8000000180000001, 31, 0x100000003
    TEST_RI 134, srli, 0x8000000180000001, 32, 0x80000001
    TEST_RI 135, srli, 0x8000000180000001, 63, 0x1
    TEST_RI 136, srai, 0x8000000180000001, 0, 0x8000000180000001
    TEST_RI 137, srai, 0x8000000180000001, 1, 0xc0000000c0000000
    TEST_RI 138, srai, 0x8000000180000001, 31, 0xffffffff00000003
    TEST_RI 139, srai, 0x8000000180000001, 32, 0xffffffff80000001
    TEST_RI 140, srai, 0x8000000180000001, 63, 0xffffffffffffffff
    TEST_RI 141, srai, 0x4000000000000000, 62, 0x1

    /* ---- lui and auipc ---- */
    lui a0, 0x0
    CHECK 142, a0, 0x0
    lui a0, 0x1
    CHECK 143, a0, 0x1000
    lui a0, 0x12345
    CHECK 144, a0, 0x12345000
    lui a0, 0x7ffff
    CHECK 145, a0, 0x7ffff000
    lui a0, 0x80000
    CHECK 146, a0, 0xffffffff80000000
    lui a0, 0xfffff
    CHECK 147, a0, 0xfffffffffffff000
    li a0, 0x123
    lui a0, 0x1
    CHECK 148, a0, 0x1000    # the low 12 bits are cleared
1:  auipc a0, 0x0
    la t0, 1b
    li t1, 0
    add t0, t0, t1
    CHECK_REG 149, a0, t0
1:  auipc a0, 0x1
    la t0, 1b
    li t1, 4096
    add t0, t0, t1
    CHECK_REG 150, a0, t0
1:  auipc a0, 0x7ffff
    la t0, 1b
    li t1, 0x7ffff000
    add t0, t0, t1
    CHECK_REG 151, a0, t0
1:  auipc a0, 0x80000
    la t0, 1b
    li t1, 0xffffffff80000000
    add t0, t0, t1
    CHECK_REG 152, a0, t0
1:  auipc a0, 0xfffff
    la t0, 1b
    li t1, -4096
    add t0, t0, t1
    CHECK_REG 153, a0, t0

    /* ---- 32-bit (W) operations: results are sign-extended from bit 31, upper source bits ignored ---- */
    TEST_RR 154, addw, 1, 2, 0x3
    TEST_RR 155, addw, 0x7fffffff, 1, 0xffffffff80000000
    TEST_RR 156, addw, 0xffffffff, 1, 0x0
    TEST_RR 157, addw, 0x80000000, -1, 0x7fffffff
    TEST_RR 158, addw, 0x123456789, 0, 0x23456789
    TEST_RR 159, addw, 0xffffffff00000005, 0xaaaaaaaa00000003, 0x8
    TEST_RR 160, addw, 0x7fffffff, 0x7fffffff, 0xfffffffffffffffe
    TEST_RR 161, subw, 3, 5, 0xfffffffffffffffe
    TEST_RR 162, subw, 0x80000000, 1, 0x7fffffff
    TEST_RR 163, subw, 0, 0x80000000, 0xffffffff80000000
    TEST_RR 164, subw, 0x1ffffffff, 0xffffffff, 0x0
    TEST_RR 165, subw, 0x100000000, 1, 0xffffffffffffffff
    TEST_RR 166, sllw, 0xdeadbeef80000001, 0, 0xffffffff80000001
    TEST_RR 167, sllw, 0xdeadbeef80000001, 1, 0x2
    TEST_RR 168, sllw, 0xdeadbeef80000001, 31, 0xffffffff80000000
    TEST_RR 169, sllw, 0xdeadbeef80000001, 32, 0xffffffff80000001
    TEST_RR 170, sllw, 0xdeadbeef80000001, 33, 0x2
    TEST_RR 171, sllw, 0xdeadbeef80000001, 63, 0xffffffff80000000
    TEST_RR 172, srlw, 0xdeadbeef80000001, 0, 0xffffffff80000001
    TEST_RR 173, srlw, 0xdeadbeef80000001, 1, 0x40000000
    TEST_RR 174, srlw, 0xdeadbeef80000001, 31, 0x1
    TEST_RR 175, srlw, 0xdeadbeef80000001, 32, 0xffffffff80000001
    TEST_RR 176, srlw, 0xdeadbeef80000001, 33, 0x40000000
    TEST_RR 177, srlw, 0xdeadbeef80000001, 63, 0x1
    TEST_RR 178, sraw, 0xdeadbeef80000001, 0, 0xffffffff80000001
    TEST_RR 179, sraw, 0xdeadbeef80000001, 1, 0xffffffffc0000000
    TEST_RR 180, sraw, 0xdeadbeef80000001, 31, 0xffffffffffffffff
    TEST_RR 181, sraw, 0xdeadbeef80000001, 32, 0xffffffff80000001
    TEST_RR 182, sraw, 0xdeadbeef80000001, 33, 0xffffffffc0000000
    TEST_RR 183, sraw, 0xdeadbeef80000001, 63, 0xffffffffffffffff
    TEST_RR 184, sllw, 1, 31, 0xffffffff80000000
    TEST_RR 185, srlw, 0x7fffffff, 0, 0x7fffffff
    TEST_RR 186, sraw, 0x12345678f0000000, 4, 0xffffffffff000000
    # addiw 0 is sext.w
    TEST_RI 187, addiw, 0xffffffff, 0, 0xffffffffffffffff
    TEST_RI 188, addiw, 0x7fffffff, 0, 0x7fffffff
    TEST_RI 189, addiw, 0x17fffffff, 0, 0x7fffffff
    TEST_RI 190, addiw, 0x7fffffff, 1, 0xffffffff80000000
    TEST_RI 191, addiw, 0x80000000, -1, 0x7fffffff
    TEST_RI 192, addiw, -1, 2047, 0x7fe
    TEST_RI 193, addiw, 0, -2048, 0xfffffffffffff800
    TEST_RI 194, slliw, 0xdeadbeef80000001, 0, 0xffffffff80000001
    TEST_RI 195, slliw, 0xdeadbeef80000001, 1, 0x2
    TEST_RI 196, slliw, 0xdeadbeef80000001, 31, 0xffffffff80000000
    TEST_RI 197, srliw, 0xdeadbeef80000001, 0, 0xffffffff80000001
    TEST_RI 198, srliw, 0xdeadbeef80000001, 1, 0x40000000
    TEST_RI 199, srliw, 0xdeadbeef80000001, 31, 0x1
    TEST_RI 200, sraiw, 0xdeadbeef80000001, 0, 0xffffffff80000001
    TEST_RI 201, sraiw, 0xdeadbeef80000001, 1, 0xffffffffc0000000
    TEST_RI 202, sraiw, 0xdeadbeef80000001, 31, 0xffffffffffffffff
    TEST_RI 203, slliw, 0x40000000, 1, 0xffffffff80000000
    TEST_RI 204, srliw, 0xffffffff, 31, 0x1

    /* ---- rd = rs1 / rs2 aliasing ---- */
    li a0, 5
    add a0, a0, a0
    CHECK 205, a0, 10
    li a0, 7
    li a1, 3
    sub a1, a0, a1
    CHECK 206, a1, 4
    li a0, 1
    sll a0, a0, a0
    CHECK 207, a0, 2
    li a0, -8
    sraw a0, a0, a0    # shamt = 24 (low 5 bits of -8)
    CHECK 208, a0, -1

    /* ---- writes to x0 are discarded; x0 reads as 0 ---- */
    addi x0, x0, 5
    CHECK 209, x0, 0
    lui x0, 0x12345
    CHECK 210, x0, 0
    li a1, 7
    add x0, a1, a1
    CHECK 211, x0, 0
    auipc x0, 1
    CHECK 212, x0, 0
    li a1, -1
    sltu x0, x0, a1
    CHECK 213, x0, 0
    li a1, 3
    addw x0, a1, a1
    CHECK 214, x0, 0
    li a1, 1
    slli x0, a1, 4
    CHECK 215, x0, 0
    li a1, 42
    add a0, x0, a1
    CHECK 216, a0, 42

    /* ---- every register x1..x31 holds its own value ---- */
    la t0, saved_sp
    sd sp, 0(t0)
    li x1, 0x1010101010101a4
    li x2, 0x2020202020202a7
    li x3, 0x3030303030303a6
    li x4, 0x4040404040404a1
    li x5, 0x5050505050505a0
    li x6, 0x6060606060606a3
    li x7, 0x7070707070707a2
    li x8, 0x8080808080808ad
    li x9, 0x9090909090909ac
    li x10, 0xa0a0a0a0a0a0aaf
    li x11, 0xb0b0b0b0b0b0bae
    li x12, 0xc0c0c0c0c0c0ca9
    li x13, 0xd0d0d0d0d0d0da8
    li x14, 0xe0e0e0e0e0e0eab
    li x15, 0xf0f0f0f0f0f0faa
    li x16, 0x10101010101010b5
    li x17, 0x11111111111111b4
    li x18, 0x12121212121212b7
    li x19, 0x13131313131313b6
    li x20, 0x14141414141414b1
    li x21, 0x15151515151515b0
    li x22, 0x16161616161616b3
    li x23, 0x17171717171717b2
    li x24, 0x18181818181818bd
    li x25, 0x19191919191919bc
    li x26, 0x1a1a1a1a1a1a1abf
    li x27, 0x1b1b1b1b1b1b1bbe
    li x28, 0x1c1c1c1c1c1c1cb9
    li x29, 0x1d1d1d1d1d1d1db8
    li x30, 0x1e1e1e1e1e1e1ebb
    li x31, 0x1f1f1f1f1f1f1fba
    la x5, regdump
    sd x1, 8(x5)
    sd x2, 16(x5)
    sd x3, 24(x5)
    sd x4, 32(x5)
    sd x6, 48(x5)
    sd x7, 56(x5)
    sd x8, 64(x5)
    sd x9, 72(x5)
    sd x10, 80(x5)
    sd x11, 88(x5)
    sd x12, 96(x5)
    sd x13, 104(x5)
    sd x14, 112(x5)
    sd x15, 120(x5)
    sd x16, 128(x5)
    sd x17, 136(x5)
    sd x18, 144(x5)
    sd x19, 152(x5)
    sd x20, 160(x5)
    sd x21, 168(x5)
    sd x22, 176(x5)
    sd x23, 184(x5)
    sd x24, 192(x5)
    sd x25, 200(x5)
    sd x26, 208(x5)
    sd x27, 216(x5)
    sd x28, 224(x5)
    sd x29, 232(x5)
    sd x30, 240(x5)
    sd x31, 248(x5)
    li x6, 0x5050505050505a0
    sd x6, 40(x5)
    la t0, saved_sp
    ld sp, 0(t0)
    CHECK_MEM 217, regdump + 8, 0x1010101010101a4
    CHECK_MEM 218, regdump + 16, 0x2020202020202a7
    CHECK_MEM 219, regdump + 24, 0x3030303030303a6
    CHECK_MEM 220, regdump + 32, 0x4040404040404a1
    CHECK_MEM 221, regdump + 40, 0x5050505050505a0
    CHECK_MEM 222, regdump + 48, 0x6060606060606a3
    CHECK_MEM 223, regdump + 56, 0x7070707070707a2
    CHECK_MEM 224, regdump + 64, 0x8080808080808ad
    CHECK_MEM 225, regdump + 72, 0x9090909090909ac
    CHECK_MEM 226, regdump + 80, 0xa0a0a0a0a0a0aaf
    CHECK_MEM 227, regdump + 88, 0xb0b0b0b0b0b0bae
    CHECK_MEM 228, regdump + 96, 0xc0c0c0c0c0c0ca9
    CHECK_MEM 229, regdump + 104, 0xd0d0d0d0d0d0da8
    CHECK_MEM 230, regdump + 112, 0xe0e0e0e0e0e0eab
    CHECK_MEM 231, regdump + 120, 0xf0f0f0f0f0f0faa
    CHECK_MEM 232, regdump + 128, 0x10101010101010b5
    CHECK_MEM 233, regdump + 136, 0x11111111111111b4
    CHECK_MEM 234, regdump + 144, 0x12121212121212b7
    CHECK_MEM 235, regdump + 152, 0x13131313131313b6
    CHECK_MEM 236, regdump + 160, 0x14141414141414b1
    CHECK_MEM 237, regdump + 168, 0x15151515151515b0
    CHECK_MEM 238, regdump + 176, 0x16161616161616b3
    CHECK_MEM 239, regdump + 184, 0x17171717171717b2
    CHECK_MEM 240, regdump + 192, 0x18181818181818bd
    CHECK_MEM 241, regdump + 200, 0x19191919191919bc
    CHECK_MEM 242, regdump + 208, 0x1a1a1a1a1a1a1abf
    CHECK_MEM 243, regdump + 216, 0x1b1b1b1b1b1b1bbe
    CHECK_MEM 244, regdump + 224, 0x1c1c1c1c1c1c1cb9
    CHECK_MEM 245, regdump + 232, 0x1d1d1d1d1d1d1db8
    CHECK_MEM 246, regdump + 240, 0x1e1e1e1e1e1e1ebb
    CHECK_MEM 247, regdump + 248, 0x1f1f1f1f1f1f1fba

    PASS

    .data
    .balign 8
saved_sp: .dword 0
regdump:  .space 256

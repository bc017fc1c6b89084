/* SPDX-License-Identifier: GPL-2.0-or-later */
/* zb: Zba (shNadd, .uw forms), Zbb (logic-with-negate, counts, min/max, extensions, rotates, orc.b, rev8), Zbc (clmul*), Zbs (single-bit ops). */
#include "common.h"

TEST_BEGIN zb
    TRAP_RESET

    /* ---- Zba: shNadd, add.uw, shNadd.uw, slli.uw ---- */
    TEST_RR 1, sh1add, 1, 2, 0x4
    TEST_RR 2, sh1add, 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdee
    TEST_RR 3, sh1add, 0x8000000000000001, 0, 0x2
    TEST_RR 4, sh1add, -1, 1, 0xffffffffffffffff
    TEST_RR 5, sh1add, 0x4000000000000000, 5, 0x8000000000000005
    TEST_RR 6, sh2add, 1, 2, 0x6
    TEST_RR 7, sh2add, 0x123456789abcdef, 0xfedcba9876543210, 0x369d0369d0369cc
    TEST_RR 8, sh2add, 0x8000000000000001, 0, 0x4
    TEST_RR 9, sh2add, -1, 1, 0xfffffffffffffffd
    TEST_RR 10, sh2add, 0x4000000000000000, 5, 0x5
    TEST_RR 11, sh3add, 1, 2, 0xa
    TEST_RR 12, sh3add, 0x123456789abcdef, 0xfedcba9876543210, 0x7f6e5d4c3b2a188
    TEST_RR 13, sh3add, 0x8000000000000001, 0, 0x8
    TEST_RR 14, sh3add, -1, 1, 0xfffffffffffffff9
    TEST_RR 15, sh3add, 0x4000000000000000, 5, 0x5
    TEST_RR 16, add.uw, 1, 2, 0x3
    TEST_RR 17, add.uw, 0xffffffff80000000, 0, 0x80000000
    TEST_RR 18, add.uw, -1, 1, 0x100000000
    TEST_RR 19, add.uw, 0x123456789abcdef, 0xfedcba9876543210, 0xfedcba98ffffffff
    TEST_RR 20, add.uw, 0x80000000, 0x100000000, 0x180000000
    TEST_RR 21, sh1add.uw, 1, 2, 0x4
    TEST_RR 22, sh1add.uw, 0xffffffff80000000, 0, 0x100000000
    TEST_RR 23, sh1add.uw, -1, 1, 0x1ffffffff
    TEST_RR 24, sh1add.uw, 0x123456789abcdef, 0xfedcba9876543210, 0xfedcba9989abcdee
    TEST_RR 25, sh1add.uw, 0x80000000, 0x100000000, 0x200000000
    TEST_RR 26, sh2add.uw, 1, 2, 0x6
    TEST_RR 27, sh2add.uw, 0xffffffff80000000, 0, 0x200000000
    TEST_RR 28, sh2add.uw, -1, 1, 0x3fffffffd
    TEST_RR 29, sh2add.uw, 0x123456789abcdef, 0xfedcba9876543210, 0xfedcba9a9d0369cc
    TEST_RR 30, sh2add.uw, 0x80000000, 0x100000000, 0x300000000
    TEST_RR 31, sh3add.uw, 1, 2, 0xa
    TEST_RR 32, sh3add.uw, 0xffffffff80000000, 0, 0x400000000
    TEST_RR 33, sh3add.uw, -1, 1, 0x7fffffff9
    TEST_RR 34, sh3add.uw, 0x123456789abcdef, 0xfedcba9876543210, 0xfedcba9cc3b2a188
    TEST_RR 35, sh3add.uw, 0x80000000, 0x100000000, 0x500000000
    TEST_RI 36, slli.uw, 0xffffffff80000001, 0, 0x80000001
    TEST_RI 37, slli.uw, 0xffffffff80000001, 1, 0x100000002
    TEST_RI 38, slli.uw, -1, 32, 0xffffffff00000000
    TEST_RI 39, slli.uw, -1, 63, 0x8000000000000000
    TEST_RI 40, slli.uw, 0x123456789abcdef, 4, 0x89abcdef0
    TEST_RI 41, slli.uw, 0x80000000, 31, 0x4000000000000000

    /* ---- Zbb: andn / orn / xnor ---- */
    TEST_RR 42, andn, 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef
    TEST_RR 43, andn, -1, 0, 0xffffffffffffffff
    TEST_RR 44, andn, 0, 0, 0x0
    TEST_RR 45, andn, 0xff00ff00ff00ff00, 0xff00ff00ff00ff0, 0xf000f000f000f000
    TEST_RR 46, orn, 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef
    TEST_RR 47, orn, -1, 0, 0xffffffffffffffff
    TEST_RR 48, orn, 0, 0, 0xffffffffffffffff
    TEST_RR 49, orn, 0xff00ff00ff00ff00, 0xff00ff00ff00ff0, 0xff0fff0fff0fff0f
    TEST_RR 50, xnor, 0x123456789abcdef, 0xfedcba9876543210, 0x0
    TEST_RR 51, xnor, -1, 0, 0x0
    TEST_RR 52, xnor, 0, 0, 0xffffffffffffffff
    TEST_RR 53, xnor, 0xff00ff00ff00ff00, 0xff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f

    /* ---- Zbb: clz / ctz / cpop and W forms ---- */
    TEST_R 54, clz, 0, 0x40
    TEST_R 55, clz, 1, 0x3f
    TEST_R 56, clz, -1, 0x0
    TEST_R 57, clz, 0x8000000000000000, 0x0
    TEST_R 58, clz, 0xffffffff, 0x20
    TEST_R 59, clz, 0x10000000000, 0x17
    TEST_R 60, clz, 0x123456789abcdef, 0x7
    TEST_R 61, clz, 0x8000, 0x30
    TEST_R 62, ctz, 0, 0x40
    TEST_R 63, ctz, 1, 0x0
    TEST_R 64, ctz, -1, 0x0
    TEST_R 65, ctz, 0x8000000000000000, 0x3f
    TEST_R 66, ctz, 0xffffffff, 0x0
    TEST_R 67, ctz, 0x10000000000, 0x28
    TEST_R 68, ctz, 0x123456789abcdef, 0x0
    TEST_R 69, ctz, 0x8000, 0xf
    TEST_R 70, cpop, 0, 0x0
    TEST_R 71, cpop, 1, 0x1
    TEST_R 72, cpop, -1, 0x40
    TEST_R 73, cpop, 0x8000000000000000, 0x1
    TEST_R 74, cpop, 0xffffffff, 0x20
    TEST_R 75, cpop, 0x10000000000, 0x1
    TEST_R 76, cpop, 0x123456789abcdef, 0x20
    TEST_R 77, cpop, 0x8000, 0x1
    TEST_R 78, clzw, 0, 0x20
    TEST_R 79, clzw, 1, 0x1f
    TEST_R 80, clzw, 0xffffffff00000000, 0x20
    TEST_R 81, clzw, 0x80000000, 0x0
    TEST_R 82, clzw, 0xffffffff, 0x0
    TEST_R 83, clzw, 0x100008000, 0x10
    TEST_R 84, clzw, 0x123456789abcdef, 0x0
    TEST_R 85, ctzw, 0, 0x20
    TEST_R 86, ctzw, 1, 0x0
    TEST_R 87, ctzw, 0xffffffff00000000, 0x20
    TEST_R 88, ctzw, 0x80000000, 0x1f
    TEST_R 89, ctzw, 0xffffffff, 0x0
    TEST_R 90, ctzw, 0x100008000, 0xf
    TEST_R 91, ctzw, 0x123456789abcdef, 0x0
    TEST_R 92, cpopw, 0, 0x0
    TEST_R 93, cpopw, 1, 0x1
    TEST_R 94, cpopw, 0xffffffff00000000, 0x0
    TEST_R 95, cpopw, 0x80000000, 0x1
    TEST_R 96, cpopw, 0xffffffff, 0x20
    TEST_R 97, cpopw, 0x100008000, 0x1
    TEST_R 98, cpopw, 0x123456789abcdef, 0x14

    /* ---- Zbb: max / min / maxu / minu ---- */
    TEST_RR 99, max, -1, 1, 0x1
    TEST_RR 100, max, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff
    TEST_RR 101, max, -5, -3, 0xfffffffffffffffd
    TEST_RR 102, max, 7, 7, 0x7
    TEST_RR 103, max, 0x80000000, 0xffffffff80000000, 0x80000000
    TEST_RR 104, min, -1, 1, 0xffffffffffffffff
    TEST_RR 105, min, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000
    TEST_RR 106, min, -5, -3, 0xfffffffffffffffb
    TEST_RR 107, min, 7, 7, 0x7
    TEST_RR 108, min, 0x80000000, 0xffffffff80000000, 0xffffffff80000000
    TEST_RR 109, maxu, -1, 1, 0xffffffffffffffff
    TEST_RR 110, maxu, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000
    TEST_RR 111, maxu, -5, -3, 0xfffffffffffffffd
    TEST_RR 112, maxu, 7, 7, 0x7
    TEST_RR 113, maxu, 0x80000000, 0xffffffff80000000, 0xffffffff80000000
    TEST_RR 114, minu, -1, 1, 0x1
    TEST_RR 115, minu, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff
    TEST_RR 116, minu, -5, -3, 0xfffffffffffffffb
    TEST_RR 117, minu, 7, 7, 0x7
    TEST_RR 118, minu, 0x80000000, 0xffffffff80000000, 0x80000000

    /* ---- Zbb: sext.b / sext.h / zext.h / orc.b / rev8 ---- */
    TEST_R 119, sext.b, 0, 0x0
    TEST_R 120, sext.b, 127, 0x7f
    TEST_R 121, sext.b, 128, 0xffffffffffffff80
    TEST_R 122, sext.b, 255, 0xffffffffffffffff
    TEST_R 123, sext.b, 0x7fff, 0xffffffffffffffff
    TEST_R 124, sext.b, 0x8000, 0x0
    TEST_R 125, sext.b, 0xffff, 0xffffffffffffffff
    TEST_R 126, sext.b, 0x123456789abcde80, 0xffffffffffffff80
    TEST_R 127, sext.b, -1, 0xffffffffffffffff
    TEST_R 128, sext.h, 0, 0x0
    TEST_R 129, sext.h, 127, 0x7f
    TEST_R 130, sext.h, 128, 0x80
    TEST_R 131, sext.h, 255, 0xff
    TEST_R 132, sext.h, 0x7fff, 0x7fff
    TEST_R 133, sext.h, 0x8000, 0xffffffffffff8000
    TEST_R 134, sext.h, 0xffff, 0xffffffffffffffff
    TEST_R 135, sext.h, 0x123456789abcde80, 0xffffffffffffde80
    TEST_R 136, sext.h, -1, 0xffffffffffffffff
    TEST_R 137, zext.h, 0, 0x0
    TEST_R 138, zext.h, 127, 0x7f
    TEST_R 139, zext.h, 128, 0x80
    TEST_R 140, zext.h, 255, 0xff
    TEST_R 141, zext.h, 0x7fff, 0x7fff
    TEST_R 142, zext.h, 0x8000, 0x8000
    TEST_R 143, zext.h, 0xffff, 0xffff
    TEST_R 144, zext.h, 0x123456789abcde80, 0xde80
    TEST_R 145, zext.h, -1, 0xffff
    TEST_R 146, orc.b, 0, 0x0
    TEST_R 147, orc.b, 1, 0xff
    TEST_R 148, orc.b, 0x100200300400500, 0xff00ffff00ffff00
    TEST_R 149, orc.b, 0x123456789abcdef, 0xffffffffffffffff
    TEST_R 150, orc.b, -1, 0xffffffffffffffff
    TEST_R 151, orc.b, 0x8000000000000080, 0xff000000000000ff
    TEST_R 152, rev8, 0, 0x0
    TEST_R 153, rev8, 0x123456789abcdef, 0xefcdab8967452301
    TEST_R 154, rev8, 255, 0xff00000000000000
    TEST_R 155, rev8, 0x8000000000000000, 0x80
    TEST_R 156, rev8, 0x1122334455667788, 0x8877665544332211

    /* ---- Zbb: rol / ror / rori and W forms (shift amounts masked) ---- */
    TEST_RR 157, rol, 0x123456789abcdef, 0, 0x123456789abcdef
    TEST_RR 158, rol, 0x123456789abcdef, 1, 0x2468acf13579bde
    TEST_RR 159, rol, 0x123456789abcdef, 4, 0x123456789abcdef0
    TEST_RR 160, rol, 0x123456789abcdef, 32, 0x89abcdef01234567
    TEST_RR 161, rol, 0x123456789abcdef, 63, 0x8091a2b3c4d5e6f7
    TEST_RR 162, rol, 0x123456789abcdef, 64, 0x123456789abcdef
    TEST_RR 163, rol, 0x123456789abcdef, 68, 0x123456789abcdef0
    TEST_RR 164, rol, 0x123456789abcdef, -1, 0x8091a2b3c4d5e6f7
    TEST_RR 165, ror, 0x123456789abcdef, 0, 0x123456789abcdef
    TEST_RR 166, ror, 0x123456789abcdef, 1, 0x8091a2b3c4d5e6f7
    TEST_RR 167, ror, 0x123456789abcdef, 4, 0xf0123456789abcde
    TEST_RR 168, ror, 0x123456789abcdef, 32, 0x89abcdef01234567
    TEST_RR 169, ror, 0x123456789abcdef, 63, 0x2468acf13579bde
    TEST_RR 170, ror, 0x123456789abcdef, 64, 0x123456789abcdef
    TEST_RR 171, ror, 0x123456789abcdef, 68, 0xf0123456789abcde
    TEST_RR 172, ror, 0x123456789abcdef, -1, 0x2468acf13579bde
    TEST_RI 173, rori, 0x123456789abcdef, 0, 0x123456789abcdef
    TEST_RI 174, rori, 0x123456789abcdef, 1, 0x8091a2b3c4d5e6f7
    TEST_RI 175, rori, 0x123456789abcdef, 8, 0xef0123456789abcd
    TEST_RI 176, rori, 0x123456789abcdef, 32, 0x89abcdef01234567
    TEST_RI 177, rori, 0x123456789abcdef, 63, 0x2468acf13579bde
    TEST_RR 178, rolw, 0x80000001, 1, 0x3
    TEST_RR 179, rolw, 0x12345678, 4, 0x23456781
    TEST_RR 180, rolw, 0xffffffff00000001, 31, 0xffffffff80000000
    TEST_RR 181, rolw, 0x40000000, 32, 0x40000000
    TEST_RR 182, rolw, 0x40000000, 33, 0xffffffff80000000
    TEST_RR 183, rolw, 0x7fffffff, 0, 0x7fffffff
    TEST_RR 184, rorw, 0x80000001, 1, 0xffffffffc0000000
    TEST_RR 185, rorw, 0x12345678, 4, 0xffffffff81234567
    TEST_RR 186, rorw, 0xffffffff00000001, 31, 0x2
    TEST_RR 187, rorw, 0x40000000, 32, 0x40000000
    TEST_RR 188, rorw, 0x40000000, 33, 0x20000000
    TEST_RR 189, rorw, 0x7fffffff, 0, 0x7fffffff
    TEST_RI 190, roriw, 0x80000001, 1, 0xffffffffc0000000
    TEST_RI 191, roriw, 0x12345678, 0, 0x12345678
    TEST_RI 192, roriw, 0xffffffff00000002, 1, 0x1
    TEST_RI 193, roriw, 0x12345678, 31, 0x2468acf0

    /* ---- Zbc: clmul / clmulh / clmulr ---- */
    TEST_RR 194, clmul, 3, 3, 0x5
    TEST_RR 195, clmul, 0x123456789abcdef, 0xfedcba9876543210, 0x40a0789828c810f0
    TEST_RR 196, clmul, -1, -1, 0x5555555555555555
    TEST_RR 197, clmul, 0x8000000000000000, 0x8000000000000000, 0x0
    TEST_RR 198, clmul, 0x8000000000000000, 2, 0x0
    TEST_RR 199, clmul, 135, -1, 0x7d
    TEST_RR 200, clmulh, 3, 3, 0x0
    TEST_RR 201, clmulh, 0x123456789abcdef, 0xfedcba9876543210, 0xe038d8688850b0
    TEST_RR 202, clmulh, -1, -1, 0x5555555555555555
    TEST_RR 203, clmulh, 0x8000000000000000, 0x8000000000000000, 0x4000000000000000
    TEST_RR 204, clmulh, 0x8000000000000000, 2, 0x1
    TEST_RR 205, clmulh, 135, -1, 0x7d
    TEST_RR 206, clmulr, 3, 3, 0x0
    TEST_RR 207, clmulr, 0x123456789abcdef, 0xfedcba9876543210, 0x1c071b0d110a160
    TEST_RR 208, clmulr, -1, -1, 0xaaaaaaaaaaaaaaaa
    TEST_RR 209, clmulr, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000
    TEST_RR 210, clmulr, 0x8000000000000000, 2, 0x2
    TEST_RR 211, clmulr, 135, -1, 0xfa

    /* ---- Zbs: bclr / bext / binv / bset (register index masked to 6 bits) and immediates ---- */
    TEST_RR 212, bclr, -1, 0, 0xfffffffffffffffe
    TEST_RR 213, bclr, -1, 63, 0x7fffffffffffffff
    TEST_RR 214, bclr, 0x123456789abcdef, 5, 0x123456789abcdcf
    TEST_RR 215, bclr, 0x123456789abcdef, 72, 0x123456789abccef
    TEST_RR 216, bclr, 0x8000000000000000, -1, 0x0
    TEST_RR 217, bext, -1, 0, 0x1
    TEST_RR 218, bext, -1, 63, 0x1
    TEST_RR 219, bext, 0x123456789abcdef, 5, 0x1
    TEST_RR 220, bext, 0x123456789abcdef, 72, 0x1
    TEST_RR 221, bext, 0x8000000000000000, -1, 0x1
    TEST_RR 222, binv, -1, 0, 0xfffffffffffffffe
    TEST_RR 223, binv, -1, 63, 0x7fffffffffffffff
    TEST_RR 224, binv, 0x123456789abcdef, 5, 0x123456789abcdcf
    TEST_RR 225, binv, 0x123456789abcdef, 72, 0x123456789abccef
    TEST_RR 226, binv, 0x8000000000000000, -1, 0x0
    TEST_RR 227, bset, -1, 0, 0xffffffffffffffff
    TEST_RR 228, bset, -1, 63, 0xffffffffffffffff
    TEST_RR 229, bset, 0x123456789abcdef, 5, 0x123456789abcdef
    TEST_RR 230, bset, 0x123456789abcdef, 72, 0x123456789abcdef
    TEST_RR 231, bset, 0x8000000000000000, -1, 0x8000000000000000
    TEST_RI 232, bclri, -1, 0, 0xfffffffffffffffe
    TEST_RI 233, bclri, 0, 63, 0x0
    TEST_RI 234, bclri, 0x123456789abcdef, 32, 0x123456689abcdef
    TEST_RI 235, bclri, 0x123456789abcdef, 8, 0x123456789abccef
    TEST_RI 236, bclri, 0xffffffff, 31, 0x7fffffff
    TEST_RI 237, bexti, -1, 0, 0x1
    TEST_RI 238, bexti, 0, 63, 0x0
    TEST_RI 239, bexti, 0x123456789abcdef, 32, 0x1
    TEST_RI 240, bexti, 0x123456789abcdef, 8, 0x1
    TEST_RI 241, bexti, 0xffffffff, 31, 0x1
    TEST_RI 242, binvi, -1, 0, 0xfffffffffffffffe
    TEST_RI 243, binvi, 0, 63, 0x8000000000000000
    TEST_RI 244, binvi, 0x123456789abcdef, 32, 0x123456689abcdef
    TEST_RI 245, binvi, 0x123456789abcdef, 8, 0x123456789abccef
    TEST_RI 246, binvi, 0xffffffff, 31, 0x7fffffff
    TEST_RI 247, bseti, -1, 0, 0xffffffffffffffff
    TEST_RI 248, bseti, 0, 63, 0x8000000000000000
    TEST_RI 249, bseti, 0x123456789abcdef, 32, 0x123456789abcdef
    TEST_RI 250, bseti, 0x123456789abcdef, 8, 0x123456789abcdef
    TEST_RI 251, bseti, 0xffffffff, 31, 0xffffffff
    CHECK_NO_TRAP 252

    /* ---- encodings that are not Zb* stay illegal ---- */
    TRAP_RESET
    EXPECT_TRAP
1:  .word 0x6c059513              # OP-IMM funct12 0x6c0 with funct3 1: not an encoding
    CHECK_TRAP 253, CAUSE_ILLEGAL_INSN, 1b, 0x6c059513

    PASS

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rv64m: RV64M multiply/divide incl. high halves, signs, divide by zero, INT_MIN/-1 and the W forms. */
#include "common.h"

TEST_BEGIN rv64m

    /* ---- mul ---- */
    TEST_RR 1, mul, 0, 0, 0x0
    TEST_RR 2, mul, 1, 1, 0x1
    TEST_RR 3, mul, 3, 7, 0x15
    TEST_RR 4, mul, -1, -1, 0x1
    TEST_RR 5, mul, -1, 1, 0xffffffffffffffff
    TEST_RR 6, mul, 0x8000000000000000, -1, 0x8000000000000000
    TEST_RR 7, mul, 0x8000000000000000, 0x8000000000000000, 0x0
    TEST_RR 8, mul, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x1
    TEST_RR 9, mul, 0x7fffffffffffffff, -1, 0x8000000000000001
    TEST_RR 10, mul, 0xffffffff, 0xffffffff, 0xfffffffe00000001
    TEST_RR 11, mul, 0x100000000, 0x100000000, 0x0
    TEST_RR 12, mul, 0x123456789abcdef0, 0xfedcba9876543210, 0x236d88fe5618cf00
    TEST_RR 13, mul, -7, 3, 0xffffffffffffffeb
    TEST_RR 14, mul, 5, -2, 0xfffffffffffffff6

    /* ---- mulh ---- */
    TEST_RR 15, mulh, 0, 0, 0x0
    TEST_RR 16, mulh, 1, 1, 0x0
    TEST_RR 17, mulh, 3, 7, 0x0
    TEST_RR 18, mulh, -1, -1, 0x0
    TEST_RR 19, mulh, -1, 1, 0xffffffffffffffff
    TEST_RR 20, mulh, 0x8000000000000000, -1, 0x0
    TEST_RR 21, mulh, 0x8000000000000000, 0x8000000000000000, 0x4000000000000000
    TEST_RR 22, mulh, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x3fffffffffffffff
    TEST_RR 23, mulh, 0x7fffffffffffffff, -1, 0xffffffffffffffff
    TEST_RR 24, mulh, 0xffffffff, 0xffffffff, 0x0
    TEST_RR 25, mulh, 0x100000000, 0x100000000, 0x1
    TEST_RR 26, mulh, 0x123456789abcdef0, 0xfedcba9876543210, 0xffeb49923cc09532
    TEST_RR 27, mulh, -7, 3, 0xffffffffffffffff
    TEST_RR 28, mulh, 5, -2, 0xffffffffffffffff

    /* ---- mulhsu ---- */
    TEST_RR 29, mulhsu, 0, 0, 0x0
    TEST_RR 30, mulhsu, 1, 1, 0x0
    TEST_RR 31, mulhsu, 3, 7, 0x0
    TEST_RR 32, mulhsu, -1, -1, 0xffffffffffffffff
    TEST_RR 33, mulhsu, -1, 1, 0xffffffffffffffff
    TEST_RR 34, mulhsu, 0x8000000000000000, -1, 0x8000000000000000
    TEST_RR 35, mulhsu, 0x8000000000000000, 0x8000000000000000, 0xc000000000000000
    TEST_RR 36, mulhsu, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x3fffffffffffffff
    TEST_RR 37, mulhsu, 0x7fffffffffffffff, -1, 0x7ffffffffffffffe
    TEST_RR 38, mulhsu, 0xffffffff, 0xffffffff, 0x0
    TEST_RR 39, mulhsu, 0x100000000, 0x100000000, 0x1
    TEST_RR 40, mulhsu, 0x123456789abcdef0, 0xfedcba9876543210, 0x121fa00ad77d7422
    TEST_RR 41, mulhsu, -7, 3, 0xffffffffffffffff
    TEST_RR 42, mulhsu, 5, -2, 0x4

    /* ---- mulhu ---- */
    TEST_RR 43, mulhu, 0, 0, 0x0
    TEST_RR 44, mulhu, 1, 1, 0x0
    TEST_RR 45, mulhu, 3, 7, 0x0
    TEST_RR 46, mulhu, -1, -1, 0xfffffffffffffffe
    TEST_RR 47, mulhu, -1, 1, 0x0
    TEST_RR 48, mulhu, 0x8000000000000000, -1, 0x7fffffffffffffff
    TEST_RR 49, mulhu, 0x8000000000000000, 0x8000000000000000, 0x4000000000000000
    TEST_RR 50, mulhu, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x3fffffffffffffff
    TEST_RR 51, mulhu, 0x7fffffffffffffff, -1, 0x7ffffffffffffffe
    TEST_RR 52, mulhu, 0xffffffff, 0xffffffff, 0x0
    TEST_RR 53, mulhu, 0x100000000, 0x100000000, 0x1
    TEST_RR 54, mulhu, 0x123456789abcdef0, 0xfedcba9876543210, 0x121fa00ad77d7422
    TEST_RR 55, mulhu, -7, 3, 0x2
    TEST_RR 56, mulhu, 5, -2, 0x4

    /* ---- mulw: low 32 bits of the product, sign-extended; upper source bits ignored ---- */
    TEST_RR 57, mulw, 3, 7, 0x15
    TEST_RR 58, mulw, 0x7fffffff, 2, 0xfffffffffffffffe
    TEST_RR 59, mulw, 0x10000, 0x10000, 0x0
    TEST_RR 60, mulw, 0x10000, 0x8000, 0xffffffff80000000
    TEST_RR 61, mulw, -1, -1, 0x1
    TEST_RR 62, mulw, 0xffffffff00000003, 0x1200000005, 0xf
    TEST_RR 63, mulw, 0x80000000, -1, 0xffffffff80000000

    /* ---- div: divide by zero and INT64_MIN / -1 do not trap ---- */
    TEST_RR 64, div, 20, 6, 0x3
    TEST_RR 65, div, -20, 6, 0xfffffffffffffffd
    TEST_RR 66, div, 20, -6, 0xfffffffffffffffd
    TEST_RR 67, div, -20, -6, 0x3
    TEST_RR 68, div, 0, 5, 0x0
    TEST_RR 69, div, 7, 0, 0xffffffffffffffff
    TEST_RR 70, div, -7, 0, 0xffffffffffffffff
    TEST_RR 71, div, 0, 0, 0xffffffffffffffff
    TEST_RR 72, div, 0x8000000000000000, -1, 0x8000000000000000
    TEST_RR 73, div, 0x8000000000000000, 1, 0x8000000000000000
    TEST_RR 74, div, 0x8000000000000000, 0, 0xffffffffffffffff
    TEST_RR 75, div, 0x7fffffffffffffff, -1, 0x8000000000000001
    TEST_RR 76, div, -1, 0x8000000000000000, 0x0
    TEST_RR 77, div, 0x7fffffffffffffff, 0x8000000000000000, 0x0
    TEST_RR 78, div, 0xfedcba9876543210, 0x12345, 0xfffffeffffa4ffe0
    TEST_RR 79, div, 1, 2, 0x0
    TEST_RR 80, div, -1, 2, 0x0

    /* ---- divu ---- */
    TEST_RR 81, divu, 20, 6, 0x3
    TEST_RR 82, divu, -20, 6, 0x2aaaaaaaaaaaaaa7
    TEST_RR 83, divu, 20, -6, 0x0
    TEST_RR 84, divu, -20, -6, 0x0
    TEST_RR 85, divu, 0, 5, 0x0
    TEST_RR 86, divu, 7, 0, 0xffffffffffffffff
    TEST_RR 87, divu, -7, 0, 0xffffffffffffffff
    TEST_RR 88, divu, 0, 0, 0xffffffffffffffff
    TEST_RR 89, divu, 0x8000000000000000, -1, 0x0
    TEST_RR 90, divu, 0x8000000000000000, 1, 0x8000000000000000
    TEST_RR 91, divu, 0x8000000000000000, 0, 0xffffffffffffffff
    TEST_RR 92, divu, 0x7fffffffffffffff, -1, 0x0
    TEST_RR 93, divu, -1, 0x8000000000000000, 0x1
    TEST_RR 94, divu, 0x7fffffffffffffff, 0x8000000000000000, 0x0
    TEST_RR 95, divu, 0xfedcba9876543210, 0x12345, 0xe0004fa01c4d
    TEST_RR 96, divu, 1, 2, 0x0
    TEST_RR 97, divu, -1, 2, 0x7fffffffffffffff

    /* ---- rem ---- */
    TEST_RR 98, rem, 20, 6, 0x2
    TEST_RR 99, rem, -20, 6, 0xfffffffffffffffe
    TEST_RR 100, rem, 20, -6, 0x2
    TEST_RR 101, rem, -20, -6, 0xfffffffffffffffe
    TEST_RR 102, rem, 0, 5, 0x0
    TEST_RR 103, rem, 7, 0, 0x7
    TEST_RR 104, rem, -7, 0, 0xfffffffffffffff9
    TEST_RR 105, rem, 0, 0, 0x0
    TEST_RR 106, rem, 0x8000000000000000, -1, 0x0
    TEST_RR 107, rem, 0x8000000000000000, 1, 0x0
    TEST_RR 108, rem, 0x8000000000000000, 0, 0x8000000000000000
    TEST_RR 109, rem, 0x7fffffffffffffff, -1, 0x0
    TEST_RR 110, rem, -1, 0x8000000000000000, 0xffffffffffffffff
    TEST_RR 111, rem, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff
    TEST_RR 112, rem, 0xfedcba9876543210, 0x12345, 0xffffffffffff9ab0
    TEST_RR 113, rem, 1, 2, 0x1
    TEST_RR 114, rem, -1, 2, 0xffffffffffffffff

    /* ---- remu ---- */
    TEST_RR 115, remu, 20, 6, 0x2
    TEST_RR 116, remu, -20, 6, 0x2
    TEST_RR 117, remu, 20, -6, 0x14
    TEST_RR 118, remu, -20, -6, 0xffffffffffffffec
    TEST_RR 119, remu, 0, 5, 0x0
    TEST_RR 120, remu, 7, 0, 0x7
    TEST_RR 121, remu, -7, 0, 0xfffffffffffffff9
    TEST_RR 122, remu, 0, 0, 0x0
    TEST_RR 123, remu, 0x8000000000000000, -1, 0x8000000000000000
    TEST_RR 124, remu, 0x8000000000000000, 1, 0x0
    TEST_RR 125, remu, 0x8000000000000000, 0, 0x8000000000000000
    TEST_RR 126, remu, 0x7fffffffffffffff, -1, 0x7fffffffffffffff
    TEST_RR 127, remu, -1, 0x8000000000000000, 0x7fffffffffffffff
    TEST_RR 128, remu, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff
    TEST_RR 129, remu, 0xfedcba9876543210, 0x12345, 0x10a4f
    TEST_RR 130, remu, 1, 2, 0x1
    TEST_RR 131, remu, -1, 2, 0x1

    /* ---- divw ---- */
    TEST_RR 132, divw, 20, 6, 0x3
    TEST_RR 133, divw, -20, 6, 0xfffffffffffffffd
    TEST_RR 134, divw, 20, -6, 0xfffffffffffffffd
    TEST_RR 135, divw, -20, -6, 0x3
    TEST_RR 136, divw, 7, 0, 0xffffffffffffffff
    TEST_RR 137, divw, -7, 0, 0xffffffffffffffff
    TEST_RR 138, divw, 0x80000000, -1, 0xffffffff80000000
    TEST_RR 139, divw, 0x80000000, 1, 0xffffffff80000000
    TEST_RR 140, divw, 0xffffffff, 1, 0xffffffffffffffff
    TEST_RR 141, divw, 0xffffffff, 0xffffffff, 0x1
    TEST_RR 142, divw, 0x123456789, 0x100000002, 0x11a2b3c4
    TEST_RR 143, divw, 0x7fffffff, -1, 0xffffffff80000001
    TEST_RR 144, divw, 0xffffffff80000000, -1, 0xffffffff80000000
    TEST_RR 145, divw, 5, 0x100000000, 0xffffffffffffffff

    /* ---- divuw ---- */
    TEST_RR 146, divuw, 20, 6, 0x3
    TEST_RR 147, divuw, -20, 6, 0x2aaaaaa7
    TEST_RR 148, divuw, 20, -6, 0x0
    TEST_RR 149, divuw, -20, -6, 0x0
    TEST_RR 150, divuw, 7, 0, 0xffffffffffffffff
    TEST_RR 151, divuw, -7, 0, 0xffffffffffffffff
    TEST_RR 152, divuw, 0x80000000, -1, 0x0
    TEST_RR 153, divuw, 0x80000000, 1, 0xffffffff80000000
    TEST_RR 154, divuw, 0xffffffff, 1, 0xffffffffffffffff
    TEST_RR 155, divuw, 0xffffffff, 0xffffffff, 0x1
    TEST_RR 156, divuw, 0x123456789, 0x100000002, 0x11a2b3c4
    TEST_RR 157, divuw, 0x7fffffff, -1, 0x0
    TEST_RR 158, divuw, 0xffffffff80000000, -1, 0x0
    TEST_RR 159, divuw, 5, 0x100000000, 0xffffffffffffffff

    /* ---- remw ---- */
    TEST_RR 160, remw, 20, 6, 0x2
    TEST_RR 161, remw, -20, 6, 0xfffffffffffffffe
    TEST_RR 162, remw, 20, -6, 0x2
    TEST_RR 163, remw, -20, -6, 0xfffffffffffffffe
    TEST_RR 164, remw, 7, 0, 0x7
    TEST_RR 165, remw, -7, 0, 0xfffffffffffffff9
    TEST_RR 166, remw, 0x80000000, -1, 0x0
    TEST_RR 167, remw, 0x80000000, 1, 0x0
    TEST_RR 168, remw, 0xffffffff, 1, 0x0
    TEST_RR 169, remw, 0xffffffff, 0xffffffff, 0x0
    TEST_RR 170, remw, 0x123456789, 0x100000002, 0x1
    TEST_RR 171, remw, 0x7fffffff, -1, 0x0
    TEST_RR 172, remw, 0xffffffff80000000, -1, 0x0
    TEST_RR 173, remw, 5, 0x100000000, 0x5

    /* ---- remuw ---- */
    TEST_RR 174, remuw, 20, 6, 0x2
    TEST_RR 175, remuw, -20, 6, 0x2
    TEST_RR 176, remuw, 20, -6, 0x14
    TEST_RR 177, remuw, -20, -6, 0xffffffffffffffec
    TEST_RR 178, remuw, 7, 0, 0x7
    TEST_RR 179, remuw, -7, 0, 0xfffffffffffffff9
    TEST_RR 180, remuw, 0x80000000, -1, 0xffffffff80000000
    TEST_RR 181, remuw, 0x80000000, 1, 0x0
    TEST_RR 182, remuw, 0xffffffff, 1, 0x0
    TEST_RR 183, remuw, 0xffffffff, 0xffffffff, 0x0
    TEST_RR 184, remuw, 0x123456789, 0x100000002, 0x1
    TEST_RR 185, remuw, 0x7fffffff, -1, 0x7fffffff
    TEST_RR 186, remuw, 0xffffffff80000000, -1, 0xffffffff80000000
    TEST_RR 187, remuw, 5, 0x100000000, 0x5

    /* ---- results to x0 are discarded, rd = rs aliasing ---- */
    li a1, 6
    li a2, 7
    mul x0, a1, a2
    CHECK 188, x0, 0
    li a1, 6
    li a2, 0
    div x0, a1, a2
    CHECK 189, x0, 0
    li a1, -9
    mul a1, a1, a1
    CHECK 190, a1, 81
    li a1, 100
    li a2, 7
    rem a2, a1, a2
    CHECK 191, a2, 2

    PASS

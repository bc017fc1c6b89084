/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rv64i-mem: RV64I loads and stores of every width, sign/zero extension, offsets, and misaligned accesses (emulated, no trap). */
#include "common.h"

/* Case \n: "\op a0, \off(a3)" on ldata gives \res. */
.macro TEST_LD n, op, off, res
    la a3, ldata
    \op a0, \off(a3)
    CHECK \n, a0, \res
.endm

/* Case \n: "\op a1, \off(a3)" into a 24-byte buffer of 0xaa gives the three doublewords \w0..\w2. */
.macro TEST_ST n, op, off, val, w0, w1, w2
    la a3, sbuf
    li a1, 0xaaaaaaaaaaaaaaaa
    sd a1, 0(a3)
    sd a1, 8(a3)
    sd a1, 16(a3)
    li a1, \val
    \op a1, \off(a3)
    ld a0, 0(a3)
    CHECK \n, a0, \w0
    ld a0, 8(a3)
    CHECK \n, a0, \w1
    ld a0, 16(a3)
    CHECK \n, a0, \w2
.endm

TEST_BEGIN rv64i-mem
    TRAP_RESET

    /* ---- aligned loads: sign and zero extension ---- */
    TEST_LD 1, lb, 0, 0x11
    TEST_LD 2, lb, 1, 0x22
    TEST_LD 3, lb, 7, 0xffffffffffffff88
    TEST_LD 4, lb, 8, 0x12
    TEST_LD 5, lb, 15, 0xfffffffffffffff0
    TEST_LD 6, lb, 16, 0x0
    TEST_LD 7, lb, 19, 0xffffffffffffff80
    TEST_LD 8, lbu, 0, 0x11
    TEST_LD 9, lbu, 1, 0x22
    TEST_LD 10, lbu, 7, 0x88
    TEST_LD 11, lbu, 8, 0x12
    TEST_LD 12, lbu, 15, 0xf0
    TEST_LD 13, lbu, 19, 0x80
    TEST_LD 14, lh, 0, 0x2211
    TEST_LD 15, lh, 2, 0x4433
    TEST_LD 16, lh, 6, 0xffffffffffff8877
    TEST_LD 17, lh, 14, 0xfffffffffffff0de
    TEST_LD 18, lh, 16, 0x0
    TEST_LD 19, lh, 18, 0xffffffffffff8000
    TEST_LD 20, lhu, 0, 0x2211
    TEST_LD 21, lhu, 6, 0x8877
    TEST_LD 22, lhu, 14, 0xf0de
    TEST_LD 23, lhu, 18, 0x8000
    TEST_LD 24, lw, 0, 0x44332211
    TEST_LD 25, lw, 4, 0xffffffff88776655
    TEST_LD 26, lw, 8, 0x78563412
    TEST_LD 27, lw, 12, 0xfffffffff0debc9a
    TEST_LD 28, lw, 16, 0xffffffff80000000
    TEST_LD 29, lw, 20, 0x7fffffff
    TEST_LD 30, lw, 24, 0xffffffffffffffff
    TEST_LD 31, lwu, 0, 0x44332211
    TEST_LD 32, lwu, 4, 0x88776655
    TEST_LD 33, lwu, 12, 0xf0debc9a
    TEST_LD 34, lwu, 16, 0x80000000
    TEST_LD 35, lwu, 20, 0x7fffffff
    TEST_LD 36, lwu, 24, 0xffffffff
    TEST_LD 37, ld, 0, 0x8877665544332211
    TEST_LD 38, ld, 8, 0xf0debc9a78563412
    TEST_LD 39, ld, 16, 0x7fffffff80000000
    TEST_LD 40, ld, 24, 0xffffffff

    /* ---- offset range: -2048 and +2047 around the base ---- */
    la a3, ldata + 2048
    lbu a0, -2048(a3)
    CHECK 41, a0, 0x11
    la a3, ldata - 2047 + 7
    lb a0, 2047(a3)
    CHECK 42, a0, 0xffffffffffffff88
    la a0, ldata + 8
    ld a0, -8(a0)       # rd = rs1
    CHECK 43, a0, 0x8877665544332211
    la a3, ldata
    lw x0, 0(a3)        # load into x0: no effect
    CHECK 44, x0, 0

    /* ---- misaligned loads (QEMU emulates them: no trap) ---- */
    TEST_LD 45, lh, 1, 0x3322
    TEST_LD 46, lh, 3, 0x5544
    TEST_LD 47, lh, 7, 0x1288
    TEST_LD 48, lh, 15, 0xf0
    TEST_LD 49, lhu, 1, 0x3322
    TEST_LD 50, lhu, 7, 0x1288
    TEST_LD 51, lhu, 15, 0xf0
    TEST_LD 52, lw, 1, 0x55443322
    TEST_LD 53, lw, 2, 0x66554433
    TEST_LD 54, lw, 3, 0x77665544
    TEST_LD 55, lw, 5, 0x12887766
    TEST_LD 56, lw, 6, 0x34128877
    TEST_LD 57, lw, 7, 0x56341288
    TEST_LD 58, lw, 13, 0xf0debc
    TEST_LD 59, lw, 17, 0xffffffffff800000
    TEST_LD 60, lwu, 1, 0x55443322
    TEST_LD 61, lwu, 2, 0x66554433
    TEST_LD 62, lwu, 3, 0x77665544
    TEST_LD 63, lwu, 7, 0x56341288
    TEST_LD 64, lwu, 13, 0xf0debc
    TEST_LD 65, ld, 1, 0x1288776655443322
    TEST_LD 66, ld, 2, 0x3412887766554433
    TEST_LD 67, ld, 3, 0x5634128877665544
    TEST_LD 68, ld, 4, 0x7856341288776655
    TEST_LD 69, ld, 5, 0x9a78563412887766
    TEST_LD 70, ld, 6, 0xbc9a785634128877
    TEST_LD 71, ld, 7, 0xdebc9a7856341288
    TEST_LD 72, ld, 12, 0x80000000f0debc9a
    TEST_LD 73, ld, 15, 0xffffff80000000f0

    /* ---- stores write only their own bytes (little-endian) ---- */
    TEST_ST 74, sb, 0, 0x123456789abcdef, 0xaaaaaaaaaaaaaaef, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 75, sb, 3, 0x123456789abcdef, 0xaaaaaaaaefaaaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 76, sb, 7, 0x123456789abcdef, 0xefaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 77, sb, 8, 0x123456789abcdef, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaef, 0xaaaaaaaaaaaaaaaa
    TEST_ST 78, sh, 0, 0x123456789abcdef, 0xaaaaaaaaaaaacdef, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 79, sh, 2, 0x123456789abcdef, 0xaaaaaaaacdefaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 80, sh, 6, 0x123456789abcdef, 0xcdefaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 81, sh, 8, 0x123456789abcdef, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaacdef, 0xaaaaaaaaaaaaaaaa
    TEST_ST 82, sw, 0, 0x123456789abcdef, 0xaaaaaaaa89abcdef, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 83, sw, 4, 0x123456789abcdef, 0x89abcdefaaaaaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 84, sw, 8, 0x123456789abcdef, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaa89abcdef, 0xaaaaaaaaaaaaaaaa
    TEST_ST 85, sd, 0, 0x123456789abcdef, 0x123456789abcdef, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 86, sd, 8, 0x123456789abcdef, 0xaaaaaaaaaaaaaaaa, 0x123456789abcdef, 0xaaaaaaaaaaaaaaaa
    TEST_ST 87, sb, 5, -1, 0xaaaaffaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 88, sh, 4, 0x8000, 0xaaaa8000aaaaaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 89, sw, 12, -2, 0xaaaaaaaaaaaaaaaa, 0xfffffffeaaaaaaaa, 0xaaaaaaaaaaaaaaaa

    /* ---- misaligned stores (QEMU emulates them: no trap) ---- */
    TEST_ST 90, sh, 1, 0x123456789abcdef, 0xaaaaaaaaaacdefaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 91, sh, 7, 0x123456789abcdef, 0xefaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaacd, 0xaaaaaaaaaaaaaaaa
    TEST_ST 92, sh, 9, 0x123456789abcdef, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaacdefaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 93, sw, 1, 0x123456789abcdef, 0xaaaaaa89abcdefaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 94, sw, 2, 0x123456789abcdef, 0xaaaa89abcdefaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 95, sw, 3, 0x123456789abcdef, 0xaa89abcdefaaaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa
    TEST_ST 96, sw, 5, 0x123456789abcdef, 0xabcdefaaaaaaaaaa, 0xaaaaaaaaaaaaaa89, 0xaaaaaaaaaaaaaaaa
    TEST_ST 97, sw, 6, 0x123456789abcdef, 0xcdefaaaaaaaaaaaa, 0xaaaaaaaaaaaa89ab, 0xaaaaaaaaaaaaaaaa
    TEST_ST 98, sw, 7, 0x123456789abcdef, 0xefaaaaaaaaaaaaaa, 0xaaaaaaaaaa89abcd, 0xaaaaaaaaaaaaaaaa
    TEST_ST 99, sd, 1, 0x123456789abcdef, 0x23456789abcdefaa, 0xaaaaaaaaaaaaaa01, 0xaaaaaaaaaaaaaaaa
    TEST_ST 100, sd, 2, 0x123456789abcdef, 0x456789abcdefaaaa, 0xaaaaaaaaaaaa0123, 0xaaaaaaaaaaaaaaaa
    TEST_ST 101, sd, 3, 0x123456789abcdef, 0x6789abcdefaaaaaa, 0xaaaaaaaaaa012345, 0xaaaaaaaaaaaaaaaa
    TEST_ST 102, sd, 4, 0x123456789abcdef, 0x89abcdefaaaaaaaa, 0xaaaaaaaa01234567, 0xaaaaaaaaaaaaaaaa
    TEST_ST 103, sd, 5, 0x123456789abcdef, 0xabcdefaaaaaaaaaa, 0xaaaaaa0123456789, 0xaaaaaaaaaaaaaaaa
    TEST_ST 104, sd, 6, 0x123456789abcdef, 0xcdefaaaaaaaaaaaa, 0xaaaa0123456789ab, 0xaaaaaaaaaaaaaaaa
    TEST_ST 105, sd, 7, 0x123456789abcdef, 0xefaaaaaaaaaaaaaa, 0xaa0123456789abcd, 0xaaaaaaaaaaaaaaaa
    TEST_ST 106, sd, 9, 0x123456789abcdef, 0xaaaaaaaaaaaaaaaa, 0x23456789abcdefaa, 0xaaaaaaaaaaaaaa01
    TEST_ST 107, sd, 15, 0x123456789abcdef, 0xaaaaaaaaaaaaaaaa, 0xefaaaaaaaaaaaaaa, 0xaa0123456789abcd

    /* ---- store then load back at every width ---- */
    la a3, sbuf
    li a1, 0xfedcba9876543210
    sd a1, 0(a3)
    lb a0, 7(a3)
    CHECK 108, a0, 0xfffffffffffffffe
    lhu a0, 6(a3)
    CHECK 109, a0, 0xfedc
    lw a0, 4(a3)
    CHECK 110, a0, 0xfffffffffedcba98
    lwu a0, 0(a3)
    CHECK 111, a0, 0x76543210
    sw zero, 2(a3)      # misaligned store of x0
    ld a0, 0(a3)
    CHECK 112, a0, 0xfedc000000003210

    /* ---- misaligned accesses crossing a 4 KiB page boundary ---- */
    la a3, page_end
    li a1, 0x1122334455667788
    sd a1, -3(a3)
    ld a0, -3(a3)
    CHECK 113, a0, 0x1122334455667788
    lwu a0, -2(a3)
    CHECK 114, a0, 0x44556677
    lh a0, -1(a3)
    CHECK 115, a0, 0x5566
    ld a0, -8(a3)
    CHECK 116, a0, 0x6677880000000000
    ld a0, 0(a3)
    CHECK 117, a0, 0x1122334455
    sw a1, -1(a3)
    ld a0, -8(a3)
    CHECK 118, a0, 0x8877880000000000
    ld a0, 0(a3)
    CHECK 119, a0, 0x1122556677

    /* ---- no load or store above trapped ---- */
    CHECK_NO_TRAP 120

    PASS

    .data
    .balign 16
ldata:
    .dword 0x8877665544332211, 0xf0debc9a78563412, 0x7fffffff80000000, 0x00000000ffffffff
sbuf:
    .space 32
    .balign 4096
    .space 4096
page_end:               /* a 4 KiB boundary */
    .space 64

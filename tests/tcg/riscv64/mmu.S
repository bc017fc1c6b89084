/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mmu: Sv39/Sv48/Sv57 translation with page tables built in RAM: 4K/2M/1G pages, permissions (R/W/X, U, SUM, MXR), A/D updates, reserved bits, page faults and their delegation, sfence.vma, satp switching, MPRV. */
#include "common-mmu.h"

/*
 * Sv39 layout (root = pt_root), all built at run time:
 *   root[0]   VA 0x0000_0000  1G  -> PA 0          RW   (UART, test finisher)
 *   root[1]   VA 0x4000_0000  1G  -> PA 0x80000000 RWX U (U-mode alias of RAM)
 *   root[2]   VA 0x8000_0000  1G  -> PA 0x80000000 RWX  (identity: code, data, stack)
 *   root[3]   VA 0xC000_0000  -> pt_l1
 *   root[4]   VA 0x1_0000_0000 1G -> PA 0x80000000 RW  (gigapage)
 *   root[5]   VA 0x1_4000_0000 1G -> PA 0x80200000 (misaligned gigapage)
 *   root[6]   invalid
 *   root[511] VA 0xFFFF_FFFF_C000_0000 1G -> PA 0x80000000 RW (upper half)
 *   pt_l1[0]  VA 0xC000_0000  -> pt_l0 (4K pages, PAGE(i) below)
 *   pt_l1[1]  VA 0xC020_0000  2M -> PA 0x80200000 RW (megapage)
 *   pt_l1[2]  VA 0xC040_0000  2M -> PA 0x80201000 (misaligned megapage)
 *   pt_l1[3]  VA 0xC060_0000  -> pt_l0nl, whose entry 0 is a pointer: non-leaf at level 0
 *   pt_l1[4]  invalid
 * The A and D bits are preset on every leaf except the A/D test pages.
 * pt_root_b is a second Sv39 space (identity + I/O, PAGE(0) -> dpage1).
 * Sv48: pt_root48[0], [1] and [256] point at pt_root (used as a level-2
 * table); Sv57: pt_root57[0] and [1] point at pt_root48.
 * S-mode snippets run on the identity map, U-mode ones in the U alias;
 * every check is made back in M-mode (see common-mmu.h).
 */
#define VA_L0     0xC0000000
#define PAGE(i)   (VA_L0 + (i) * 0x1000)
#define VA_MEGA   0xC0200000
#define VA_MEGA_BAD 0xC0400000
#define VA_NONLEAF  0xC0600000
#define VA_L1_INV   0xC0800000
#define VA_GIGA   0x100000000
#define VA_GIGA_BAD 0x140000000
#define VA_ROOT_INV 0x180000000
#define VA_HIGH   0xFFFFFFFFC0000000
#define PA_MEGA   0x80200000
#define IDENT     (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define RWAD      (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)

/* pt_l0 entries: the 4K test pages */
#define P_RW   0    /* dpage0  R W          */
#define P_RO   1    /* dpage0  R            */
#define P_XO   2    /* xpage   X            */
#define P_WO   3    /* dpage0  W   (reserved) */
#define P_RX   4    /* xpage   R X          */
#define P_URW  5    /* dpage1  U R W        */
#define P_UX   6    /* xpage   U R X        */
#define P_AD   7    /* dpage2  R W, A=D=0   */
#define P_AD2  8    /* dpage2  R W A, D=0   */
#define P_INV  9    /* dpage0  R W X A D, V=0 */
#define P_SF   10   /* dpage0 / dpage1 (sfence.vma) */
#define P_URO  11   /* dpage1  U R          */
#define P_WX   12   /* xpage   W X (reserved) */
#define P_XA0  13   /* xpage   X, A=0       */
#define P_UXO  14   /* xpage   U X          */
#define P_ROA0 15   /* dpage0  R, A=0       */
#define P_XP1  16   /* xpage   R X  } two executable pages in a row: */
#define P_XP2  17   /* xpage2  R X  } an instruction may straddle them */
#define CROSS_RESULT 0x55
#define XCROSS 0xffc /* offset in xpage of the c.nop before the straddling instruction */

#define D0 0xd0d0d0d0d0d0d000
#define D1 0xd1d1d1d1d1d1d100
#define D2 0xd2d2d2d2d2d2d200
#define XDATA 0x1122334455667788
#define XFN_RESULT 0x1234
#define MEGA_VAL 0x6d6567610000abcd

/* table[\idx] = leaf or pointer to the page at symbol \sym with \flags (clobbers t0-t2). */
.macro PTE_SYM table, idx, sym, flags
    la t0, \sym
    srli t0, t0, 12
    slli t0, t0, 10
    ori t0, t0, \flags
    la t1, \table
    li t2, (\idx) * 8
    add t1, t1, t2
    sd t0, 0(t1)
.endm

/* table[\idx] = entry for physical address \pa with \flags (clobbers t0-t2). */
.macro PTE_PA table, idx, pa, flags
    li t0, (((\pa) >> 12) << 10) | (\flags)
    la t1, \table
    li t2, (\idx) * 8
    add t1, t1, t2
    sd t0, 0(t1)
.endm

/* \reg = satp value for root table \root, mode \mode (clobbers t0). */
.macro SATP reg, root, mode, asid=0
    la \reg, \root
    srli \reg, \reg, 12
    li t0, \mode | ((\asid) << 44)
    or \reg, \reg, t0
.endm

/* \reg = address of pt_l0 entry \i */
.macro PTE_ADDR reg, i
    la \reg, pt_l0 + (\i) * 8
.endm

/* Fill the 4 KiB page at \sym with \pattern + 8 * index (clobbers t0-t2). */
.macro FILL sym, pattern
    la t0, \sym
    li t1, \pattern
    li t2, 512
1:  sd t1, 0(t0)
    addi t1, t1, 8
    addi t0, t0, 8
    addi t2, t2, -1
    bnez t2, 1b
.endm

/* Case \n: a load through PAGE(P_SF) whose leaf also has bits \hi set (reserved) page-faults. */
.macro RESERVED_PTE n, hi
    PTE_SYM pt_l0, P_SF, dpage0, RWAD
    la t1, pt_l0 + P_SF * 8
    ld t0, 0(t1)
    li t2, \hi
    or t0, t0, t2
    sd t0, 0(t1)
    sfence.vma
    LOG_RESET
    li a1, PAGE(P_SF) + 0x28
    GO_S
.Lld\@:
    ld a0, 0(a1)
    BACK_M
    CHECK_FAULT \n, CAUSE_LOAD_PAGE, .Lld\@, a1
.endm

TEST_BEGIN mmu
    INSTALL_HANDLERS
    csrw medeleg, zero
    csrw mideleg, zero
    li t0, MSTATUS_SUM | MSTATUS_MXR | MSTATUS_MPRV
    csrc mstatus, t0

    FILL dpage0, D0
    FILL dpage1, D1
    FILL dpage2, D2
    li t0, PA_MEGA + 0x1238
    li t1, MEGA_VAL
    sd t1, 0(t0)

    /* ---- Sv39 tables ---- */
    PTE_PA  pt_root, 0, 0, RWAD
    PTE_PA  pt_root, 1, 0x80000000, IDENT | PTE_U
    PTE_PA  pt_root, 2, 0x80000000, IDENT
    PTE_SYM pt_root, 3, pt_l1, PTE_V
    PTE_PA  pt_root, 4, 0x80000000, RWAD
    PTE_PA  pt_root, 5, 0x80200000, RWAD
    PTE_PA  pt_root, 511, 0x80000000, RWAD
    PTE_SYM pt_l1, 0, pt_l0, PTE_V
    PTE_PA  pt_l1, 1, PA_MEGA, RWAD
    PTE_PA  pt_l1, 2, PA_MEGA + 0x1000, IDENT
    PTE_SYM pt_l1, 3, pt_l0nl, PTE_V
    PTE_SYM pt_l0nl, 0, pt_l0, PTE_V
    PTE_SYM pt_l0, P_RW, dpage0, RWAD
    PTE_SYM pt_l0, P_RO, dpage0, PTE_V | PTE_R | PTE_A
    PTE_SYM pt_l0, P_XO, xpage, PTE_V | PTE_X | PTE_A
    PTE_SYM pt_l0, P_WO, dpage0, PTE_V | PTE_W | PTE_A | PTE_D
    PTE_SYM pt_l0, P_RX, xpage, PTE_V | PTE_R | PTE_X | PTE_A
    PTE_SYM pt_l0, P_URW, dpage1, RWAD | PTE_U
    PTE_SYM pt_l0, P_UX, xpage, PTE_V | PTE_R | PTE_X | PTE_A | PTE_U
    PTE_SYM pt_l0, P_AD, dpage2, PTE_V | PTE_R | PTE_W
    PTE_SYM pt_l0, P_AD2, dpage2, PTE_V | PTE_R | PTE_W | PTE_A
    PTE_SYM pt_l0, P_INV, dpage0, IDENT & ~PTE_V
    PTE_SYM pt_l0, P_SF, dpage0, RWAD
    PTE_SYM pt_l0, P_URO, dpage1, PTE_V | PTE_R | PTE_A | PTE_U
    PTE_SYM pt_l0, P_WX, xpage, PTE_V | PTE_W | PTE_X | PTE_A | PTE_D
    PTE_SYM pt_l0, P_XA0, xpage, PTE_V | PTE_X
    PTE_SYM pt_l0, P_UXO, xpage, PTE_V | PTE_X | PTE_A | PTE_U
    PTE_SYM pt_l0, P_ROA0, dpage0, PTE_V | PTE_R
    PTE_SYM pt_l0, P_XP1, xpage, PTE_V | PTE_R | PTE_X | PTE_A
    PTE_SYM pt_l0, P_XP2, xpage2, PTE_V | PTE_R | PTE_X | PTE_A

    /* ---- satp: Sv39 write reads back; reserved modes are ignored ---- */
    SATP s0, pt_root, SATP_SV39
    csrw satp, s0
    csrr a0, satp
    CHECK_REG 1, a0, s0
    li t1, (11 << 60) | 0x1234
    csrw satp, t1                      # mode 11: reserved, the write has no effect
    csrr a0, satp
    CHECK_REG 2, a0, s0
    li t1, (1 << 60) | 0x1234
    csrw satp, t1                      # mode 1: reserved
    csrr a0, satp
    CHECK_REG 3, a0, s0
    SATP s1, pt_root, SATP_SV39, 0xffff
    csrw satp, s1                      # ASID: QEMU 7.2 keeps all 16 bits (ASIDLEN = 16)
    csrr a0, satp
    CHECK_REG 4, a0, s1
    csrw satp, s0
    sfence.vma

    /* ---- 4 KiB page: S loads and stores through it ---- */
    LOG_RESET
    li a1, PAGE(P_RW)
    li a3, 0x5151
    GO_S
    ld a0, 0x10(a1)
    sd a3, 0x18(a1)
    BACK_M
    CHECK_NOFAULT 5
    CHECK 6, a0, D0 + 0x10
    la a2, dpage0
    CHECK_AT 7, a2, D0                 # the store went to dpage0 + 0x18 only
    ld a0, 0x18(a2)
    CHECK 8, a0, 0x5151
    li t0, D0 + 0x18
    sd t0, 0x18(a2)

    /* ---- 2 MiB megapage: VA[20:0] passes through ---- */
    LOG_RESET
    li a1, VA_MEGA + 0x1238
    li a2, VA_MEGA + 0x1ffff8
    li a3, 0x77
    GO_S
    ld a0, 0(a1)
    sd a3, 0(a2)
    BACK_M
    CHECK_NOFAULT 9
    CHECK 10, a0, MEGA_VAL
    li a2, PA_MEGA + 0x1ffff8
    CHECK_AT 11, a2, 0x77

    /* ---- 1 GiB gigapage and an upper-half (sign-extended) VA ---- */
    LOG_RESET
    la a1, dpage0
    li t0, VA_GIGA - 0x80000000
    add a1, a1, t0
    la a2, dpage1
    li t0, VA_HIGH - 0x80000000
    add a2, a2, t0
    GO_S
    ld a0, 8(a1)
    ld a4, 16(a2)
    BACK_M
    CHECK_NOFAULT 12
    CHECK 13, a0, D0 + 8
    CHECK 14, a4, D1 + 16

    /* ---- misaligned superpages: page faults with the VA in mtval ---- */
    LOG_RESET
    li a1, VA_MEGA_BAD + 0x40
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 15, CAUSE_LOAD_PAGE, 1b, a1
    CHECK_MEM 15, f_mpp, PRV_S
    LOG_RESET
    GO_S
1:  sd a0, 0(a1)
    BACK_M
    CHECK_FAULT 16, CAUSE_STORE_PAGE, 1b, a1
    LOG_RESET
    li a1, VA_MEGA_BAD + 0x100
    GO_S
    jalr ra, 0(a1)
    BACK_M
    CHECK_FETCH_FAULT 17, CAUSE_FETCH_PAGE, a1
    LOG_RESET
    li a1, VA_GIGA_BAD + 0x8
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 18, CAUSE_LOAD_PAGE, 1b, a1

    /* ---- invalid entries at each level, non-leaf at level 0 ---- */
    LOG_RESET
    li a1, PAGE(P_INV) + 0x20
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 19, CAUSE_LOAD_PAGE, 1b, a1
    LOG_RESET
    GO_S
1:  sw a0, 0(a1)
    BACK_M
    CHECK_FAULT 20, CAUSE_STORE_PAGE, 1b, a1
    LOG_RESET
    li a1, PAGE(P_INV)
    GO_S
    jalr ra, 0(a1)
    BACK_M
    CHECK_FETCH_FAULT 21, CAUSE_FETCH_PAGE, a1
    LOG_RESET
    li a1, VA_L1_INV + 0x1008
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 22, CAUSE_LOAD_PAGE, 1b, a1
    LOG_RESET
    li a1, VA_ROOT_INV
    GO_S
1:  lb a0, 0(a1)
    BACK_M
    CHECK_FAULT 23, CAUSE_LOAD_PAGE, 1b, a1
    LOG_RESET
    li a1, VA_NONLEAF + 0x10
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 24, CAUSE_LOAD_PAGE, 1b, a1

    /* ---- non-canonical Sv39 addresses (bits 63:39 != bit 38) ---- */
    LOG_RESET
    li a1, 0x0000004000000000
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 25, CAUSE_LOAD_PAGE, 1b, a1
    LOG_RESET
    li a1, 0xffffff80c0000000          # bit 38 = 0, bits 63:39 = 1
    GO_S
1:  sd a0, 0(a1)
    BACK_M
    CHECK_FAULT 26, CAUSE_STORE_PAGE, 1b, a1
    LOG_RESET
    li a1, 0x00000080c0000000          # would be PAGE(0) if bit 39 were ignored
    GO_S
    jalr ra, 0(a1)
    BACK_M
    CHECK_FETCH_FAULT 27, CAUSE_FETCH_PAGE, a1

    /* ---- read-only page ---- */
    LOG_RESET
    li a1, PAGE(P_RO) + 0x28
    GO_S
    ld a0, 0(a1)
    BACK_M
    CHECK_NOFAULT 28
    CHECK 28, a0, D0 + 0x28
    LOG_RESET
    GO_S
1:  sd zero, 0(a1)
    BACK_M
    CHECK_FAULT 29, CAUSE_STORE_PAGE, 1b, a1
    la a2, dpage0 + 0x28
    CHECK_AT 29, a2, D0 + 0x28

    /* ---- W without R, and W+X without R: reserved, every access faults ---- */
    LOG_RESET
    li a1, PAGE(P_WO) + 0x30
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 30, CAUSE_LOAD_PAGE, 1b, a1
    LOG_RESET
    GO_S
1:  sd zero, 0(a1)
    BACK_M
    CHECK_FAULT 31, CAUSE_STORE_PAGE, 1b, a1
    la a2, dpage0 + 0x30
    CHECK_AT 31, a2, D0 + 0x30
    LOG_RESET
    li a1, PAGE(P_WX) + 0x100
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 32, CAUSE_LOAD_PAGE, 1b, a1
    LOG_RESET
    li a1, PAGE(P_WX)
    GO_S
    jalr ra, 0(a1)
    BACK_M
    CHECK_FETCH_FAULT 33, CAUSE_FETCH_PAGE, a1
    LOG_RESET
    li a1, PAGE(P_WX) + 0x108
    GO_S
1:  sd zero, 0(a1)
    BACK_M
    CHECK_FAULT 34, CAUSE_STORE_PAGE, 1b, a1

    /* ---- execute-only page; MXR makes it readable, not writable ---- */
    LOG_RESET
    li a1, PAGE(P_XO)
    li a0, 0
    GO_S
    jalr ra, 0(a1)                     # xfn: a0 = 0x1234
    BACK_M
    CHECK_NOFAULT 35
    CHECK 35, a0, XFN_RESULT
    LOG_RESET
    li a1, PAGE(P_XO) + 0x100
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 36, CAUSE_LOAD_PAGE, 1b, a1
    LOG_RESET
    li t0, MSTATUS_MXR
    csrs mstatus, t0
    GO_S
    ld a0, 0(a1)
    BACK_M
    CHECK_NOFAULT 37
    CHECK 37, a0, XDATA
    LOG_RESET
    GO_S
1:  sd zero, 0(a1)
    BACK_M
    CHECK_FAULT 38, CAUSE_STORE_PAGE, 1b, a1
    li t0, MSTATUS_MXR
    csrc mstatus, t0

    /* ---- R+X page: fetch and load; store faults ---- */
    LOG_RESET
    li a1, PAGE(P_RX)
    li a0, 0
    GO_S
    jalr ra, 0(a1)
    ld a2, 0x100(a1)
    BACK_M
    CHECK_NOFAULT 39
    CHECK 39, a0, XFN_RESULT
    CHECK 40, a2, XDATA
    LOG_RESET
    GO_S
1:  sd zero, 0x100(a1)
    BACK_M
    addi a2, a1, 0x100
    CHECK_FAULT 41, CAUSE_STORE_PAGE, 1b, a2

    /* ---- R+W page without X: fetch faults ---- */
    LOG_RESET
    li a1, PAGE(P_RW) + 0x40
    GO_S
    jalr ra, 0(a1)
    BACK_M
    CHECK_FETCH_FAULT 42, CAUSE_FETCH_PAGE, a1

    /* ---- S access to a U page: faults unless SUM; fetch faults even with SUM ---- */
    LOG_RESET
    li a1, PAGE(P_URW) + 0x48
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 43, CAUSE_LOAD_PAGE, 1b, a1
    LOG_RESET
    GO_S
1:  sd zero, 0(a1)
    BACK_M
    CHECK_FAULT 44, CAUSE_STORE_PAGE, 1b, a1
    LOG_RESET
    li t0, MSTATUS_SUM
    csrs mstatus, t0
    li a3, 0x4444
    GO_S
    ld a0, 0(a1)
    sd a3, 8(a1)
    BACK_M
    CHECK_NOFAULT 45
    CHECK 45, a0, D1 + 0x48
    la a2, dpage1 + 0x50
    CHECK_AT 46, a2, 0x4444
    li t0, D1 + 0x50
    sd t0, 0(a2)
    LOG_RESET
    li a1, PAGE(P_UX)
    GO_S
    jalr ra, 0(a1)                     # SUM does not allow S to execute U pages
    BACK_M
    CHECK_FETCH_FAULT 47, CAUSE_FETCH_PAGE, a1
    li t0, MSTATUS_SUM
    csrc mstatus, t0
    LOG_RESET
    GO_S
    jalr ra, 0(a1)
    BACK_M
    CHECK_FETCH_FAULT 48, CAUSE_FETCH_PAGE, a1

    /* ---- U-mode (running in the U alias of RAM) ---- */
    LOG_RESET
    li a1, PAGE(P_URW) + 0x58
    li a2, PAGE(P_UX)
    li a3, 0x5555
    li a0, 0
    GO_U_ALIAS
    ld a4, 0(a1)
    sd a3, 8(a1)
    jalr ra, 0(a2)                     # U fetch from a U page
    BACK_M
    CHECK_NOFAULT 49
    CHECK 49, a4, D1 + 0x58
    CHECK 50, a0, XFN_RESULT
    la a2, dpage1 + 0x60
    CHECK_AT 51, a2, 0x5555
    li t0, D1 + 0x60
    sd t0, 0(a2)
    LOG_RESET                          # U load from an S page
    la a1, dpage0 + 0x68
    GO_U_ALIAS
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 52, CAUSE_LOAD_PAGE, 1b, a1
    CHECK_MEM 52, f_mpp, PRV_U
    LOG_RESET                          # U store to an S page
    GO_U_ALIAS
1:  sd zero, 0(a1)
    BACK_M
    CHECK_FAULT 53, CAUSE_STORE_PAGE, 1b, a1
    LOG_RESET                          # U fetch from an S page
    la a1, xpage
    GO_U_ALIAS
    jalr ra, 0(a1)
    BACK_M
    CHECK_FETCH_FAULT 54, CAUSE_FETCH_PAGE, a1
    LOG_RESET                          # U store to a U read-only page
    li a1, PAGE(P_URO) + 0x70
    GO_U_ALIAS
    ld a0, 0(a1)
1:  sd zero, 0(a1)
    BACK_M
    CHECK_FAULT 55, CAUSE_STORE_PAGE, 1b, a1
    CHECK 56, a0, D1 + 0x70
    LOG_RESET                          # U load from a U execute-only page: MXR
    li a1, PAGE(P_UXO) + 0x100
    GO_U_ALIAS
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 57, CAUSE_LOAD_PAGE, 1b, a1
    LOG_RESET
    li t0, MSTATUS_MXR
    csrs mstatus, t0
    GO_U_ALIAS
    ld a0, 0(a1)
    BACK_M
    li t0, MSTATUS_MXR
    csrc mstatus, t0
    CHECK_NOFAULT 58
    CHECK 58, a0, XDATA
    LOG_RESET                          # SUM does not let U touch S pages
    li t0, MSTATUS_SUM
    csrs mstatus, t0
    la a1, dpage0
    GO_U_ALIAS
1:  ld a0, 0(a1)
    BACK_M
    li t0, MSTATUS_SUM
    csrc mstatus, t0
    CHECK_FAULT 59, CAUSE_LOAD_PAGE, 1b, a1

    /* ---- A and D set by the hardware walk (QEMU updates the PTE in memory) ---- */
    LOG_RESET
    li a1, PAGE(P_AD) + 0x78
    GO_S
    ld a0, 0(a1)
    BACK_M
    CHECK_NOFAULT 60
    CHECK 60, a0, D2 + 0x78
    PTE_ADDR a2, P_AD
    ld a4, 0(a2)
    andi a4, a4, 0xff
    CHECK 61, a4, PTE_V | PTE_R | PTE_W | PTE_A        # a load sets A only
    li a3, 0x6666
    GO_S
    sd a3, 0(a1)
    BACK_M
    CHECK_NOFAULT 62
    ld a4, 0(a2)
    andi a4, a4, 0xff
    CHECK 63, a4, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D   # the store sets D
    la a5, dpage2 + 0x78
    CHECK_AT 64, a5, 0x6666
    PTE_SYM pt_l0, P_AD, dpage2, PTE_V | PTE_R | PTE_W   # fresh A=D=0: a store sets both
    sfence.vma
    LOG_RESET
    GO_S
    sd a3, 8(a1)
    BACK_M
    CHECK_NOFAULT 65
    ld a4, 0(a2)
    andi a4, a4, 0xff
    CHECK 65, a4, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    LOG_RESET                          # A=1, D=0: load leaves D clear, store sets it
    li a1, PAGE(P_AD2) + 0x90
    GO_S
    ld a0, 0(a1)
    BACK_M
    PTE_ADDR a2, P_AD2
    ld a4, 0(a2)
    andi a4, a4, 0xff
    CHECK 66, a4, PTE_V | PTE_R | PTE_W | PTE_A
    GO_S
    sd a3, 0(a1)
    BACK_M
    CHECK_NOFAULT 67
    ld a4, 0(a2)
    andi a4, a4, 0xff
    CHECK 67, a4, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    LOG_RESET                          # fetch sets A
    li a1, PAGE(P_XA0)
    li a0, 0
    GO_S
    jalr ra, 0(a1)
    BACK_M
    CHECK_NOFAULT 68
    CHECK 68, a0, XFN_RESULT
    PTE_ADDR a2, P_XA0
    ld a4, 0(a2)
    andi a4, a4, 0xff
    CHECK 69, a4, PTE_V | PTE_X | PTE_A
    LOG_RESET                          # a faulting store leaves A clear; a load then sets it
    li a1, PAGE(P_ROA0) + 0x98
    GO_S
1:  sd zero, 0(a1)
    BACK_M
    CHECK_FAULT 70, CAUSE_STORE_PAGE, 1b, a1
    PTE_ADDR a2, P_ROA0
    ld a4, 0(a2)
    andi a4, a4, 0xff
    CHECK 71, a4, PTE_V | PTE_R
    LOG_RESET
    GO_S
    ld a0, 0(a1)
    BACK_M
    CHECK_NOFAULT 72
    CHECK 72, a0, D0 + 0x98
    ld a4, 0(a2)
    andi a4, a4, 0xff
    CHECK 73, a4, PTE_V | PTE_R | PTE_A
    la a5, dpage2                      # the whole PTE: only A/D changed (PPN intact)
    srli a5, a5, 12
    slli a5, a5, 10
    ori a5, a5, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    PTE_ADDR a2, P_AD
    ld a4, 0(a2)
    CHECK_REG 74, a4, a5

    /* ---- sfence.vma makes a changed PTE visible ---- */
    LOG_RESET
    li a1, PAGE(P_SF) + 0xa0
    GO_S
    ld a0, 0(a1)
    BACK_M
    CHECK 75, a0, D0 + 0xa0
    PTE_SYM pt_l0, P_SF, dpage1, RWAD   # remap without a fence in M
    GO_S
    sfence.vma a1, zero                # S: fence this VA
    ld a0, 0(a1)
    BACK_M
    CHECK 76, a0, D1 + 0xa0
    PTE_SYM pt_l0, P_SF, dpage0, RWAD
    GO_S
    sfence.vma                         # S: fence everything
    ld a0, 0(a1)
    BACK_M
    CHECK 77, a0, D0 + 0xa0
    PTE_SYM pt_l0, P_SF, dpage0, RWAD & ~PTE_V
    GO_S
    sfence.vma zero, zero
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 78, CAUSE_LOAD_PAGE, 1b, a1
    PTE_SYM pt_l0, P_SF, dpage0, RWAD
    sfence.vma

    /* ---- two address spaces: the same VA maps to different data ---- */
    PTE_PA  pt_root_b, 0, 0, RWAD
    PTE_PA  pt_root_b, 2, 0x80000000, IDENT
    PTE_SYM pt_root_b, 3, pt_l1_b, PTE_V
    PTE_SYM pt_l1_b, 0, pt_l0_b, PTE_V
    PTE_SYM pt_l0_b, 0, dpage1, RWAD
    sfence.vma
    LOG_RESET
    SATP s1, pt_root, SATP_SV39, 1
    SATP s2, pt_root_b, SATP_SV39, 2
    li a1, PAGE(0) + 0xb0
    GO_S
    csrw satp, s1
    ld a2, 0(a1)
    csrw satp, s2                      # new ASID, tables unchanged since the fence
    ld a3, 0(a1)
    csrw satp, s1
    ld a4, 0(a1)
    li a5, PAGE(P_RO)
    csrw satp, s2
1:  ld a5, 0(a5)                       # not mapped in B
    csrr a6, satp
    csrw satp, s0
    sfence.vma
    BACK_M
    CHECK 79, a2, D0 + 0xb0
    CHECK 80, a3, D1 + 0xb0
    CHECK 81, a4, D0 + 0xb0
    li a1, PAGE(P_RO)
    CHECK_FAULT 82, CAUSE_LOAD_PAGE, 1b, a1
    CHECK_REG 83, a6, s2

    /* ---- page faults delegated to S through medeleg ---- */
    li t0, (1 << CAUSE_FETCH_PAGE) | (1 << CAUSE_LOAD_PAGE) | (1 << CAUSE_STORE_PAGE)
    csrw medeleg, t0
    csrr a0, medeleg
    CHECK 84, a0, (1 << CAUSE_FETCH_PAGE) | (1 << CAUSE_LOAD_PAGE) | (1 << CAUSE_STORE_PAGE)
    LOG_RESET
    li a1, PAGE(P_INV) + 0x18
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_SFAULT 85, CAUSE_LOAD_PAGE, 1b, a1
    CHECK_MEM 85, s_spp, 1
    CHECK_CSR 86, scause, CAUSE_LOAD_PAGE
    csrr a2, stval
    CHECK_REG 86, a2, a1
    LOG_RESET
    li a1, PAGE(P_RO) + 0x20
    GO_S
1:  sd zero, 0(a1)
    BACK_M
    CHECK_SFAULT 87, CAUSE_STORE_PAGE, 1b, a1
    LOG_RESET
    li a1, PAGE(P_RW)
    GO_S
    jalr ra, 0(a1)
    BACK_M
    CHECK_MEM 88, f_count, 0
    CHECK_MEM 88, s_count, 1
    CHECK_MEM 88, s_cause, CAUSE_FETCH_PAGE
    la t5, s_epc
    ld t5, 0(t5)
    CHECK_REG 88, t5, a1
    la t5, s_tval
    ld t5, 0(t5)
    CHECK_REG 88, t5, a1
    LOG_RESET                          # from U: SPP = U
    la a1, dpage0
    GO_U_ALIAS
1:  ld a0, 0(a1)
    BACK_M
    CHECK_SFAULT 89, CAUSE_LOAD_PAGE, 1b, a1
    CHECK_MEM 89, s_spp, 0
    li t0, 1 << CAUSE_LOAD_PAGE        # only the load bit: a store fault goes to M
    csrw medeleg, t0
    LOG_RESET
    li a1, PAGE(P_RO)
    GO_S
1:  sd zero, 0(a1)
    BACK_M
    CHECK_FAULT 90, CAUSE_STORE_PAGE, 1b, a1
    csrw medeleg, zero

    /* ---- Sv48 ---- */
    PTE_SYM pt_root48, 0, pt_root, PTE_V
    PTE_SYM pt_root48, 1, pt_root, PTE_V     # VA + 512 GiB aliases the low half
    PTE_SYM pt_root48, 256, pt_root, PTE_V   # used by Sv57 only
    PTE_SYM pt_root57, 0, pt_root48, PTE_V
    PTE_SYM pt_root57, 1, pt_root48, PTE_V   # VA + 256 TiB
    sfence.vma
    SATP s1, pt_root48, SATP_SV48
    csrw satp, s1
    csrr a0, satp
    CHECK_REG 91, a0, s1                # QEMU 7.2 rv64 supports Sv48
    LOG_RESET
    li a1, 0x00000080c0000000 + 0xc0   # PAGE(0) + 512 GiB
    li a2, PAGE(P_RW) + 0xc8
    GO_S
    ld a3, 0(a1)
    ld a4, 0(a2)
    BACK_M
    CHECK_NOFAULT 92
    CHECK 92, a3, D0 + 0xc0
    CHECK 93, a4, D0 + 0xc8
    LOG_RESET
    li a1, 0x00008000c0000000          # bit 47 set, 63:48 clear: non-canonical in Sv48
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 94, CAUSE_LOAD_PAGE, 1b, a1
    LOG_RESET
    li a1, 0xffffff80c0000000          # canonical, root48[511] is invalid
    GO_S
1:  ld a0, 0(a1)
    BACK_M
    CHECK_FAULT 95, CAUSE_LOAD_PAGE, 1b, a1

    /* ---- Sv57 ---- */
    SATP s1, pt_root57, SATP_SV57
    csrw satp, s1
    csrr a0, satp
    CHECK_REG 96, a0, s1                # QEMU 7.2 rv64 supports Sv57
    sfence.vma
    LOG_RESET
    li a1, 0x00008000c0000000 + 0xd0   # VPN[3] = 256
    li a2, 0x00010000c0000000 + 0xd8   # VPN[4] = 1
    li a5, PAGE(P_RW) + 0xe0
    GO_S
    ld a3, 0(a1)
    ld a4, 0(a2)
    ld a6, 0(a5)
    BACK_M
    CHECK_NOFAULT 97
    CHECK 97, a3, D0 + 0xd0
    CHECK 98, a4, D0 + 0xd8
    CHECK 99, a6, D0 + 0xe0
    LOG_RESET
    li a1, 0x0100000000000000          # bit 56 set, 63:57 clear: non-canonical in Sv57
    GO_S
1:  sd a0, 0(a1)
    BACK_M
    CHECK_FAULT 100, CAUSE_STORE_PAGE, 1b, a1
    csrw satp, s0
    sfence.vma

    /*
     * ---- SUM and MXR are the same bits in sstatus ----
     * (Not tested: priv 1.12 says an mret/sret to a mode below M clears
     * MPRV; QEMU 7.2 leaves MPRV set, so no test relies on either.)
     */
    li t0, MSTATUS_SUM | MSTATUS_MXR
    csrs mstatus, t0
    csrr a0, sstatus
    csrc sstatus, t0
    csrr a1, mstatus
    and a0, a0, t0
    and a1, a1, t0
    CHECK 101, a0, MSTATUS_SUM | MSTATUS_MXR
    CHECK 101, a1, 0

    /* ---- MPRV with MPP=S: M-mode loads and stores translate ---- */
    LOG_RESET
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    li a1, PAGE(P_RW) + 0xe8
    li a3, 0x7777
    li t1, MSTATUS_MPRV
    csrs mstatus, t1
    ld a0, 0(a1)                       # translated load
    sd a3, 8(a1)                       # translated store
    csrc mstatus, t1
    CHECK_NOFAULT 102
    CHECK 102, a0, D0 + 0xe8
    la a2, dpage0 + 0xf0
    CHECK_AT 103, a2, 0x7777
    li t0, D0 + 0xf0
    sd t0, 0(a2)
    LOG_RESET                          # a fault under MPRV is taken by M (mepc/mtval), never delegated
    li t0, 1 << CAUSE_LOAD_PAGE
    csrw medeleg, t0
    li a1, PAGE(P_INV)
    li t1, MSTATUS_MPRV
    csrs mstatus, t1
1:  ld a0, 0(a1)
    csrc mstatus, t1                   # the trap left MPP = M then mret set MPP = U: drop MPRV first
    csrw medeleg, zero
    CHECK_FAULT 104, CAUSE_LOAD_PAGE, 1b, a1
    CHECK_MEM 104, f_mpp, PRV_M
    LOG_RESET                          # MPRV, MPP=S: U page needs SUM
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    li a1, PAGE(P_URW) + 0x10
    li t1, MSTATUS_MPRV
    csrs mstatus, t1
1:  ld a0, 0(a1)
    csrc mstatus, t1
    CHECK_FAULT 105, CAUSE_LOAD_PAGE, 1b, a1
    LOG_RESET
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    li t1, MSTATUS_MPRV | MSTATUS_SUM
    csrs mstatus, t1
    ld a0, 0(a1)
    csrc mstatus, t1
    CHECK_NOFAULT 106
    CHECK 106, a0, D1 + 0x10
    LOG_RESET                          # MPRV, MPP=U: an S page faults
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li a1, PAGE(P_RW)
    li t1, MSTATUS_MPRV
    csrs mstatus, t1
1:  sd zero, 0(a1)
    csrc mstatus, t1
    CHECK_FAULT 107, CAUSE_STORE_PAGE, 1b, a1
    LOG_RESET                          # MPRV, MPP=U: the U page works
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li a1, PAGE(P_URW) + 0x18
    li t1, MSTATUS_MPRV
    csrs mstatus, t1
    ld a0, 0(a1)
    csrc mstatus, t1
    CHECK_NOFAULT 108
    CHECK 108, a0, D1 + 0x18
    LOG_RESET                          # MPRV, MPP=M: no translation
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    la a1, dpage0 + 0x20
    li t1, MSTATUS_MPRV
    csrs mstatus, t1
    ld a0, 0(a1)
    csrc mstatus, t1
    CHECK_NOFAULT 109
    CHECK 109, a0, D0 + 0x20
    LOG_RESET                          # ... so a VA is a physical address (nothing at 0xC0000000)
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    li a1, PAGE(P_RW)
    li t1, MSTATUS_MPRV
    csrs mstatus, t1
1:  ld a0, 0(a1)
    csrc mstatus, t1
    CHECK_FAULT 110, CAUSE_LOAD_ACCESS, 1b, a1
    LOG_RESET                          # MPRV does not affect fetches; M ignores satp
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    li t1, MSTATUS_MPRV
    csrs mstatus, t1
    la a1, xpage
    li a0, 0
    jalr ra, 0(a1)                     # physical xpage, fetched in M
    csrc mstatus, t1
    CHECK_NOFAULT 111
    CHECK 111, a0, XFN_RESULT

    /*
     * ---- reserved PTE bits 63:54 page-fault ----
     * Bits 60:54 are reserved; 62:61 (PBMT) are reserved unless Svpbmt is
     * enabled by menvcfg.PBMTE (0 here); bit 63 (N) is reserved without
     * Svnapot, and with it this PPN is no valid NAPOT encoding either.
     */
    csrw CSR_MENVCFG, zero
    RESERVED_PTE 112, 1 << 54
    RESERVED_PTE 113, 1 << 60
    RESERVED_PTE 114, 1 << 61          # PBMT = NC with menvcfg.PBMTE = 0
    RESERVED_PTE 115, 1 << 63
    PTE_SYM pt_l0, P_SF, dpage0, RWAD
    sfence.vma

    /*
     * ---- a 32-bit instruction straddling two pages ----
     * xpage ends with c.nop and the first half of "addi a0, zero, 0x55",
     * whose second half opens xpage2 (followed by a ret). Mapped as
     * P_XP1/P_XP2 it runs; entered at P_RX, its second half lies in P_URW,
     * a U page S cannot execute: the fault has mepc = the instruction and
     * mtval = the start of the second page.
     */
    LOG_RESET
    li a1, PAGE(P_XP1) + XCROSS
    li a0, 0
    GO_S
    jalr ra, 0(a1)
    BACK_M
    CHECK_NOFAULT 116
    CHECK 116, a0, CROSS_RESULT
    LOG_RESET
    li a1, PAGE(P_RX) + XCROSS
    li a0, 0
    GO_S
    jalr ra, 0(a1)
    BACK_M
    CHECK 117, a0, 0
    CHECK_MEM 117, f_count, 1
    CHECK_MEM 117, f_cause, CAUSE_FETCH_PAGE
    CHECK_MEM 118, f_epc, PAGE(P_RX) + 0xffe
    CHECK_MEM 119, f_tval, PAGE(P_URW)

    csrw satp, zero
    PASS

    HANDLERS

/* ------------------------------------------------------------------------ */

    /* xpage: code and data reached through the X / RX / U pages. */
    .text
    .balign 4096
xpage:
    li a0, XFN_RESULT
    ret
    .balign 256
    .dword XDATA
    .skip XCROSS - (. - xpage)
    .option push
    .option rvc
    c.nop
    .option pop
    .2byte 0x0513                      # addi a0, zero, 0x55: low half ...
xpage2:
    .2byte 0x0550                      # ... high half
    ret
    .balign 4096

    .bss
    .balign 4096
pt_root:   .space 4096
pt_l1:     .space 4096
pt_l0:     .space 4096
pt_l0nl:   .space 4096
pt_root_b: .space 4096
pt_l1_b:   .space 4096
pt_l0_b:   .space 4096
pt_root48: .space 4096
pt_root57: .space 4096
dpage0:    .space 4096
dpage1:    .space 4096
dpage2:    .space 4096

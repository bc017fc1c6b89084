/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pmp: physical memory protection: pmpcfg/pmpaddr CSRs, OFF/TOR/NA4/NAPOT regions, S/U load/store/fetch access faults, priority, partial matches, locked entries and M-mode. */
#include "common-mmu.h"

#define PMP_R     0x01
#define PMP_W     0x02
#define PMP_X     0x04
#define PMP_TOR   0x08
#define PMP_NA4   0x10
#define PMP_NAPOT 0x18
#define PMP_L     0x80
#define RWX       (PMP_R | PMP_W | PMP_X)
#define PFN_RESULT 0x4321
#define MRET_INSN 0x30200073

/*
 * Entries 0-7 live in pmpcfg0 and entries 8-15 in pmpcfg2 (RV64). Entry 15
 * is the background: NAPOT over everything, RWX, so S and U can run their
 * code; a test programs lower-numbered entries over pbuf / pcode.
 */

/* pmpcfg0 = \val; pmpaddr writes are made by the cases themselves. */
.macro CFG0 val
    li t0, \val
    csrw pmpcfg0, t0
    sfence.vma
.endm

/* pmpaddr\i = (\sym + \off) >> 2 (TOR bound or NA4 address). */
.macro ADDR i, sym, off=0
    la t0, \sym + \off
    srli t0, t0, 2
    csrw pmpaddr\i, t0
.endm

/* pmpaddr\i = NAPOT encoding of [\sym + \off, + \size), \size a power of two >= 8. */
.macro NAPOT i, sym, off, size
    la t0, \sym + \off
    srli t0, t0, 2
    ori t0, t0, ((\size) >> 3) - 1
    csrw pmpaddr\i, t0
.endm

/* All of entries 0-14 off, entry 15 = background RWX over everything. */
.macro PMP_BACKGROUND
    csrw pmpcfg0, zero
    li t0, -1
    csrw pmpaddr15, t0
    li t0, (PMP_NAPOT | RWX) << 56
    csrw pmpcfg2, t0
    sfence.vma
.endm

/* Run "\insn" in mode \mode (register operands set up by the caller), back to M. */
.macro IN_MODE mode, insn:vararg
    LOG_RESET
    GO \mode
.Lin\@:
    \insn
    BACK_M
.endm

/* Case \n: "\insn" (an access to the address in a1) in mode \mode succeeds. */
.macro ALLOW n, mode, insn:vararg
    IN_MODE \mode, \insn
    CHECK_NOFAULT \n
.endm

/* Case \n: "\insn" (an access to the address in a1) in mode \mode raises \cause with mtval = a1. */
.macro DENY n, mode, cause, insn:vararg
    LOG_RESET
    GO \mode
.Lin\@:
    \insn
    BACK_M
    CHECK_FAULT \n, \cause, .Lin\@, a1
    CHECK_MEM \n, f_mpp, \mode
.endm

/* Case \n: in mode \mode, a jalr to the address in a1 takes an instruction access fault there. */
.macro DENY_FETCH n, mode
    LOG_RESET
    GO \mode
    jalr ra, 0(a1)
    BACK_M
    CHECK_FETCH_FAULT \n, CAUSE_FETCH_ACCESS, a1
    CHECK_MEM \n, f_mpp, \mode
.endm

/* Case \n: "\insn" in M-mode raises \cause with mtval = a1. */
.macro DENY_M n, cause, insn:vararg
    LOG_RESET
.Lin\@:
    \insn
    CHECK_FAULT \n, \cause, .Lin\@, a1
.endm

TEST_BEGIN pmp
    INSTALL_HANDLERS
    csrw satp, zero
    csrw medeleg, zero
    csrw pmpcfg0, zero
    csrw pmpcfg2, zero

    /* ---- pmpaddr: 4-byte granularity (G = 0), 54 address bits ---- */
    li t0, -1
    csrw pmpaddr0, t0
    csrr a0, pmpaddr0
    li t0, 0x003fffffffffffff          # bits 63:54: QEMU 7.2 keeps them, the spec reads 0
    and a0, a0, t0
    CHECK 1, a0, 0x003fffffffffffff
    li t0, 0x123456789
    csrw pmpaddr1, t0
    csrr a0, pmpaddr1
    CHECK 2, a0, 0x123456789
    la t0, pbuf
    srli t0, t0, 2
    ori s0, t0, 3                      # NAPOT, 32 bytes: low bits read back as written
    csrw pmpaddr2, s0
    CFG0 PMP_NAPOT << 16
    csrr a0, pmpaddr2
    CHECK_REG 3, a0, s0
    CFG0 (PMP_TOR << 16)               # TOR: same
    csrr a0, pmpaddr2
    CHECK_REG 3, a0, s0

    /* ---- pmpcfg0 holds entries 0-7; the odd pmpcfg1/3 do not exist on RV64 ---- */
    li s1, 0x00191109180f0d00          # assorted A and R/W/X, no L, none with W and not R
    csrw pmpcfg0, s1
    csrr a0, pmpcfg0
    CHECK_REG 4, a0, s1
    csrw pmpcfg0, zero
    sfence.vma
    LOG_RESET
1:  csrr a0, pmpcfg1
    li a1, 0x3a102573                  # csrr a0, pmpcfg1
    CHECK_FAULT 5, CAUSE_ILLEGAL_INSN, 1b, a1
    LOG_RESET
1:  csrw pmpcfg3, zero
    li a1, 0x3a301073
    CHECK_FAULT 6, CAUSE_ILLEGAL_INSN, 1b, a1
    LOG_RESET                          # QEMU 7.2 has 16 entries: pmpaddr16 and up trap
1:  csrr a0, pmpaddr16
    li a1, 0x3c002573
    CHECK_FAULT 7, CAUSE_ILLEGAL_INSN, 1b, a1
    LOG_RESET
1:  csrr a0, pmpcfg4
    li a1, 0x3a402573
    CHECK_FAULT 8, CAUSE_ILLEGAL_INSN, 1b, a1
    PMP_BACKGROUND
    LOG_RESET                          # PMP CSRs are M-only
    GO_S
1:  csrr a0, pmpcfg0
    BACK_M
    li a1, 0x3a002573
    CHECK_FAULT 9, CAUSE_ILLEGAL_INSN, 1b, a1

    /*
     * ---- no active entry at all ----
     * QEMU 7.2 refuses to leave M-mode with mret while no PMP entry is
     * active (illegal instruction on the mret), and an sret to S still gets
     * there but then every S access fails: the first fetch takes an
     * instruction access fault. crt.S's default handler is used here, so
     * that a fault resumes in M-mode.
     */
    csrw pmpcfg0, zero
    csrw pmpcfg2, zero
    sfence.vma
    la t0, trap_hook
    sd zero, 0(t0)
    TRAP_RESET
    EXPECT_TRAP
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, 2f
    csrw mepc, t0
1:  mret                               # skipped by the handler: stays in M
    j 3f
2:  FAIL_CASE 10                       # reached S-mode
3:  CHECK_TRAP 10, CAUSE_ILLEGAL_INSN, 1b, MRET_INSN
    CHECK_MEM 10, trap_mpp, PRV_M
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 3f
    li t0, MSTATUS_SPP
    csrs mstatus, t0
    la t0, 2f
    csrw sepc, t0
    sret
2:  FAIL_CASE 11                       # executed in S-mode
3:  la t0, 2b
    CHECK_MEM 11, trap_count, 1
    CHECK_MEM 11, trap_cause, CAUSE_FETCH_ACCESS
    CHECK_MEM 11, trap_mpp, PRV_S
    la t5, trap_epc
    ld t5, 0(t5)
    CHECK_LABEL 11, t5, 2b
    la t5, trap_tval
    ld t5, 0(t5)
    CHECK_LABEL 11, t5, 2b
    TRAP_RESET
    INSTALL_HANDLERS

    /* ---- the background entry alone: S and U may do anything ---- */
    PMP_BACKGROUND
    la a1, pbuf
    ALLOW 12, PRV_S, sd a1, 0(a1)
    ALLOW 13, PRV_U, ld a0, 0(a1)
    la a1, pcode
    li a0, 0
    ALLOW 14, PRV_U, jalr ra, 0(a1)
    CHECK 14, a0, PFN_RESULT

    /* ---- TOR: entry 1 = [pbuf + 0x100, pbuf + 0x200), R only ---- */
    PMP_BACKGROUND
    ADDR 0, pbuf, 0x100
    ADDR 1, pbuf, 0x200
    CFG0 (PMP_TOR | PMP_R) << 8
    la a1, pbuf + 0x100
    ALLOW 15, PRV_S, ld a0, 0(a1)
    DENY  16, PRV_S, CAUSE_STORE_ACCESS, sd zero, 0(a1)
    ALLOW 17, PRV_U, lw a0, 0(a1)
    DENY  18, PRV_U, CAUSE_STORE_ACCESS, sb zero, 0(a1)
    la a1, pbuf + 0x1f8
    DENY  19, PRV_U, CAUSE_STORE_ACCESS, sd zero, 0(a1)   # last dword of the region
    la a1, pbuf + 0xf8
    ALLOW 20, PRV_S, sd zero, 0(a1)                       # just below: background
    la a1, pbuf + 0x200
    ALLOW 21, PRV_S, sd zero, 0(a1)                       # the top is exclusive
    la a1, pbuf + 0x180
    li a2, 0x5a5a
    sd a2, 0(a1)
    ALLOW 22, PRV_S, ld a0, 0(a1)
    CHECK 22, a0, 0x5a5a
    DENY_FETCH 23, PRV_S                                  # no X (mepc = mtval = target)
    csrr a0, pmpaddr0                                      # an OFF entry's address still reads back
    la a2, pbuf + 0x100
    srli a2, a2, 2
    CHECK_REG 24, a0, a2

    /* ---- TOR in entry 0: the bottom is address 0 ---- */
    PMP_BACKGROUND
    ADDR 0, pbuf
    CFG0 PMP_TOR | PMP_R | PMP_X       # everything below pbuf: read and execute only
    la a1, pdata
    ALLOW 25, PRV_S, ld a0, 0(a1)      # (S code runs from this region too)
    DENY  26, PRV_S, CAUSE_STORE_ACCESS, sd zero, 0(a1)
    la a1, pbuf
    ALLOW 27, PRV_S, sd zero, 0(a1)

    /* ---- NA4: entry 2 = the word at pbuf + 0x300, R only ---- */
    PMP_BACKGROUND
    ADDR 2, pbuf, 0x300
    CFG0 (PMP_NA4 | PMP_R) << 16
    la a1, pbuf + 0x300
    ALLOW 28, PRV_S, lw a0, 0(a1)
    DENY  29, PRV_S, CAUSE_STORE_ACCESS, sw zero, 0(a1)
    DENY  30, PRV_S, CAUSE_LOAD_ACCESS, ld a0, 0(a1)      # 8 bytes, only 4 inside: fails
    DENY  31, PRV_U, CAUSE_STORE_ACCESS, sd zero, 0(a1)
    la a1, pbuf + 0x304
    ALLOW 32, PRV_S, sw zero, 0(a1)
    la a1, pbuf + 0x2fc
    ALLOW 33, PRV_S, sw zero, 0(a1)
    la a1, pbuf + 0x302
    DENY  34, PRV_S, CAUSE_STORE_ACCESS, sh zero, 0(a1)

    /* ---- NAPOT: 8 bytes (entry 3, no permission) and 64 bytes (entry 4, R) ---- */
    PMP_BACKGROUND
    NAPOT 3, pbuf, 0x408, 8
    NAPOT 4, pbuf, 0x440, 64
    CFG0 (PMP_NAPOT << 24) | ((PMP_NAPOT | PMP_R) << 32)
    la a1, pbuf + 0x408
    DENY  35, PRV_S, CAUSE_LOAD_ACCESS, ld a0, 0(a1)
    la a1, pbuf + 0x40f
    DENY  36, PRV_U, CAUSE_LOAD_ACCESS, lbu a0, 0(a1)
    la a1, pbuf + 0x400
    ALLOW 37, PRV_S, ld a0, 0(a1)
    la a1, pbuf + 0x410
    ALLOW 38, PRV_S, sd zero, 0(a1)
    la a1, pbuf + 0x440
    ALLOW 39, PRV_S, ld a0, 0(a1)
    la a1, pbuf + 0x478
    ALLOW 40, PRV_U, ld a0, 0(a1)
    DENY  41, PRV_U, CAUSE_STORE_ACCESS, sd zero, 0(a1)
    la a1, pbuf + 0x480
    ALLOW 42, PRV_U, sd zero, 0(a1)
    la a1, pbuf + 0x438
    ALLOW 43, PRV_S, sd zero, 0(a1)

    /* ---- X: NAPOT 4 KiB over pcode ---- */
    PMP_BACKGROUND
    NAPOT 0, pcode, 0, 4096
    CFG0 PMP_NAPOT | PMP_R
    la a1, pcode
    DENY_FETCH 44, PRV_S
    DENY_FETCH 45, PRV_U
    ALLOW 46, PRV_S, ld a0, 0(a1)
    CFG0 PMP_NAPOT | PMP_X
    li a0, 0
    ALLOW 47, PRV_U, jalr ra, 0(a1)
    CHECK 47, a0, PFN_RESULT
    DENY  48, PRV_S, CAUSE_LOAD_ACCESS, ld a0, 0(a1)   # X does not imply R
    la a1, pcode + 0x100
    li a2, 0x3333
    DENY  49, PRV_S, CAUSE_STORE_ACCESS, sd a2, 0(a1)

    /* ---- priority: the lowest-numbered matching entry decides ---- */
    PMP_BACKGROUND
    NAPOT 0, pbuf, 0x500, 64
    NAPOT 1, pbuf, 0x500, 256
    CFG0 (PMP_NAPOT | PMP_R) | ((PMP_NAPOT | PMP_R | PMP_W) << 8)
    la a1, pbuf + 0x500
    DENY  50, PRV_S, CAUSE_STORE_ACCESS, sd zero, 0(a1)   # entry 0 (R) wins over 1 (RW)
    la a1, pbuf + 0x540
    ALLOW 51, PRV_S, sd zero, 0(a1)                       # only entry 1
    CFG0 (PMP_NAPOT | PMP_R | PMP_W) | (PMP_NAPOT << 8)
    la a1, pbuf + 0x500
    ALLOW 52, PRV_S, sd zero, 0(a1)                       # entry 0 (RW) wins over 1 (none)
    la a1, pbuf + 0x5f8
    DENY  53, PRV_S, CAUSE_LOAD_ACCESS, ld a0, 0(a1)      # only entry 1: none
    la a1, pbuf + 0x600                                   # outside both: background
    ALLOW 54, PRV_S, sd zero, 0(a1)

    /* ---- a partial match on a lower entry fails though a higher one covers all ---- */
    PMP_BACKGROUND
    ADDR 0, pbuf, 0x604
    NAPOT 1, pbuf, 0x600, 256
    CFG0 (PMP_NA4 | PMP_R | PMP_W) | ((PMP_NAPOT | PMP_R | PMP_W) << 8)
    la a1, pbuf + 0x600
    DENY  55, PRV_S, CAUSE_LOAD_ACCESS, ld a0, 0(a1)
    DENY  56, PRV_U, CAUSE_STORE_ACCESS, sd zero, 0(a1)
    ALLOW 57, PRV_S, lw a0, 0(a1)                         # bytes 0-3: entry 1 only
    la a1, pbuf + 0x604
    ALLOW 58, PRV_S, sw zero, 0(a1)                       # bytes 4-7: entry 0 only

    /* ---- entries active but none matches: S and U fail, M succeeds ---- */
    csrw pmpcfg2, zero                  # no background
    ADDR 0, pbuf
    ADDR 1, pbuf, 0x800
    CFG0 (PMP_TOR | RWX) | ((PMP_TOR | PMP_R | PMP_W) << 8)
    la a1, pbuf + 0x7f8
    ALLOW 59, PRV_S, ld a0, 0(a1)
    la a1, pbuf + 0x800
    DENY  60, PRV_S, CAUSE_LOAD_ACCESS, ld a0, 0(a1)
    DENY  61, PRV_U, CAUSE_STORE_ACCESS, sw zero, 0(a1)
    LOG_RESET
    ld a0, 0(a1)                        # M: no match means full access
    sd a0, 0(a1)
    CHECK_NOFAULT 62

    /* ---- unlocked entries do not constrain M-mode ---- */
    PMP_BACKGROUND
    NAPOT 0, pbuf, 0, 4096
    NAPOT 1, pcode, 0, 4096
    CFG0 PMP_NAPOT | (PMP_NAPOT << 8)
    LOG_RESET
    la a1, pbuf + 0x10
    li a2, 0x1111
    sd a2, 0(a1)
    ld a3, 0(a1)
    la a1, pcode
    li a0, 0
    jalr ra, 0(a1)
    CHECK_NOFAULT 63
    CHECK 63, a3, 0x1111
    CHECK 63, a0, PFN_RESULT
    ADDR 2, pbuf, 0x20                 # ... but a partial match fails even in M-mode
    CFG0 (PMP_NA4 | RWX) << 16
    la a1, pbuf + 0x20
    DENY_M 64, CAUSE_LOAD_ACCESS, ld a0, 0(a1)
    DENY_M 64, CAUSE_STORE_ACCESS, sd zero, 0(a1)
    LOG_RESET
    lw a0, 0(a1)
    CHECK_NOFAULT 64

    /*
     * ---- pmpcfg with W=1, R=0 (reserved) ----
     * QEMU 7.2 stores the byte as written (later QEMUs drop such a write);
     * with R=0 a load through it fails either way.
     */
    PMP_BACKGROUND
    ADDR 5, pbuf, 0x680
    CFG0 (PMP_NA4 | PMP_R) << 40
    CFG0 (PMP_NA4 | PMP_W) << 40
    csrr a0, pmpcfg0
    CHECK 65, a0, (PMP_NA4 | PMP_W) << 40
    la a1, pbuf + 0x680
    DENY  66, PRV_S, CAUSE_LOAD_ACCESS, lw a0, 0(a1)

    /*
     * ---- locked entries (last: they stay locked until reset) ----
     * Entry 6: NA4 at pbuf + 0x700, L|R. M-mode is now checked too.
     */
    PMP_BACKGROUND
    ADDR 6, pbuf, 0x700
    li s1, (PMP_L | PMP_NA4 | PMP_R) << 48
    csrw pmpcfg0, s1
    sfence.vma
    la a1, pbuf + 0x700
    DENY_M 67, CAUSE_STORE_ACCESS, sw zero, 0(a1)
    LOG_RESET
    lw a0, 0(a1)
    CHECK_NOFAULT 68
    DENY  69, PRV_S, CAUSE_STORE_ACCESS, sw zero, 0(a1)
    DENY_M 70, CAUSE_LOAD_ACCESS, ld a0, 0(a1)            # partial match fails in M too
    la a1, pbuf + 0x704
    LOG_RESET
    sw zero, 0(a1)                                        # next word: not covered
    CHECK_NOFAULT 71
    /* writes to the locked byte and its pmpaddr are ignored; other bytes change */
    li t0, (PMP_NAPOT | RWX) << 56 | (PMP_NA4 | RWX) << 48 | (PMP_TOR | PMP_R)
    csrw pmpcfg0, t0
    csrr a0, pmpcfg0
    CHECK 72, a0, (PMP_NAPOT | RWX) << 56 | (PMP_L | PMP_NA4 | PMP_R) << 48 | (PMP_TOR | PMP_R)
    csrw pmpcfg0, s1
    li t0, 0x1000
    csrw pmpaddr6, t0
    csrr a0, pmpaddr6
    la t1, pbuf + 0x700
    srli t1, t1, 2
    CHECK_REG 73, a0, t1
    la a1, pbuf + 0x700
    DENY_M 74, CAUSE_STORE_ACCESS, sw zero, 0(a1)          # still in force

    /* Entry 10: TOR [pbuf + 0x780, pbuf + 0x7c0), L|R: locks pmpaddr9 too, not pmpcfg byte 9. */
    ADDR 9, pbuf, 0x780
    ADDR 10, pbuf, 0x7c0
    li t0, (PMP_NAPOT | RWX) << 56 | (PMP_L | PMP_TOR | PMP_R) << 16
    csrw pmpcfg2, t0
    sfence.vma
    la a1, pbuf + 0x780
    DENY_M 75, CAUSE_STORE_ACCESS, sd zero, 0(a1)
    la a1, pbuf + 0x7b8
    DENY_M 76, CAUSE_STORE_ACCESS, sd zero, 0(a1)
    LOG_RESET
    ld a0, 0(a1)
    la a1, pbuf + 0x7c0
    sd zero, 0(a1)
    la a1, pbuf + 0x778
    sd zero, 0(a1)
    CHECK_NOFAULT 77
    la t0, pbuf + 0x790                 # (harmless values, should the writes go through)
    srli t0, t0, 2
    csrw pmpaddr9, t0                   # lower bound of a locked TOR entry: ignored
    la t0, pbuf + 0x7a0
    srli t0, t0, 2
    csrw pmpaddr10, t0
    csrr a0, pmpaddr9
    la t1, pbuf + 0x780
    srli t1, t1, 2
    CHECK_REG 78, a0, t1
    csrr a0, pmpaddr10
    la t1, pbuf + 0x7c0
    srli t1, t1, 2
    CHECK_REG 79, a0, t1
    li t0, (PMP_NAPOT | RWX) << 56 | (PMP_L | PMP_TOR | PMP_R) << 16 | (PMP_NA4 | PMP_R) << 8
    csrw pmpcfg2, t0                    # byte 9 (entry 9, unlocked) is writable
    csrr a0, pmpcfg2
    CHECK_REG 80, a0, t0
    li t0, (PMP_NAPOT | RWX) << 56 | (PMP_L | PMP_TOR | PMP_R) << 16
    csrw pmpcfg2, t0

    /* Entry 11: NA4 L with no permission: M loads fail too. */
    ADDR 11, pbuf, 0x7d0
    li t0, (PMP_NAPOT | RWX) << 56 | (PMP_L | PMP_NA4) << 24 | (PMP_L | PMP_TOR | PMP_R) << 16
    csrw pmpcfg2, t0
    sfence.vma
    la a1, pbuf + 0x7d0
    DENY_M 81, CAUSE_LOAD_ACCESS, lw a0, 0(a1)
    DENY  82, PRV_U, CAUSE_LOAD_ACCESS, lw a0, 0(a1)

    PASS

    HANDLERS

/* ------------------------------------------------------------------------ */

    .text
    .balign 4096
pcode:
    li a0, PFN_RESULT
    ret
    .balign 4096

    .data
    .balign 8
pdata: .dword 0x0123456789abcdef

    .bss
    .balign 4096
pbuf: .space 4096

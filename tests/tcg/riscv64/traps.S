/* SPDX-License-Identifier: GPL-2.0-or-later */
/* traps: synchronous exceptions (ecall/ebreak/illegal/access faults), mret/sret between M, S and U, medeleg delegation to S, privileged-instruction checks. */
#include "common.h"

#define MEDELEG_ILLEGAL (1 << CAUSE_ILLEGAL_INSN)
#define MEDELEG_ECALL_U (1 << CAUSE_ECALL_U)
#define MSTATUS_TW  (1 << 21)
#define MSTATUS_TSR (1 << 22)
#define MSTATUS_TVM (1 << 20)
#define UNMAPPED 0x1f00000             /* a hole in the virt memory map */

/* Enter privilege mode \mode at \target through mret. Clobbers t0. */
.macro MRET_TO mode, target
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, (\mode << 11)
    csrs mstatus, t0
    la t0, \target
    csrw mepc, t0
    mret
.endm

/*
 * Case \n: "\insn" run in privilege mode \mode must raise an illegal
 * instruction trap in M-mode with mtval = its encoding.
 */
.macro TEST_ILLEGAL_IN n, mode, insn:vararg
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME .Ldone\@
    MRET_TO \mode, .Linsn\@
.Linsn\@:
    \insn
    FAIL_CASE \n
.Ldone\@:
    la t5, .Linsn\@
    lwu t5, 0(t5)
    CHECK_MEM \n, trap_count, 1
    CHECK_MEM \n, trap_cause, CAUSE_ILLEGAL_INSN
    la t6, trap_epc
    ld s10, 0(t6)
    CHECK_LABEL \n, s10, .Linsn\@
    la t6, trap_tval
    ld s10, 0(t6)
    CHECK_REG \n, s10, t5
    CHECK_MEM \n, trap_mpp, \mode
.endm

TEST_BEGIN traps
    la t0, s_handler
    csrw stvec, t0

    /* ---- ecall / ebreak in M-mode ---- */
    TRAP_RESET
    EXPECT_TRAP
1:  ecall
    CHECK_TRAP 1, CAUSE_ECALL_M, 1b, 0
    CHECK_MEM 2, trap_mpp, PRV_M
    TRAP_RESET
    EXPECT_TRAP
1:  ebreak
    CHECK_TRAP 3, CAUSE_BREAKPOINT, 1b, 0      # QEMU 7.2 leaves mtval 0 for ebreak
    li a0, 0x77
    TRAP_RESET
    EXPECT_TRAP
    ecall
    CHECK 4, a0, 0x77                          # registers survive the trap

    /* ---- illegal instructions: mtval = the instruction bits ---- */
    TRAP_RESET
    EXPECT_TRAP
1:  .word 0xffffffff
    CHECK_TRAP 5, CAUSE_ILLEGAL_INSN, 1b, 0xffffffff
    TRAP_RESET
    EXPECT_TRAP
1:  .word 0xfe000033                           # OP with funct7 = 0x7f
    CHECK_TRAP 6, CAUSE_ILLEGAL_INSN, 1b, 0xfe000033
    TRAP_RESET
    EXPECT_TRAP
1:  .word 0x0000000b                           # custom-0 opcode
    CHECK_TRAP 7, CAUSE_ILLEGAL_INSN, 1b, 0x0000000b
    TRAP_RESET
    EXPECT_TRAP
1:  .word 0x0000707b                           # custom-3 opcode, funct3 = 7
    CHECK_TRAP 8, CAUSE_ILLEGAL_INSN, 1b, 0x0000707b
    TRAP_RESET
    EXPECT_TRAP
1:  .word 0x80009093                           # slli ra, ra with funct6 = 0x20: reserved
    CHECK_TRAP 9, CAUSE_ILLEGAL_INSN, 1b, 0x80009093

    /* ---- access faults: mtval = the address ---- */
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 2f
    li t0, UNMAPPED
    jalr ra, 0(t0)
1:  FAIL_CASE 10
2:  CHECK_MEM 10, trap_cause, CAUSE_FETCH_ACCESS
    CHECK_MEM 11, trap_epc, UNMAPPED
    CHECK_MEM 12, trap_tval, UNMAPPED
    CHECK_LABEL 13, ra, 1b
    TRAP_RESET
    EXPECT_TRAP
    li t0, UNMAPPED + 8
    li a0, 0x99
1:  ld a0, 0(t0)
    CHECK_TRAP 14, CAUSE_LOAD_ACCESS, 1b, UNMAPPED + 8
    CHECK 15, a0, 0x99                         # rd not written
    TRAP_RESET
    EXPECT_TRAP
    li t0, UNMAPPED + 0x10
1:  sw a0, 4(t0)
    CHECK_TRAP 16, CAUSE_STORE_ACCESS, 1b, UNMAPPED + 0x14

    /*
     * ---- instruction-address-misaligned cannot happen with C ----
     * jalr clears bit 0 and a target at 4n+2 is a legal 16-bit aligned
     * address, so these jumps land without any trap.
     */
    TRAP_RESET
    li a0, 0
    la t0, half_target
    jalr ra, 0(t0)
    CHECK 17, a0, 9
    li a0, 0
    la t0, half_target
    jalr ra, 1(t0)                             # 4n+3 -> 4n+2
    CHECK 18, a0, 9
    la t0, half_target
    la t1, half_branch
    andi t0, t0, 3
    andi t1, t1, 3
    add t0, t0, t1
    CHECK 19, t0, 4                            # both at 4n+2
    li a0, 0
    la t0, half_target + 1
    jalr ra, 0(t0)
    CHECK 20, a0, 9
    li a0, 0
    jal ra, half_target                        # jal to 4n+2
    CHECK 21, a0, 9
    li a0, 0
    li a1, 1
    bnez a1, half_branch                       # branch to 4n+2
    FAIL_CASE 22
half_back:
    CHECK 22, a0, 10
    CHECK_NO_TRAP 23

    /* ---- mret: MIE <- MPIE, MPIE <- 1, MPP <- U ---- */
    li t0, MSTATUS_MIE
    csrc mstatus, t0
    li t0, MSTATUS_MPIE
    csrc mstatus, t0
    MRET_TO PRV_M, 1f
1:  csrr a0, mstatus
    andi a1, a0, MSTATUS_MIE
    CHECK 24, a1, 0
    andi a1, a0, MSTATUS_MPIE
    CHECK 25, a1, MSTATUS_MPIE
    li t0, MSTATUS_MPP
    and a1, a0, t0
    CHECK 26, a1, 0                            # MPP = U after mret
    li t0, MSTATUS_MPIE                        # MPIE = 1 -> MIE = 1 (mie = 0: no interrupt)
    csrs mstatus, t0
    MRET_TO PRV_M, 1f
1:  csrr a0, mstatus
    andi a1, a0, MSTATUS_MIE
    CHECK 27, a1, MSTATUS_MIE

    /* ---- trap entry: MPIE <- MIE, MIE <- 0, MPP <- previous mode ---- */
    la t0, trap_hook
    la t1, status_hook
    sd t1, 0(t0)
    TRAP_RESET
    ecall                                      # MIE = 1 here
    la t0, trap_hook
    sd zero, 0(t0)
    la t0, hook_mstatus
    ld a0, 0(t0)
    andi a1, a0, MSTATUS_MIE
    CHECK 28, a1, 0
    andi a1, a0, MSTATUS_MPIE
    CHECK 29, a1, MSTATUS_MPIE
    li t0, MSTATUS_MPP
    and a1, a0, t0
    CHECK 30, a1, MSTATUS_MPP
    csrr a0, mstatus
    andi a1, a0, MSTATUS_MIE
    CHECK 31, a1, MSTATUS_MIE                  # restored by mret
    csrci mstatus, MSTATUS_MIE

    /* ---- mret to S and U: ecall from S (9) and U (8) ---- */
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 2f
    MRET_TO PRV_S, 1f
1:  ecall
    FAIL_CASE 32
2:  CHECK_TRAP 32, CAUSE_ECALL_S, 1b, 0
    CHECK_MEM 33, trap_mpp, PRV_S
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 2f
    MRET_TO PRV_U, 1f
1:  ecall
    FAIL_CASE 34
2:  CHECK_TRAP 34, CAUSE_ECALL_U, 1b, 0
    CHECK_MEM 35, trap_mpp, PRV_U
    TRAP_RESET                                 # ebreak and illegal from U
    EXPECT_TRAP
    TRAP_RESUME 2f
    MRET_TO PRV_U, 1f
1:  ebreak
    FAIL_CASE 36
2:  CHECK_TRAP 36, CAUSE_BREAKPOINT, 1b, 0
    CHECK_MEM 37, trap_mpp, PRV_U
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 2f
    MRET_TO PRV_S, 1f
1:  .word 0xffffffff
    FAIL_CASE 38
2:  CHECK_TRAP 38, CAUSE_ILLEGAL_INSN, 1b, 0xffffffff
    CHECK_MEM 39, trap_mpp, PRV_S

    /* ---- medeleg: ecall from U delegated to S; sret back to U ---- */
    li t0, MEDELEG_ECALL_U
    csrw medeleg, t0
    CHECK_CSR 40, medeleg, MEDELEG_ECALL_U
    call s_reset
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 2f
    li a0, 0
    MRET_TO PRV_U, 1f
1:  ecall                                      # -> S handler, sret to the next instruction
3:  li a0, 0x55                                # still in U
    ebreak                                     # not delegated -> M
    FAIL_CASE 41
2:  CHECK_MEM 41, s_count, 1
    CHECK_MEM 42, s_cause, CAUSE_ECALL_U
    la t0, s_epc
    ld t0, 0(t0)
    CHECK_LABEL 43, t0, 1b
    CHECK_MEM 44, s_tval, 0
    la t0, s_status
    ld a1, 0(t0)
    andi a1, a1, MSTATUS_SPP
    CHECK 45, a1, 0                            # SPP = U
    CHECK 46, a0, 0x55
    CHECK_MEM 47, trap_count, 1                # M saw only the ebreak...
    CHECK_MEM 48, trap_cause, CAUSE_BREAKPOINT
    CHECK_MEM 49, trap_mpp, PRV_U              # ...from U: sret returned to U
    CHECK_CSR 50, scause, CAUSE_ECALL_U
    CHECK_CSR 51, stval, 0
    csrr t1, sepc
    CHECK_LABEL 52, t1, 3b                     # the handler advanced sepc

    /* ---- ecall from S is not delegated by the U bit ---- */
    call s_reset
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 2f
    MRET_TO PRV_S, 1f
1:  ecall
    FAIL_CASE 53
2:  CHECK_TRAP 53, CAUSE_ECALL_S, 1b, 0
    CHECK_MEM 54, s_count, 0

    /* ---- illegal instruction delegated to S from S: SPP = S, sret to S ---- */
    li t0, MEDELEG_ILLEGAL
    csrw medeleg, t0
    call s_reset
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 2f
    MRET_TO PRV_S, 1f
1:  .word 0xffffffff                           # -> S handler
    ecall                                      # back in S: ecall from S -> M
    FAIL_CASE 55
2:  CHECK_MEM 55, s_count, 1
    CHECK_MEM 56, s_cause, CAUSE_ILLEGAL_INSN
    CHECK_MEM 57, s_tval, 0xffffffff
    la t0, s_epc
    ld t0, 0(t0)
    CHECK_LABEL 58, t0, 1b
    la t0, s_status
    ld a1, 0(t0)
    andi a1, a1, MSTATUS_SPP
    CHECK 59, a1, MSTATUS_SPP                  # SPP = S
    CHECK_MEM 60, trap_cause, CAUSE_ECALL_S
    CHECK_MEM 61, trap_count, 1

    /* ---- traps taken in M-mode are never delegated ---- */
    call s_reset
    TRAP_RESET
    EXPECT_TRAP
1:  .word 0xffffffff
    CHECK_TRAP 62, CAUSE_ILLEGAL_INSN, 1b, 0xffffffff
    CHECK_MEM 63, s_count, 0
    csrw medeleg, zero

    /* ---- sret from S returns to the mode in SPP (U here) ---- */
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 2f
    MRET_TO PRV_S, 1f
1:  li t0, MSTATUS_SPP
    csrc sstatus, t0
    la t0, 3f
    csrw sepc, t0
    sret
    FAIL_CASE 64
3:  ecall
    FAIL_CASE 64
2:  CHECK_TRAP 64, CAUSE_ECALL_U, 3b, 0
    CHECK_MEM 65, trap_mpp, PRV_U

    /* ---- sret in M-mode returns to SPP as well (S here) ---- */
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 2f
    li t0, MSTATUS_SPP
    csrs mstatus, t0
    la t0, 3f
    csrw sepc, t0
    sret
    FAIL_CASE 66
3:  ecall
    FAIL_CASE 66
2:  CHECK_TRAP 66, CAUSE_ECALL_S, 3b, 0

    /* ---- privileged instructions and CSRs from lower modes ---- */
    TEST_ILLEGAL_IN 67, PRV_S, mret
    TEST_ILLEGAL_IN 68, PRV_U, mret
    TEST_ILLEGAL_IN 69, PRV_U, sret
    TEST_ILLEGAL_IN 70, PRV_U, wfi
    TEST_ILLEGAL_IN 71, PRV_U, sfence.vma
    TEST_ILLEGAL_IN 72, PRV_S, csrr a0, mstatus
    TEST_ILLEGAL_IN 73, PRV_U, csrr a0, sstatus
    TEST_ILLEGAL_IN 74, PRV_S, csrw mscratch, a0
    csrw mcounteren, zero
    csrw scounteren, zero
    TEST_ILLEGAL_IN 75, PRV_U, rdcycle a0      # mcounteren.CY = 0
    TEST_ILLEGAL_IN 76, PRV_S, rdtime a0       # mcounteren.TM = 0
    li t0, MSTATUS_TSR
    csrs mstatus, t0
    TEST_ILLEGAL_IN 77, PRV_S, sret
    li t0, MSTATUS_TSR
    csrc mstatus, t0
    li t0, MSTATUS_TW
    csrs mstatus, t0
    TEST_ILLEGAL_IN 78, PRV_S, wfi
    li t0, MSTATUS_TW
    csrc mstatus, t0
    li t0, MSTATUS_TVM
    csrs mstatus, t0
    TEST_ILLEGAL_IN 79, PRV_S, csrr a0, satp
    TEST_ILLEGAL_IN 80, PRV_S, sfence.vma
    li t0, MSTATUS_TVM
    csrc mstatus, t0

    /* ---- counters become visible to S through mcounteren ---- */
    li t0, 7
    csrw mcounteren, t0
    TRAP_RESET
    EXPECT_TRAP
    TRAP_RESUME 2f
    MRET_TO PRV_S, 1f
1:  rdcycle a0
    rdtime a0
    ecall
    FAIL_CASE 81
2:  CHECK_MEM 81, trap_cause, CAUSE_ECALL_S
    CHECK_MEM 82, trap_count, 1
    csrw mcounteren, zero

    /* ---- vectored mtvec: exceptions still go to BASE ---- */
    la t0, vec_table
    ori t0, t0, 1
    csrw mtvec, t0
    TRAP_RESET
    EXPECT_TRAP
1:  ecall
    la t0, trap_entry
    csrw mtvec, t0
    CHECK_TRAP 83, CAUSE_ECALL_M, 1b, 0
    csrr a0, mtvec
    CHECK_LABEL 84, a0, trap_entry

    PASS

/* ---------------------------------------------------------------------- */

    /* Target at a 4n+2 address for the jalr/jal/branch cases. */
    .balign 4
    .option push
    .option rvc
    c.nop
half_target:                                   # 4n+2
    c.li a0, 9
    c.jr ra
half_branch:                                   # 4n+6
    c.li a0, 10
    .option pop
    j half_back

    /* trap_hook for the trap-entry cases: record mstatus, skip the ecall. */
status_hook:
    csrr t0, mstatus
    la t1, hook_mstatus
    sd t0, 0(t1)
    addi a1, a1, 4
    csrw mepc, a1
    ret

s_reset:
    la t0, s_count
    sd zero, 0(t0)
    la t0, s_cause
    li t1, -1
    sd t1, 0(t0)
    ret

    /* S-mode handler: record scause/sepc/stval/sstatus, skip the instruction, sret. */
    .balign 4
s_handler:
    addi sp, sp, -16
    sd t0, 0(sp)
    sd t1, 8(sp)
    la t0, s_count
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)
    csrr t1, scause
    la t0, s_cause
    sd t1, 0(t0)
    csrr t1, sepc
    la t0, s_epc
    sd t1, 0(t0)
    addi t1, t1, 4
    csrw sepc, t1
    csrr t1, stval
    la t0, s_tval
    sd t1, 0(t0)
    csrr t1, sstatus
    la t0, s_status
    sd t1, 0(t0)
    ld t0, 0(sp)
    ld t1, 8(sp)
    addi sp, sp, 16
    sret

    /* Vectored trap table: exceptions use entry 0. */
    .balign 256
vec_table:
    j trap_entry
    .rept 15
    j vec_bad
    .endr
vec_bad:
    FAIL_CASE 83                               # an exception used a vector entry other than 0

    .data
    .balign 8
hook_mstatus: .dword 0
s_count:  .dword 0
s_cause:  .dword 0
s_epc:    .dword 0
s_tval:   .dword 0
s_status: .dword 0

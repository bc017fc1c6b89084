/* SPDX-License-Identifier: GPL-2.0-or-later */
/* crt.S: shared startup (stack, PMP, M-mode trap vector with hooks) and PASS/FAIL reporting for the riscv64 CPU tests. */
#include "common.h"

#define FRAME 256

    .section .text.init, "ax"
    .globl _start
_start:
    /* a0 = hartid, a1 = DTB from the reset vector; only hart 0 runs the test. */
    csrr t0, mhartid
    bnez t0, park
    la sp, __stack_top
    la t0, trap_entry
    csrw mtvec, t0
    /* One NAPOT PMP region over all of memory so S- and U-mode can run. */
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    /* Clear .bss. */
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  li s11, 0
    TRAP_RESET
    j test_main

park:
    wfi
    j park

/* ---------------------------------------------------------------- traps */

    .text
    .balign 4
    .globl trap_entry
trap_entry:
    addi sp, sp, -FRAME
    sd x1, 1*8(sp)
    sd x3, 3*8(sp)
    sd x4, 4*8(sp)
    sd x5, 5*8(sp)
    sd x6, 6*8(sp)
    sd x7, 7*8(sp)
    sd x8, 8*8(sp)
    sd x9, 9*8(sp)
    sd x10, 10*8(sp)
    sd x11, 11*8(sp)
    sd x12, 12*8(sp)
    sd x13, 13*8(sp)
    sd x14, 14*8(sp)
    sd x15, 15*8(sp)
    sd x16, 16*8(sp)
    sd x17, 17*8(sp)
    sd x18, 18*8(sp)
    sd x19, 19*8(sp)
    sd x20, 20*8(sp)
    sd x21, 21*8(sp)
    sd x22, 22*8(sp)
    sd x23, 23*8(sp)
    sd x24, 24*8(sp)
    sd x25, 25*8(sp)
    sd x26, 26*8(sp)
    sd x27, 27*8(sp)
    sd x28, 28*8(sp)
    sd x29, 29*8(sp)
    sd x30, 30*8(sp)
    sd x31, 31*8(sp)
    addi t0, sp, FRAME
    sd t0, 2*8(sp)

    csrr a0, mcause
    csrr a1, mepc
    csrr a2, mtval
    csrr a4, mstatus
    la t0, in_trap
    ld t1, 0(t0)
    bnez t1, nested_trap
    li t1, 1
    sd t1, 0(t0)

    la t0, trap_cause
    sd a0, 0(t0)
    la t0, trap_epc
    sd a1, 0(t0)
    la t0, trap_tval
    sd a2, 0(t0)
    la t0, trap_mpp
    srli t1, a4, 11
    andi t1, t1, 3
    sd t1, 0(t0)
    la t0, trap_count
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)

    la t0, trap_hook
    ld t0, 0(t0)
    beqz t0, trap_default
    mv a3, sp
    jalr t0
    j trap_out

trap_default:
    la t0, trap_expect
    ld t1, 0(t0)
    beqz t1, unexpected_trap
    addi t1, t1, -1
    sd t1, 0(t0)
    bltz a0, trap_interrupt
    la t0, trap_resume
    ld t1, 0(t0)
    beqz t1, trap_skip
    sd zero, 0(t0)
    csrw mepc, t1
    li t1, MSTATUS_MPP
    csrs mstatus, t1
    j trap_out
trap_skip:
    lhu t1, 0(a1)
    andi t1, t1, 3
    li t2, 3
    li t3, 2
    bne t1, t2, 1f
    li t3, 4
1:  add a1, a1, t3
    csrw mepc, a1
    j trap_out
trap_interrupt:
    slli t1, a0, 1
    srli t1, t1, 1
    li t2, 1
    sll t2, t2, t1
    csrc mie, t2

trap_out:
    la t0, in_trap
    sd zero, 0(t0)
    ld x1, 1*8(sp)
    ld x3, 3*8(sp)
    ld x4, 4*8(sp)
    ld x5, 5*8(sp)
    ld x6, 6*8(sp)
    ld x7, 7*8(sp)
    ld x8, 8*8(sp)
    ld x9, 9*8(sp)
    ld x10, 10*8(sp)
    ld x11, 11*8(sp)
    ld x12, 12*8(sp)
    ld x13, 13*8(sp)
    ld x14, 14*8(sp)
    ld x15, 15*8(sp)
    ld x16, 16*8(sp)
    ld x17, 17*8(sp)
    ld x18, 18*8(sp)
    ld x19, 19*8(sp)
    ld x20, 20*8(sp)
    ld x21, 21*8(sp)
    ld x22, 22*8(sp)
    ld x23, 23*8(sp)
    ld x24, 24*8(sp)
    ld x25, 25*8(sp)
    ld x26, 26*8(sp)
    ld x27, 27*8(sp)
    ld x28, 28*8(sp)
    ld x29, 29*8(sp)
    ld x30, 30*8(sp)
    ld x31, 31*8(sp)
    addi sp, sp, FRAME
    mret

nested_trap:
    la a5, msg_nested
    j trap_report
unexpected_trap:
    la a5, msg_unexpected
trap_report:
    /* a0 = mcause, a1 = mepc, a2 = mtval; the case number is the last one checked. */
    mv s0, a0
    mv s1, a1
    mv s2, a2
    ld s11, 27*8(sp)
    la a1, msg_fail
    jal put_str
    la a1, test_name
    jal put_str
    la a1, msg_after
    jal put_str
    mv a1, s11
    jal put_dec
    mv a1, a5
    jal put_str
    la a1, msg_mcause
    jal put_str
    mv a1, s0
    jal put_hex
    la a1, msg_mepc
    jal put_str
    mv a1, s1
    jal put_hex
    la a1, msg_mtval
    jal put_str
    mv a1, s2
    jal put_hex
    li a0, '\n'
    jal t4, put_char
    li a0, 255
    j test_exit

/* --------------------------------------------------------- PASS / FAIL */

    .globl test_pass
test_pass:
    la a1, msg_pass
    jal put_str
    la a1, test_name
    jal put_str
    li a0, '\n'
    jal t4, put_char
    li t0, FINISHER_BASE
    li t1, FINISHER_PASS
    sw t1, 0(t0)
1:  wfi
    j 1b

    /* s11 = case number; reached a path that must not be taken. */
    .globl test_fail_path
test_fail_path:
    la a1, msg_fail
    jal put_str
    la a1, test_name
    jal put_str
    la a1, msg_case
    jal put_str
    mv a1, s11
    jal put_dec
    la a1, msg_path
    jal put_str
    j fail_exit

    /* s11 = case number, s10 = value seen, t6 = value expected. */
    .globl test_fail
test_fail:
    mv s0, t6
    la a1, msg_fail
    jal put_str
    la a1, test_name
    jal put_str
    la a1, msg_case
    jal put_str
    mv a1, s11
    jal put_dec
    la a1, msg_got
    jal put_str
    mv a1, s10
    jal put_hex
    la a1, msg_expected
    jal put_str
    mv a1, s0
    jal put_hex
    li a0, '\n'
    jal t4, put_char
fail_exit:
    /* Exit status = case number; 255 if it does not fit (or is 0). */
    mv a0, s11
    addi t0, a0, -1
    li t1, 254
    bltu t0, t1, test_exit
    li a0, 255
    .globl test_exit
    /* a0 = exit status */
test_exit:
    li t0, FINISHER_BASE
    slli a0, a0, 16
    li t1, FINISHER_FAIL
    or a0, a0, t1
    sw a0, 0(t0)
1:  wfi
    j 1b

    .globl put_char, put_str, put_hex, put_dec
/* put_char: a0 = byte; clobbers t0, t1; returns through t4. */
put_char:
    li t0, UART_BASE
1:  lbu t1, UART_LSR(t0)
    andi t1, t1, UART_LSR_THRE
    beqz t1, 1b
    sb a0, UART_THR(t0)
    jr t4

/* put_str: a1 = NUL-terminated string; clobbers a0, a1, t0, t1, t4. */
put_str:
1:  lbu a0, 0(a1)
    beqz a0, 2f
    jal t4, put_char
    addi a1, a1, 1
    j 1b
2:  ret

/* put_hex: a1 = value, printed as 16 hex digits; clobbers a0, a2, t0-t2, t4. */
put_hex:
    li a2, 60
1:  srl a0, a1, a2
    andi a0, a0, 15
    li t2, 10
    blt a0, t2, 2f
    addi a0, a0, 'a' - '0' - 10
2:  addi a0, a0, '0'
    jal t4, put_char
    addi a2, a2, -4
    bgez a2, 1b
    ret

/* put_dec: a1 = unsigned value, printed in decimal; clobbers a0, a1, a2, t0-t2, t4. */
put_dec:
    la a2, dec_buf + 24
    sb zero, 0(a2)
    li t2, 10
1:  addi a2, a2, -1
    remu a0, a1, t2
    addi a0, a0, '0'
    sb a0, 0(a2)
    divu a1, a1, t2
    bnez a1, 1b
    mv a1, a2
    j put_str

    .section .rodata
msg_pass:       .asciz "PASS "
msg_fail:       .asciz "FAIL "
msg_case:       .asciz " case "
msg_got:        .asciz ": got 0x"
msg_expected:   .asciz " expected 0x"
msg_path:       .asciz ": reached a path that must not be taken\n"
msg_after:      .asciz " after case "
msg_unexpected: .asciz ": unexpected trap"
msg_nested:     .asciz ": trap inside the trap handler"
msg_mcause:     .asciz " mcause=0x"
msg_mepc:       .asciz " mepc=0x"
msg_mtval:      .asciz " mtval=0x"

    .data
    .balign 8
    .globl trap_cause, trap_epc, trap_tval, trap_mpp, trap_count
    .globl trap_expect, trap_resume, trap_hook
trap_cause:  .dword -1
trap_epc:    .dword 0
trap_tval:   .dword -1
trap_mpp:    .dword 0     /* mstatus.MPP at the trap: the mode it came from */
trap_count:  .dword 0
trap_expect: .dword 0     /* number of traps still allowed */
trap_resume: .dword 0     /* if set, the next exception resumes here in M-mode */
trap_hook:   .dword 0     /* if set, called for every trap instead of the default */
in_trap:     .dword 0
dec_buf:     .space 32

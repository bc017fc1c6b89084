/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -icount's guest: the CLINT's mtime (10 MHz) printed in hex after a busy loop of known length,
 * then at each of eight timer interrupts 1000 ticks apart, waiting in WFI between them. Under
 * -icount shift=N,sleep=off every value is a function of the instructions run, so two runs
 * print the same lines; then it powers off through the test finisher.
 */
#define UART	 0x10000000
#define MTIMECMP 0x2004000
#define MTIME	 0x200bff8
#define FINISHER 0x100000

	.option norelax		/* no gp-relative addressing: gp is not set up */
	.section .text
	.globl _start
_start:
	la	sp, stack_top
	la	t0, trap
	csrw	mtvec, t0
	/* a busy loop: 3 instructions x 10000 passes, then the time */
	li	t0, 10000
1:	addi	t0, t0, -1
	nop
	bnez	t0, 1b
	call	print_mtime
	/* eight timer interrupts, 1000 ticks apart, with WFI between */
	li	s0, 8
	li	t0, MTIME
	ld	s1, 0(t0)
	call	arm
	li	t0, 0x80		/* MTIE */
	csrw	mie, t0
	csrsi	mstatus, 8		/* MIE */
2:	wfi
	bnez	s0, 2b
	li	t0, FINISHER
	li	t1, 0x5555
	sw	t1, 0(t0)
3:	j	3b

/* mtimecmp = s1 += 1000 */
arm:
	li	t0, 1000
	add	s1, s1, t0
	li	t0, MTIMECMP
	sd	s1, 0(t0)
	ret

	.align 4
trap:
	addi	sp, sp, -16
	sd	ra, 0(sp)
	call	print_mtime
	addi	s0, s0, -1
	bnez	s0, 1f
	csrw	mie, zero		/* the last one: no more, even if the next is overdue */
1:	call	arm
	ld	ra, 0(sp)
	addi	sp, sp, 16
	mret

/* prints mtime as 16 hex digits and a newline */
print_mtime:
	li	t0, MTIME
	ld	a0, 0(t0)
	li	t1, 60
1:	srl	t2, a0, t1
	andi	t2, t2, 15
	addi	t2, t2, '0'
	li	t3, '9'
	ble	t2, t3, 2f
	addi	t2, t2, 'a' - '9' - 1
2:	li	t3, UART
3:	lbu	t4, 5(t3)
	andi	t4, t4, 0x20
	beqz	t4, 3b
	sb	t2, 0(t3)
	addi	t1, t1, -4
	bgez	t1, 1b
	li	t2, '\n'
	sb	t2, 0(t3)
	ret

	.section .bss
	.align 4
	.space 512
stack_top:

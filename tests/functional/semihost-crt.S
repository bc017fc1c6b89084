/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Start-up of the C test guests (semihosting, flash): a stack, then main(). A trap (an ebreak
 * that is no semihosting call, a fault) ends the run through the test finisher with the cause as
 * the exit status, so a run without semihosting fails at once with status 3 (breakpoint).
 * Guests running in place from flash give -DSTACK_TOP=<RAM address>: their .bss is not
 * writable.
 */
	.option norelax
	.section .text
	.globl _start
_start:
#ifdef STACK_TOP
	li	sp, STACK_TOP
#else
	la	sp, stack_top
#endif
	la	t0, trap
	csrw	mtvec, t0
	call	main
1:	j	1b

	.align 4
trap:
	csrr	t0, mcause
	slli	t0, t0, 16
	li	t1, 0x3333
	or	t0, t0, t1
	li	t1, 0x100000
	sw	t0, 0(t1)
2:	j	2b

	.section .bss
	.align 4
	.space 8192
stack_top:

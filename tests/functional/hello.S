/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A bare-metal hello world: prints through the UART, then exits via the test finisher with
 * EXIT_CODE (0 = the pass value 0x5555, else (code << 16) | 0x3333). */
	.section .text
	.globl _start
_start:
	li	t0, 0x10000000		/* ns16550a THR */
	la	t1, msg
1:	lbu	t2, 0(t1)
	beqz	t2, 2f
3:	lbu	t3, 5(t0)		/* wait for LSR.THRE */
	andi	t3, t3, 0x20
	beqz	t3, 3b
	sb	t2, 0(t0)
	addi	t1, t1, 1
	j	1b
2:	li	t0, 0x100000
#if EXIT_CODE == 0
	li	t1, 0x5555
#else
	li	t1, (EXIT_CODE << 16) | 0x3333
#endif
	sw	t1, 0(t0)
4:	wfi
	j	4b
	.section .rodata
msg:	.string "Hello from riscv64\n"

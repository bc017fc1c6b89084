/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A bare-metal program for -M spike: prints through HTIF's console (device 1, command 1, one
 * byte per tohost write, fromhost acknowledged after each) and exits through HTIF (device 0,
 * payload (EXIT_CODE << 1) | 1). tohost is at 0x1000008 and fromhost at 0x1000000, where
 * QEMU's spike puts them for a program without tohost/fromhost symbols.
 */
	.option norelax
	.section .text
	.globl _start
_start:
	li	s0, 0x1000000		/* fromhost; tohost at +8 */
	la	s1, msg
	li	s2, 0x0101		/* device 1, command 1 */
	slli	s2, s2, 48
1:	lbu	t0, 0(s1)
	beqz	t0, 2f
	or	t0, t0, s2
	sd	t0, 8(s0)
3:	ld	t1, 0(s0)		/* the response */
	beqz	t1, 3b
	sd	zero, 0(s0)
	addi	s1, s1, 1
	j	1b
2:	li	t0, (EXIT_CODE << 1) | 1
	sd	t0, 8(s0)
4:	j	4b
	.section .rodata
msg:	.string "Hello from spike\n"

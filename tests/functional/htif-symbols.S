/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * htif.S's program the riscv-tests way: tohost and fromhost are symbols of the program (8-byte
 * objects in its .tohost section, in RAM), which HTIF then uses instead of its fixed address.
 */
	.option norelax
	.section .text
	.globl _start
_start:
	la	s0, fromhost
	la	s3, tohost
	la	s1, msg
	li	s2, 0x0101
	slli	s2, s2, 48
1:	lbu	t0, 0(s1)
	beqz	t0, 2f
	or	t0, t0, s2
	sd	t0, 0(s3)
3:	ld	t1, 0(s0)
	beqz	t1, 3b
	sd	zero, 0(s0)
	addi	s1, s1, 1
	j	1b
2:	li	t0, (EXIT_CODE << 1) | 1
	sd	t0, 0(s3)
4:	j	4b
	.section .rodata
msg:	.string "Hello via symbols\n"
	.section .tohost, "aw"
	.align 6
	.globl tohost
tohost: .dword 0
	.size tohost, 8
	.align 6
	.globl fromhost
fromhost: .dword 0
	.size fromhost, 8

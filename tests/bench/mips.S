/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CPU-bound guest for tests/bench/mips.sh: N iterations of an integer mix, then the finisher. */
	.section .text
	.globl _start
_start:
	li	s0, ITERATIONS
	li	a0, 0x12345678
	li	a1, 0x9abcdef
	li	a2, 0
1:	add	a2, a2, a0
	xor	a0, a0, a1
	slli	a3, a0, 7
	srli	a4, a1, 3
	or	a3, a3, a4
	mul	a5, a3, a1
	sub	a1, a5, a2
	andi	a4, a2, 255
	add	a0, a0, a4
	addi	s0, s0, -1
	bnez	s0, 1b
	li	t0, 0x100000
	li	t1, 0x5555
	sw	t1, 0(t0)
2:	j	2b

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A bare-metal program for -M spike that never ends: prints 'a' to 'z' over and over through
 * HTIF's console (one byte per tohost write, fromhost acknowledged after each), a pause
 * between letters. Each letter follows the one before, so a snapshot restored in the middle
 * shows where it was taken: the next letter is the successor of the last one printed before.
 */
	.option norelax
	.section .text
	.globl _start
_start:
	li	s0, 0x1000000		/* fromhost; tohost at +8 */
	li	s2, 0x0101		/* device 1, command 1 */
	slli	s2, s2, 48
	li	s1, 'a'
1:	or	t0, s1, s2
	sd	t0, 8(s0)
2:	ld	t1, 0(s0)		/* the response */
	beqz	t1, 2b
	sd	zero, 0(s0)
	addi	s1, s1, 1
	li	t0, 'z' + 1
	bne	s1, t0, 3f
	li	s1, 'a'
3:	li	t2, 200000		/* the pause */
4:	addi	t2, t2, -1
	bnez	t2, 4b
	j	1b

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The RISC-V semihosting call of the test guests: slli x0,x0,0x1f; ebreak; srai x0,x0,7. */
#ifndef SEMIHOST_CALL_H
#define SEMIHOST_CALL_H

typedef unsigned long ulong;

static inline ulong semihost(ulong op, ulong arg)
{
	register ulong a0 asm("a0") = op;
	register ulong a1 asm("a1") = arg;

	/* uncompressed and in one aligned group, as the sequence must be */
	asm volatile(".option push\n.option norvc\n.align 4\n"
		     "slli x0, x0, 0x1f\nebreak\nsrai x0, x0, 7\n.option pop\n"
		     : "+r"(a0)
		     : "r"(a1)
		     : "memory");
	return a0;
}

#endif

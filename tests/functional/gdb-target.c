// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A bare-metal guest for the gdb test: a function called in a loop (breakpoints, steps,
 * argument registers gdb changes), a variable written once (a watchpoint), and the result
 * printed so the test sees what gdb's writes did; then a clean poweroff.
 */
#include "guest-uart.h"

volatile uint64_t counter;
volatile uint64_t watched;

__attribute__((noinline)) uint64_t add(uint64_t a, uint64_t b)
{
	return a + b;
}

int main(void)
{
	for (uint64_t i = 0; i < 10; i++)
		counter = add(counter, i);
	watched = 0x1234;
	puts_("result ");
	hex(counter, 16);
	puts_("\n");
	*(volatile uint32_t *)0x100000 = 0x5555; /* FINISHER_PASS */
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Console output of the bare-metal C test guests on -M virt: the ns16550a at 0x10000000,
 * polled, with a hex printer for what they report.
 */
#ifndef GUEST_UART_H
#define GUEST_UART_H

#include <stdint.h>

#define UART_THR ((volatile uint8_t *)0x10000000)
#define UART_LSR ((volatile uint8_t *)0x10000005)

static void putc_(char c)
{
	while (!(*UART_LSR & 0x20)) /* transmitter holding register empty */
		;
	*UART_THR = c;
}

static void puts_(const char *s)
{
	while (*s)
		putc_(*s++);
}

static void hex(uint64_t v, int digits)
{
	for (int i = digits - 1; i >= 0; i--)
		putc_("0123456789abcdef"[(v >> (4 * i)) & 15]);
}

#endif

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A bare-metal guest that writes 10 MiB to the UART, polling THRE as a console driver does,
 * then powers off through the test finisher: the console test reads it late and checks that
 * every byte arrived, in order. Lines of 63 letters and a newline; the letter at byte i is
 * 'a' + (i + i / 4096) % 26, so a lost or repeated stretch shows.
 */
#include "guest-uart.h"

#define FLOOD_BYTES (10u << 20)
#define FINISHER    ((volatile uint32_t *)0x100000)

int main(void)
{
	for (uint32_t i = 0; i < FLOOD_BYTES; i++)
		putc_(i % 64 == 63 ? '\n' : 'a' + (i + i / 4096) % 26);
	*FINISHER = 0x5555; /* FINISHER_PASS */
	return 0;
}

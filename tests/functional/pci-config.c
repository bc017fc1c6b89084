// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A bare-metal guest for -M virt that prints the configuration space of every PCI function as
 * firmware first finds it, through the ECAM at 0x30000000: bus 0, then the bus behind each
 * bridge (numbered 1, 2, ... as it is found). Each non-zero dword is a line "bus:dev.fn offset
 * value"; then "done". Nothing is programmed but bridge bus numbers, so two emulators of the
 * same command line print the same lines.
 */
#include "guest-uart.h"

#define ECAM 0x30000000UL

static volatile uint32_t *cfg(unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
	return (volatile uint32_t *)(ECAM + ((uint64_t)bus << 20 | dev << 15 | fn << 12 | off));
}

static unsigned next_bus = 1;

static void dump(unsigned bus, unsigned dev, unsigned fn)
{
	for (unsigned off = 0; off < 0x1000; off += 4) {
		uint32_t v = *cfg(bus, dev, fn, off);

		if (!v)
			continue;
		hex(bus, 2);
		putc_(':');
		hex(dev, 2);
		putc_('.');
		hex(fn, 1);
		putc_(' ');
		hex(off, 3);
		putc_(' ');
		hex(v, 8);
		putc_('\n');
	}
}

static void scan(unsigned bus)
{
	for (unsigned dev = 0; dev < 32; dev++) {
		for (unsigned fn = 0; fn < 8; fn++) {
			uint32_t id = *cfg(bus, dev, fn, 0);
			uint8_t type;

			if (id == 0xffffffff) {
				if (fn == 0)
					break;
				continue;
			}
			type = *cfg(bus, dev, fn, 0xc) >> 16;
			if ((type & 0x7f) == 1) { /* a bridge: give it the next bus number */
				unsigned sec = next_bus++;

				*cfg(bus, dev, fn, 0x18) = bus | sec << 8 | sec << 16;
				dump(bus, dev, fn);
				scan(sec);
			} else {
				dump(bus, dev, fn);
			}
			if (fn == 0 && !(type & 0x80))
				break; /* single-function device */
		}
	}
}

int main(void)
{
	scan(0);
	puts_("done\n");
	*(volatile uint32_t *)0x100000 = 0x5555;
	for (;;)
		;
}

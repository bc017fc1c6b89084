// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A bare-metal guest that drives the virt board's second CFI flash bank (0x22000000, two x16
 * Intel/Sharp devices side by side) through every command it has and prints what it reads back,
 * so a run can be compared line by line with QEMU's and the image files compared afterwards.
 * Needs a 32 MiB image on -drive if=pflash,unit=1 (written: blocks 1-3 and 127 change).
 */
#include <stdint.h>
#include "guest-uart.h"

#define FLASH	 0x22000000ul
#define SECTOR	 0x40000ul /* 256 KiB: two devices' 128 KiB blocks */

static volatile uint32_t *w32(unsigned long off)
{
	return (volatile uint32_t *)(FLASH + off);
}

static void cmd(unsigned long off, uint32_t c)
{
	*w32(off) = c * 0x00010001u; /* the same command to both devices */
}

static void show(const char *what, uint64_t v, int digits)
{
	puts_(what);
	putc_(' ');
	hex(v, digits);
	putc_('\n');
}

static void show32(const char *what, unsigned long off)
{
	show(what, *w32(off), 8);
}

/* The CFI table as 32-bit reads, and narrower reads of its start. */
static void cfi_query(void)
{
	cmd(0x55 * 4, 0x98);
	puts_("cfi");
	for (unsigned i = 0; i < 0x50; i++) {
		putc_(i % 8 ? ' ' : '\n');
		hex(*w32(i * 4), 8);
	}
	putc_('\n');
	show("cfi8 10", *(volatile uint8_t *)(FLASH + 0x40), 2);
	show("cfi8 11", *(volatile uint8_t *)(FLASH + 0x41), 2);
	show("cfi16 12", *(volatile uint16_t *)(FLASH + 0x48), 4);
	show("cfi16 13", *(volatile uint16_t *)(FLASH + 0x4e), 4);
	show("cfi64 10", *(volatile uint64_t *)(FLASH + 0x40), 16);
	cmd(0, 0xff);
}

static void read_id(void)
{
	cmd(0, 0x90);
	for (unsigned i = 0; i < 6; i++)
		show32("id", i * 4);
	show32("id block1 lock", SECTOR + 2 * 4);
	cmd(0, 0xff);
}

/* Word 1: its array contents (0x01010101 in the test image) tell array mode from status. */
static void status(const char *what)
{
	show32(what, 4);
}

static void program_word(unsigned long off, uint32_t val)
{
	cmd(off, 0x40);
	*w32(off) = val;
	status("program status");
	cmd(0, 0xff);
}

static void erase_block(unsigned long off)
{
	cmd(off, 0x20);
	cmd(off, 0xd0);
	status("erase status");
	cmd(0, 0xff);
}

/* count words from val up, through the write buffer, confirmed. */
static void buffer_write(unsigned long off, unsigned count, uint32_t val)
{
	cmd(off, 0xe8);
	status("buffer ready");
	cmd(off, count - 1);
	for (unsigned i = 0; i < count; i++)
		*w32(off + 4 * i) = val + i;
	cmd(off, 0xd0);
	status("buffer status");
	cmd(0, 0xff);
}

static void dump(const char *what, unsigned long off, unsigned words)
{
	puts_(what);
	for (unsigned i = 0; i < words; i++) {
		putc_(' ');
		hex(*w32(off + 4 * i), 8);
	}
	putc_('\n');
}

int main(void)
{
	puts_("pflash test\n");
	dump("array", 0, 4);
	cfi_query();
	read_id();
	dump("array again", 0, 4);

	/* status register reads in every width */
	cmd(0, 0x70);
	show("status8", *(volatile uint8_t *)FLASH, 2);
	show("status16", *(volatile uint16_t *)FLASH, 4);
	show("status32", *w32(0), 8);
	show("status64", *(volatile uint64_t *)FLASH, 16);
	cmd(0, 0x50);
	status("cleared");
	cmd(0, 0xff);

	erase_block(SECTOR);
	dump("erased", SECTOR, 4);
	dump("erased end", 2 * SECTOR - 8, 4);
	program_word(SECTOR + 8, 0x12345678);
	program_word(SECTOR + 12, 0xfffff0f0);
	dump("programmed", SECTOR, 4);
	/* programming can only clear bits: a second program ANDs in real flash */
	program_word(SECTOR + 12, 0x0f0fffff);
	dump("programmed twice", SECTOR, 4);

	erase_block(2 * SECTOR);
	buffer_write(2 * SECTOR + 0x40, 16, 0xa0b0c000);
	dump("buffered", 2 * SECTOR + 0x38, 20);

	/* an erase that is not confirmed */
	erase_block(3 * SECTOR);
	program_word(3 * SECTOR, 0x11111111);
	cmd(3 * SECTOR, 0x20);
	cmd(3 * SECTOR, 0xff);
	status("unconfirmed erase");
	dump("after unconfirmed", 3 * SECTOR, 2);

	/* lock, unlock: accepted, nothing is locked */
	cmd(SECTOR, 0x60);
	cmd(SECTOR, 0x01);
	status("lock status");
	cmd(SECTOR, 0x60);
	cmd(SECTOR, 0xd0);
	status("unlock status");
	cmd(0, 0xff);

	/* 8-bit and 16-bit writes of commands */
	*(volatile uint8_t *)FLASH = 0x98;
	show("cfi after 8-bit cmd", *w32(0x10 * 4), 8);
	*(volatile uint16_t *)FLASH = 0xff;
	dump("array after 16-bit cmd", 0, 1);

	/* unknown command: back to array mode */
	cmd(0, 0x42);
	dump("after unknown", 0, 2);
	cmd(0, 0x70);
	status("status after unknown");
	cmd(0, 0xff);

	/* buffer write crossing a block, with a wrong confirm */
	cmd(127 * SECTOR, 0x20);
	cmd(127 * SECTOR, 0xd0);
	cmd(0, 0xff);
	buffer_write(127 * SECTOR - 8, 4, 0x55aa0000);
	dump("crossing", 127 * SECTOR - 16, 6);
	cmd(127 * SECTOR, 0xe8);
	cmd(127 * SECTOR, 0);
	*w32(127 * SECTOR) = 0;
	cmd(127 * SECTOR, 0x77);
	status("bad confirm");
	cmd(0, 0x50);
	cmd(0, 0xff);
	dump("after bad confirm", 127 * SECTOR, 1);
	puts_("done\n");
	*(volatile uint32_t *)0x100000 = 0x5555; /* the test finisher: pass */
	return 0;
}
